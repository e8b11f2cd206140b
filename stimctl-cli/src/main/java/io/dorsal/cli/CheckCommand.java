package io.dorsal.cli;

import io.dorsal.core.safety.SetsValidation;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.rig.output.RenderProblem;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.runtime.RigRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stimctl check FILE}: validates a program file and shows each contact's dose. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a program file against every safety rule.",
            "Safe: prints a table per program and contact and exits 0.",
            "Unsafe or malformed: prints one line per problem on standard error and exits 1.",
            "With --pins, also whether the rig can render it exactly."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Option(names = "--pins", paramLabel = "MAP",
            description = "also check that the rig with this pin map can render the therapy exactly")
    Path pins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Optional<SetsValidation.Safe> sets = TherapyLoader.loadSets(file, err);
        Optional<ValidatedTherapy> therapy = sets.map(SetsValidation.Safe::active);
        Optional<PinMap> map = pins == null ? Optional.empty() : RigPins.load(pins, err);
        if (therapy.isEmpty() || (pins != null && map.isEmpty())) {
            return Stimctl.EXIT_REFUSED;
        }
        if (map.isPresent()) {
            List<RenderProblem> problems = RigRun.renderProblems(therapy.get(), map.get());
            if (!problems.isEmpty()) {
                problems.forEach(p -> err.println(file + ": " + p.message()));
                err.println(file + ": safe, but the rig (" + pins + ") cannot render it exactly");
                return Stimctl.EXIT_REFUSED;
            }
        }
        if (sets.get().sets().declared()) {
            TherapySets declared = sets.get().sets();
            for (int i = 0; i < declared.sets().size(); i++) {
                ProgramSet set = declared.sets().get(i);
                spec.commandLine().getOut().printf("set '%s'%s%s: %s%n", set.name(),
                        set.name().equals(declared.activeSet()) ? " (runs now)" : "",
                        set.patientSelectable() ? " (the patient may choose it)" : "", set.programs());
                spec.commandLine().getOut().print(DoseReport.render(sets.get().perSet().get(i)));
            }
        } else {
            spec.commandLine().getOut().print(DoseReport.render(therapy.get()));
        }
        spec.commandLine().getOut().println(file + ": safe" + (map.isPresent() ? "; the rig (" + pins
                + ") renders it exactly" : ""));
        return 0;
    }
}
