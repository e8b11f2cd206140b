package io.dorsal.core.generator;

import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.SetsValidation;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.ecap.EcapController;
import io.dorsal.core.ecap.EcapLoop;
import io.dorsal.core.ecap.EcapSource;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PhaseSink;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.Amplitudes;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.core.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The pulse generator's firmware: it holds a validated therapy, starts and stops it, swaps in a changed one
 * atomically at a pulse boundary, holds patient changes inside their range, checks impedances, runs down its
 * battery and logs every change and fault. Faults and stop-all drive the {@link OutputStage} to its safe state.
 *
 * <p>Threads: one real-time thread calls {@link #poll}; it allocates nothing, takes no lock and logs
 * nothing. Every other method may be called from any other thread; they serialize on the generator and hand
 * work to the real-time thread through volatile fields only.
 */
public final class PulseGenerator {

    /**
     * Shortest ramp back after a change of contacts or pulse width zeroed a running program's amplitude, or after a
     * change interrupted a program's ramp.
     */
    public static final double MIN_RESTART_RAMP_S = 1.0;

    private static final double PC_PER_UC = 1e6;
    private static final double NS_PER_US = 1_000.0;

    private final Clock clock;
    private final OutputStage stage;
    private final BatteryModel battery;
    private final EventLog log;
    private final ImpedanceMeter impedanceMeter;
    private final long createdNs;

    // control side (guarded by this)
    private ValidatedTherapy therapy;
    private TherapySets sets;
    private String faultReason;
    private boolean batteryLowLogged;
    /** The impedances the last check measured on the outputs; validation prefers them to the file's. */
    private Map<ContactId, Double> measuredOhm = Map.of();

    // handed to the real-time thread
    private volatile Run desired;
    private volatile boolean faulted;
    private volatile long abortGeneration;
    /**
     * Bumped after every change of the three above, so that a poll reads one volatile and looks at them only when
     * something changed.
     */
    private volatile long changes;

    // real-time side (written by the real-time thread only; read elsewhere through volatiles)
    private Run active;
    private boolean stopping;
    private long seenAbortGeneration;
    private long seenChanges = -1;
    /** Nothing to decide: the active therapy is the desired one, no fault, nothing changed since. */
    private boolean settled;
    /** The end of the last period the previous therapy began: the next one starts no sooner. */
    private long lastEndNs = Long.MIN_VALUE;
    /** For a per-program hand-over: when the changed program's period under way ends, and for which run. */
    private long handoverAtNs = NOT_PLANNED;
    private Run handoverPlannedFor;
    private volatile Run running;
    /** Whether the real-time thread has a therapy armed on the stage (false once its last period has ended). */
    private volatile boolean delivering;
    private double deliveredPcRealtime;
    @SuppressWarnings("unused") // written through DELIVERED_PC (release), read through it (acquire)
    private double deliveredPc;
    private static final java.lang.invoke.VarHandle DELIVERED_PC;

    static {
        try {
            DELIVERED_PC = java.lang.invoke.MethodHandles.lookup().findVarHandle(PulseGenerator.class, "deliveredPc",
                    double.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private final Meter meter = new Meter();
    private final LoopMeter loopMeter = new LoopMeter();
    /** The sink the real-time thread polls into: {@link #meter}, or {@link #loopMeter} while a loop runs. */
    private PhaseSink rtSink = meter;

    // the closed loop (docs/ecap.md, "On the generator"): chosen on the control side, bound to each run's table
    private ClosedLoopSettings loopSettings;
    private double loopSlopeUvPerMa;
    private EcapSource loopSource;
    /** The loop of the desired run, or null; handed to the real-time thread with the change count. */
    private volatile EcapLoop loop;
    /** The loop's state when the therapy it ran on last stopped or changed; null before. */
    private volatile EcapLoop.State loopStateBefore;
    /** The real-time thread's copy of {@link #loop}, taken whenever the change count moved. */
    private EcapLoop rtLoop;
    /** Whether the last fallback state logged was open loop (control side). */
    private boolean loopFallbackLogged;

    public PulseGenerator(Clock clock, OutputStage stage, BatteryModel battery, EventLog log) {
        this(clock, stage, battery, log, ImpedanceMeter.NONE);
    }

    /** A generator whose impedance check measures through a meter (the rig's sensing front end). */
    public PulseGenerator(Clock clock, OutputStage stage, BatteryModel battery, EventLog log,
                          ImpedanceMeter impedanceMeter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stage = Objects.requireNonNull(stage, "stage");
        this.battery = Objects.requireNonNull(battery, "battery");
        this.log = Objects.requireNonNull(log, "log");
        this.impedanceMeter = Objects.requireNonNull(impedanceMeter, "impedanceMeter");
        this.createdNs = clock.nanoTime();
    }

    public PulseGenerator(Clock clock, OutputStage stage) {
        this(clock, stage, BatteryModel.DEFAULT, new EventLog());
    }

    /**
     * A compiled therapy handed to the real-time thread, with the therapy it was compiled from; for a per-program
     * hand-over, the run it replaces and the one program that changed (-1: every program hands over together).
     */
    private record Run(PulseScheduler scheduler, ValidatedTherapy therapy, Run handoverFrom, int handoverProgram) {

        Run(PulseScheduler scheduler, ValidatedTherapy therapy) {
            this(scheduler, therapy, null, -1);
        }

        /** Whether this run takes over from {@code current} one program at a time. */
        boolean handsOverAlone(Run current) {
            return handoverProgram >= 0 && handoverFrom == current && current != null;
        }
    }

    /** Sentinel: no per-program hand-over planned. */
    private static final long NOT_PLANNED = Long.MIN_VALUE;

    // --------------------------------------------------------------------------------------------------
    // the real-time path

    /**
     * Emits every phase due at {@code nowNs} to the output stage, at most {@code limit}. Hands over to a
     * changed therapy once every period of the old one has ended. Real-time thread only; allocation-free.
     *
     * @return phases emitted
     */
    public int poll(long nowNs, int limit) {
        long change = changes;
        if (change == seenChanges && settled) {
            // the step: one volatile read, then the scheduler
            return active.scheduler().poll(nowNs, rtSink, limit);
        }
        return pollChanged(change, nowNs, limit);
    }

    /** A poll after a change (or while one is being taken on): kept apart so that the settled step stays small. */
    private int pollChanged(long change, long nowNs, int limit) {
        seenChanges = change;
        rtLoop = loop;
        rtSink = rtLoop == null ? meter : loopMeter;
        long abort = abortGeneration;
        if (abort != seenAbortGeneration) {
            seenAbortGeneration = abort;
            drop();
        }
        if (faulted) {
            drop();
            idleNow();
            return 0;
        }
        Run want = desired;
        if (want != active && !stopping && want != null && want.handsOverAlone(active)) {
            return handOverOneProgram(want, nowNs, limit);
        }
        if (want != active) {
            if (active != null && !stopping) {
                active.scheduler().stopStartingAt(nowNs);
                stopping = true;
            }
            // hand over only once every period under way has ended, not merely emitted its last phase: the
            // next therapy's first pulse must not come sooner than the old rate allows, nor be armed while an
            // old phase is still being delivered
            if (active != null && active.scheduler().finished()
                    && nowNs >= active.scheduler().startedPeriodsEndNs()) {
                drop();
            }
            if (active == null && want != null) {
                want.scheduler().restart(Math.max(nowNs, lastEndNs));
                delivering = true;
                stage.arm(want.scheduler().table());
                active = want;
                running = want;
            }
        }
        if (active == null) {
            idleNow();
            return 0;
        }
        settled = want == active;
        return active.scheduler().poll(nowNs, rtSink, limit);
    }

    /**
     * A change to one program, the others' delivery unchanged (the same phases at the same times from the same
     * origin): the old scheduler runs every program until the changed program's period under way ends; from that
     * moment the new scheduler, restarted on the old origin, runs them all, the changed program from its first whole
     * period. The unchanged programs' phases continue without a gap; no phase is emitted twice. Real-time thread;
     * allocation-free.
     */
    private int handOverOneProgram(Run want, long nowNs, int limit) {
        settled = false;
        if (handoverPlannedFor != want) {
            handoverPlannedFor = want;
            handoverAtNs = active.scheduler().periodEndNs(want.handoverProgram(), nowNs);
        }
        long lastOldNs = handoverAtNs - 1;
        if (nowNs <= lastOldNs) {
            return active.scheduler().poll(nowNs, rtSink, limit);
        }
        int emitted = active.scheduler().poll(lastOldNs, rtSink, limit);
        if (emitted == limit) {
            return emitted;
        }
        want.scheduler().restart(active.scheduler().originNs());
        want.scheduler().seek(handoverAtNs, want.handoverProgram());
        stage.arm(want.scheduler().table());
        active = want;
        running = want;
        handoverPlannedFor = null;
        handoverAtNs = NOT_PLANNED;
        return emitted + active.scheduler().poll(nowNs, rtSink, limit - emitted);
    }

    /**
     * Lets the active therapy go (ended, stopped at once or faulted): the next therapy starts no sooner than the
     * end of the last period it began, so that no pulse comes sooner than its rate allows.
     */
    private void drop() {
        if (active != null) {
            lastEndNs = Math.max(lastEndNs, active.scheduler().startedPeriodsEndNs());
        }
        active = null;
        stopping = false;
        settled = false;
    }

    /** Publishes that nothing is armed any more: a write only on the change, none per poll. */
    private void idleNow() {
        if (delivering) {
            delivering = false;
        }
    }

    /**
     * The next time {@link #poll} has work, or {@link PulseScheduler#NO_EVENT}: the next phase, or the end of the
     * old therapy's last period when a changed therapy waits to take over then. Real-time thread only.
     */
    public long nextEventNs() {
        Run current = active;
        if (current == null) {
            return PulseScheduler.NO_EVENT;
        }
        long next = current.scheduler().nextEventNs();
        Run want = desired;
        if (want != current && !stopping && want != null && want.handsOverAlone(current)) {
            // the old scheduler runs every program until the hand-over; then the new one takes the same times
            return handoverPlannedFor == want ? Math.min(next, handoverAtNs) : next;
        }
        if (next == PulseScheduler.NO_EVENT && stopping && desired != null) {
            return current.scheduler().startedPeriodsEndNs();
        }
        return next;
    }

    /**
     * Counts delivered charge for the battery, a period at a time, then passes the phase on. Real-time thread only.
     */
    private final class Meter implements PhaseSink {
        @Override
        public void onPhase(PhaseEvent event) {
            if (event.opensPeriod()) {
                // a period's draw is worked out when the table is compiled, and counted when the period opens
                // (every period that opens is delivered to its end, but for a stop-all); a release store publishes
                // the total to other threads without the full fence a volatile write costs
                count(event, 1.0);
            }
            stage.onPhase(event);
        }
    }

    /**
     * The meter while a closed loop runs ({@link #rtSink}): the loop's program's period current is chosen when the
     * period opens, then every phase of the period (stimulation and recharge) goes out scaled by it; other phases as
     * {@link Meter}. A sink of its own, so that a generator without a loop pays nothing for it.
     */
    private final class LoopMeter implements PhaseSink {
        @Override
        public void onPhase(PhaseEvent event) {
            EcapLoop closed = rtLoop;
            if (event.program() != closed.program() || event.table() != closed.table()) {
                meter.onPhase(event);
                return;
            }
            double factor = event.opensPeriod() ? closed.periodFactor(event.startNs(), event.amplitudeScale())
                    : closed.factor();
            if (event.opensPeriod()) {
                count(event, factor);
            }
            event.deliverScaled(factor, stage);
        }
    }

    private void count(PhaseEvent event, double factor) {
        double total = deliveredPcRealtime
                + event.table().periodDrawPc(event.program()) * event.amplitudeScale() * factor;
        deliveredPcRealtime = total;
        DELIVERED_PC.setRelease(this, total);
    }

    // --------------------------------------------------------------------------------------------------
    // control

    /**
     * Validates a therapy and, if it is safe, makes it the generator's therapy; if the generator is running,
     * the new therapy takes over at the next pulse boundary. A program whose contacts or pulse width changed
     * restarts from zero amplitude and ramps back; one whose amplitude alone changed goes to it at once when it falls
     * or rises by at most the device's {@code maxAmplitudeIncreasePerPeriodMa}, and rises by that step a period otherwise.
     * Refused whole, with the reasons, otherwise: the running therapy is untouched. Contacts measured by the last
     * impedance check are validated at their measured impedance (a measured open or short cannot carry current).
     */
    public synchronized ApplyResult apply(Therapy candidate, String who) {
        if (sets != null && sets.declared()) {
            // a change to what runs is a change to the active set: every set must stay safe
            return applySets(sets.withActiveTherapy(candidate), who);
        }
        return applyOne(candidate, who);
    }

    private ApplyResult applyOne(Therapy candidate, String who) {
        Validation validation = new SafetyValidator(measuredOhm).validate(candidate);
        return switch (validation) {
            case Validation.Unsafe unsafe -> reject(who, unsafe.violations());
            case Validation.Safe safe -> {
                List<Violation> cannot = stage.cannotRender(safe.therapy());
                yield cannot.isEmpty() ? accept(safe.therapy(), who) : reject(who, cannot);
            }
        };
    }

    /**
     * Validates a therapy's program sets, every set as a whole, and if all are safe (and the output stage can render
     * each), makes the active set the generator's therapy, taking over at the next pulse boundary when it runs.
     * Refused whole otherwise, with every reason; the running therapy is untouched.
     */
    public synchronized ApplyResult applySets(TherapySets candidate, String who) {
        return switch (new SafetyValidator(measuredOhm).validate(candidate)) {
            case SetsValidation.Unsafe unsafe -> reject(who, unsafe.violations());
            case SetsValidation.Safe safe -> {
                List<Violation> cannot = new ArrayList<>();
                for (ValidatedTherapy set : safe.perSet()) {
                    cannot.addAll(stage.cannotRender(set));
                }
                if (!cannot.isEmpty()) {
                    yield reject(who, cannot);
                }
                ApplyResult result = accept(safe.active(), who);
                sets = candidate;
                yield result;
            }
        };
    }

    /**
     * The patient's switch to another program set: one the clinician allowed ({@code patientSelectable}), validated
     * again as a whole and swapped in at the next pulse boundary like any change.
     */
    public synchronized ApplyResult selectSet(String name, String who) {
        if (sets == null || !sets.declared()) {
            return refuse("generator", "programSets", "none loaded", "a therapy with program sets");
        }
        Optional<ProgramSet> set = sets.set(name);
        if (set.isEmpty()) {
            return reject(who, List.of(new Violation("set '" + name + "'", "name", "no such set",
                    "one of " + sets.sets().stream().map(ProgramSet::name).toList(), SafetyRule.PROGRAM_SETS)));
        }
        if (!set.get().patientSelectable()) {
            return reject(who, List.of(new Violation("set '" + name + "'", "patientSelectable", "not allowed",
                    "a set the clinician allowed the patient", SafetyRule.PROGRAM_SETS)));
        }
        if (name.equals(sets.activeSet())) {
            return new ApplyResult.Applied("set '" + name + "' is already running");
        }
        String before = sets.activeSet();
        TherapySets switched = sets.withActive(name);
        ApplyResult result = applySets(switched, who);
        if (result.applied()) {
            log(GeneratorEvent.Kind.PROGRAM_SET_SELECTED, who, "set '" + before + "' -> '" + name + "'");
        }
        return result;
    }

    /** The program sets the generator holds, when it was given a therapy with sets. */
    public synchronized Optional<TherapySets> programSets() {
        return sets == null || !sets.declared() ? Optional.empty() : Optional.of(sets);
    }

    private ApplyResult reject(String who, List<Violation> violations) {
        log(GeneratorEvent.Kind.THERAPY_REJECTED, who, violations.size() + " problem(s), first: "
                + violations.get(0).message());
        return new ApplyResult.Rejected(violations);
    }

    private ApplyResult accept(ValidatedTherapy next, String who) {
        ValidatedTherapy previous = therapy;
        therapy = next;
        String summary = describeChange(previous, next);
        if (desired != null) {
            long now = clock.nanoTime();
            double[] ramps = restartRamps(next, now);
            int[] rises = rises(next, ramps, now);
            PulseTable table = PulseTable.compile(next, ramps, rises);
            Run current = running;
            boolean replacesRunning = current != null && desired == current;
            int alone = replacesRunning ? changedAlone(current, next, table, ramps, rises, now) : -1;
            want(new Run(new PulseScheduler(table, 0), next, alone >= 0 ? current : null, alone));
            summary += alone >= 0
                    ? "; '" + next.program(alone).name() + "' takes over at the end of its period under way; the other"
                    + " programs keep their phases"
                    : "; takes over at the next pulse boundary" + (replacesRunning && next.programCount() > 1
                    ? ", all programs together" : "") + describeRises(next, rises);
        }
        log(GeneratorEvent.Kind.THERAPY_APPLIED, who, summary);
        return new ApplyResult.Applied(summary);
    }

    /**
     * The one program a change touches, when it can hand over alone (docs/architecture.md, "Per-program hand-over"):
     * the same programs in the same order on the same leads and limits, exactly one program changed, every other one
     * delivering the same phases at the same times from the running therapy's origin (the interleave planner kept its
     * offset) and past its soft start and any rise, and the changed one keeping its number of phases and needing no
     * soft start or rise of its own (both count from the therapy's origin) and keeping its period and offset (so its
     * new periods follow its last old one without a gap: a change of rate hands over with the others). -1 otherwise: all programs hand over
     * together at their period boundaries, as before.
     */
    private static int changedAlone(Run current, ValidatedTherapy next, PulseTable table, double[] ramps, int[] rises,
                                    long nowNs) {
        if (current == null) {
            return -1;
        }
        Therapy before = current.therapy().therapy();
        Therapy after = next.therapy();
        PulseTable old = current.scheduler().table();
        if (before.programs().size() != after.programs().size() || !before.leads().equals(after.leads())
                || !before.limits().equals(after.limits()) || old.programCount() != table.programCount()) {
            return -1;
        }
        long sinceStartNs = nowNs - current.scheduler().originNs();
        int changed = -1;
        for (int p = 0; p < after.programs().size(); p++) {
            if (!before.programs().get(p).name().equals(after.programs().get(p).name())) {
                return -1;
            }
            if (before.programs().get(p).equals(after.programs().get(p))) {
                boolean steady = old.sameDelivery(p, table, p) && table.initialRampNs(p) == 0
                        && table.riseFromUa(p) == PulseTable.NO_RISE && !old.rampingAt(p, sinceStartNs)
                        && !old.risingAt(p, sinceStartNs);
                if (!steady) {
                    return -1;
                }
            } else if (changed >= 0) {
                return -1;
            } else {
                changed = p;
            }
        }
        if (changed < 0 || ramps[changed] > 0 || rises[changed] != PulseTable.NO_RISE
                || old.phaseTo(changed) - old.phaseFrom(changed) != table.phaseTo(changed) - table.phaseFrom(changed)
                || old.periodNs(changed) != table.periodNs(changed) || old.offsetNs(changed) != table.offsetNs(changed)) {
            return -1;
        }
        return changed;
    }

    /**
     * Each program's soft start when a changed therapy takes over. It is judged against what is being delivered
     * (the running therapy, and one still waiting to take over, which may be running by then), not against the
     * last therapy applied: none for a program at its full amplitude whose contacts and pulse width stay (an
     * amplitude change goes on at once); its own ramp for a new program or one in its cycling off-time (it comes
     * on again with its soft start); and from zero over at least {@link #MIN_RESTART_RAMP_S} for a program whose
     * contacts or pulse width changed, or that is still ramping (a step during a ramp never jumps to full). A program
     * still rising to a raised amplitude needs no ramp: it rises again from what it delivers ({@link #rises}).
     */
    private double[] restartRamps(ValidatedTherapy next, long nowNs) {
        Run current = running;
        Run pending = desired;
        double[] ramps = new double[next.programCount()];
        for (int p = 0; p < ramps.length; p++) {
            Program program = next.program(p);
            double ramp = 0.0;
            if (current != null) {
                ramp = rampAfter(current, program, nowNs - current.scheduler().originNs());
            }
            if (pending != null && pending != current) {
                ramp = Math.max(ramp, rampAfter(pending, program, 0));
            }
            ramps[p] = ramp;
        }
        return ramps;
    }

    /**
     * For each program that goes to its new amplitude at once (no ramp), the amplitude it rises from when that is an
     * increase of more than the device's {@code maxAmplitudeIncreasePerPeriodMa}: the amplitude delivered now (the lower
     * of the running therapy's and one still waiting to take over). {@link PulseTable#NO_RISE} otherwise: a smaller
     * step, or a decrease, acts at the next period.
     */
    private int[] rises(ValidatedTherapy next, double[] ramps, long nowNs) {
        Run current = running;
        Run pending = desired;
        int stepUa = Amplitudes.microamps(next.therapy().limits().maxAmplitudeIncreasePerPeriodMa());
        int[] rises = new int[next.programCount()];
        for (int p = 0; p < rises.length; p++) {
            rises[p] = PulseTable.NO_RISE;
            if (ramps[p] > 0) {
                continue;
            }
            int fromUa = Integer.MAX_VALUE;
            if (current != null) {
                fromUa = Math.min(fromUa, deliveredUa(current, next.program(p), nowNs - current.scheduler().originNs()));
            }
            if (pending != null && pending != current) {
                fromUa = Math.min(fromUa, deliveredUa(pending, next.program(p), 0));
            }
            int toUa = Amplitudes.microamps(next.program(p).amplitudeMa());
            if (fromUa != Integer.MAX_VALUE && toUa - fromUa > stepUa) {
                rises[p] = fromUa;
            }
        }
        return rises;
    }

    /** The amplitude a run delivers to the program of that name, in uA ({@code Integer.MAX_VALUE} when it has none). */
    private static int deliveredUa(Run run, Program program, long sinceStartNs) {
        List<Program> programs = run.therapy().therapy().programs();
        for (int i = 0; i < programs.size(); i++) {
            if (programs.get(i).name().equals(program.name())) {
                return run.scheduler().table().amplitudeUaAt(i, sinceStartNs);
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String describeRises(ValidatedTherapy next, int[] rises) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < rises.length; p++) {
            if (rises[p] != PulseTable.NO_RISE) {
                out.append("; '").append(next.program(p).name()).append("' rises from ")
                        .append(Figures.format(Amplitudes.milliamps(rises[p]))).append(" mA by ")
                        .append(Figures.format(next.therapy().limits().maxAmplitudeIncreasePerPeriodMa()))
                        .append(" mA a period");
            }
        }
        return out.toString();
    }

    /** The soft start {@code program} needs when it follows {@code before}, which started {@code sinceStartNs} ago. */
    private static double rampAfter(Run before, Program program, long sinceStartNs) {
        List<Program> programs = before.therapy().therapy().programs();
        int index = -1;
        for (int i = 0; i < programs.size() && index < 0; i++) {
            if (programs.get(i).name().equals(program.name())) {
                index = i;
            }
        }
        if (index < 0) {
            return program.rampS();
        }
        Program old = programs.get(index);
        double restartRampS = Math.max(program.rampS(), MIN_RESTART_RAMP_S);
        if (!old.electrodes().equals(program.electrodes()) || old.pulseWidthUs() != program.pulseWidthUs()) {
            return restartRampS;
        }
        PulseTable table = before.scheduler().table();
        if (table.rampingAt(index, sinceStartNs) && !table.risingAt(index, sinceStartNs)) {
            return restartRampS;
        }
        if (table.cyclingOffAt(index, sinceStartNs)) {
            return program.rampS();
        }
        return 0.0;
    }

    private static String describeChange(ValidatedTherapy previous, ValidatedTherapy next) {
        List<String> names = next.therapy().programs().stream().map(Program::name).toList();
        return (previous == null ? "therapy loaded: " : "therapy changed: ") + names;
    }

    /** Starts delivering the therapy (each program soft-starts with its ramp). */
    public synchronized ApplyResult start(String who) {
        if (faulted) {
            return refuse("generator", "mode", "FAULT (" + faultReason + ")", "clear the fault first");
        }
        if (therapy == null) {
            return refuse("generator", "therapy", "none loaded", "load a therapy before starting");
        }
        if (batteryDepleted()) {
            return refuse("generator", "battery", "end of service", "replace the generator");
        }
        if (desired == null) {
            want(new Run(new PulseScheduler(PulseTable.compile(therapy), 0), therapy));
            log(GeneratorEvent.Kind.STARTED, who, "therapy on");
        }
        return new ApplyResult.Applied("therapy on");
    }

    /**
     * Hands the real-time thread the therapy it should run (null: none), with the change count it checks on every
     * poll: every write of {@link #desired} goes through here, or the real-time thread would not look.
     */
    private void want(Run run) {
        desired = run;
        EcapLoop before = loop;
        if (before != null) {
            loopStateBefore = before.state();
        }
        loop = loopFor(run);
        changes++;
    }

    // --------------------------------------------------------------------------------------------------
    // the closed loop

    /**
     * Closes the loop on a program of the loaded therapy (docs/ecap.md, "On the generator"): after each of its pulses
     * the ECAP {@code source} measures sets the next pulse's current, inside the program's patient range (which the
     * validator proved at its maximum) and never rising faster than the amplitude-step rule. Refused, with the rule
     * {@code closed loop}, when the settings do not fit the therapy; the running therapy is untouched then. The loop
     * follows the therapy: a change that still fits starts it afresh at the new amplitude, one that does not opens it
     * (logged).
     *
     * @param slopeUvPerMa the growth curve's slope the clinician measured, uV/mA (the controller's model of the cord)
     */
    public synchronized ApplyResult closeLoop(ClosedLoopSettings settings, double slopeUvPerMa, EcapSource source,
                                              String who) {
        if (therapy == null) {
            return refuse("closedLoop", "therapy", "none loaded", "load a therapy before closing the loop");
        }
        List<Violation> problems = settings.problems(therapy.therapy());
        if (!(slopeUvPerMa > 0)) {
            problems = List.of(new Violation("closedLoop", "slopeUvPerMa", Figures.format(slopeUvPerMa) + " uV/mA",
                    "above 0 (the growth curve's slope)", SafetyRule.CLOSED_LOOP));
        }
        if (!problems.isEmpty()) {
            return reject(who, problems);
        }
        loopSettings = settings;
        loopSlopeUvPerMa = slopeUvPerMa;
        loopSource = source;
        loopFallbackLogged = false;
        loop = loopFor(desired);
        changes++;
        EcapController controller = controllerFor(therapy.therapy(), settings);
        String summary = "closed loop on '" + settings.program() + "': holds " + Figures.format(settings.targetUv())
                + " uV recorded on " + settings.recordingContacts() + ", current within "
                + Figures.format(controller.minMa()) + " to " + Figures.format(controller.maxMa()) + " mA, rising by at"
                + " most " + Figures.format(controller.maxRiseMa()) + " mA a pulse";
        log(GeneratorEvent.Kind.CLOSED_LOOP, who, summary);
        return new ApplyResult.Applied(summary);
    }

    /** Opens the loop: the program goes back to its programmed amplitude at its next period. */
    public synchronized void openLoop(String who) {
        if (loopSettings == null) {
            return;
        }
        String program = loopSettings.program();
        loopSettings = null;
        loopSource = null;
        loop = null;
        changes++;
        log(GeneratorEvent.Kind.CLOSED_LOOP, who, "closed loop off: '" + program + "' back to its programmed amplitude");
    }

    /** What the closed loop is doing, when one is closed on the running therapy. */
    public Optional<EcapLoop.State> closedLoopState() {
        EcapLoop current = loop;
        return current == null ? Optional.empty() : Optional.of(current.state());
    }

    /**
     * What the closed loop did last: its state now while it runs, or as it was when the therapy it ran on stopped or
     * changed (a bench run's report reads it after the run).
     */
    public Optional<EcapLoop.State> lastClosedLoopState() {
        EcapLoop current = loop;
        return current != null ? Optional.of(current.state()) : Optional.ofNullable(loopStateBefore);
    }

    /** The closed loop's settings, while it is closed. */
    public synchronized Optional<ClosedLoopSettings> closedLoop() {
        return Optional.ofNullable(loopSettings);
    }

    /** The loop for a run's table, or null (no loop, no run, or a therapy the settings no longer fit: then opened). */
    private EcapLoop loopFor(Run run) {
        if (loopSettings == null || run == null) {
            return null;
        }
        Therapy target = run.therapy().therapy();
        List<Violation> problems = loopSettings.problems(target);
        if (!problems.isEmpty()) {
            log(GeneratorEvent.Kind.CLOSED_LOOP, "generator", "closed loop off: " + problems.get(0).message());
            loopSettings = null;
            loopSource = null;
            return null;
        }
        List<Program> programs = target.programs();
        int index = 0;
        while (!programs.get(index).name().equals(loopSettings.program())) {
            index++;
        }
        loopFallbackLogged = false;
        return new EcapLoop(run.scheduler().table(), index, programs.get(index).amplitudeMa(),
                controllerFor(target, loopSettings), loopSource);
    }

    private EcapController controllerFor(Therapy target, ClosedLoopSettings settings) {
        Program program = target.program(settings.program()).orElseThrow();
        return EcapController.forProgram(target, program, settings.targetUv(), loopSlopeUvPerMa);
    }

    /** Stops therapy at the end of the periods under way, so that every pulse ends charge balanced. */
    public synchronized void stop(String who) {
        if (desired != null) {
            want(null);
            log(GeneratorEvent.Kind.STOPPED, who, "therapy off at the next pulse boundary");
        }
    }

    /** Stops every output at once and drives them to their safe state. */
    public synchronized void stopAll(String who) {
        abortGeneration++;
        want(null);
        stage.safe();
        log(GeneratorEvent.Kind.STOP_ALL, who, "every output stopped and safe");
    }

    /** Puts the generator in FAULT: every output safe at once, no therapy until a clinician clears it. */
    public synchronized void fault(String reason) {
        faulted = true;
        abortGeneration++;
        want(null);
        stage.safe();
        if (faultReason == null) {
            faultReason = reason;
        }
        log(GeneratorEvent.Kind.FAULT, "generator", reason + "; every output safe");
    }

    /** Clears a fault; therapy stays off until started again. */
    public synchronized void clearFault(String who) {
        if (faulted) {
            log(GeneratorEvent.Kind.FAULT_CLEARED, who, "fault cleared: " + faultReason);
            faulted = false;
            changes++; // the real-time thread looks again
            faultReason = null;
        }
    }

    /**
     * A patient's amplitude step: the program's amplitude moves by {@code deltaMa}, strictly inside its
     * patient range, and the whole therapy is validated again before it is applied.
     */
    public synchronized ApplyResult patientAdjust(String programName, double deltaMa, String who) {
        if (therapy == null) {
            return refuse("generator", "therapy", "none loaded", "load a therapy first");
        }
        Optional<Program> found = therapy.therapy().program(programName);
        if (found.isEmpty()) {
            return refuse("program '" + programName + "'", "name", "no such program",
                    "one of " + therapy.therapy().programs().stream().map(Program::name).toList());
        }
        Program program = found.get();
        Optional<PatientRange> range = program.patientRange();
        double target = Amplitudes.milliamps(Amplitudes.microamps(program.amplitudeMa() + deltaMa));
        if (range.isEmpty()) {
            return reject(who, List.of(new Violation("program '" + programName + "'", "patientRange", "none set",
                    "a clinician-set patient range before a patient may adjust", SafetyRule.PATIENT_RANGE)));
        }
        if (!range.get().contains(target)) {
            return reject(who, List.of(new Violation("program '" + programName + "'", "amplitudeMa",
                    Figures.format(target) + " mA", "inside the patient range " + Figures.format(range.get().minMa())
                    + " to " + Figures.format(range.get().maxMa()) + " mA", SafetyRule.PATIENT_RANGE)));
        }
        ApplyResult result = apply(therapy.therapy().withProgram(program.withAmplitudeMa(target)), who);
        if (result.applied()) {
            log(GeneratorEvent.Kind.AMPLITUDE_CHANGED, who, "program '" + programName + "' "
                    + Figures.format(program.amplitudeMa()) + " -> " + Figures.format(target) + " mA");
        }
        return result;
    }

    /**
     * Checks every contact's impedance and flags open and short circuits. With an {@link ImpedanceMeter} the
     * contacts are measured on the outputs, but only while nothing is being delivered (therapy off, its last
     * period ended, or a fault): a measurement drives the outputs. Otherwise, and for a contact the meter cannot
     * reach, the figure is the therapy file's, marked as not measured; the logged event says which. Measured
     * figures are kept: later changes are validated against them.
     */
    public synchronized ImpedanceReport checkImpedance(String who) {
        long now = clock.nanoTime();
        if (therapy == null) {
            return new ImpedanceReport(now, List.of());
        }
        Therapy t = therapy.therapy();
        List<ContactId> ids = new ArrayList<>();
        for (Lead lead : t.leads()) {
            for (int i = 0; i < lead.contactCount(); i++) {
                ids.add(lead.contact(i));
            }
        }
        ids.add(ContactId.CASE);
        String how;
        Map<ContactId, Double> measured = Map.of();
        if (impedanceMeter == ImpedanceMeter.NONE) {
            how = "from the therapy file";
        } else if (desired != null || delivering) {
            how = "not measured while stimulation is on (stop therapy to measure): from the therapy file";
        } else {
            try {
                measured = Map.copyOf(impedanceMeter.measureOhm(ids));
                measuredOhm = measured;
                how = measured.size() == ids.size() ? "measured"
                        : "measured " + measured.size() + ", the rest from the therapy file";
            } catch (RuntimeException e) {
                stage.safe();
                how = "the measurement failed (" + e.getMessage() + "): from the therapy file";
            }
        }
        SafetyValidator validator = new SafetyValidator(Map.of());
        List<ImpedanceReport.ContactImpedance> contacts = new ArrayList<>();
        for (ContactId id : ids) {
            Double ohm = measured.get(id);
            contacts.add(ohm == null ? impedanceOf(id, validator.impedanceOhm(t, id), t, false)
                    : impedanceOf(id, ohm, t, true));
        }
        ImpedanceReport report = new ImpedanceReport(now, contacts);
        log(GeneratorEvent.Kind.IMPEDANCE_CHECK, who, contacts.size() + " contacts " + how + ", "
                + report.flagged().size() + " flagged" + (report.flagged().isEmpty() ? "" : ": "
                + report.flagged().stream().map(c -> c.contact() + " " + c.status()).toList()));
        return report;
    }

    private static ImpedanceReport.ContactImpedance impedanceOf(ContactId contact, double ohm, Therapy t,
                                                                boolean measured) {
        ImpedanceReport.Status status = ohm > t.limits().openCircuitOhm() ? ImpedanceReport.Status.OPEN
                : ohm < t.limits().shortCircuitOhm() ? ImpedanceReport.Status.SHORT : ImpedanceReport.Status.OK;
        return new ImpedanceReport.ContactImpedance(contact, ohm, status, measured);
    }

    /**
     * Periodic housekeeping off the real-time path: warns once when the battery reaches its replacement
     * level and faults the generator at end of service.
     */
    public synchronized void housekeeping() {
        EcapLoop closed = loop;
        if (closed != null) {
            EcapLoop.State state = closed.state();
            if (state.openLoop() != loopFallbackLogged) {
                loopFallbackLogged = state.openLoop();
                log(GeneratorEvent.Kind.CLOSED_LOOP, "generator", state.openLoop()
                        ? "ECAP signal lost for " + EcapLoop.FALLBACK_AFTER_PULSES + " pulses or more: open loop at '"
                        + loopSettings.program() + "''s programmed amplitude"
                        : "ECAP signal back: closed loop resumed at " + Figures.format(state.currentMa()) + " mA");
            }
        }
        double fraction = batteryFraction();
        if (!batteryLowLogged && fraction <= battery.lowFraction()) {
            batteryLowLogged = true;
            log(GeneratorEvent.Kind.BATTERY_LOW, "generator", "battery at " + Figures.format(fraction * 100, 1)
                    + "%: elective replacement");
        }
        if (fraction <= battery.depletedFraction() && !faulted) {
            log(GeneratorEvent.Kind.BATTERY_DEPLETED, "generator", "battery at end of service");
            fault("battery depleted");
        }
    }

    public synchronized GeneratorStatus status() {
        long now = clock.nanoTime();
        double fraction = batteryFraction();
        double therapyUa = 0;
        Run want = desired;
        if (want != null) {
            PulseTable table = want.scheduler().table();
            for (int p = 0; p < table.programCount(); p++) {
                therapyUa += table.averageDeliveredUa(p);
            }
        }
        return new GeneratorStatus(now, mode(now), Optional.ofNullable(therapy), fraction,
                battery.daysLeft(fraction, therapyUa), fraction <= battery.lowFraction(),
                Optional.ofNullable(faultReason), deliveredPc() / PC_PER_UC);
    }

    /** The generator's mode at a time on its clock. */
    public synchronized GeneratorMode mode(long nowNs) {
        if (faulted) {
            return GeneratorMode.FAULT;
        }
        Run want = desired;
        if (want == null) {
            return GeneratorMode.OFF;
        }
        Run current = running;
        long sinceStart = current == want ? nowNs - want.scheduler().originNs() : 0;
        PulseTable table = want.scheduler().table();
        boolean allCyclingOff = true;
        for (int p = 0; p < table.programCount(); p++) {
            if (table.rampingAt(p, sinceStart)) {
                return GeneratorMode.RAMPING;
            }
            allCyclingOff &= table.cyclingOffAt(p, sinceStart);
        }
        return allCyclingOff ? GeneratorMode.CYCLING_OFF : GeneratorMode.ON;
    }

    public synchronized Optional<ValidatedTherapy> therapy() {
        return Optional.ofNullable(therapy);
    }

    public EventLog log() {
        return log;
    }

    public Clock clock() {
        return clock;
    }

    private double batteryFraction() {
        return battery.remainingFraction(clock.nanoTime() - createdNs, deliveredPc());
    }

    /** Charge delivered so far, as last published by the real-time thread. */
    private double deliveredPc() {
        return (double) DELIVERED_PC.getAcquire(this);
    }

    private boolean batteryDepleted() {
        return batteryFraction() <= battery.depletedFraction();
    }

    private ApplyResult refuse(String subject, String field, String value, String limit) {
        return new ApplyResult.Rejected(List.of(new Violation(subject, field, value, limit, SafetyRule.GENERATOR_STATE)));
    }

    private void log(GeneratorEvent.Kind kind, String who, String message) {
        log.add(new GeneratorEvent(clock.nanoTime(), kind, who, message));
    }
}
