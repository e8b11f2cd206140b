package io.dorsal.rig.sim;

import com.pi4j.context.Context;
import io.dorsal.rig.amplitude.Mcp4822;
import java.util.function.UnaryOperator;

/**
 * An MCP4822 on the simulated SPI bus: it decodes each 16-bit write as the part does and holds each DAC's code, gain
 * and shutdown state, so a simulated front end can drive the current the code sets. Words with a wrong length are
 * counted and ignored, as the part ignores a transfer that is not 16 clocks. Thread safe (writes and reads may come
 * from the rig's thread and a test's).
 */
public final class SimulatedMcp4822 implements UnaryOperator<byte[]> {

    private final int[] code = new int[Mcp4822.CHANNELS];
    private final int[] gain = {2, 2};
    private final boolean[] active = new boolean[Mcp4822.CHANNELS];
    private int writes;
    private int malformed;

    /** Puts a new simulated MCP4822 at a chip select of the context's simulated SPI provider. */
    public static SimulatedMcp4822 attach(Context pi4j, int chipSelect) {
        SimulatedMcp4822 dac = new SimulatedMcp4822();
        pi4j.providers().get(SimulatedSpiProvider.ID, SimulatedSpiProvider.class).answerWith(chipSelect, dac);
        return dac;
    }

    /** The simulated MCP4822 at a chip select, put there now if there is none yet. */
    public static SimulatedMcp4822 at(Context pi4j, int chipSelect) {
        SimulatedSpiProvider spi = pi4j.providers().get(SimulatedSpiProvider.ID, SimulatedSpiProvider.class);
        return spi.deviceAt(chipSelect).filter(SimulatedMcp4822.class::isInstance).map(SimulatedMcp4822.class::cast)
                .orElseGet(() -> attach(pi4j, chipSelect));
    }

    @Override
    public byte[] apply(byte[] request) {
        receive(request);
        return new byte[request.length];
    }

    synchronized void receive(byte[] request) {
        if (request.length != 2) {
            malformed++;
            return;
        }
        int word = ((request[0] & 0xFF) << 8) | (request[1] & 0xFF);
        int channel = Mcp4822.channelOf(word);
        code[channel] = Mcp4822.codeOf(word);
        gain[channel] = Mcp4822.gainOf(word);
        active[channel] = Mcp4822.activeOf(word);
        writes++;
    }

    /** A DAC's code (0 to 4095) as last written. */
    public synchronized int code(int channel) {
        return code[channel];
    }

    /** A DAC's code while its output is active, else 0 (shut down: no output). */
    public synchronized int activeCode(int channel) {
        return active[channel] ? code[channel] : 0;
    }

    /** A DAC's output voltage: its code at its gain, or 0 V while shut down. */
    public synchronized double outputV(int channel) {
        return active[channel] ? Mcp4822.outputV(code[channel], gain[channel]) : 0.0;
    }

    /** Writes taken. */
    public synchronized int writes() {
        return writes;
    }

    /** Transfers ignored because they were not one 16-bit word. */
    public synchronized int malformed() {
        return malformed;
    }
}
