package io.dorsal.core.schedule;

/**
 * The merged phase sequence of every program over one hyperperiod (the least common multiple of the periods),
 * decided when the table is compiled so that the scheduler's step is an array read plus a frame's base time.
 * Immutable; built off the real-time thread.
 *
 * <p>Events are sorted by time and, at equal times, by program index: exactly the order in which the cursor
 * ({@link PulseScheduler} without a sequence) emits them. Times are relative to the start of a frame (the
 * therapy's origin plus a whole number of hyperperiods); a frame's first events may belong to a period that
 * began in the previous frame, and in the first frame to periods before the program's first (the scheduler
 * skips those).
 *
 * <p>Each event costs {@value #BYTES_PER_EVENT} bytes: its time and one int packing program, phase and whether
 * it opens its period (what a step reads), and the latest end of the periods opened up to it (read only when a
 * hand-over asks). The bound is {@value #MAX_EVENTS} events, {@value #MAX_BYTES} bytes: the whole
 * sequence then stays in the L2 cache of the Raspberry Pi 4 (1 MiB) and of any desktop core next to the
 * table, and building it (a linear merge) costs tens of microseconds, which a programmer may pay on every
 * edit. Every therapy of programs at rates that share a round base (tonic 40/50/100 Hz, 10 kHz with a tonic
 * program, BurstDR) fits; rates whose periods share no large divisor (say 47 and 53 Hz) do not, and keep the
 * cursor. Cycling is a slower dimension than the hyperperiod: the scheduler decides a cycling program's periods
 * (off in its off-time, ramped again after it), and when some programs cycle and others do not, the sequence also
 * holds the frame without the cycling programs' events ({@link #cyclingOff}: at most as many events again, plus a
 * 4-byte index into the full frame each), which the scheduler steps while they are all off. Tables in which a
 * program rises by the device's step each period after a change keep the cursor (a short transient, compiled only
 * for the hand-over).
 */
public final class HyperperiodSequence {

    /** The most events a sequence holds. */
    public static final int MAX_EVENTS = 4096;
    /** Bytes per event: an 8-byte time, a 4-byte code and the 8-byte end of the periods opened so far. */
    public static final int BYTES_PER_EVENT = 20;
    /** The most bytes a sequence's event arrays hold. */
    public static final int MAX_BYTES = MAX_EVENTS * BYTES_PER_EVENT;
    /** The most amplitude levels a program's ramp table holds (a ramp from 0 to 25.5 mA in 0.1 mA steps is 256). */
    public static final int MAX_RAMP_LEVELS = 1024;

    static final int PHASE_MASK = 0x00FF_FFFF;
    static final int PROGRAM_SHIFT = 24;
    static final int PROGRAM_MASK = 0x3F;
    /** Sign bit: the event opens its period. */
    static final int OPENS_PERIOD = 0x8000_0000;

    private final long hyperperiodNs;
    private final long[] eventNs;
    private final int[] eventCode;
    private final long[] openedEndNs;
    /** Where each event sits in the full sequence (null for the full sequence itself). */
    private final int[] fullIndex;
    /** The same frame with every cycling program's events left out, or null (no program cycles, or all do). */
    private final HyperperiodSequence cyclingOff;
    private final long[][] rampLevelFromNs;
    private final double[][] rampLevelScale;

    private HyperperiodSequence(long hyperperiodNs, long[] eventNs, int[] eventCode, long[] openedEndNs,
            int[] fullIndex, HyperperiodSequence cyclingOff, long[][] rampLevelFromNs, double[][] rampLevelScale) {
        this.hyperperiodNs = hyperperiodNs;
        this.eventNs = eventNs;
        this.eventCode = eventCode;
        this.openedEndNs = openedEndNs;
        this.fullIndex = fullIndex;
        this.cyclingOff = cyclingOff;
        this.rampLevelFromNs = rampLevelFromNs;
        this.rampLevelScale = rampLevelScale;
    }

    /**
     * The sequence of a table, or null when the table does not fit the bound (too many events in a hyperperiod,
     * a ramp of too many levels) or a program rises by steps.
     */
    static HyperperiodSequence of(PulseTable table) {
        int programs = table.programCount();
        if (programs == 0 || programs > PROGRAM_MASK || table.phaseTo(programs - 1) > PHASE_MASK) {
            return null;
        }
        long hyperperiodNs = 1;
        long events = 0;
        for (int p = 0; p < programs; p++) {
            if (table.riseFromUa(p) != PulseTable.NO_RISE) {
                return null;
            }
            long periodNs = table.periodNs(p);
            long g = gcd(hyperperiodNs, periodNs);
            if (hyperperiodNs / g > Long.MAX_VALUE / 4 / periodNs) {
                return null;
            }
            hyperperiodNs = hyperperiodNs / g * periodNs;
        }
        for (int p = 0; p < programs; p++) {
            long periods = hyperperiodNs / table.periodNs(p);
            events += periods * (table.phaseTo(p) - table.phaseFrom(p));
            if (periods > MAX_EVENTS || events > MAX_EVENTS) {
                return null;
            }
        }
        long[][] levelFromNs = new long[programs][];
        double[][] levelScale = new double[programs][];
        for (int p = 0; p < programs; p++) {
            if (!rampTable(table, p, levelFromNs, levelScale)) {
                return null;
            }
        }
        return merge(table, hyperperiodNs, (int) events, levelFromNs, levelScale);
    }

    /**
     * Program p's soft start as levels: level l (l whole amplitude steps) holds from {@code levelFromNs[l]} after
     * the start, at the scale {@link PulseTable#amplitudeUaAt} gives there, so the step compares instead of
     * dividing. No levels for a program without a ramp.
     */
    private static boolean rampTable(PulseTable table, int p, long[][] levelFromNs, double[][] levelScale) {
        int fullUa = table.amplitudeUa(p);
        long rampNs = table.initialRampNs(p);
        int stepUa = table.amplitudeStepUa();
        if (fullUa == 0 || rampNs == PulseTable.NONE || stepUa <= 0) {
            levelFromNs[p] = new long[0];
            levelScale[p] = new double[0];
            return true;
        }
        int levels = fullUa / stepUa + 1;
        if (levels > MAX_RAMP_LEVELS) {
            return false;
        }
        long[] from = new long[levels];
        double[] scale = new double[levels];
        for (int l = 0; l < levels; l++) {
            long need = (long) l * stepUa * rampNs; // amplitudeUaAt reaches l steps once fullUa * t >= need
            from[l] = (need + fullUa - 1) / fullUa;
            scale[l] = Math.min(fullUa, (long) l * stepUa) / (double) fullUa;
        }
        levelFromNs[p] = from;
        levelScale[p] = scale;
        return true;
    }

    /** Each program's events of one frame, merged by time then program: linear in the events. */
    private static HyperperiodSequence merge(PulseTable table, long hyperperiodNs, int events, long[][] levelFromNs,
            double[][] levelScale) {
        int programs = table.programCount();
        long[] nextNs = new long[programs];
        long[] periodStartNs = new long[programs];
        int[] phase = new int[programs];
        for (int p = 0; p < programs; p++) {
            // the earliest phase of the frame may belong to a period that starts before it
            long periodNs = table.periodNs(p);
            long k = Math.floorDiv(-table.offsetNs(p), periodNs);
            periodStartNs[p] = table.offsetNs(p) + k * periodNs;
            phase[p] = table.phaseFrom(p);
            nextNs[p] = periodStartNs[p] + table.phaseOffsetNs(phase[p]);
            while (nextNs[p] < 0) {
                step(table, p, nextNs, periodStartNs, phase);
            }
        }
        long[] eventNs = new long[events];
        int[] eventCode = new int[events];
        for (int e = 0; e < events; e++) {
            int best = 0;
            for (int p = 1; p < programs; p++) {
                if (nextNs[p] < nextNs[best]) {
                    best = p;
                }
            }
            eventNs[e] = nextNs[best];
            eventCode[e] = code(best, phase[best], phase[best] == table.phaseFrom(best));
            step(table, best, nextNs, periodStartNs, phase);
        }
        return new HyperperiodSequence(hyperperiodNs, eventNs, eventCode,
                openedEnds(table, hyperperiodNs, eventNs, eventCode), null,
                cyclingOff(table, hyperperiodNs, eventNs, eventCode), levelFromNs, levelScale);
    }

    /**
     * The frame while every cycling program is in its off-time: the other programs' events alone, so that the
     * scheduler stays steady through an off-time too. Null when no program cycles or every program does.
     */
    private static HyperperiodSequence cyclingOff(PulseTable table, long hyperperiodNs, long[] eventNs,
            int[] eventCode) {
        int kept = 0;
        for (int code : eventCode) {
            if (!table.cycles(program(code))) {
                kept++;
            }
        }
        if (kept == 0 || kept == eventCode.length) {
            return null;
        }
        long[] keptNs = new long[kept];
        int[] keptCode = new int[kept];
        int[] fullIndex = new int[kept];
        int k = 0;
        for (int e = 0; e < eventCode.length; e++) {
            if (!table.cycles(program(eventCode[e]))) {
                keptNs[k] = eventNs[e];
                keptCode[k] = eventCode[e];
                fullIndex[k] = e;
                k++;
            }
        }
        return new HyperperiodSequence(hyperperiodNs, keptNs, keptCode,
                openedEnds(table, hyperperiodNs, keptNs, keptCode), fullIndex, null, null, null);
    }

    /**
     * For each event, the latest end of the periods opened up to it in its frame, or before the frame's first
     * opening the previous frame's latest: what the steady scheduler reports as the end of the periods begun.
     */
    private static long[] openedEnds(PulseTable table, long hyperperiodNs, long[] eventNs, int[] eventCode) {
        long[] endNs = new long[eventNs.length];
        long frameLatestNs = Long.MIN_VALUE;
        for (int e = 0; e < eventNs.length; e++) {
            endNs[e] = Long.MIN_VALUE;
            if (eventCode[e] < 0) {
                int p = (eventCode[e] >>> PROGRAM_SHIFT) & PROGRAM_MASK;
                endNs[e] = eventNs[e] - table.phaseOffsetNs(eventCode[e] & PHASE_MASK) + table.periodNs(p);
                frameLatestNs = Math.max(frameLatestNs, endNs[e]);
            }
        }
        long latestNs = frameLatestNs - hyperperiodNs;
        for (int e = 0; e < eventNs.length; e++) {
            latestNs = Math.max(latestNs, endNs[e]);
            endNs[e] = latestNs;
        }
        return endNs;
    }

    private static void step(PulseTable table, int p, long[] nextNs, long[] periodStartNs, int[] phase) {
        int next = phase[p] + 1;
        if (next == table.phaseTo(p)) {
            periodStartNs[p] += table.periodNs(p);
            next = table.phaseFrom(p);
        }
        phase[p] = next;
        nextNs[p] = periodStartNs[p] + table.phaseOffsetNs(next);
    }

    static int code(int program, int phase, boolean opensPeriod) {
        int code = phase | program << PROGRAM_SHIFT;
        return opensPeriod ? code | OPENS_PERIOD : code;
    }

    static int program(int code) {
        return (code >>> PROGRAM_SHIFT) & PROGRAM_MASK;
    }

    static int phase(int code) {
        return code & PHASE_MASK;
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** The hyperperiod: the least common multiple of the programs' periods. */
    public long hyperperiodNs() {
        return hyperperiodNs;
    }

    /** Events in one hyperperiod. */
    public int eventCount() {
        return eventNs.length;
    }

    /** Bytes the event arrays and ramp tables hold. */
    public long bytes() {
        long bytes = (long) eventNs.length * BYTES_PER_EVENT;
        if (cyclingOff != null) {
            bytes += cyclingOff.bytes() + cyclingOff.eventCount() * (long) Integer.BYTES;
        }
        for (long[] levels : rampLevelFromNs == null ? new long[0][] : rampLevelFromNs) {
            bytes += levels.length * 16L;
        }
        return bytes;
    }

    long[] eventNs() {
        return eventNs;
    }

    int[] eventCode() {
        return eventCode;
    }

    long[] openedEndNs() {
        return openedEndNs;
    }

    int[] fullIndex() {
        return fullIndex;
    }

    HyperperiodSequence cyclingOff() {
        return cyclingOff;
    }

    long[] rampLevelFromNs(int program) {
        return rampLevelFromNs[program];
    }

    double[] rampLevelScale(int program) {
        return rampLevelScale[program];
    }
}
