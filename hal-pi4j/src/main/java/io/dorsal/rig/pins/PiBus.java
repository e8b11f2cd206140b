package io.dorsal.rig.pins;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Raspberry Pi's serial buses on the 40-pin header (BCM numbering) and the GPIOs each takes while it is in use.
 * A rig line on one of those pins would fight the bus (or, for the UART, be toggled by the serial console), so a pin
 * map refuses it while the bus is in use.
 */
public enum PiBus {
    /** The primary I2C bus (SDA1, SCL1), with 1.8 kOhm pull-ups to 3V3 on the board. */
    I2C1(List.of(2, 3), List.of("SDA1", "SCL1")),
    /** SPI0: MOSI, MISO, SCLK and the two chip selects CE0 and CE1; the rig's DAC and ADC sit on it. */
    SPI0(List.of(10, 9, 11, 8, 7), List.of("MOSI", "MISO", "SCLK", "CE0", "CE1")),
    /** SPI1 (auxiliary, off unless an overlay enables it). */
    SPI1(List.of(20, 19, 21, 18, 17, 16), List.of("MOSI", "MISO", "SCLK", "CE0", "CE1", "CE2")),
    /** The primary UART, where Raspberry Pi OS puts the serial console when it is enabled. */
    UART0(List.of(14, 15), List.of("TXD", "RXD"));

    private final List<Integer> bcm;
    private final List<String> signals;

    PiBus(List<Integer> bcm, List<String> signals) {
        this.bcm = bcm;
        this.signals = signals;
    }

    /** The GPIOs the bus takes, in the order of {@link #signals()}. */
    public List<Integer> bcm() {
        return bcm;
    }

    /** The signal names of the bus's pins. */
    public List<String> signals() {
        return signals;
    }

    /** The signal this bus puts on a GPIO, if it uses it. */
    public Optional<String> signalOn(int gpio) {
        int i = bcm.indexOf(gpio);
        return i < 0 ? Optional.empty() : Optional.of(signals.get(i));
    }

    /** The name used in pin maps: {@code i2c1}, {@code spi0}, {@code spi1}, {@code uart0}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The bus a pin map names, if any. */
    public static Optional<PiBus> byFileName(String name) {
        for (PiBus bus : values()) {
            if (bus.fileName().equals(name)) {
                return Optional.of(bus);
            }
        }
        return Optional.empty();
    }
}
