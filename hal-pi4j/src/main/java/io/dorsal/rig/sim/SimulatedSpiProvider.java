package io.dorsal.rig.sim;

import com.pi4j.io.spi.Spi;
import com.pi4j.io.spi.SpiBase;
import com.pi4j.io.spi.SpiConfig;
import com.pi4j.io.spi.SpiProvider;
import com.pi4j.io.spi.SpiProviderBase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * A Pi4J SPI provider whose devices are simulated: every transfer is answered by a function of the bytes sent (set
 * with {@link #answerWith}, for every chip select or one; until then every reply is zeros), so an ADC on one chip
 * select and a DAC on the other each see their own transfers. Pi4J's own mock SPI only loops bytes back, which cannot
 * stand in for an ADC.
 */
public final class SimulatedSpiProvider extends SpiProviderBase {

    /** The provider's id in a Pi4J context. */
    public static final String ID = "dorsal-simulated-spi";

    private volatile UnaryOperator<byte[]> device = request -> new byte[request.length];
    private final Map<Integer, UnaryOperator<byte[]>> byChipSelect = new ConcurrentHashMap<>();

    public SimulatedSpiProvider() {
        super(ID, "Dorsal simulated SPI");
    }

    /** Makes every device on this provider answer with a function of the request bytes. */
    public void answerWith(UnaryOperator<byte[]> newDevice) {
        device = newDevice;
    }

    /** Makes the device at one chip select answer with a function of the request bytes (before any for-all device). */
    public void answerWith(int chipSelect, UnaryOperator<byte[]> newDevice) {
        byChipSelect.put(chipSelect, newDevice);
    }

    /** The device answering at a chip select, if one was put there with {@link #answerWith(int, UnaryOperator)}. */
    public java.util.Optional<UnaryOperator<byte[]>> deviceAt(int chipSelect) {
        return java.util.Optional.ofNullable(byChipSelect.get(chipSelect));
    }

    private UnaryOperator<byte[]> deviceAt(Integer chipSelect) {
        UnaryOperator<byte[]> own = chipSelect == null ? null : byChipSelect.get(chipSelect);
        return own != null ? own : device;
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
            byte[] reply = deviceAt(config().channel()).apply(request);
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
