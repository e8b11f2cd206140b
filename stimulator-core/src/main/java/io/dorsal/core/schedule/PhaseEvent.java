package io.dorsal.core.schedule;

/**
 * One phase as the scheduler emits it: a reused flyweight over the pulse table, valid only during the
 * {@link PhaseSink#onPhase} call. Not thread safe. Allocation-free.
 */
public final class PhaseEvent {

    private final PulseTable table;
    private long startNs;
    /** Program, phase and whether the phase opens its period, packed as in {@link HyperperiodSequence}. */
    private int code;
    private double amplitudeScale;

    PhaseEvent(PulseTable table) {
        this.table = table;
    }

    void set(long startNs, int program, int phase, boolean opensPeriod, double amplitudeScale) {
        this.startNs = startNs;
        this.code = HyperperiodSequence.code(program, phase, opensPeriod);
        this.amplitudeScale = amplitudeScale;
    }

    /** A steady step: the time and the sequence's code; the scale stays as {@link #fullScale} left it. */
    void set(long startNs, int code) {
        this.startNs = startNs;
        this.code = code;
    }

    /** A recorded phase emitted again ({@link RecordedPhases}): the time, the sequence's code and the scale. */
    void set(long startNs, int code, double amplitudeScale) {
        this.startNs = startNs;
        this.code = code;
        this.amplitudeScale = amplitudeScale;
    }

    /** Every phase from here on at the programmed amplitude, until the next {@link #set(long, int, int, boolean, double)}. */
    void fullScale() {
        this.amplitudeScale = 1.0;
    }

    /**
     * Hands this phase to {@code to} with its currents multiplied by {@code factor} (the generator's closed loop sets
     * a period's current this way, between the scheduler and the output stage), then restores the scale: the
     * scheduler's next phase is unaffected. Allocation-free.
     */
    public void deliverScaled(double factor, PhaseSink to) {
        double scheduled = amplitudeScale;
        amplitudeScale = scheduled * factor;
        try {
            to.onPhase(this);
        } finally {
            amplitudeScale = scheduled;
        }
    }

    public PulseTable table() {
        return table;
    }

    /** When the phase starts, on the scheduler's clock. */
    public long startNs() {
        return startNs;
    }

    public long durationNs() {
        return table.phaseDurationNs(phase());
    }

    public long endNs() {
        return startNs + table.phaseDurationNs(phase());
    }

    /** The program's index in the table. */
    public int program() {
        return HyperperiodSequence.program(code);
    }

    /** The phase's index in the table. */
    public int phase() {
        return HyperperiodSequence.phase(code);
    }

    /** Whether this is the first phase of its program's period (the period's charge and end are decided here). */
    public boolean opensPeriod() {
        return code < 0;
    }

    public PhaseKind kind() {
        return table.phaseKind(phase());
    }

    /** The delivered amplitude over the programmed one: below 1 while ramping. */
    public double amplitudeScale() {
        return amplitudeScale;
    }

    /** How many contacts carry current in this phase. */
    public int channelCount() {
        return table.channelCount(program());
    }

    /** The contact index (into the table's contact list) of a channel. */
    public int contact(int channel) {
        return table.channelContact(program(), channel);
    }

    /** The signed current of a channel in this phase, ramp included, in uA; negative is cathodic. */
    public double currentUa(int channel) {
        return table.phaseCurrentUa(phase(), channel) * amplitudeScale;
    }
}
