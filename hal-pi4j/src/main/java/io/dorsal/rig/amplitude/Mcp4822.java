package io.dorsal.rig.amplitude;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;

/**
 * The MCP4822, a dual 12-bit voltage DAC with an internal 2.048 V reference on SPI (Microchip DS22249A, section 5,
 * register 5-1): each write is one 16-bit word, MSB first, in SPI mode 0,0 or 1,1: bit 15 selects DAC A (0) or B (1),
 * bit 13 the gain (1: 1x, so {@code VOUT = 2.048 V x D / 4096}; 0: 2x), bit 12 shutdown (1: output active; 0: output
 * off, pulled to ground through about 500 kOhm), bits 11 to 0 the code. The output is latched when chip select rises
 * (with LDAC tied low) and settles in about 4.5 us. The part cannot be read back. Not thread safe; a write allocates
 * nothing in our code.
 */
public final class Mcp4822 {

    /** Codes of the 12-bit converter: 0 to 4095. */
    public static final int MAX_CODE = 4095;
    /** The internal reference, in V. */
    public static final double VREF_V = 2.048;
    /** SPI clock: 10 MHz, half the part's 20 MHz limit; a word takes 1.6 us on the wire. */
    public static final int BAUD = 10_000_000;
    /** DAC A and DAC B. */
    public static final int CHANNELS = 2;

    private static final int CHANNEL_B = 1 << 15;
    private static final int GAIN_1X = 1 << 13;
    private static final int ACTIVE = 1 << 12;

    private final Spi spi;
    private final int gainBit;
    private final int gain;
    private final byte[] word = new byte[2];

    /**
     * @param spi  the SPI device the part sits on
     * @param gain the output gain, 1 (full scale 2.048 V) or 2 (4.096 V; needs a 5 V supply)
     */
    public Mcp4822(Spi spi, int gain) {
        if (gain != 1 && gain != 2) {
            throw new IllegalArgumentException("gain must be 1 or 2, was " + gain);
        }
        this.spi = spi;
        this.gain = gain;
        this.gainBit = gain == 1 ? GAIN_1X : 0;
    }

    /** The Pi4J registry id of the part at a chip select. */
    public static String deviceId(int chipSelect) {
        return "dorsal-dac-" + chipSelect;
    }

    /** Opens the part on SPI0 at a chip select, mode 0. */
    public static Mcp4822 open(Context pi4j, int chipSelect, int gain) {
        return new Mcp4822(pi4j.create(Spi.newConfigBuilder(pi4j).id(deviceId(chipSelect))
                .name("DAC on CE" + chipSelect).bus(SpiBus.BUS_0).channel(chipSelect).mode(SpiMode.MODE_0).baud(BAUD)
                .build()), gain);
    }

    /** Sets one DAC's code (its output active). */
    public void write(int channel, int code) {
        if (channel < 0 || channel >= CHANNELS || code < 0 || code > MAX_CODE) {
            throw new IllegalArgumentException("DAC " + channel + " code " + code + ": channels 0 and 1, codes 0 to "
                    + MAX_CODE);
        }
        send((channel == 1 ? CHANNEL_B : 0) | gainBit | ACTIVE | code);
    }

    /** Shuts one DAC's output down (its output pulled to ground). */
    public void shutdown(int channel) {
        send((channel == 1 ? CHANNEL_B : 0) | gainBit);
    }

    /** The gain the part is written with. */
    public int gain() {
        return gain;
    }

    /** The voltage a code gives at a gain. */
    public static double outputV(int code, int gain) {
        return VREF_V * gain * code / (MAX_CODE + 1);
    }

    private void send(int value) {
        word[0] = (byte) (value >>> 8);
        word[1] = (byte) value;
        spi.write(word, 0, 2);
    }

    // ------------------------------------------------------------------------------------------------
    // the word as the part decodes it (for simulated parts)

    /** The DAC a word addresses (0: A, 1: B). */
    public static int channelOf(int word) {
        return (word & CHANNEL_B) != 0 ? 1 : 0;
    }

    /** The gain a word sets. */
    public static int gainOf(int word) {
        return (word & GAIN_1X) != 0 ? 1 : 2;
    }

    /** Whether a word leaves the output active (not shut down). */
    public static boolean activeOf(int word) {
        return (word & ACTIVE) != 0;
    }

    /** The code a word carries. */
    public static int codeOf(int word) {
        return word & MAX_CODE;
    }
}
