package io.dorsal.rig.runtime;

import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.output.Pi4jOutputStage;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rig's heartbeat: one dedicated thread that takes phases from the generator a little ahead of time,
 * executes the output stage's pin actions at their deadlines (spinning, with an idle strategy in between), and
 * records each action's lateness in an HdrHistogram. Its duty cycle ({@link #doWork}) allocates nothing, takes
 * no lock and logs nothing.
 *
 * <p>Fail safe: an exception from a pin write (or anywhere in the cycle), an action later than the fault bound,
 * a stop request (Ctrl-C, JVM shutdown) each drive every output to its safe level, enable off first, and set
 * the generator to FAULT (or OFF for a stop), with the reason logged once, off the hot path.
 */
public final class RealtimeRunner implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeRunner.class);
    private static final long HIGHEST_TRACKABLE_NS = 60_000_000_000L;
    private static final double NS_PER_US = 1_000.0;
    /** Longest the runner idles at once, so that new work from other threads is seen within it. */
    public static final long MAX_IDLE_NS = 1_000_000L;
    /** Most actions one phase queues: a PWM change, its switch-on and its switch-off. */
    private static final int ACTIONS_PER_PHASE = 3;

    private final PulseGenerator generator;
    private final Pi4jOutputStage stage;
    private final Clock clock;
    private final IdleStrategy idle;
    private final RunnerSettings settings;
    private final Histogram latenessNs = new Histogram(HIGHEST_TRACKABLE_NS, 3);

    private volatile boolean stopRequested;
    private volatile String stopRequestReason = "";
    private volatile boolean running;
    private volatile long actions;
    private volatile long loops;
    private volatile long misses;
    private volatile long worstLatenessNs;
    private volatile long endAtNs = Long.MAX_VALUE;
    private volatile boolean draining;
    private String stopReason = "";
    private volatile String fault;
    private volatile long faults;
    private volatile boolean stopOnFault = true;
    private LateActionLog lateLog;
    /** Stimulation pulses a train delivers, or {@link Long#MAX_VALUE}: one train for the whole run. */
    private long pulsesPerTrain = Long.MAX_VALUE;
    /** What starts each train, or null: the caller starts the generator and the run is one train. */
    private TriggerSource trigger;
    /** Waiting for a trigger edge to start a train. */
    private boolean armed;
    /** The train's pulses are out: the generator stops at its period boundary, and the runner waits for it. */
    private boolean trainEnding;
    private volatile long trains;
    private volatile long ignoredEdges;

    public RealtimeRunner(PulseGenerator generator, Pi4jOutputStage stage, Clock clock, IdleStrategy idle,
                          RunnerSettings settings) {
        this.generator = generator;
        this.stage = stage;
        this.clock = clock;
        this.idle = idle;
        this.settings = settings;
        stage.overrunBoundNs(settings.overrunBoundNs());
    }

    /**
     * Keeps the runner going after a fault (the generator, in FAULT, delivers nothing and every output stays safe),
     * so that a served rig can report the fault and a clinician can clear it. A run ({@code stimctl rig run})
     * ends at its first fault instead.
     */
    public void continueAfterFault() {
        stopOnFault = false;
    }

    /** Keeps every action later than the log's threshold in it (diagnosis); set before {@link #run()}. */
    public void logLateActions(LateActionLog log) {
        lateLog = log;
    }

    /**
     * Trains of {@code pulses} stimulation pulses each ({@code rig run --pulses N}; {@link Long#MAX_VALUE}: no
     * limit). Without a trigger the run is one train and ends after it, the generator started by the caller. With a
     * trigger the runner starts the generator on each edge that arrives while no train runs (edges during a train are
     * counted and ignored), and the run ends at its duration. Set before {@link #run()}.
     */
    public void trains(long pulses, TriggerSource startOn) {
        if (pulses < 1) {
            throw new IllegalArgumentException("a train has at least one pulse: " + pulses);
        }
        pulsesPerTrain = pulses;
        trigger = startOn;
        armed = startOn != null;
        stage.pulseBudget(startOn != null ? 0 : pulses);
    }

    /** Trains started by a trigger so far (any thread). */
    public long trains() {
        return trains;
    }

    /** Trigger edges that came while a train ran, and were ignored (any thread). */
    public long ignoredEdges() {
        return ignoredEdges;
    }

    /** The run ends gracefully at this time: no new period starts, started ones finish, then every line is safe. */
    public void endAt(long atNs) {
        endAtNs = atNs;
    }

    /** Asks the runner to stop at once: outputs safe, generator OFF. Any thread. */
    public void requestStop(String reason) {
        stopRequestReason = reason;
        stopRequested = true;
    }

    /** Runs on the calling thread until the end, a stop or a fault. */
    @Override
    public void run() {
        running = true;
        try {
            while (true) {
                long now = clock.nanoTime();
                if (stopRequested) {
                    stopNow(stopRequestReason);
                    return;
                }
                if (now >= endAtNs && !draining) {
                    draining = true;
                    generator.stop("rig: run duration reached");
                }
                if (stage.bleeding()) {
                    stage.endBleed(now);
                }
                if (!draining && !trainEnding && !armed && stage.pulseBudgetSpent()) {
                    trainEnding = true;
                    generator.stop("rig: the train's " + pulsesPerTrain + " pulses delivered");
                }
                int work = doWork(now);
                loops = loops + 1; // one writer: this thread; a watchdog reads it to see the loop turn
                if (fault != null && stopOnFault) {
                    return;
                }
                boolean drained = work == 0 && stage.nextActionNs() == Pi4jOutputStage.NO_ACTION
                        && generator.nextEventNs() == PulseScheduler.NO_EVENT;
                if (draining && drained) {
                    stage.safe();
                    stopReason = "duration reached";
                    return;
                }
                if (trainEnding && drained) {
                    trainEnding = false;
                    if (trigger == null) {
                        stage.safe();
                        stopReason = pulsesPerTrain + " pulses delivered";
                        return;
                    }
                    // the train is over and balanced: bleed what is left, then wait for the next edge
                    stage.safe();
                    armed = true;
                }
                if (work == 0) {
                    // never idle past a heartbeat: a therapy started or a stop asked for from another thread is
                    // noticed within it even when nothing is scheduled
                    idle.idle(now, nextDeadlineNs(), now + MAX_IDLE_NS);
                }
            }
        } catch (Throwable t) {
            failSafe("unexpected error in the runner: " + t);
        } finally {
            finishBleed();
            running = false;
        }
    }

    /**
     * One duty cycle at {@code nowNs}: executes the pin actions that are due (recording their lateness), then
     * takes from the generator the phases that start within the lookahead. Allocation-free on the normal path.
     *
     * @return work done (actions plus phases); 0 means idle until {@link #nextDeadlineNs()}
     */
    public int doWork(long nowNs) {
        try {
            int work = 0;
            if (trigger != null && trigger.takeEdge()) {
                if (armed && !draining) {
                    armed = false;
                    trains = trains + 1; // one writer: this thread
                    stage.traceTrigger(clock.nanoTime());
                    stage.pulseBudget(pulsesPerTrain);
                    // the therapy from its start (its soft start too): compiled here, once a train, not per pulse
                    generator.start("rig: trigger");
                    work++;
                } else {
                    ignoredEdges = ignoredEdges + 1;
                }
            }
            long due = stage.nextActionNs();
            long now = nowNs;
            while (due <= now && work < settings.maxActionsPerCycle()) {
                long dueNs = stage.runNextAction(now);
                // measured to when the action's first write returned, not to when the loop began it
                long lateness = stage.firstWriteNs() - dueNs;
                record(lateness);
                LateActionLog log = lateLog;
                if (log != null) {
                    log.record(dueNs, lateness, stage.lastAction());
                }
                work++;
                if (stage.overran()) {
                    // the phase is already switched off (enable first): now every line safe, then the bleed
                    long overNs = stage.overrunNs();
                    stage.clearOverrun();
                    failSafe("a phase ran " + overNs / 1_000 + " us past its length; the overrun bound is "
                            + stage.overrunBoundNs() / 1_000 + " us");
                    return work;
                }
                if (lateness > settings.faultLatenessNs()) {
                    failSafe("a pin action ran " + lateness / 1_000 + " us late; the fault bound is "
                            + settings.faultLatenessNs() / 1_000 + " us");
                    return work;
                }
                due = stage.nextActionNs();
                // the writes took time: what is due now is judged by a fresh clock read
                now = clock.nanoTime();
            }
            // each phase queues up to three actions; take no more than the queue can hold, so that catching up
            // after a stall (every action then late, and the fault bound decides) never overflows it
            int room = stage.freeActionSlots() / ACTIONS_PER_PHASE;
            if (room > 0) {
                work += generator.poll(nowNs + settings.lookaheadNs(), Math.min(settings.maxActionsPerCycle(), room));
            }
            return work;
        } catch (RuntimeException | Error e) {
            failSafe("pin write failed: " + e);
            return 1;
        }
    }

    /** When the runner next has something to do. */
    public long nextDeadlineNs() {
        long nextPhase = generator.nextEventNs();
        // with the action queue full, a due phase waits for room: the next action is then the deadline
        long take = nextPhase == PulseScheduler.NO_EVENT || stage.freeActionSlots() < ACTIONS_PER_PHASE
                ? Long.MAX_VALUE : nextPhase - settings.lookaheadNs();
        long bleedEnd = stage.bleeding() ? stage.bleedEndsNs() : Long.MAX_VALUE;
        return Math.min(Math.min(stage.nextActionNs(), take), bleedEnd);
    }

    /**
     * As the runner ends (a run's end, a stop, a fault), waits out a bleed under way and opens the discharge line, so
     * the run leaves every line at its safe level with the electrodes discharged. Never throws.
     */
    private void finishBleed() {
        try {
            while (stage.bleeding()) {
                long now = clock.nanoTime();
                if (!stage.endBleed(now)) {
                    idle.idle(now, stage.bleedEndsNs());
                }
            }
        } catch (RuntimeException | Error e) {
            stage.safe();
        }
    }

    private void record(long latenessNs) {
        long clamped = Math.max(0, Math.min(latenessNs, HIGHEST_TRACKABLE_NS));
        this.latenessNs.recordValue(clamped);
        actions++;
        if (clamped > settings.missThresholdNs()) {
            misses++;
        }
        if (clamped > worstLatenessNs) {
            worstLatenessNs = clamped;
        }
    }

    /** Outputs safe at once, generator in FAULT, reason logged. Safe to call more than once. */
    public void failSafe(String reason) {
        stage.safe();
        faults++;
        if (fault == null) {
            fault = reason;
            stopReason = "fault";
        }
        generator.fault(reason);
        LOG.error("rig fault: {}; every line driven to its safe level", reason);
    }

    /** Faults so far (any thread). */
    public long faults() {
        return faults;
    }

    private void stopNow(String reason) {
        stage.safe();
        generator.stopAll("rig: " + reason);
        stopReason = reason;
        LOG.warn("rig stopped: {}; every line driven to its safe level", reason);
    }

    public boolean running() {
        return running;
    }

    /** Duty cycles so far (any thread): at least one a {@link #MAX_IDLE_NS} while the loop turns. */
    public long loops() {
        return loops;
    }

    /** Actions executed so far (any thread; for progress). */
    public long actions() {
        return actions;
    }

    /** Misses so far (any thread; for progress). */
    public long misses() {
        return misses;
    }

    /** Worst lateness so far, in ns (any thread; for progress). */
    public long worstLatenessNs() {
        return worstLatenessNs;
    }

    /** The figures of the run; call after it ended. */
    public RunReport report() {
        Histogram h = latenessNs;
        boolean empty = h.getTotalCount() == 0;
        return new RunReport(stage.phasesDelivered(), actions, misses,
                empty ? 0 : h.getValueAtPercentile(50) / NS_PER_US, empty ? 0 : h.getValueAtPercentile(99) / NS_PER_US,
                empty ? 0 : h.getValueAtPercentile(99.9) / NS_PER_US, empty ? 0 : h.getMaxValue() / NS_PER_US,
                stage.skippedPulses(), stopReason, Optional.ofNullable(fault), stage.pulsesDelivered(), trains);
    }
}
