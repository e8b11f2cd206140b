package io.dorsal.core.schedule;

/**
 * A cursor over a {@link PulseTable} that emits every program's phases in time order: the firmware's
 * heartbeat. Which phase comes next is a pure function of the table, the start time and the time now.
 *
 * <p>Each step is O(programs) with at most four programs, and allocates nothing, takes no lock, logs
 * nothing and throws nothing: all state lives in primitive arrays sized when the scheduler is made. Periods
 * are whole (cycling off-times skip them whole), so every period that starts is delivered to its end and its
 * charge is balanced.
 *
 * <p>Not thread safe: one thread (the real-time runner, or a simulation) owns a scheduler.
 */
public final class PulseScheduler {

    /** Sentinel time: no further event. */
    public static final long NO_EVENT = Long.MAX_VALUE;

    private final PulseTable table;
    private long originNs;
    private final PhaseEvent event;
    private final long[] periodIndex;
    private final long[] periodStartNs;
    private final int[] cursor;
    private final double[] scale;
    private final long[] nextStartNs;
    private long stopAtNs = NO_EVENT;
    private long startedPeriodsEndNs;

    /**
     * A scheduler whose therapy starts at {@code originNs} on the caller's clock.
     */
    public PulseScheduler(PulseTable table, long originNs) {
        this.table = table;
        this.originNs = originNs;
        this.event = new PhaseEvent(table);
        int programs = table.programCount();
        periodIndex = new long[programs];
        periodStartNs = new long[programs];
        cursor = new int[programs];
        scale = new double[programs];
        nextStartNs = new long[programs];
        restart(originNs);
    }

    /**
     * Starts the therapy over at {@code originNs}: every program at its first period, no stop pending.
     * Allocation-free, so the real-time thread can start a scheduler prepared elsewhere.
     */
    public void restart(long originNs) {
        this.originNs = originNs;
        this.stopAtNs = NO_EVENT;
        this.startedPeriodsEndNs = originNs;
        for (int p = 0; p < nextStartNs.length; p++) {
            startPeriod(p, 0);
        }
    }

    public PulseTable table() {
        return table;
    }

    /** When the therapy started, on the caller's clock. */
    public long originNs() {
        return originNs;
    }

    /** The start of the next phase to emit, or {@link #NO_EVENT}. */
    public long nextEventNs() {
        long earliest = NO_EVENT;
        for (int p = 0; p < nextStartNs.length; p++) {
            if (nextStartNs[p] < earliest) {
                earliest = nextStartNs[p];
            }
        }
        return earliest;
    }

    /**
     * Emits, in time order, every phase that starts at or before {@code nowNs}, at most {@code limit} of them.
     *
     * @return how many phases were emitted
     */
    public int poll(long nowNs, PhaseSink sink, int limit) {
        int emitted = 0;
        while (emitted < limit) {
            int p = earliestProgram();
            if (p < 0 || nextStartNs[p] > nowNs) {
                break;
            }
            event.set(nextStartNs[p], p, cursor[p], scale[p]);
            if (cursor[p] == table.phaseFrom(p)) {
                startedPeriodsEndNs = Math.max(startedPeriodsEndNs, periodStartNs[p] + table.periodNs(p));
            }
            advance(p);
            sink.onPhase(event);
            emitted++;
        }
        return emitted;
    }

    /**
     * Moves to the first phase that starts at or after {@code timeNs} (a preview window's start). Phases
     * before it are skipped without being emitted.
     */
    public void seek(long timeNs) {
        long sinceStart = timeNs - originNs;
        for (int p = 0; p < nextStartNs.length; p++) {
            long k = Math.max(0, Math.floorDiv(sinceStart - table.offsetNs(p), table.periodNs(p)));
            startPeriod(p, k);
            while (nextStartNs[p] < timeNs) {
                advance(p);
            }
            if (cursor[p] != table.phaseFrom(p)) {
                startedPeriodsEndNs = Math.max(startedPeriodsEndNs, periodStartNs[p] + table.periodNs(p));
            }
        }
    }

    /**
     * No period starts at or after {@code atNs}; periods already started run to their end, so that charge
     * stays balanced. Used to hand over to a new therapy at a pulse boundary.
     */
    public void stopStartingAt(long atNs) {
        stopAtNs = Math.min(stopAtNs, atNs);
        for (int p = 0; p < nextStartNs.length; p++) {
            if (cursor[p] == table.phaseFrom(p) && periodStartNs[p] >= stopAtNs) {
                nextStartNs[p] = NO_EVENT;
            }
        }
    }

    /** Whether no phase is left to emit (after a stop, once every started period has emitted its phases). */
    public boolean finished() {
        return nextEventNs() == NO_EVENT;
    }

    /**
     * The end of the latest period that has begun (emitted a phase): the first time a following therapy may start
     * without cutting a period of this one short, so that no pulse comes sooner than its rate allows. The origin
     * while no period has begun.
     */
    public long startedPeriodsEndNs() {
        return startedPeriodsEndNs;
    }


    private int earliestProgram() {
        int best = -1;
        long earliest = NO_EVENT;
        for (int p = 0; p < nextStartNs.length; p++) {
            if (nextStartNs[p] < earliest) {
                earliest = nextStartNs[p];
                best = p;
            }
        }
        return best;
    }

    private void advance(int p) {
        int next = cursor[p] + 1;
        if (next < table.phaseTo(p)) {
            cursor[p] = next;
            nextStartNs[p] = periodStartNs[p] + table.phaseOffsetNs(next);
        } else {
            startPeriod(p, periodIndex[p] + 1);
        }
    }

    /** Positions program p at its first period with index >= k that falls in a cycling on-time. */
    private void startPeriod(int p, long k) {
        long periodNs = table.periodNs(p);
        long offsetNs = table.offsetNs(p);
        long sinceStart = offsetNs + k * periodNs;
        if (table.cycles(p)) {
            long cycleNs = table.cycleOnNs(p) + table.cycleOffNs(p);
            long inCycle = Math.floorMod(sinceStart, cycleNs);
            if (inCycle >= table.cycleOnNs(p)) {
                long nextOn = sinceStart - inCycle + cycleNs;
                k = Math.floorDiv(nextOn - offsetNs + periodNs - 1, periodNs);
                sinceStart = offsetNs + k * periodNs;
            }
        }
        long startNs = originNs + sinceStart;
        periodIndex[p] = k;
        periodStartNs[p] = startNs;
        cursor[p] = table.phaseFrom(p);
        if (startNs >= stopAtNs) {
            nextStartNs[p] = NO_EVENT;
            return;
        }
        int full = table.amplitudeUa(p);
        scale[p] = full == 0 ? 1.0 : table.amplitudeUaAt(p, sinceStart) / (double) full;
        nextStartNs[p] = startNs + table.phaseOffsetNs(cursor[p]);
    }
}
