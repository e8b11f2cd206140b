package io.dorsal.core.schedule;

import java.util.Arrays;

/**
 * Emits every program's phases of a {@link PulseTable} in time order: the firmware's heartbeat. Which phase
 * comes next is a pure function of the table, the start time and the time now.
 *
 * <p>When the table holds a {@link HyperperiodSequence} (the merged order of one hyperperiod, decided at
 * compile time), a step reads the next event from it and adds the frame's base time. While a ramp, a first
 * period, a cycling edge or a stop is near, a period's opening event decides whether the period runs (not before
 * the program's first period, not in a cycling off-time, not at or after a stop) and its ramp scale (from the
 * sequence's ramp table by comparison; for a cycling program's on-time ramps, the cursor's own division once a
 * period); when every program is off, the head moves to the earliest that comes back by a search. Once a whole
 * frame needs no decision (every program at full scale, or every cycling program off and the rest at full scale)
 * the scheduler is <em>steady</em>: a step is the next event plus the frame's base, nothing decided, until the
 * frame that reaches the next cycling edge. Otherwise (a hyperperiod too long, or a program rising after a change)
 * a cursor per program finds the earliest of their next phases, O(programs) per step. Both emit the same phases in the
 * same order at the same times (a property test holds them to it); {@link #cursor} makes the cursor alone.
 *
 * <p>Each step allocates nothing, takes no lock, logs
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

    // the compiled sequence's state (null sequence: the cursor runs)
    private final HyperperiodSequence sequence;
    private final long[] eventNs;
    private final int[] eventCode;
    private final long hyperperiodNs;
    private final boolean[] running;
    private final boolean[] ended;
    /** Program p's last period decided was in a cycling off-time; its next on-time's first period starts then. */
    private final boolean[] off;
    private final long[] resumeNs;
    private final int[] rampLevel;
    private final long[] openedEndNs;
    private final HyperperiodSequence cyclingOff;
    /**
     * What a steady step reads: each event's offset in its frame (high 32 bits) and its code (low 32), one array
     * read where two were: the full frame's, or, while every cycling program is off, the frame without them. Built
     * for frames no longer than {@link #MAX_PACKED_FRAME_NS}; a scheduler with a longer frame never turns steady.
     */
    private long[] stepPacked;
    private final long[] eventPacked;
    private final long[] cyclingOffPacked;
    private long[] stepOpenedEndNs;
    private int[] stepFullIndex;
    private final long steadyAfterNs;
    private int live;
    private int index;
    private long frameNs;
    private long headNs;
    /**
     * Every period from the head on runs at full scale and no stop is pending: a step is an array read plus the
     * frame's base, nothing decided (the head and the end of the periods begun are then worked out when asked).
     */
    private boolean steady;
    /** While steady: the next cycling edge (an off-time starts, or one ends); the frame that reaches it is decided. */
    private long steadyUntilNs;

    /**
     * A scheduler whose therapy starts at {@code originNs} on the caller's clock.
     */
    public PulseScheduler(PulseTable table, long originNs) {
        this(table, originNs, table.sequence(), MAX_PACKED_FRAME_NS);
    }

    /** The cursor alone, whatever the table holds: the reference the compiled sequence is proven against. */
    public static PulseScheduler cursor(PulseTable table, long originNs) {
        return new PulseScheduler(table, originNs, null, MAX_PACKED_FRAME_NS);
    }

    /**
     * As the public constructor, but frames longer than {@code maxPackedFrameNs} are not packed for steady steps (a
     * test's way to a frame too long to pack, which no therapy the validator accepts has been found to reach).
     */
    static PulseScheduler packingFramesUpTo(PulseTable table, long originNs, long maxPackedFrameNs) {
        return new PulseScheduler(table, originNs, table.sequence(), Math.min(maxPackedFrameNs, MAX_PACKED_FRAME_NS));
    }

    private PulseScheduler(PulseTable table, long originNs, HyperperiodSequence sequence, long maxPackedFrameNs) {
        int programs = table.programCount();
        if (programs > HyperperiodSequence.PROGRAM_MASK + 1
                || programs > 0 && table.phaseTo(programs - 1) > HyperperiodSequence.PHASE_MASK + 1) {
            throw new IllegalArgumentException("a scheduler runs at most " + (HyperperiodSequence.PROGRAM_MASK + 1)
                    + " programs of at most " + (HyperperiodSequence.PHASE_MASK + 1) + " phases in all");
        }
        this.table = table;
        this.sequence = sequence;
        this.eventNs = sequence == null ? null : sequence.eventNs();
        this.eventCode = sequence == null ? null : sequence.eventCode();
        this.hyperperiodNs = sequence == null ? 0 : sequence.hyperperiodNs();
        this.openedEndNs = sequence == null ? null : sequence.openedEndNs();
        this.cyclingOff = sequence == null ? null : sequence.cyclingOff();
        boolean packs = sequence != null && hyperperiodNs <= maxPackedFrameNs;
        this.eventPacked = packs ? pack(eventNs, eventCode) : null;
        this.cyclingOffPacked = packs && cyclingOff != null ? pack(cyclingOff.eventNs(), cyclingOff.eventCode()) : null;
        this.steadyAfterNs = sequence == null ? 0 : steadyAfterNs(table);
        this.originNs = originNs;
        this.event = new PhaseEvent(table);
        periodIndex = new long[programs];
        periodStartNs = new long[programs];
        cursor = new int[programs];
        scale = new double[programs];
        nextStartNs = new long[programs];
        running = new boolean[programs];
        ended = new boolean[programs];
        off = new boolean[programs];
        resumeNs = new long[programs];
        rampLevel = new int[programs];
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
        if (sequence != null) {
            for (int p = 0; p < running.length; p++) {
                running[p] = false;
                ended[p] = false;
                off[p] = false;
                rampLevel[p] = 0;
            }
            live = running.length;
            index = 0;
            frameNs = originNs;
            steady = false;
            stepFull();
            settle();
            return;
        }
        for (int p = 0; p < nextStartNs.length; p++) {
            startPeriod(p, 0);
        }
    }

    /** Whether steps read the compiled sequence without deciding anything (every period at full scale, no stop). */
    boolean steady() {
        return steady;
    }

    /** Whether steps read the compiled hyperperiod sequence (otherwise the cursor runs). */
    public boolean compiled() {
        return sequence != null;
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
        if (sequence != null) {
            return steady ? frameNs + (stepPacked[index] >>> 32) : headNs;
        }
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
        if (steady) {
            return pollSteady(nowNs, sink, limit);
        }
        return pollDeciding(nowNs, sink, limit);
    }

    private int pollDeciding(long nowNs, PhaseSink sink, int limit) {
        if (sequence != null) {
            return pollCompiled(nowNs, sink, limit);
        }
        int emitted = 0;
        while (emitted < limit) {
            int p = earliestProgram();
            if (p < 0 || nextStartNs[p] > nowNs) {
                break;
            }
            boolean opens = cursor[p] == table.phaseFrom(p);
            event.set(nextStartNs[p], p, cursor[p], opens, scale[p]);
            if (opens) {
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
        seek(timeNs, -1);
    }

    /**
     * As {@link #seek(long)}, but program {@code wholePeriodsOnly} (or none, -1) starts at its first period that begins
     * at or after {@code timeNs}: the rest of a period of it under way is not emitted (a per-program hand-over: its
     * period under way belonged to the old therapy).
     */
    public void seek(long timeNs, int wholePeriodsOnly) {
        if (sequence != null) {
            seekCompiled(timeNs, wholePeriodsOnly);
            return;
        }
        long sinceStart = timeNs - originNs;
        for (int p = 0; p < nextStartNs.length; p++) {
            long k = Math.max(0, Math.floorDiv(sinceStart - table.offsetNs(p), table.periodNs(p)));
            if (p == wholePeriodsOnly && table.offsetNs(p) + k * table.periodNs(p) < sinceStart) {
                k++;
            }
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
        if (steady) {
            leaveSteady(false);
        }
        stopAtNs = Math.min(stopAtNs, atNs);
        if (sequence != null) {
            if (headNs != NO_EVENT && eventCode[index] < 0) {
                // the head opens a period decided before the stop: decide it again
                settle();
            }
            return;
        }
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
        if (steady) {
            // the last event emitted is the one before the head; the sequence knows the latest end of the periods
            // opened up to each of its events (the previous frame's before the first opening)
            int last = index - 1;
            long frame = frameNs;
            if (last < 0) {
                last = stepPacked.length - 1;
                frame -= hyperperiodNs;
            }
            return Math.max(startedPeriodsEndNs, frame + stepOpenedEndNs[last]);
        }
        return startedPeriodsEndNs;
    }


    // ----------------------------------------------------------------------------------------------------
    // the compiled sequence

    private int pollCompiled(long nowNs, PhaseSink sink, int limit) {
        int emitted = 0;
        while (emitted < limit && headNs <= nowNs) {
            int code = eventCode[index];
            int p = HyperperiodSequence.program(code);
            int phase = HyperperiodSequence.phase(code);
            long startNs = headNs;
            event.set(startNs, p, phase, code < 0, scale[p]);
            if (code < 0) {
                long endNs = startNs - table.phaseOffsetNs(phase) + table.periodNs(p);
                if (endNs > startedPeriodsEndNs) {
                    startedPeriodsEndNs = endNs;
                }
            }
            next();
            sink.onPhase(event);
            emitted++;
            if (steady) {
                return emitted + pollSteady(nowNs, sink, limit - emitted);
            }
        }
        return emitted;
    }

    /**
     * The steady step: every event runs at full scale, so the next phase is the next event plus the frame's base.
     * The first phase of a poll is emitted in straight-line code (a loop around it cost as much again as the step
     * itself: docs/performance.md); every phase after the first, and a frame's last event when the next frame must be
     * decided, go through the loop.
     */
    private int pollSteady(long nowNs, PhaseSink sink, int limit) {
        int i = index;
        long[] steps = stepPacked;
        long step = steps[i];
        long startNs = frameNs + (step >>> 32);
        if (startNs > nowNs | limit <= 0) {
            return 0;
        }
        int after = i + 1;
        if (after == steps.length) {
            long nextFrameNs = frameNs + hyperperiodNs;
            if (nextFrameNs + hyperperiodNs > steadyUntilNs) {
                // the next frame reaches a cycling edge: the loop decides it
                return pollSteadyLoop(nowNs, sink, limit);
            }
            frameNs = nextFrameNs;
            after = 0;
        }
        event.set(startNs, (int) step);
        index = after;
        sink.onPhase(event);
        if (limit == 1) {
            return 1;
        }
        // the sink may have stopped the scheduler: look again
        return 1 + (steady ? pollSteadyLoop(nowNs, sink, limit - 1) : pollDeciding(nowNs, sink, limit - 1));
    }

    private int pollSteadyLoop(long nowNs, PhaseSink sink, int limit) {
        int emitted = 0;
        int i = index;
        long frame = frameNs;
        long[] steps = stepPacked;
        while (emitted < limit) {
            long step = steps[i];
            long startNs = frame + (step >>> 32);
            if (startNs > nowNs) {
                break;
            }
            event.set(startNs, (int) step);
            if (++i == steps.length) {
                i = 0;
                frame += hyperperiodNs;
                frameNs = frame;
                if (frame + hyperperiodNs > steadyUntilNs) {
                    // the new frame reaches a cycling off-time or the end of one: decide its periods again
                    index = 0;
                    leaveSteady(true);
                    settle();
                    sink.onPhase(event);
                    return emitted + 1 + pollCompiled(nowNs, sink, limit - emitted - 1);
                }
            }
            index = i;
            sink.onPhase(event);
            emitted++;
        }
        return emitted;
    }

    /** Moves the head to the following event that runs; at a frame's start, turns steady once it may. */
    private void next() {
        int i = index + 1;
        if (i == eventNs.length) {
            i = 0;
            frameNs += hyperperiodNs;
            if (stopAtNs == NO_EVENT && eventPacked != null && frameNs - originNs >= steadyAfterNs) {
                int kind = steadyFrame();
                if (kind != NOT_STEADY) {
                    enterSteady(kind);
                    index = 0;
                    return;
                }
            }
        }
        index = i;
        settle();
    }

    private static final int NOT_STEADY = 0;
    private static final int ALL_ON = 1;
    private static final int CYCLING_OFF = 2;

    /**
     * From a frame's start on, every period runs at full scale, or (CYCLING_OFF) every cycling program is in its
     * off-time and every other runs at full scale: each program's earliest period that the frame touches (and the
     * one before it, whose end the frame's first events may still count) has begun after its first period and its
     * ramp. The running flags and scales are those deciding would give, so a stop may go back to deciding at any
     * event.
     */
    private void enterSteady(int kind) {
        for (int p = 0; p < running.length; p++) {
            boolean isOff = kind == CYCLING_OFF && table.cycles(p);
            running[p] = !isOff;
            off[p] = isOff;
            scale[p] = 1.0;
        }
        event.fullScale();
        if (kind == CYCLING_OFF) {
            stepPacked = cyclingOffPacked;
            stepOpenedEndNs = cyclingOff.openedEndNs();
            stepFullIndex = cyclingOff.fullIndex();
        } else {
            stepFull();
        }
        steady = true;
    }

    /** The longest frame whose offsets fit a steady step's 32 bits (about 4.3 s; every bundled therapy's is shorter). */
    static final long MAX_PACKED_FRAME_NS = 0xFFFF_FFFFL;

    private static long[] pack(long[] ns, int[] code) {
        long[] packed = new long[ns.length];
        for (int i = 0; i < ns.length; i++) {
            packed[i] = ns[i] << 32 | (code[i] & 0xFFFF_FFFFL);
        }
        return packed;
    }

    private void stepFull() {
        stepPacked = eventPacked;
        stepOpenedEndNs = openedEndNs;
        stepFullIndex = null;
    }

    /**
     * Whether this frame may be stepped without deciding: ALL_ON when every cycling program's periods from two before
     * the frame to its end lie in one on-time past its ramp; CYCLING_OFF when they all lie in one off-time of each
     * (and the other programs' events alone make the frame). Notes when that ends ({@link #steadyUntilNs}); for
     * CYCLING_OFF also when each cycling program comes back. Divisions, once a frame and only while not steady.
     */
    private int steadyFrame() {
        long untilOnNs = NO_EVENT;
        long untilOffNs = NO_EVENT;
        boolean allOn = true;
        boolean allOff = cyclingOff != null;
        long frameFromNs = frameNs - originNs;
        for (int p = 0; p < running.length && (allOn || allOff); p++) {
            if (!table.cycles(p)) {
                continue;
            }
            long cycleNs = table.cycleOnNs(p) + table.cycleOffNs(p);
            long fromNs = frameFromNs - 2 * table.periodNs(p);
            long cycleStartNs = fromNs - Math.floorMod(fromNs, cycleNs);
            long rampNs = cycleStartNs == 0 ? table.initialRampNs(p) : table.rampNs(p);
            long onEndNs = cycleStartNs + table.cycleOnNs(p);
            long nextOnNs = cycleStartNs + cycleNs;
            allOn &= fromNs - cycleStartNs >= rampNs && frameFromNs + hyperperiodNs <= onEndNs;
            untilOnNs = Math.min(untilOnNs, originNs + onEndNs);
            allOff &= fromNs >= onEndNs && frameFromNs + hyperperiodNs <= nextOnNs;
            untilOffNs = Math.min(untilOffNs, originNs + nextOnNs);
            long periodNs = table.periodNs(p);
            resumeNs[p] = originNs + table.offsetNs(p) + Math.ceilDiv(nextOnNs - table.offsetNs(p), periodNs) * periodNs;
        }
        if (allOn) {
            steadyUntilNs = untilOnNs;
            return ALL_ON;
        }
        if (allOff) {
            steadyUntilNs = untilOffNs;
            return CYCLING_OFF;
        }
        return NOT_STEADY;
    }

    /**
     * Back to deciding each period (a stop, a seek, or a frame that reaches a cycling boundary): the head and the end
     * of the periods begun as fields again, the head's index in the full sequence (at a frame's start its first
     * event: a cycling program may come back with it).
     */
    private void leaveSteady(boolean atFrameStart) {
        startedPeriodsEndNs = startedPeriodsEndNs();
        if (stepFullIndex != null) {
            index = atFrameStart ? 0 : stepFullIndex[index];
        }
        stepFull();
        headNs = frameNs + eventNs[index];
        steady = false;
    }

    /**
     * How long after the origin a frame must start for every period it touches to run at full scale: two
     * periods past each program's first period and past its ramp (a frame's first event may belong to a period
     * that began up to a period before it, and the end of the periods begun looks at the one before that).
     */
    private static long steadyAfterNs(PulseTable table) {
        long afterNs = 0;
        for (int p = 0; p < table.programCount(); p++) {
            long beganNs = Math.max(table.offsetNs(p), table.initialRampNs(p));
            afterNs = Math.max(afterNs, beganNs + 2 * table.periodNs(p));
        }
        return afterNs;
    }

    /**
     * Makes the head the first event from {@code index} on that runs: an opening event decides its period, and
     * the events of a period that does not run are passed over. No head once every program has ended (a stop).
     */
    private void settle() {
        while (true) {
            int code = eventCode[index];
            int p = HyperperiodSequence.program(code);
            long atNs = frameNs + eventNs[index];
            if (code < 0) {
                decide(p, atNs - table.phaseOffsetNs(HyperperiodSequence.phase(code)));
            }
            if (running[p]) {
                headNs = atNs;
                return;
            }
            if (live == 0) {
                headNs = NO_EVENT;
                return;
            }
            if (code < 0 && off[p] && allOff()) {
                skipOffTime();
                if (live == 0) {
                    headNs = NO_EVENT;
                    return;
                }
                continue;
            }
            int i = index + 1;
            if (i == eventNs.length) {
                i = 0;
                frameNs += hyperperiodNs;
            }
            index = i;
        }
    }

    /** Whether program p's period starting at {@code periodStartNs} runs, and at which ramp scale. */
    private void decide(int p, long periodStartNs) {
        long sinceStart = periodStartNs - originNs;
        off[p] = false;
        if (sinceStart < table.offsetNs(p)) {
            running[p] = false; // before the program's first period
        } else if (periodStartNs >= stopAtNs) {
            running[p] = false;
            end(p);
        } else if (table.cycles(p) && table.cyclingOffAt(p, sinceStart)) {
            running[p] = false;
            off[p] = true;
            long cycleNs = table.cycleOnNs(p) + table.cycleOffNs(p);
            long nextOnNs = sinceStart - Math.floorMod(sinceStart, cycleNs) + cycleNs;
            long periodNs = table.periodNs(p);
            long k = Math.ceilDiv(nextOnNs - table.offsetNs(p), periodNs);
            resumeNs[p] = originNs + table.offsetNs(p) + k * periodNs;
        } else {
            running[p] = true;
            scale[p] = rampScale(p, sinceStart);
        }
    }

    private void end(int p) {
        if (!ended[p]) {
            ended[p] = true;
            live--;
        }
    }

    /** Whether every program that has not ended is in a cycling off-time: nothing runs until one comes back. */
    private boolean allOff() {
        for (int p = 0; p < running.length; p++) {
            if (!ended[p] && !off[p]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Every program is off: moves to the first event at or after the earliest period that comes back, without
     * walking the events between (an off-time may last minutes); a program that would come back at or after a
     * stop ends instead.
     */
    private void skipOffTime() {
        long resumeAtNs = NO_EVENT;
        for (int p = 0; p < running.length; p++) {
            if (!ended[p]) {
                if (resumeNs[p] >= stopAtNs) {
                    end(p);
                } else {
                    resumeAtNs = Math.min(resumeAtNs, resumeNs[p]);
                }
            }
        }
        if (live == 0) {
            return;
        }
        long sinceStart = resumeAtNs - originNs;
        long frame = Math.floorDiv(sinceStart, hyperperiodNs);
        frameNs = originNs + frame * hyperperiodNs;
        index = firstEventAtOrAfter(sinceStart - frame * hyperperiodNs);
        if (index == eventNs.length) {
            index = 0;
            frameNs += hyperperiodNs;
        }
    }

    /** The index of the first event of a frame at or after {@code inFrameNs} (the length when none is). */
    private int firstEventAtOrAfter(long inFrameNs) {
        int at = Arrays.binarySearch(eventNs, inFrameNs);
        if (at < 0) {
            return -at - 1;
        }
        while (at > 0 && eventNs[at - 1] == inFrameNs) {
            at--;
        }
        return at;
    }

    /** The ramp's scale for a period starting {@code sinceStartNs} after the origin: a comparison, no division. */
    private double rampScale(int p, long sinceStartNs) {
        if (table.cycles(p)) {
            // each on-time ramps again: the cursor's own division, once a period and only while not steady
            int full = table.amplitudeUa(p);
            return full == 0 ? 1.0 : table.amplitudeUaAt(p, sinceStartNs) / (double) full;
        }
        long[] from = sequence.rampLevelFromNs(p);
        if (from.length == 0 || sinceStartNs >= table.initialRampNs(p)) {
            return 1.0;
        }
        int level = rampLevel[p];
        while (level + 1 < from.length && sinceStartNs >= from[level + 1]) {
            level++;
        }
        rampLevel[p] = level;
        return sequence.rampLevelScale(p)[level];
    }

    /**
     * When the period of program {@code p} under way at {@code nowNs} ends (or, before its first period, when that
     * begins), on the scheduler's clock: where a per-program hand-over of {@code p} takes place. Allocation-free.
     */
    public long periodEndNs(int p, long nowNs) {
        long k = Math.floorDiv(nowNs - originNs - table.offsetNs(p), table.periodNs(p));
        return k < 0 ? originNs + table.offsetNs(p) : originNs + table.offsetNs(p) + (k + 1) * table.periodNs(p);
    }

    private void seekCompiled(long timeNs, int wholePeriodsOnly) {
        if (steady) {
            leaveSteady(false);
        }
        long sinceStart = timeNs - originNs;
        long frame = Math.floorDiv(sinceStart, hyperperiodNs);
        int at = firstEventAtOrAfter(sinceStart - frame * hyperperiodNs);
        frameNs = originNs + frame * hyperperiodNs;
        if (at == eventNs.length) {
            at = 0;
            frameNs += hyperperiodNs;
        }
        index = at;
        live = running.length;
        for (int p = 0; p < running.length; p++) {
            ended[p] = false;
            off[p] = false;
            rampLevel[p] = 0;
            long periodNs = table.periodNs(p);
            long k = Math.max(0, Math.floorDiv(sinceStart - table.offsetNs(p), periodNs));
            long startNs = originNs + table.offsetNs(p) + k * periodNs;
            running[p] = false;
            if (startNs < timeNs && p != wholePeriodsOnly) {
                // the period under way at timeNs: its phases from timeNs on run if it began before any stop
                decide(p, startNs);
                if (running[p] && startNs + table.phaseOffsetNs(table.phaseTo(p) - 1) >= timeNs) {
                    startedPeriodsEndNs = Math.max(startedPeriodsEndNs, startNs + periodNs);
                }
            }
        }
        settle();
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
