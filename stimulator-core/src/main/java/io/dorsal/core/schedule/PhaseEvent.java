package io.dorsal.core.schedule;

/**
 * One phase as the scheduler emits it: a reused flyweight over the pulse table, valid only during the
 * {@link PhaseSink#onPhase} call. Not thread safe. Allocation-free.
 */
public final class PhaseEvent {

    private final PulseTable table;
    private long startNs;
    private int program;
    private int phase;
    private double amplitudeScale;

    PhaseEvent(PulseTable table) {
        this.table = table;
    }

    void set(long startNs, int program, int phase, double amplitudeScale) {
        this.startNs = startNs;
        this.program = program;
        this.phase = phase;
        this.amplitudeScale = amplitudeScale;
    }

    public PulseTable table() {
        return table;
    }

    /** When the phase starts, on the scheduler's clock. */
    public long startNs() {
        return startNs;
    }

    public long durationNs() {
        return table.phaseDurationNs(phase);
    }

    public long endNs() {
        return startNs + table.phaseDurationNs(phase);
    }

    /** The program's index in the table. */
    public int program() {
        return program;
    }

    /** The phase's index in the table. */
    public int phase() {
        return phase;
    }

    public PhaseKind kind() {
        return table.phaseKind(phase);
    }

    /** The delivered amplitude over the programmed one: below 1 while ramping. */
    public double amplitudeScale() {
        return amplitudeScale;
    }

    /** How many contacts carry current in this phase. */
    public int channelCount() {
        return table.channelCount(program);
    }

    /** The contact index (into the table's contact list) of a channel. */
    public int contact(int channel) {
        return table.channelContact(program, channel);
    }

    /** The signed current of a channel in this phase, ramp included, in uA; negative is cathodic. */
    public double currentUa(int channel) {
        return table.phaseCurrentUa(phase, channel) * amplitudeScale;
    }
}
