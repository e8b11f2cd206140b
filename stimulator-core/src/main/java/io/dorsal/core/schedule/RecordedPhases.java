package io.dorsal.core.schedule;

/**
 * The phases a scheduler emitted, recorded once and emitted again in a ring through the same {@link PhaseSink}
 * contract (the reused {@link PhaseEvent} and one call a phase): the least work any scheduler can do to hand a phase
 * to an output stage, since it decides nothing. It is the floor of the scheduler benchmark that goes through the
 * contract (docs/performance.md); nothing on the device uses it.
 */
public final class RecordedPhases {

    private final long[] startNs;
    private final int[] code;
    private final double[] amplitudeScale;
    private final int mask;
    private final PhaseEvent event;
    private int next;

    private RecordedPhases(PulseTable table, int count) {
        this.startNs = new long[count];
        this.code = new int[count];
        this.amplitudeScale = new double[count];
        this.mask = count - 1;
        this.event = new PhaseEvent(table);
    }

    /**
     * Records the first {@code count} phases of {@code table} from time 0.
     *
     * @param count a power of two (the ring wraps with a mask)
     * @throws IllegalArgumentException when {@code count} is not a power of two or the therapy emits fewer phases
     */
    public static RecordedPhases record(PulseTable table, int count) {
        if (count <= 0 || Integer.bitCount(count) != 1) {
            throw new IllegalArgumentException("count must be a power of two, got " + count);
        }
        RecordedPhases recorded = new RecordedPhases(table, count);
        int[] at = {0};
        int emitted = new PulseScheduler(table, 0).poll(Long.MAX_VALUE / 4, phase -> {
            int i = at[0]++;
            recorded.startNs[i] = phase.startNs();
            recorded.code[i] = HyperperiodSequence.code(phase.program(), phase.phase(), phase.opensPeriod());
            recorded.amplitudeScale[i] = phase.amplitudeScale();
        }, count);
        if (emitted != count) {
            throw new IllegalArgumentException("the therapy emitted " + emitted + " phases, not " + count);
        }
        return recorded;
    }

    /** Emits the next recorded phase (the first again after the last). */
    public void emitNext(PhaseSink sink) {
        int i = next;
        next = (i + 1) & mask;
        event.set(startNs[i], code[i], amplitudeScale[i]);
        sink.onPhase(event);
    }
}
