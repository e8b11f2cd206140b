package io.dorsal.rig.pins;

/**
 * The level each GPIO sits at from power-on until the rig's program drives it: every pin is an input with its
 * default pull enabled, so a line reads as its pull. On BCM2835/BCM2711 (Raspberry Pi 1 to 4) GPIO0 to 8 are pulled
 * high and GPIO9 to 27 pulled low (BCM2711 ARM Peripherals, section 5.3 "Alternative Function Assignments", column
 * "Pull"; the same in the BCM2835 ARM Peripherals, section 6.2, table 6-31); GPIO2 and 3 also carry the board's
 * 1.8 kOhm pull-ups to 3V3. A line whose safe level differs from its boot level is weakly active before the JVM
 * runs, so a pin map refuses it (docs/bench-rig.md, "Pins that are safe at boot").
 */
public final class BootLevels {

    /** The highest GPIO that is pulled high at boot. */
    public static final int LAST_PULLED_HIGH_BCM = 8;

    private BootLevels() {
    }

    /** The level (0 or 1) a GPIO reads from power-on until it is driven. */
    public static int bootLevel(int bcm) {
        return bcm <= LAST_PULLED_HIGH_BCM ? 1 : 0;
    }
}
