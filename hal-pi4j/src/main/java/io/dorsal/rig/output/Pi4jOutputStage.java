package io.dorsal.rig.output;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.time.Clock;
import io.dorsal.rig.amplitude.AmplitudeOutput;
import io.dorsal.rig.amplitude.AmplitudeOutputs;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Source;
import java.util.ArrayList;
import java.util.List;

/**
 * The rig's output stage: turns scheduler phases into timed pin changes on Pi4J. A phase arrives
 * ({@link #onPhase}) a little before it starts and becomes queued actions: a PWM change if its sources'
 * amplitude must change (a ramp step; never more often than {@code minPwmIntervalNs} upwards), switch-on at the
 * phase start (contact lines, then enable) and switch-off at its end (enable first, then contact lines). The
 * real-time runner executes each action at its time ({@link #runNextAction}). Pulse timing comes from GPIO
 * writes alone.
 *
 * <p>Fail safe: {@link #safe()} latches the stage and drives enable off first, every source to its safe duty and
 * every line to its safe level; it never throws. When a phase has been switched on since the last bleed, it then
 * closes the discharge line for {@link #BLEED_NS} so the coupling capacitors give back what an interrupted pulse or
 * burst left on them (the runner, or whoever waits for it, ends the bleed with {@link #endBleed}); the trace shows
 * it. While latched, phases and actions are dropped; the runner re-asserts the safe state on its own thread. Only
 * {@link #arm} unlatches.
 *
 * <p>Times are read from the clock after each write returns: the trace stamps when a line really changed, and a
 * phase switched on late keeps its length from the moment its enable write completed.
 *
 * <p>Threads: {@code onPhase}, {@code arm}, {@code nextActionNs} and {@code runNextAction} belong to the
 * real-time thread; {@code safe} may be called from any thread. {@code onPhase} and {@code runNextAction}
 * allocate nothing; {@code arm} builds the rig plan and may allocate.
 */
public final class Pi4jOutputStage implements OutputStage {

    /** Sentinel: no action queued. */
    public static final long NO_ACTION = Long.MAX_VALUE;
    /** Queued actions at most: ample for the lookahead of a few phases. */
    public static final int QUEUE_CAPACITY = 1024;
    /**
     * How long the discharge line stays closed after a stop or fault: five time constants of a 2 kOhm path (two 1 kOhm
     * contacts, domain.md's default impedance) on 10 uF coupling capacitors, so over 99 % of the charge an interrupted
     * pulse or burst left on the electrodes returns (docs/bench-rig.md, "Failing safe").
     */
    public static final long BLEED_NS = 100_000_000L;
    /**
     * How far a phase may run past its length before the rig faults: 20 us, the device's shortest stimulation
     * phase, so a late switch-off never adds as much as a whole pulse (at 3 mA, 0.06 uC). The recharge that follows
     * stretches by as much (scaled by its current), so the period stays balanced. See docs/bench-rig.md.
     */
    public static final long DEFAULT_OVERRUN_BOUND_NS = 20_000L;
    /**
     * How late a stimulation phase may start because the active recharge before it was still on, or the passive
     * window before it had not yet closed (a window switched on late keeps its length): 20 us, the default overrun
     * bound. Within it the pulse follows the recharge at once and keeps its length (a few microseconds of
     * lateness at 10 kHz, where a recharge ends 20 us before the next pulse); past it the runner is behind its
     * schedule (a stall), and delivering the backlog back to back would raise the pulse rate above the programmed one,
     * so the pulse is skipped with its recharge, and counted, until the schedule is regained. Fixed, not the
     * (settable) overrun bound, so that the mock's looser bound does not let a stall's backlog through.
     */
    public static final long MAX_START_SLIP_NS = 20_000L;
    /** Sentinel: no bleed under way. */
    public static final long NO_BLEED = Long.MIN_VALUE;

    private static final int ACTION_ON = 1;
    private static final int ACTION_OFF = 2;
    private static final int ACTION_PWM = 3;
    /** Sentinel: no amplitude change waiting for ENABLE to go off. */
    private static final int NO_PENDING = -1;

    private final PinMap map;
    private final Clock clock;
    private final DigitalOutput[] outputs;
    private final int[] level;
    private final AmplitudeOutput[] amplitudes;
    private final int[] duty;
    private final int[] pendingDuty;
    private final int[] scheduledDuty;
    private final long[] lastPwmChangeNs;
    private final long pwmLeadNs;
    private final long minPwmIntervalNs;

    private final long[] actionAtNs = new long[QUEUE_CAPACITY];
    private final int[] actionKind = new int[QUEUE_CAPACITY];
    private final int[] actionArg = new int[QUEUE_CAPACITY];
    private final int[] actionDuty = new int[QUEUE_CAPACITY];
    private final RigPlan[] actionPlan = new RigPlan[QUEUE_CAPACITY];
    private long head;
    private long tail;
    /** When the queued switch-off of the phase now on is due: its real switch-on plus the length it must have. */
    private long offDueNs;
    /** When the phase now on really switched on (clock read after its last switch-on write returned). */
    private long onAtNs;
    /** Whether the phase now due was skipped: its switch-off then writes nothing. */
    private boolean phaseSkipped;
    /**
     * When the last driven phase (stimulation or active recharge; ENABLE gated) really switched off: the clock read
     * after its switch-off writes returned. A passive window drives nothing and does not count.
     */
    private long lastDrivenOffAtNs = Long.MIN_VALUE;
    /** Whether that phase was a stimulation phase: a stimulation phase due before it was off would be joined to it. */
    private boolean lastDrivenWasStim;
    /**
     * When the last passive window really closed (its discharge line opened). A window switched on late keeps its
     * length, so it closes late too; a stimulation phase due more than {@link #MAX_START_SLIP_NS} before that is
     * behind its schedule and skipped, as one due while an active recharge was still on is.
     */
    private long lastPassiveOffAtNs = Long.MIN_VALUE;
    /** When the last stimulation phase switched on was programmed to end: its due time plus its length. */
    private long lastStimProgrammedEndNs = Long.MIN_VALUE;
    /** How long each stimulation phase of the plan really lasted, by phase; 0 when it was skipped. */
    private long[] deliveredNs = new long[0];
    /**
     * By stimulation phase: the charge its recharges delivered past their due switch-offs (within the overrun bound),
     * not yet given back, in uA x ns (femtocoulombs): each overrun times the current the recharge drove. The next
     * recharge of that phase that drives current is shorter by that charge over its own current (down to half its
     * length, the rest carried on), so a late recharge switch-off balances over the following periods instead of
     * leaving one off by the bound times the current. Charge, not time: a ramp changes the current from one period to
     * the next, and an overrun of a recharge at zero current (a soft start's first periods) owes nothing.
     */
    private double[] rechargeCarryUaNs = new double[0];
    private long overrunBoundNs = DEFAULT_OVERRUN_BOUND_NS;
    private long overrunNs;
    private int overrunPhase = -1;
    private volatile long skippedPulses;
    /** The sync output, or null when the pin map has none. */
    private final DigitalOutput syncOut;
    private int syncLevel;
    private final int syncSafeLevel;
    /** Stimulation phases switched on since the last {@link #pulseBudget}: pulses delivered. */
    private volatile long pulsesDelivered;
    /** Stimulation phases that may still switch on ({@code rig run --pulses N}); past it a pulse is left out. */
    private volatile long pulseBudget = Long.MAX_VALUE;
    /** Measures sampled pulses ({@code rig run --verify}), or null. */
    private io.dorsal.rig.sense.ChargeVerifier verifier;

    private volatile boolean latched = true;
    private volatile RigPlan plan;
    private volatile LineTrace trace;
    private long phasesDelivered;
    private volatile int failedSafeWrites;
    private volatile boolean charged;
    private volatile long bleedUntilNs = NO_BLEED;
    private long firstWriteNs;
    private PinAction lastAction = PinAction.SAFE;

    /**
     * Provisions every line of the pin map on the context, each at its safe level.
     *
     * @param pwmLeadNs        how long before a phase its PWM change is made (sysfs PWM takes ~100 us)
     * @param minPwmIntervalNs shortest time between two increases of one source (ramp steps at a bounded rate)
     */
    public Pi4jOutputStage(Context pi4j, PinMap map, Clock clock, long pwmLeadNs, long minPwmIntervalNs) {
        this.map = map;
        this.clock = clock;
        this.pwmLeadNs = pwmLeadNs;
        this.minPwmIntervalNs = minPwmIntervalNs;
        List<GpioLine> lines = map.lines();
        outputs = new DigitalOutput[lines.size()];
        level = new int[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            GpioLine line = lines.get(i);
            DigitalState safe = state(line.safeLevel());
            outputs[i] = pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-" + line.name())
                    .name(line.name()).address(line.bcm()).initial(safe).shutdown(safe).build());
            level[i] = line.safeLevel();
        }
        syncOut = map.sync().map(sync -> {
            DigitalState safe = state(sync.safeLevel());
            return pi4j.create(DigitalOutput.newConfigBuilder(pi4j).id("dorsal-" + sync.name()).name(sync.name())
                    .address(sync.bcm()).initial(safe).shutdown(safe).build());
        }).orElse(null);
        syncSafeLevel = map.sync().map(io.dorsal.rig.pins.SyncOutput::safeLevel).orElse(0);
        syncLevel = syncSafeLevel;
        amplitudes = AmplitudeOutputs.open(pi4j, map);
        duty = new int[amplitudes.length];
        pendingDuty = new int[amplitudes.length];
        scheduledDuty = new int[amplitudes.length];
        lastPwmChangeNs = new long[amplitudes.length];
        for (int s = 0; s < amplitudes.length; s++) {
            Source source = map.sources().get(s);
            duty[s] = source.safeSetting();
            pendingDuty[s] = NO_PENDING;
            scheduledDuty[s] = duty[s];
            lastPwmChangeNs[s] = Long.MIN_VALUE / 2;
        }
        driveSafe(clock.nanoTime());
    }

    /**
     * The names of the lines as a trace numbers them: GPIO lines, then PWM lines, then the sync output and the
     * trigger input when the pin map has them.
     */
    public List<String> traceLineNames() {
        List<String> names = new ArrayList<>();
        map.lines().forEach(l -> names.add(l.name()));
        map.sources().forEach(s -> names.add(s.line()));
        map.sync().ifPresent(sync -> names.add(sync.name()));
        map.trigger().ifPresent(trigger -> names.add(trigger.name()));
        return names;
    }

    /** Measures delivered pulses through the ADC while the stage runs (set before the first therapy is armed). */
    public void verify(io.dorsal.rig.sense.ChargeVerifier chargeVerifier) {
        verifier = chargeVerifier;
    }

    /** The trace's index of the sync output. */
    private int syncTraceLine() {
        return outputs.length + amplitudes.length;
    }

    /**
     * Records in the trace that the runner took a trigger edge at {@code atNs} (the input's row shows its active
     * level). Real-time thread; allocation-free.
     */
    public void traceTrigger(long atNs) {
        LineTrace t = trace;
        if (t != null && map.trigger().isPresent()) {
            t.record(atNs, syncTraceLine() + (syncOut != null ? 1 : 0), map.trigger().get().edge().activeLevel());
        }
    }

    /**
     * From now on at most {@code pulses} more stimulation phases switch on; later ones are left out with their
     * recharges (not counted as skipped: the train is over). {@link Long#MAX_VALUE}: no limit. Resets the count.
     */
    public void pulseBudget(long pulses) {
        if (pulses < 0) {
            throw new IllegalArgumentException("a pulse budget is 0 or more: " + pulses);
        }
        pulsesDelivered = 0;
        pulseBudget = pulses;
    }

    /** Stimulation phases switched on since the budget was set. */
    public long pulsesDelivered() {
        return pulsesDelivered;
    }

    /** Whether the budget's every pulse has been switched on. */
    public boolean pulseBudgetSpent() {
        return pulsesDelivered >= pulseBudget;
    }

    /** Starts recording every line change, first every line's present level at the trace's origin. */
    public void startTrace(LineTrace newTrace, long originNs) {
        trace = newTrace;
        for (int i = 0; i < outputs.length; i++) {
            newTrace.record(originNs, i, level[i]);
        }
        for (int s = 0; s < amplitudes.length; s++) {
            newTrace.record(originNs, outputs.length + s, duty[s]);
        }
        if (syncOut != null) {
            newTrace.record(originNs, syncTraceLine(), syncLevel);
        }
    }

    public PinMap pinMap() {
        return map;
    }

    // ------------------------------------------------------------------------------------------------
    // OutputStage

    /** The reasons this rig cannot render a therapy exactly (docs/bench-rig.md), as the generator's refusals. */
    @Override
    public List<Violation> cannotRender(ValidatedTherapy therapy) {
        return RigPlan.problems(therapy, map).stream().map(p -> new Violation(p.subject(), p.field(), p.value(),
                p.limit() + " [" + p.rule() + "]", SafetyRule.OUTPUT_STAGE)).toList();
    }

    @Override
    public void arm(PulseTable table) {
        RigPlan.Result result = RigPlan.plan(table, map);
        if (result instanceof RigPlan.Result.NotRenderable refused) {
            throw new IllegalStateException("the rig cannot render this therapy: "
                    + refused.problems().get(0).message());
        }
        if (latched) {
            head = tail;
            phaseSkipped = false;
        }
        // actions already queued for the old therapy (its last switch-offs, when the runner's lookahead lets the
        // new therapy be armed before they are due) keep their own plan and still run
        plan = ((RigPlan.Result.Renderable) result).plan();
        if (verifier != null) {
            verifier.arm(plan);
        }
        int phases = table.phaseTo(table.programCount() - 1);
        if (deliveredNs.length < phases) {
            deliveredNs = java.util.Arrays.copyOf(deliveredNs, phases);
            rechargeCarryUaNs = new double[phases];
        }
        // a new therapy's recharges owe nothing: what the old one's last recharge overran, the bleed or its next
        // period returned
        java.util.Arrays.fill(rechargeCarryUaNs, 0);
        if (bleeding()) {
            // a new therapy must not start with the outputs shorted: the bleed ends here, early
            bleedUntilNs = clock.nanoTime();
            endBleed(bleedUntilNs);
        }
        latched = false;
    }

    @Override
    public void onPhase(PhaseEvent event) {
        if (latched) {
            return;
        }
        RigPlan current = plan;
        if (current == null || current.table() != event.table()) {
            throw new IllegalStateException("a phase of a table the stage was not armed for");
        }
        int phase = event.phase();
        long startNs = event.startNs();
        double scale = event.amplitudeScale();
        for (int i = 0; i < current.sourceCount(phase); i++) {
            int s = current.source(phase, i);
            // at full amplitude the duty was worked out with the plan; only a ramp step needs the calibration
            int target = scale == 1.0 ? current.sourceFullDuty(phase, i)
                    : map.sources().get(s).calibration().highestDutyNotAbove(current.sourceUa(phase, i) * scale);
            if (target < 0) {
                target = map.sources().get(s).safeSetting();
            }
            boolean lower = target < scheduledDuty[s];
            boolean higherAllowed = target > scheduledDuty[s] && startNs - lastPwmChangeNs[s] >= minPwmIntervalNs;
            if (lower || higherAllowed) {
                long at = Math.max(lastQueuedNs(), startNs - pwmLeadNs);
                enqueue(at, ACTION_PWM, s, target, current);
                scheduledDuty[s] = target;
                lastPwmChangeNs[s] = at;
            }
        }
        enqueue(startNs, ACTION_ON, phase, 0, current);
        enqueue(event.endNs(), ACTION_OFF, phase, 0, current);
        phasesDelivered++;
    }

    @Override
    public void safe() {
        latched = true;
        long now = clock.nanoTime();
        if (charged && map.dischargeLine() >= 0) {
            charged = false;
            bleedUntilNs = now + BLEED_NS;
        }
        driveSafe(now);
    }

    /** Whether the discharge line is closed after a stop or fault, until {@link #bleedEndsNs()}. */
    public boolean bleeding() {
        return bleedUntilNs != NO_BLEED;
    }

    /** When the bleed under way ends, or {@link #NO_BLEED}. */
    public long bleedEndsNs() {
        return bleedUntilNs;
    }

    /** Opens the discharge line once the bleed's time has come; before that, does nothing. Returns whether it ended. */
    public boolean endBleed(long nowNs) {
        long until = bleedUntilNs;
        if (until == NO_BLEED || nowNs < until) {
            return false;
        }
        bleedUntilNs = NO_BLEED;
        int discharge = map.dischargeLine();
        try {
            write(discharge, map.lines().get(discharge).safeLevel());
        } catch (RuntimeException | Error e) {
            failedSafeWrites++;
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------------
    // the runner's side

    /** When the next queued action is due, or {@link #NO_ACTION}. */
    public long nextActionNs() {
        if (head >= tail) {
            return NO_ACTION;
        }
        int slot = (int) (head % QUEUE_CAPACITY);
        return actionKind[slot] == ACTION_OFF ? offDueNs : actionAtNs[slot];
    }

    /**
     * Executes the next queued action at {@code nowNs}. While latched safe, drops the queue and re-asserts the
     * safe state instead.
     *
     * @return the time the action was due
     */
    public long runNextAction(long nowNs) {
        if (latched) {
            long due = nextActionNs();
            head = tail;
            phaseSkipped = false;
            driveSafe(nowNs);
            firstWriteNs = nowNs;
            lastAction = PinAction.SAFE;
            return due == NO_ACTION ? nowNs : due;
        }
        firstWriteNs = NO_ACTION;
        int slot = (int) (head % QUEUE_CAPACITY);
        int kind = actionKind[slot];
        long due = kind == ACTION_OFF ? offDueNs : actionAtNs[slot];
        int arg = actionArg[slot];
        int newDuty = actionDuty[slot];
        RigPlan current = actionPlan[slot];
        head++;
        switch (kind) {
            case ACTION_ON -> {
                switchOn(current, arg, due);
                lastAction = phaseSkipped ? PinAction.SKIPPED : edge(current, arg, true);
            }
            case ACTION_OFF -> {
                lastAction = phaseSkipped ? PinAction.SKIPPED : edge(current, arg, false);
                switchOff(current, arg);
                writePendingDuties();
            }
            default -> {
                lastAction = PinAction.AMPLITUDE;
                if (level[PinMap.ENABLE_LINE] == map.enable().activeLevel()) {
                    // a source's amplitude never changes while ENABLE is on: the change waits for the switch-off
                    pendingDuty[arg] = newDuty;
                } else {
                    writeDuty(arg, newDuty);
                }
            }
        }
        if (firstWriteNs == NO_ACTION) {
            firstWriteNs = clock.nanoTime(); // a skipped phase writes nothing: it is on time when it is skipped
        }
        return due;
    }

    private static PinAction edge(RigPlan current, int phase, boolean on) {
        if (current.stimulation(phase)) {
            return on ? PinAction.STIM_ON : PinAction.STIM_OFF;
        }
        if (current.gated(phase)) {
            return on ? PinAction.RECHARGE_ON : PinAction.RECHARGE_OFF;
        }
        return on ? PinAction.PASSIVE_ON : PinAction.PASSIVE_OFF;
    }

    /** What the last {@link #runNextAction} did (the runner's lateness diagnosis). */
    public PinAction lastAction() {
        return lastAction;
    }

    /**
     * Switches a phase on (contact lines, then enable) and works out when it must switch off, from the time the
     * last write returned: a phase switched on late keeps its length; an active recharge lasts as long as the charge
     * its stimulation phase really delivered needs (its programmed length scaled by the stimulation's real length
     * over its programmed one), so the period balances. A stimulation phase due before the stimulation phase before it
     * really switched off is skipped (never joined to it) with its recharge, and counted. One due while an active
     * recharge was still on follows it at once, keeping its length, if that is at most {@link #MAX_START_SLIP_NS} late
     * (the recharge's opposite current separates the two pulses), and is skipped so otherwise (the runner is behind
     * its schedule). A passive window drives nothing, is opened first, and never causes a skip.
     */
    private void switchOn(RigPlan current, int phase, long dueNs) {
        long lengthNs = current.durationNs(phase);
        int stim = current.balances(phase);
        if (stim >= 0) {
            long delivered = deliveredNs[stim];
            if (delivered <= 0) {
                skip(dueNs);
                return;
            }
            long programmed = current.durationNs(stim);
            lengthNs = delivered == programmed ? lengthNs : Math.round((double) lengthNs * delivered / programmed);
            double carry = rechargeCarryUaNs[stim];
            // the recharge's current only when something is owed: a period's usual recharge reads no calibration
            double ua = carry > 0 ? phaseCurrentUa(current, phase) : 0;
            if (ua > 0) {
                long shortened = Math.max(lengthNs / 2, lengthNs - Math.round(carry / ua));
                rechargeCarryUaNs[stim] = Math.max(0, carry - (lengthNs - shortened) * ua);
                lengthNs = shortened;
            }
        } else if (current.stimulation(phase) && behindOrCrowding(dueNs)) {
            deliveredNs[phase] = 0;
            skippedPulses++;
            skip(dueNs);
            return;
        }
        if (current.stimulation(phase) && pulsesDelivered >= pulseBudget) {
            // the train's N pulses are out: this one and its recharge are left out, not skipped
            deliveredNs[phase] = 0;
            skip(dueNs);
            return;
        }
        charged = true;
        long at = clock.nanoTime();
        for (int i = 0; i < current.lineCount(phase); i++) {
            int line = current.line(phase, i);
            at = write(line, map.lines().get(line).activeLevel());
        }
        if (current.gated(phase)) {
            at = write(PinMap.ENABLE_LINE, map.enable().activeLevel());
        }
        phaseSkipped = false;
        onAtNs = at;
        offDueNs = at + lengthNs;
        if (current.stimulation(phase)) {
            pulsesDelivered++;
            // after the phase's length is fixed: the sync edge marks the start, it does not lengthen the pulse
            writeSync(1 - syncSafeLevel);
            lastStimProgrammedEndNs = dueNs + current.durationNs(phase);
            if (verifier != null) {
                verifier.sample(current, phase, at, lengthNs, atFullAmplitude(current, phase));
            }
        }
    }

    /**
     * The summed current of a phase's sources at their present settings, through their calibrations, in uA: what the
     * phase drives while it is on (a source's setting never changes while ENABLE is). Allocation-free.
     */
    private double phaseCurrentUa(RigPlan current, int phase) {
        double ua = 0;
        for (int i = 0; i < current.sourceCount(phase); i++) {
            int source = current.source(phase, i);
            ua += map.sources().get(source).calibration().microampsAt(duty[source]);
        }
        return ua;
    }

    /**
     * Whether a stimulation phase due at {@code dueNs} must be skipped (and counted) rather than delivered: it is due
     * before the stimulation phase before it switched off (it would be joined to it); or more than
     * {@link #MAX_START_SLIP_NS} before the active recharge or the passive window before it closed (the runner is behind
     * its schedule); or, right after a stimulation phase that ran long (a burst), it would come closer to it than the
     * bound or half their programmed separation, whichever is less (the auditor's merged pulses).
     */
    private boolean behindOrCrowding(long dueNs) {
        if (lastDrivenOffAtNs > dueNs) {
            if (lastDrivenWasStim || lastDrivenOffAtNs - dueNs > MAX_START_SLIP_NS) {
                return true;
            }
        } else if (lastDrivenWasStim && dueNs - lastDrivenOffAtNs
                < Math.min(overrunBoundNs, (dueNs - lastStimProgrammedEndNs) / 2)) {
            return true;
        }
        return lastPassiveOffAtNs > dueNs + MAX_START_SLIP_NS;
    }

    /** Whether every source of a phase is at the phase's full (programmed) setting: not in a ramp. */
    private boolean atFullAmplitude(RigPlan current, int phase) {
        for (int i = 0; i < current.sourceCount(phase); i++) {
            if (duty[current.source(phase, i)] != current.sourceFullDuty(phase, i)) {
                return false;
            }
        }
        return true;
    }

    private void skip(long dueNs) {
        phaseSkipped = true;
        offDueNs = dueNs;
    }

    /** Switches a phase off (enable first), records how long it really lasted, and flags an overrun. */
    private void switchOff(RigPlan current, int phase) {
        if (phaseSkipped) {
            phaseSkipped = false;
            return;
        }
        long at = clock.nanoTime();
        long offAt = Long.MIN_VALUE;
        if (current.gated(phase)) {
            at = write(PinMap.ENABLE_LINE, map.enable().safeLevel());
            offAt = at;
        }
        for (int i = 0; i < current.lineCount(phase); i++) {
            int line = current.line(phase, i);
            at = write(line, map.lines().get(line).safeLevel());
            if (offAt == Long.MIN_VALUE) {
                offAt = at;
            }
        }
        if (offAt == Long.MIN_VALUE) {
            offAt = at;
        }
        // the current stops when enable goes off (a passive window: when its discharge line opens)
        if (current.stimulation(phase)) {
            deliveredNs[phase] = offAt - onAtNs;
            writeSync(syncSafeLevel);
            if (verifier != null) {
                verifier.complete(current, phase, deliveredNs[phase]);
            }
        }
        // a passive window drives nothing (ENABLE is off) and is opened before the next switch-on: it joins nothing
        if (current.gated(phase)) {
            lastDrivenOffAtNs = at;
            lastDrivenWasStim = current.stimulation(phase);
        } else {
            lastPassiveOffAtNs = offAt;
        }
        // a passive window that runs long drives no current (enable is off): only a gated phase overruns
        long over = offAt - offDueNs;
        int balanced = current.balances(phase);
        if (balanced >= 0 && current.gated(phase) && over > 0 && over <= overrunBoundNs) {
            // the sources are still at the recharge's settings: a change waiting for the switch-off comes after this
            rechargeCarryUaNs[balanced] += over * phaseCurrentUa(current, phase);
        }
        if (current.gated(phase) && over > overrunBoundNs) {
            overrunNs = over;
            overrunPhase = phase;
        }
    }

    /** Sets how far a phase may run past its length before {@link #overran()} asks for a fault. */
    public void overrunBoundNs(long boundNs) {
        if (boundNs <= 0) {
            throw new IllegalArgumentException("overrun bound must be above 0, was " + boundNs);
        }
        overrunBoundNs = boundNs;
    }

    public long overrunBoundNs() {
        return overrunBoundNs;
    }

    /** Whether the last switch-off ran past its phase's length by more than the bound (asks the runner to fault). */
    public boolean overran() {
        return overrunPhase >= 0;
    }

    /** How far the phase that overran ran past its length. */
    public long overrunNs() {
        return overrunNs;
    }

    /** Forgets an overrun once the runner has faulted on it. */
    public void clearOverrun() {
        overrunPhase = -1;
        overrunNs = 0;
    }

    /** Stimulation phases skipped because their predecessor was not yet switched off when they were due. */
    public long skippedPulses() {
        return skippedPulses;
    }

    /**
     * When the first write of the last action returned (the clock read after it), for the runner's lateness: the
     * moment the first line really changed, not when the loop began the action.
     */
    public long firstWriteNs() {
        return firstWriteNs;
    }

    /**
     * Self-test only: writes one line while the stage is latched safe and reads the level back from Pi4J.
     * Refuses the enable line while any contact line is active.
     */
    public void exerciseLine(int line, int newLevel, long nowNs) {
        if (!latched) {
            throw new IllegalStateException("self-test needs the stage latched safe (no therapy armed)");
        }
        if (line == PinMap.ENABLE_LINE && newLevel != map.enable().safeLevel()) {
            for (int i = 1; i < outputs.length; i++) {
                if (level[i] != map.lines().get(i).safeLevel()) {
                    throw new IllegalStateException("enable stays off while " + map.lines().get(i).name() + " is active");
                }
            }
        }
        write(line, newLevel);
        level[line] = outputs[line].state() == DigitalState.HIGH ? 1 : 0;
    }

    /**
     * Self-test only: writes the sync output (it switches no current) while the stage is latched safe and reads the
     * level back from Pi4J.
     *
     * @return the level read back
     * @throws IllegalStateException when the pin map has no sync output, or a therapy is armed
     */
    public int exerciseSync(int newLevel) {
        if (!latched) {
            throw new IllegalStateException("self-test needs the stage latched safe (no therapy armed)");
        }
        if (syncOut == null) {
            throw new IllegalStateException("the pin map has no sync output");
        }
        writeSync(newLevel);
        return syncOut.state() == DigitalState.HIGH ? 1 : 0;
    }

    /** Self-test only: sets a source's setting (duty or DAC code) while latched safe and reads it back. */
    public void exerciseDuty(int source, int newDuty, long nowNs) {
        if (!latched || level[PinMap.ENABLE_LINE] != map.enable().safeLevel()) {
            throw new IllegalStateException("self-test sets PWM only with the enable line off");
        }
        writeDuty(source, newDuty);
        duty[source] = amplitudes[source].setting();
    }

    /** A source's amplitude output (DAC channel or PWM), as the stage opened it. */
    public AmplitudeOutput amplitude(int source) {
        return amplitudes[source];
    }

    /** Actions the queue can still take. */
    public int freeActionSlots() {
        return QUEUE_CAPACITY - (int) (tail - head);
    }

    /** Whether the stage is latched in its safe state. */
    public boolean latched() {
        return latched;
    }

    /** Phases accepted for delivery since the stage was made. */
    public long phasesDelivered() {
        return phasesDelivered;
    }

    /** A line's present level (GPIO index of the pin map). */
    public int level(int line) {
        return level[line];
    }

    /** A source's present setting: duty in percent, or DAC code. */
    public int duty(int source) {
        return duty[source];
    }

    // ------------------------------------------------------------------------------------------------

    private long lastQueuedNs() {
        return head < tail ? actionAtNs[(int) ((tail - 1) % QUEUE_CAPACITY)] : Long.MIN_VALUE;
    }

    private void enqueue(long atNs, int kind, int arg, int newDuty, RigPlan forPlan) {
        if (tail - head >= QUEUE_CAPACITY) {
            throw new IllegalStateException("the rig's action queue is full: the runner is not keeping up");
        }
        int slot = (int) (tail % QUEUE_CAPACITY);
        actionAtNs[slot] = atNs;
        actionKind[slot] = kind;
        actionArg[slot] = arg;
        actionDuty[slot] = newDuty;
        actionPlan[slot] = forPlan;
        tail++;
    }

    /** Sets the sync output (when the rig has one), its time traced like any line's. */
    private void writeSync(int newLevel) {
        DigitalOutput out = syncOut;
        if (out == null || syncLevel == newLevel) {
            return;
        }
        out.state(state(newLevel));
        long doneNs = clock.nanoTime();
        syncLevel = newLevel;
        LineTrace t = trace;
        if (t != null) {
            t.record(doneNs, syncTraceLine(), newLevel);
        }
    }

    /** Writes a line and returns the clock read after the write returned (the time the trace stamps). */
    private long write(int line, int newLevel) {
        outputs[line].state(state(newLevel));
        long doneNs = clock.nanoTime();
        if (firstWriteNs == NO_ACTION) {
            firstWriteNs = doneNs;
        }
        if (level[line] != newLevel) {
            level[line] = newLevel;
            LineTrace t = trace;
            if (t != null) {
                t.record(doneNs, line, newLevel);
            }
        }
        return doneNs;
    }

    /** Amplitude changes that came due while ENABLE was on, now that it is off. */
    private void writePendingDuties() {
        for (int s = 0; s < amplitudes.length; s++) {
            int pending = pendingDuty[s];
            if (pending != NO_PENDING) {
                pendingDuty[s] = NO_PENDING;
                writeDuty(s, pending);
            }
        }
    }

    private void writeDuty(int source, int newDuty) {
        amplitudes[source].set(newDuty);
        long doneNs = clock.nanoTime();
        if (firstWriteNs == NO_ACTION) {
            firstWriteNs = doneNs;
        }
        if (duty[source] != newDuty) {
            duty[source] = newDuty;
            LineTrace t = trace;
            if (t != null) {
                t.record(doneNs, outputs.length + source, newDuty);
            }
        }
    }

    /**
     * Enable off first, then every source to its safe duty, then every other line, the discharge line closed instead
     * while a bleed is under way; never throws.
     */
    private void driveSafe(long nowNs) {
        try {
            write(PinMap.ENABLE_LINE, map.enable().safeLevel());
        } catch (RuntimeException | Error e) {
            failedSafeWrites++;
        }
        for (int s = 0; s < amplitudes.length; s++) {
            int safeDuty = map.sources().get(s).safeSetting();
            scheduledDuty[s] = safeDuty;
            pendingDuty[s] = NO_PENDING;
            try {
                writeDuty(s, safeDuty);
            } catch (RuntimeException | Error e) {
                failedSafeWrites++;
            }
        }
        if (syncOut != null) {
            try {
                writeSync(syncSafeLevel);
            } catch (RuntimeException | Error e) {
                failedSafeWrites++;
            }
        }
        int discharge = map.dischargeLine();
        long bleedUntil = bleedUntilNs;
        for (int i = 1; i < outputs.length; i++) {
            GpioLine line = map.lines().get(i);
            boolean bleed = i == discharge && bleedUntil != NO_BLEED && nowNs < bleedUntil;
            try {
                write(i, bleed ? line.activeLevel() : line.safeLevel());
            } catch (RuntimeException | Error e) {
                failedSafeWrites++;
            }
        }
    }

    /** Writes that failed while driving the outputs safe (each is retried at the next safe drive). */
    public int failedSafeWrites() {
        return failedSafeWrites;
    }

    private static DigitalState state(int levelValue) {
        return levelValue == 1 ? DigitalState.HIGH : DigitalState.LOW;
    }
}
