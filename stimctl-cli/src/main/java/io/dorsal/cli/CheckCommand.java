package io.dorsal.cli;

import io.dorsal.core.safety.ValidatedTherapy;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stimctl check FILE}: validates a program file and shows each contact's dose. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a program file against every safety rule.",
            "Safe: prints a table per program and contact and exits 0.",
            "Unsafe or malformed: prints one line per problem on standard error and exits 1."})
final class CheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, spec.commandLine().getErr());
        if (therapy.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        spec.commandLine().getOut().print(DoseReport.render(therapy.get()));
        spec.commandLine().getOut().println(file + ": safe");
        return 0;
    }
}
