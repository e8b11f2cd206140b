package io.dorsal.rig.sense;

import com.pi4j.context.Context;
import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBus;
import com.pi4j.io.spi.SpiMode;

/**
 * The MCP3008, an 8-channel 10-bit SPI ADC (Microchip DS21295): a single-ended conversion is one 3-byte transfer,
 * start bit, then {@code 1 ccc} (single-ended, channel) in the top nibble of the second byte; the code comes back in
 * the low 2 bits of the second byte and the third byte. Not thread safe; allocation-free after construction.
 */
public final class Mcp3008 {

    /** SPI clock: 1 MHz is inside the part's limit at 2.7 V (1.35 MHz), so a conversion takes 24 us. */
    public static final int BAUD = 1_000_000;
    private static final int START = 0x01;
    private static final int SINGLE_ENDED = 0x80;

    private final Spi spi;
    private final byte[] tx = new byte[3];
    private final byte[] rx = new byte[3];

    public Mcp3008(Spi spi) {
        this.spi = spi;
    }

    /** Opens the ADC on SPI0 at a chip select, mode 0. */
    public static Mcp3008 open(Context pi4j, int chipSelect) {
        return new Mcp3008(pi4j.create(Spi.newConfigBuilder(pi4j).id("dorsal-adc").name("ADC")
                .bus(SpiBus.BUS_0).channel(chipSelect)
                .mode(SpiMode.MODE_0).baud(BAUD).build()));
    }

    /** One single-ended conversion of a channel (0 to 7): the code, 0 to 1023. */
    public int read(int channel) {
        tx[0] = START;
        tx[1] = (byte) (SINGLE_ENDED | (channel << 4));
        tx[2] = 0;
        spi.transfer(tx, rx, tx.length);
        return ((rx[1] & 0x03) << 8) | (rx[2] & 0xFF);
    }

    /** The conversion request a controller sends for a channel, as this driver sends it (for simulated devices). */
    public static int channelOf(byte[] request) {
        return (request[1] >> 4) & 0x07;
    }

    /** The reply bytes that carry a code, as the part answers a 3-byte request. */
    public static void answer(int code, byte[] reply) {
        reply[0] = 0;
        reply[1] = (byte) ((code >> 8) & 0x03);
        reply[2] = (byte) (code & 0xFF);
    }
}
