package io.dorsal.cli;

import com.pi4j.context.Context;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.Clock;
import io.dorsal.core.time.SystemClock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.audit.AuditFinding;
import io.dorsal.rig.audit.AuditReport;
import io.dorsal.rig.audit.TraceAudit;
import io.dorsal.rig.audit.TraceRows;
import io.dorsal.rig.output.LineTrace;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.output.RenderProblem;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.sense.ChargeVerifier;
import io.dorsal.rig.runtime.IdleStrategy;
import io.dorsal.rig.runtime.ThreadPlacement;
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
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl rig run FILE --pins MAP --duration-s N [--mock] [--trace PATH]}. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs a therapy on the rig for a while, shows progress, then prints events delivered,",
            "misses and lateness p50 / p99 / p99.9 / max in microseconds, then audits what the lines did against the",
            "therapy (as `rig audit` does) and exits 1 if the audit fails. Every line ends at its safe level."})
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
     * Overrun bound, on the rig and on the mock alike: the mock rehearses the rig, so a phase that would overrun on
     * the rig faults on the mock too, and the run's own audit holds it to the same bound (docs/bench-rig.md).
     */
    static final long OVERRUN_BOUND_US = Pi4jOutputStage.DEFAULT_OVERRUN_BOUND_NS / 1_000;

    /**
     * Overrun bound of {@code serve --mock} only: a programmer's stand-in rig on a shared PC, kept serving through the
     * PC's millisecond stalls (the mock drives no current; the recharge still returns what was delivered). Timing is
     * rehearsed with {@code rig run --mock}, which holds the rig's bound.
     */
    static final long SERVE_MOCK_OVERRUN_BOUND_US = MOCK_FAULT_LATENESS_US;

    /**
     * Longest trace a run audits in memory when no {@code --trace} is asked for (16 bytes a change while it runs,
     * about 40 a row while audited): a 10 kHz run of about 40 s, a tonic run of about 8 hours.
     */
    static final int SELF_AUDIT_MAX_CHANGES = 2_000_000;

    @Option(names = "--overrun-bound-us", paramLabel = "US",
            description = "fault when a phase runs past its length by more than this, switch-off first (default: "
                    + OVERRUN_BOUND_US + ", on the rig and the mock alike)")
    Long overrunBoundUs;

    @Option(names = "--idle", paramLabel = "STRATEGY",
            description = "between deadlines: spin-park (default: park until a margin learned from how late parks wake,"
                    + " then spin to the deadline) or busy-spin (an isolated core)", defaultValue = "spin-park")
    String idle;

    @CommandLine.Mixin
    RealtimeThreadOptions realtimeThread = new RealtimeThreadOptions();

    @Option(names = "--pulses", paramLabel = "N",
            description = "deliver trains of N stimulation pulses (a burst's pulses each count): without --trigger one"
                    + " train, then the run ends, discharged")
    Long pulses;

    @Option(names = "--verify",
            description = "measure sampled pulses through the pin map's ADC (one every 50 ms, phases of 150 us or"
                    + " more) and compare each source's charge a pulse with the programmed; exit 1 if one is off by more"
                    + " than 5 %% plus two ADC codes, or nothing could be measured")
    boolean verify;

    @Option(names = "--mock-source-gain", hidden = true, paramLabel = "SOURCE=FACTOR",
            description = "with --mock --verify: the simulated source drives its calibration's current times FACTOR")
    java.util.Map<String, Double> mockSourceGain = new java.util.LinkedHashMap<>();

    @Option(names = "--trigger",
            description = "wait for the pin map's trigger input: each edge starts a train (of --pulses N, or the"
                    + " therapy until the run's end); edges during a train are ignored")
    boolean trigger;

    @Option(names = "--closed-loop",
            description = "close the program file's ECAP loop (its \"closedLoop\") on the rig's response circuit, read"
                    + " through the pin map's \"ecap\" input once a period (docs/bench-rig.md, \"The evoked"
                    + " response\")")
    boolean closedLoop;

    @Option(names = "--slope-uv-per-ma", paramLabel = "UV",
            description = "with --closed-loop: the growth slope the controller assumes, uV/mA (default: the response"
                    + " circuit's, ${DEFAULT-VALUE})", defaultValue = "40")
    double slopeUvPerMa;

    @Option(names = "--mock-distance", hidden = true, paramLabel = "FACTOR", defaultValue = "1",
            description = "with --mock --closed-loop: the simulated response circuit's distance potentiometer")
    double mockDistance;

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
            overrunBoundUs = OVERRUN_BOUND_US;
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
        ThreadPlacement placement = realtimeThread.placement(spec.commandLine());
        if (virtualTime && placement.any()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rt-fifo and --rt-cpu need the real clock,"
                    + " not --virtual-time");
        }
        if (pulses != null && pulses < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pulses must be 1 or more, was " + pulses);
        }
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, err);
        Optional<PinMap> map = RigPins.load(pins, err);
        if (therapy.isEmpty() || map.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        if (verify && map.get().sensing().isEmpty()) {
            err.println(pins + ": --verify needs the pin map's sensing (the ADC; docs/bench-rig.md); nothing was run");
            return Stimctl.EXIT_REFUSED;
        }
        if (!mockSourceGain.isEmpty() && !(verify && options.mock)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--mock-source-gain needs --mock --verify");
        }
        Optional<io.dorsal.core.ecap.ClosedLoopSettings> loop = Optional.empty();
        if (closedLoop) {
            if (map.get().sensing().flatMap(io.dorsal.rig.pins.Sensing::ecap).isEmpty()) {
                err.println(pins + ": --closed-loop needs the response circuit's input in the pin map (sensing.ecap:"
                        + " channel, uvPerVolt, resetLine, resetGpio; docs/bench-rig.md); nothing was run");
                return Stimctl.EXIT_REFUSED;
            }
            loop = TherapyLoader.requireClosedLoop(file, "--closed-loop needs the file's \"closedLoop\" (program,"
                    + " recordingContacts, targetUv; docs/program-format.md); nothing was run", err);
            if (loop.isEmpty()) {
                return Stimctl.EXIT_REFUSED;
            }
            if (!(slopeUvPerMa > 0)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--slope-uv-per-ma must be above 0");
            }
        }
        if (trigger && map.get().trigger().isEmpty()) {
            err.println(pins + ": --trigger needs a trigger input in the pin map (\"trigger\": {\"line\", \"gpio\","
                    + " \"edge\"}; docs/bench-rig.md); nothing was run");
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
        if (placement.any()) {
            out.println("real-time thread: " + placement);
        }
        if (trigger) {
            var t = map.get().trigger().get();
            out.println("waiting for " + t.name() + " (gpio " + t.bcm() + ", " + t.edge().name().toLowerCase(Locale.ROOT)
                    + " edge): each edge starts a train" + (pulses == null ? "" : " of " + pulses + " pulses"));
        }
        out.flush();
        long durationNs = options.durationS * 1_000_000_000L;
        boolean record = options.trace != null
                || RigRun.traceCapacity(therapy.get(), durationNs) <= SELF_AUDIT_MAX_CHANGES;
        RigRun.Options runOptions = new RigRun.Options(durationNs, settings, idleStrategy, record, 1_000_000_000L,
                Optional.empty(), placement).inTrains(pulses == null ? Long.MAX_VALUE : pulses, trigger);
        if (verify) {
            runOptions = runOptions.verified(mockSourceGain);
        }
        if (loop.isPresent()) {
            runOptions = runOptions.closedLoop(loop.get(), slopeUvPerMa, mockDistance);
            out.println("closed loop       '" + loop.get().program() + "' holds " + loop.get().targetUv()
                    + " uV read through the response circuit (slope " + slopeUvPerMa + " uV/mA)");
        }
        RigRun.Outcome outcome;
        try {
            outcome = RigRun.run(therapy.get(), map.get(), pi4j.get(), clock, runOptions, line -> {
                        err.println(line);
                        err.flush();
                    });
        } catch (RigRun.PlacementRefused e) {
            err.println("stimctl: " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        } finally {
            pi4j.get().shutdown();
        }
        RunReport r = outcome.report();
        out.printf("events delivered  %d phases (%d pin actions)%n", r.phases(), r.actions());
        out.printf("misses            %d (later than %d us)%n", r.misses(), settings.missThresholdNs() / 1_000);
        out.printf("lateness us       p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", r.p50Us(), r.p99Us(), r.p999Us(),
                r.maxUs());
        if (pulses != null || trigger) {
            out.printf("pulses delivered  %d%s%n", r.pulses(), trigger ? " (the last train); " + r.trains()
                    + " train(s) started by " + map.get().trigger().get().name() : "");
        }
        out.printf("skipped pulses    %d (due before the phase before them was off, or too close to the pulse before;"
                + " never joined)%n", r.skippedPulses());
        out.printf("ended             %s; every line %s%n", r.stopReason(),
                outcome.everyLineSafe() ? "at its safe level" : "NOT SAFE: check the rig");
        if (options.trace != null && outcome.trace().isPresent()) {
            try (Writer w = Files.newBufferedWriter(options.trace, StandardCharsets.UTF_8)) {
                outcome.trace().get().writeCsv(w);
            }
            out.printf("trace             %s (%d changes%s)%n", options.trace, outcome.trace().get().recorded(),
                    outcome.trace().get().dropped() > 0 ? ", " + outcome.trace().get().dropped() + " not kept" : "");
        }
        outcome.loop().ifPresent(l -> out.printf(Locale.ROOT, "closed loop       %s at %.2f mA, last ECAP %s; %d"
                        + " readings, %d saturated, %d failed%n", l.state().openLoop() ? "FELL BACK to open loop"
                        : "closed", l.state().currentMa(), Double.isNaN(l.state().lastEcapUv()) ? "lost"
                        : String.format(Locale.ROOT, "%.1f uV", l.state().lastEcapUv()), l.readings(), l.saturated(),
                l.failed()));
        boolean audited = selfAudit(outcome.trace(), therapy.get(), map.get(), overrunBoundUs, out);
        boolean measured = !verify || verification(outcome, out);
        if (r.fault().isPresent()) {
            err.println("stimctl: rig fault: " + r.fault().get());
            return Stimctl.EXIT_REFUSED;
        }
        if (!audited) {
            err.println("stimctl: the run's own audit FAILED: what the lines did is not what the therapy proves");
            return Stimctl.EXIT_REFUSED;
        }
        if (!measured) {
            err.println("stimctl: --verify FAILED: the measured charge is not the programmed (or nothing was measured)");
            return Stimctl.EXIT_REFUSED;
        }
        return 0;
    }

    /** Prints what --verify measured, one line per program, phase and source; true if every one is within. */
    private static boolean verification(RigRun.Outcome outcome, PrintWriter out) {
        if (outcome.verification().isEmpty()) {
            out.printf("verify            nothing measured: no stimulation phase of %d us or more at full amplitude"
                    + " ran (10 kHz phases are too short to sample; a run shorter than its ramp measures nothing)%n",
                    ChargeVerifier.SHORTEST_SAMPLED_NS / 1_000);
            return false;
        }
        boolean all = true;
        for (ChargeVerifier.Result r : outcome.verification()) {
            out.println(r.describe());
            all &= r.within();
        }
        return all;
    }

    /**
     * Audits what the lines did against the therapy, at the run's own overrun bound, as {@code stimctl rig audit}
     * would audit the trace; prints one line per violation. True if it passed or could not be run (said so).
     */
    static boolean selfAudit(Optional<LineTrace> kept, ValidatedTherapy therapy, PinMap map, long overrunBoundUs,
                             PrintWriter out) {
        if (kept.isEmpty()) {
            out.printf("audit             not run: a run this long keeps no trace in memory; add --trace FILE and "
                    + "audit it with stimctl rig audit%n");
            return true;
        }
        LineTrace trace = kept.get();
        if (!trace.complete() || trace.recorded() > SELF_AUDIT_MAX_CHANGES) {
            out.printf("audit             not run: the trace holds %d changes (%d not kept); audit a shorter run%n",
                    trace.recorded(), trace.dropped());
            return true;
        }
        AuditReport report = new TraceAudit(map, therapy, overrunBoundUs).audit(TraceRows.of(trace));
        for (AuditFinding f : report.findings()) {
            out.println(f.describe());
        }
        out.printf(Locale.ROOT, "audit             %s: %d of %d periods unbalanced, %d merged pulse(s), longest phase %d us"
                        + " against %d us (bound %d us)%s%n",
                report.passed() ? "passed" : "FAILED, " + report.findings().size() + " violation(s)",
                report.unbalancedPeriods(), report.periods(), report.mergedPulses(), report.longestUs(),
                report.longestProgrammedUs(), overrunBoundUs, report.endedInFault() ? "; the run faulted on its last phase" : "");
        return report.passed();
    }
}
