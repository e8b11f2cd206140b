package io.dorsal.cli;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.rig.audit.AuditFinding;
import io.dorsal.rig.audit.AuditReport;
import io.dorsal.rig.audit.TraceAudit;
import io.dorsal.rig.audit.TraceCsv;
import io.dorsal.rig.audit.TraceRow;
import io.dorsal.rig.pins.PinMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stimctl rig audit TRACE.csv --pins MAP THERAPY.json [--overrun-bound-us US]}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Checks a trace of `rig run --trace` against the pin map and the therapy that ran: every contact",
            "balanced per period (per burst for passive recharge), no phase longer than its width plus the bound unless",
            "the run faulted there, no merged pulses, no contact line changing while ENABLE is on, safe levels at the",
            "start and the end, the discharge after the stop. One line per violation; exits 1 on any."})
final class RigAuditCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "TRACE", description = "the trace (CSV t_us,line,value)")
    Path traceFile;

    @Parameters(index = "1", paramLabel = "THERAPY", description = "the program file the run used (JSON)")
    Path therapyFile;

    @Option(names = "--pins", required = true, paramLabel = "MAP", description = "the rig's pin map (JSON)")
    Path pins;

    @Option(names = "--overrun-bound-us", paramLabel = "US",
            description = "how far a phase may run past its width: the bound the run used (default: "
                    + TraceAudit.DEFAULT_BOUND_US + ", the rig's and the mock's)")
    long boundUs = TraceAudit.DEFAULT_BOUND_US;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (boundUs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--overrun-bound-us must be at least 1, was "
                    + boundUs);
        }
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(therapyFile, err);
        Optional<PinMap> map = RigPins.load(pins, err);
        if (therapy.isEmpty() || map.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        List<TraceRow> rows;
        try {
            rows = TraceCsv.read(traceFile);
        } catch (IOException e) {
            err.println("stimctl: cannot read " + traceFile + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        } catch (IllegalArgumentException e) {
            err.println(traceFile + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        TraceAudit audit;
        try {
            audit = new TraceAudit(map.get(), therapy.get(), boundUs);
        } catch (IllegalArgumentException e) {
            err.println(therapyFile + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        AuditReport r = audit.audit(rows);
        for (AuditFinding f : r.findings()) {
            out.println(f.describe());
        }
        out.printf(Locale.ROOT, "windows           %d driven phases, %d merged pulse(s)%n", r.windows(),
                r.mergedPulses());
        out.printf(Locale.ROOT, "balance           %d of %d periods unbalanced; worst %+.3f uC on %s%n",
                r.unbalancedPeriods(), r.periods(), r.worstImbalanceUc(),
                r.worstImbalanceContact().isEmpty() ? "-" : r.worstImbalanceContact());
        out.printf(Locale.ROOT, "longest phase     %d us against %d us programmed (bound %d us)%s%n", r.longestUs(),
                r.longestProgrammedUs(), boundUs, r.endedInFault() ? "; the run faulted on its last phase" : "");
        out.printf(Locale.ROOT, "left at the end   %+.3f uC on %s (R x C bleed through the discharge line)%n",
                r.residualUc(), r.residualContact().isEmpty() ? "-" : r.residualContact());
        out.println(r.passed() ? "audit passed" : "audit FAILED: " + r.findings().size() + " violation(s)");
        return r.passed() ? 0 : Stimctl.EXIT_REFUSED;
    }
}
