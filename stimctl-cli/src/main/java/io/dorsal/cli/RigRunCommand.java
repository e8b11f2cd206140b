package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.SystemClock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.output.RenderProblem;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.IdleStrategy;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunReport;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.ParkThenSpinIdleStrategy;
import io.dorsal.rig.runtime.BusySpinIdleStrategy;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl rig run FILE --pins MAP --duration-s N [--mock] [--trace PATH]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a therapy on the rig for a while, shows progress, then prints events delivered,",
            "misses and lateness p50 / p99 / p99.9 / max in microseconds. Every line ends at its safe level."})
final class RigRunCommand implements Callable<Integer> {

    /** Longest run from the command line: one day. */
    static final long MAX_DURATION_S = 86_400;

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Option(names = "--pins", required = true, paramLabel = "MAP", description = "the rig's pin map (JSON)")
    Path pins;

    @CommandLine.Mixin
    RigRunOptions options;

    /** Fault bound on the rig: a switch-off a millisecond late more than quadruples a 300 us pulse's charge. */
    static final long RIG_FAULT_LATENESS_US = 1_000;
    /** Fault bound on the mock: a shared PC is not a real-time platform, and the mock drives no current. */
    static final long MOCK_FAULT_LATENESS_US = 20_000;

    @Option(names = "--fault-lateness-us", paramLabel = "US",
            description = "fault when a pin action is later than this (default: " + RIG_FAULT_LATENESS_US
                    + " on the rig, " + MOCK_FAULT_LATENESS_US + " with --mock)")
    Long faultLatenessUs;

    /**
     * Overrun bound on the mock: the mock's fault bound, since a loaded PC overruns by milliseconds and the mock drives
     * no current (the recharge still returns what was delivered); {@code --overrun-bound-us 20} holds it to the rig's.
     */
    static final long MOCK_OVERRUN_BOUND_US = MOCK_FAULT_LATENESS_US;

    @Option(names = "--overrun-bound-us", paramLabel = "US",
            description = "fault when a phase runs past its length by more than this, switch-off first (default: "
                    + Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS / 1_000 + " on the rig, " + MOCK_OVERRUN_BOUND_US
                    + " with --mock)")
    Long overrunBoundUs;

    @Option(names = "--idle", paramLabel = "STRATEGY",
            description = "between deadlines: spin-park (default: park until a margin learned from how late parks wake,"
                    + " then spin to the deadline) or busy-spin (an isolated core)", defaultValue = "spin-park")
    String idle;

    @Option(names = "--virtual-time", hidden = true,
            description = "with --mock: run on a virtual clock as fast as possible (tests and CI)")
    boolean virtualTime;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        options.checkDuration(spec, MAX_DURATION_S);
        if (faultLatenessUs == null) {
            faultLatenessUs = options.mock ? MOCK_FAULT_LATENESS_US : RIG_FAULT_LATENESS_US;
        }
        if (overrunBoundUs == null) {
            overrunBoundUs = options.mock ? MOCK_OVERRUN_BOUND_US : Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS / 1_000;
        }
        if (overrunBoundUs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overrun-bound-us must be above 0");
        }
        if (faultLatenessUs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--fault-lateness-us must be above 0");
        }
        if (virtualTime && !options.mock) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--virtual-time needs --mock");
        }
        if (!idle.equals("spin-park") && !idle.equals("busy-spin")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--idle is spin-park or busy-spin, was " + idle);
        }
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, err);
        Optional<PinMap> map = RigPins.load(pins, err);
        if (therapy.isEmpty() || map.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        List<RenderProblem> problems = RigRun.renderProblems(therapy.get(), map.get());
        if (!problems.isEmpty()) {
            problems.forEach(p -> err.println(file + ": " + p.message()));
            err.println(file + ": the rig cannot render this therapy; nothing was run");
            return Stimctl.EXIT_REFUSED;
        }
        Optional<Context> pi4j = RigPins.platform(options.mock, map.get(), err);
        if (pi4j.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        Clock clock;
        IdleStrategy idleStrategy;
        if (virtualTime) {
            VirtualClock virtual = new VirtualClock(0);
            clock = virtual;
            idleStrategy = new VirtualTimeIdleStrategy(virtual);
        } else {
            clock = SystemClock.INSTANCE;
            idleStrategy = idle.equals("busy-spin") ? new BusySpinIdleStrategy()
                    : new ParkThenSpinIdleStrategy(SystemClock.INSTANCE);
        }
        RunnerSettings settings = RunnerSettings.DEFAULTS.withFaultLatenessNs(faultLatenessUs * 1_000L)
                .withOverrunBoundNs(overrunBoundUs * 1_000L);
        out.println("running " + file + " on " + (options.mock ? "the mock platform" : "the rig") + " (" + map.get().name()
                + ") for " + options.durationS + " s; fault bound " + faultLatenessUs + " us, overrun bound " + overrunBoundUs + " us");
        out.flush();
        RigRun.Outcome outcome;
        try {
            outcome = RigRun.run(therapy.get(), map.get(), pi4j.get(), clock,
                    new RigRun.Options(options.durationS * 1_000_000_000L, settings, idleStrategy, options.trace != null,
                            1_000_000_000L), line -> {
                        err.println(line);
                        err.flush();
                    });
        } finally {
            pi4j.get().shutdown();
        }
        RunReport r = outcome.report();
        out.printf("events delivered  %d phases (%d pin actions)%n", r.phases(), r.actions());
        out.printf("misses            %d (later than %d us)%n", r.misses(), settings.missThresholdNs() / 1_000);
        out.printf("lateness us       p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", r.p50Us(), r.p99Us(), r.p999Us(),
                r.maxUs());
        out.printf("skipped pulses    %d (due before their predecessor was off; never joined)%n", r.skippedPulses());
        out.printf("ended             %s; every line %s%n", r.stopReason(),
                outcome.everyLineSafe() ? "at its safe level" : "NOT SAFE: check the rig");
        if (options.trace != null && outcome.trace().isPresent()) {
            try (Writer w = Files.newBufferedWriter(options.trace, StandardCharsets.UTF_8)) {
                outcome.trace().get().writeCsv(w);
            }
            out.printf("trace             %s (%d changes%s)%n", options.trace, outcome.trace().get().recorded(),
                    outcome.trace().get().dropped() > 0 ? ", " + outcome.trace().get().dropped() + " not kept" : "");
        }
        if (r.fault().isPresent()) {
            err.println("stimctl: rig fault: " + r.fault().get());
            return Stimctl.EXIT_REFUSED;
        }
        return 0;
    }
}
