package io.dorsal.rig.pins;

/**
 * The part that sets a current source's amplitude (docs/bench-rig.md, "Setting the amplitude"): an SPI DAC, the
 * default, or a hardware PWM channel through an RC filter, the low-cost option. Its settings run from 0 to
 * {@link #steps()}; the source's calibration maps each to a current.
 */
public sealed interface AmplitudeControl {

    /** The highest setting. */
    int steps();

    /**
     * One DAC of an MCP4822 on SPI0.
     *
     * @param chipSelect SPI0's chip select the part is on (0 or 1)
     * @param channel    its DAC: 0 (A) or 1 (B)
     * @param gain       the output gain, 1 (2.048 V full scale) or 2 (4.096 V)
     */
    record Dac(int chipSelect, int channel, int gain) implements AmplitudeControl {

        /** Codes of the 12-bit converter: 0 to 4095. */
        public static final int STEPS = 4095;

        @Override
        public int steps() {
            return STEPS;
        }
    }

    /**
     * A hardware PWM channel; the setting is its duty in whole percent (Pi4J's resolution).
     *
     * @param channel     the hardware PWM channel (0 or 1 on a Pi 4, 0 to 3 on a Pi 5)
     * @param bcm         the GPIO the channel comes out on (12, 13, 18 or 19)
     * @param frequencyHz the PWM carrier frequency
     */
    record Pwm(int channel, int bcm, int frequencyHz) implements AmplitudeControl {

        /** Duty steps a PWM channel takes through Pi4J. */
        public static final int STEPS = 100;

        @Override
        public int steps() {
            return STEPS;
        }
    }
}
