package io.dorsal.rig.amplitude;

/** A source set by one channel of an {@link Mcp4822}: the setting is the DAC code. Not thread safe. */
public final class DacAmplitude implements AmplitudeOutput {

    private final Mcp4822 dac;
    private final int channel;
    private int code;

    public DacAmplitude(Mcp4822 dac, int channel) {
        this.dac = dac;
        this.channel = channel;
    }

    @Override
    public void set(int setting) {
        dac.write(channel, setting);
        code = setting;
    }

    @Override
    public int setting() {
        return code;
    }

    @Override
    public int steps() {
        return Mcp4822.MAX_CODE;
    }
}
