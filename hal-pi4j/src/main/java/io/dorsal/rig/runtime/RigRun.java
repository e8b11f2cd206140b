package io.dorsal.rig.runtime;

import com.pi4j.context.Context;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.output.RenderProblem;
import io.dorsal.rig.output.RigPlan;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.sense.AdcEcapSource;
import io.dorsal.rig.sense.ChargeVerifier;
import io.dorsal.rig.sense.Mcp3008;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One therapy run on the rig: checks the rig can render it, provisions the outputs, runs the generator on a
 * dedicated real-time thread for a duration, reports progress and the timing figures, and leaves every line
 * at its safe level, also on Ctrl-C or JVM shutdown.
 */
public final class RigRun {

    /** PWM changes are made this long before the phase that needs them. */
    public static final long PWM_LEAD_NS = 200_000L;
    /** Ramp steps change a source's PWM at most this often. */
    public static final long MIN_PWM_INTERVAL_NS = 50_000_000L;
    /** Most line changes a trace keeps (16 bytes each). */
    public static final int MAX_TRACE_CHANGES = 10_000_000;

    private RigRun() {
    }

    /** The reasons the rig cannot render a therapy; empty when it can. */
    public static List<RenderProblem> renderProblems(ValidatedTherapy therapy, PinMap map) {
        return RigPlan.problems(therapy, map);
    }

    /**
     * What the run needs besides the therapy and the pins.
     *
     * @param lateActions where to keep the run's late actions (the lateness harness's diagnosis), or empty
     * @param placement   the real-time thread's scheduling class and CPU, applied by the thread itself before the
     *                    therapy starts
     * @param pulses      stimulation pulses a train delivers ({@code --pulses N}), {@link Long#MAX_VALUE} for no limit
     * @param triggered   whether each train waits for the pin map's trigger input ({@code --trigger})
     * @param verify      whether sampled pulses are measured through the sensing ADC ({@code --verify}); on the mock,
     *                    against the simulated load, each source's real current its calibration's times
     *                    {@code mockSourceGain} (a miscalibrated source, for tests)
     */
    public record Options(long durationNs, RunnerSettings settings, IdleStrategy idle, boolean trace,
                          long progressEveryNs, Optional<LateActionLog> lateActions, ThreadPlacement placement,
                          long pulses, boolean triggered, boolean verify, Map<String, Double> mockSourceGain,
                          Optional<ClosedLoopOnRig> closedLoop) {

        public Options {
            mockSourceGain = Map.copyOf(mockSourceGain);
            java.util.Objects.requireNonNull(closedLoop, "closedLoop");
        }

        public Options(long durationNs, RunnerSettings settings, IdleStrategy idle, boolean trace,
                       long progressEveryNs, Optional<LateActionLog> lateActions, ThreadPlacement placement,
                       long pulses, boolean triggered, boolean verify, Map<String, Double> mockSourceGain) {
            this(durationNs, settings, idle, trace, progressEveryNs, lateActions, placement, pulses, triggered, verify,
                    mockSourceGain, Optional.empty());
        }

        /**
         * The same run with the program's ECAP loop closed on the rig's response circuit ({@code --closed-loop});
         * on the mock, the simulated circuit's distance potentiometer at {@code mockDistanceFactor}.
         */
        public Options closedLoop(io.dorsal.core.ecap.ClosedLoopSettings loop, double slopeUvPerMa,
                                  double mockDistanceFactor) {
            return new Options(durationNs, settings, idle, trace, progressEveryNs, lateActions, placement, pulses,
                    triggered, verify, mockSourceGain, Optional.of(new ClosedLoopOnRig(loop, slopeUvPerMa,
                    mockDistanceFactor)));
        }

        public Options(long durationNs, RunnerSettings settings, IdleStrategy idle, boolean trace,
                       long progressEveryNs, Optional<LateActionLog> lateActions, ThreadPlacement placement) {
            this(durationNs, settings, idle, trace, progressEveryNs, lateActions, placement, Long.MAX_VALUE, false,
                    false, Map.of());
        }

        public Options(long durationNs, RunnerSettings settings, IdleStrategy idle, boolean trace,
                       long progressEveryNs) {
            this(durationNs, settings, idle, trace, progressEveryNs, Optional.empty(), ThreadPlacement.NONE);
        }

        /** The same run in trains of {@code count} pulses, each started by the trigger if {@code onTrigger}. */
        public Options inTrains(long count, boolean onTrigger) {
            return new Options(durationNs, settings, idle, trace, progressEveryNs, lateActions, placement, count,
                    onTrigger, verify, mockSourceGain, closedLoop);
        }

        /** The same run with its pulses measured ({@code --verify}); on the mock, sources scaled by the gains. */
        public Options verified(Map<String, Double> sourceGainOnMock) {
            return new Options(durationNs, settings, idle, trace, progressEveryNs, lateActions, placement, pulses,
                    triggered, true, sourceGainOnMock, closedLoop);
        }
    }

    /**
     * The ECAP loop on the bench.
     *
     * @param settings           the program, its recording contacts and its target (the program file's closedLoop)
     * @param slopeUvPerMa       the growth slope the controller assumes, uV/mA
     * @param mockDistanceFactor on the mock, the simulated response circuit's distance potentiometer (1: reference)
     */
    public record ClosedLoopOnRig(io.dorsal.core.ecap.ClosedLoopSettings settings, double slopeUvPerMa,
                                  double mockDistanceFactor) {
    }

    /**
     * What the loop did on the bench: its last state, and the response circuit's readings (those lost to a saturated
     * amplifier or a failed conversion).
     */
    public record LoopOutcome(io.dorsal.core.ecap.EcapLoop.State state, long readings, long saturated, long failed) {
    }

    /** The real-time thread could not be placed as asked: the run did not start. */
    public static final class PlacementRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PlacementRefused(String message) {
            super(message);
        }
    }

    /** The run's figures, if asked for its trace, and with {@code --verify} what was measured. */
    public record Outcome(RunReport report, Optional<LineTrace> trace, boolean everyLineSafe,
                          List<ChargeVerifier.Result> verification, Optional<LoopOutcome> loop) {

        public Outcome {
            verification = List.copyOf(verification);
            java.util.Objects.requireNonNull(loop, "loop");
        }
    }

    /**
     * Runs a renderable therapy. {@code progress} receives a line now and then from the calling thread.
     */
    public static Outcome run(ValidatedTherapy therapy, PinMap map, Context pi4j, Clock clock, Options options,
                              Consumer<String> progress) {
        warmUp(therapy, map, options.settings());
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, map, clock, PWM_LEAD_NS, MIN_PWM_INTERVAL_NS);
        ChargeVerifier verifier = null;
        SimulatedFrontEnd frontEnd = (options.verify() || options.closedLoop().isPresent())
                && RigPlatform.simulated(pi4j) ? SimulatedFrontEnd.attach(pi4j, map, clock) : null;
        if (frontEnd != null) {
            options.mockSourceGain().forEach(frontEnd::sourceGain);
            options.closedLoop().ifPresent(loop -> frontEnd.response().distanceFactor(loop.mockDistanceFactor()));
        }
        if (options.verify()) {
            verifier = new ChargeVerifier(Mcp3008.open(pi4j, map.sensing().orElseThrow(() ->
                    new IllegalArgumentException("--verify needs the pin map's sensing (the ADC)")).chipSelect()), map);
            stage.verify(verifier);
        }
        PulseGenerator generator = new PulseGenerator(clock, stage);
        long start = clock.nanoTime();
        Optional<LineTrace> trace = Optional.empty();
        if (options.trace()) {
            LineTrace t = new LineTrace(stage.traceLineNames(), start, traceCapacity(therapy, options.durationNs()));
            stage.startTrace(t, start);
            trace = Optional.of(t);
        }
        ApplyResult loaded = generator.apply(therapy.therapy(), "rig");
        if (!loaded.applied()) {
            throw new IllegalStateException("a validated therapy was refused: " + loaded);
        }
        AdcEcapSource ecap = null;
        if (options.closedLoop().isPresent()) {
            ClosedLoopOnRig loop = options.closedLoop().get();
            ecap = AdcEcapSource.open(pi4j, map.sensing().orElseThrow(() -> new IllegalArgumentException(
                    "--closed-loop needs the pin map's sensing with its \"ecap\" input (docs/bench-rig.md)")));
            ApplyResult closed = generator.closeLoop(loop.settings(), loop.slopeUvPerMa(), ecap, "rig");
            if (closed instanceof ApplyResult.Rejected rejected) {
                throw new IllegalArgumentException("the closed loop was refused: "
                        + rejected.violations().get(0).message());
            }
        }
        RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, options.idle(), options.settings());
        options.lateActions().ifPresent(runner::logLateActions);
        if (options.triggered() && map.trigger().isEmpty()) {
            throw new IllegalArgumentException("the pin map declares no trigger input; add \"trigger\" to it"
                    + " (docs/bench-rig.md) or run without --trigger");
        }
        TriggerSource trigger = options.triggered() ? new GpioTrigger(pi4j, map.trigger().orElseThrow()) : null;
        if (options.pulses() != Long.MAX_VALUE || trigger != null) {
            runner.trains(options.pulses(), trigger);
        }
        String[] placementFailure = {null};
        // the thread places itself (SCHED_FIFO, its CPU) and only then starts the therapy, so that no pulse falls due
        // while chrt and taskset run
        Thread rt = Thread.ofPlatform().name("dorsal-rt").priority(Thread.MAX_PRIORITY).unstarted(() -> {
            try {
                options.placement().applyToCurrentThread();
            } catch (IOException | RuntimeException e) {
                placementFailure[0] = e.getMessage();
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long begin = clock.nanoTime();
            options.lateActions().ifPresent(log -> log.origin(begin));
            runner.endAt(begin + options.durationNs());
            if (trigger == null) {
                generator.start("rig");
            }
            runner.run();
        });
        Thread hook = new Thread(() -> {
            runner.requestStop("JVM shutdown (Ctrl-C)");
            try {
                rt.join(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stage.safe();
        }, "dorsal-rig-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        rt.start();
        long skippedLogged = 0;
        try {
            while (rt.isAlive()) {
                rt.join(Math.max(1, options.progressEveryNs() / 1_000_000L));
                if (rt.isAlive()) {
                    double elapsedS = (clock.nanoTime() - start) / 1e9;
                    progress.accept(String.format("  %6.1f / %.1f s  actions %d  misses %d  worst %d us", elapsedS,
                            options.durationNs() / 1e9, runner.actions(), runner.misses(),
                            runner.worstLatenessNs() / 1_000));
                }
                skippedLogged = logSkipped(stage, skippedLogged);
            }
            logSkipped(stage, skippedLogged);
        } catch (InterruptedException e) {
            runner.requestStop("interrupted");
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running already and drives the lines safe itself
            }
            stage.safe();
        }
        if (placementFailure[0] != null) {
            throw new PlacementRefused("the real-time thread could not be put on " + options.placement() + ": "
                    + placementFailure[0] + " (SCHED_FIFO needs root, CAP_SYS_NICE or LimitRTPRIO; see"
                    + " docs/bench-rig.md); no pulse was delivered, every line is at its safe level");
        }
        boolean safe = allSafe(stage, map);
        AdcEcapSource source = ecap;
        Optional<LoopOutcome> loop = source == null ? Optional.empty() : generator.lastClosedLoopState().map(state ->
                new LoopOutcome(state, source.readings(), source.saturated(), source.failed()));
        return new Outcome(runner.report(), trace, safe, verifier == null ? List.of() : verifier.results(), loop);
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RigRun.class);

    /** Logs, off the real-time thread, the stimulation pulses skipped since the last look. */
    private static long logSkipped(Pi4jOutputStage stage, long alreadyLogged) {
        long skipped = stage.skippedPulses();
        if (skipped > alreadyLogged) {
            LOG.warn("rig: {} stimulation pulse(s) skipped (the phase before was not yet switched off when they were"
                    + " due, or they would have come too close to the pulse before; never joined to it), {} in all",
                    skipped - alreadyLogged, skipped);
        }
        return skipped;
    }

    /** Virtual seconds of the therapy run on a throw-away mock rig before the real run. */
    public static final long WARM_UP_NS = 3_000_000_000L;

    /**
     * Runs the same therapy through the same runner, stage and scheduler code on a throw-away mock context and
     * a virtual clock, so that the JIT has compiled the real-time path before the first real pulse (a cold path
     * runs a millisecond late, which is a fault). Takes a fraction of a second; touches no real pin.
     */
    public static void warmUp(ValidatedTherapy therapy, PinMap map, RunnerSettings settings) {
        Context mock = RigPlatform.mock();
        try {
            VirtualClock clock = new VirtualClock(0);
            Pi4jOutputStage stage = new Pi4jOutputStage(mock, map, clock, PWM_LEAD_NS, MIN_PWM_INTERVAL_NS);
            PulseGenerator generator = new PulseGenerator(clock, stage);
            generator.apply(therapy.therapy(), "warm-up");
            generator.start("warm-up");
            RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, new VirtualTimeIdleStrategy(clock),
                    settings);
            runner.endAt(WARM_UP_NS);
            runner.run();
        } finally {
            mock.shutdown();
        }
    }

    /**
     * A small bipolar tonic therapy this rig can render (the first contact with a cathode line and another with an
     * anode line on a different source, at 1 mA), to warm up with when there is no therapy yet, as when a served rig
     * waits for its first program. Empty when the pin map offers no such pair.
     */
    public static Optional<ValidatedTherapy> warmUpTherapy(PinMap map) {
        List<ContactId> contacts = map.contacts();
        for (ContactId cathode : contacts) {
            int k = map.lineOf(cathode, LineRole.CATHODE);
            for (ContactId anode : contacts) {
                int a = map.lineOf(anode, LineRole.ANODE);
                if (k < 0 || a < 0 || cathode.equals(anode) || cathode.isCase() || anode.isCase()
                        || !cathode.lead().equals(anode.lead())
                        || map.lines().get(k).source() == map.lines().get(a).source()) {
                    continue;
                }
                int leadContacts = contacts.stream().filter(c -> c.lead().equals(cathode.lead()))
                        .mapToInt(ContactId::index).max().orElse(0) + 1;
                Program program = new Program("warm-up",
                        Map.of(cathode, -100, anode, 100), 1.0, 100, new Pattern.Tonic(50),
                        Recharge.Active.symmetric(20), 0.0, Optional.empty(),
                        Optional.empty());
                Therapy therapy = new Therapy(
                        List.of(new Lead(cathode.lead(), leadContacts, 6.0)),
                        List.of(program), DeviceLimits.DEFAULTS);
                if (new SafetyValidator().validate(therapy)
                        instanceof Validation.Safe safe && renderProblems(safe.therapy(), map).isEmpty()) {
                    return Optional.of(safe.therapy());
                }
            }
        }
        return Optional.empty();
    }

    /** Whether every line and source is at its safe level. */
    public static boolean allSafe(Pi4jOutputStage stage, PinMap map) {
        for (int i = 0; i < map.lines().size(); i++) {
            if (stage.level(i) != map.lines().get(i).safeLevel()) {
                return false;
            }
        }
        for (int s = 0; s < map.sources().size(); s++) {
            if (stage.duty(s) != map.sources().get(s).safeSetting()) {
                return false;
            }
        }
        return true;
    }

    /** Changes a trace of this run keeps: its expected line changes plus a fifth, at most {@link #MAX_TRACE_CHANGES}. */
    public static int traceCapacity(ValidatedTherapy therapy, long durationNs) {
        PulseTable table = PulseTable.compile(therapy);
        double changesPerSecond = 0;
        for (int p = 0; p < table.programCount(); p++) {
            int phases = table.phaseTo(p) - table.phaseFrom(p);
            double periodsPerSecond = 1e9 / table.periodNs(p);
            changesPerSecond += periodsPerSecond * phases * 2 * (table.channelCount(p) + 2);
        }
        double total = changesPerSecond * (durationNs / 1e9) * 1.2 + 1_000;
        return (int) Math.min(MAX_TRACE_CHANGES, total);
    }
}
