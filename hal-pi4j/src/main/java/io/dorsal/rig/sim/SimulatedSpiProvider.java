package io.dorsal.rig.sim;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;
import java.util.function.UnaryOperator;

/**
 * A Pi4J SPI provider whose devices are simulated: every transfer is answered by a function of the bytes sent (set
 * with {@link #answerWith}; until then every reply is zeros). Pi4J's own mock SPI only loops bytes back, which cannot
 * stand in for an ADC.
 */
public final class SimulatedSpiProvider extends SpiProviderBase {

    /** The provider's id in a Pi4J context. */
    public static final String ID = "dorsal-simulated-spi";

    private volatile UnaryOperator<byte[]> device = request -> new byte[request.length];

    public SimulatedSpiProvider() {
        super(ID, "Dorsal simulated SPI");
    }

    /** Makes every device on this provider answer with a function of the request bytes. */
    public void answerWith(UnaryOperator<byte[]> newDevice) {
        device = newDevice;
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public Spi create(SpiConfig config) {
        SimulatedSpi spi = new SimulatedSpi(this, config);
        context().registry().add(spi);
        return spi;
    }

    private final class SimulatedSpi extends SpiBase {

        SimulatedSpi(SpiProvider provider, SpiConfig config) {
            super(provider, config);
        }

        @Override
        public int transfer(byte[] write, int writeOffset, byte[] read, int readOffset, int numberOfBytes) {
            byte[] request = new byte[numberOfBytes];
            System.arraycopy(write, writeOffset, request, 0, numberOfBytes);
            byte[] reply = device.apply(request);
            System.arraycopy(reply, 0, read, readOffset, numberOfBytes);
            return numberOfBytes;
        }

        @Override
        public int write(byte b) {
            return transfer(new byte[] {b}, 0, new byte[1], 0, 1);
        }

        @Override
        public int write(byte[] data, int offset, int length) {
            return transfer(data, offset, new byte[length], 0, length);
        }

        @Override
        public int read() {
            byte[] in = new byte[1];
            transfer(new byte[1], 0, in, 0, 1);
            return in[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return transfer(new byte[length], 0, buffer, offset, length);
        }
    }
}
