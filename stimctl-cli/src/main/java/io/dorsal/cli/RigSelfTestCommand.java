package io.dorsal.cli;

import io.dorsal.core.time.SystemClock;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.runtime.SelfTest;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stimctl rig selftest --pins MAP [--mock]}. */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Exercises every line once with the enable line off, then, on a rig with sensing, measures a",
                "probe pulse through every switch and source; reports each as ok or failed."})
final class RigSelfTestCommand implements Callable<Integer> {

    @CommandLine.Mixin
    RigTarget rig;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        return rig.drive(err, opened -> {
            // the mock's simulated front end runs on virtual time: its probe pulses' bleed windows take no wall time
            List<SelfTest.LineResult> results = SelfTest.run(opened.pi4j(), opened.map(),
                    rig.mock ? new VirtualClock() : SystemClock.INSTANCE);
            for (SelfTest.LineResult r : results) {
                out.printf("%-12s %-6s %s%n", r.line(), r.ok() ? "ok" : "FAILED", r.detail());
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            out.printf("%d checks, %d failed; every line left at its safe level%n", results.size(), failed);
            return failed == 0 ? 0 : Stimctl.EXIT_REFUSED;
        });
    }
}
