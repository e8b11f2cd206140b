package io.dorsal.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --duration-s N [--mock] [--trace PATH]}: how long a rig run lasts, on which platform and whether its line
 * changes are written down; a picocli mixin of {@code stimctl rig run} and {@code stimctl rig pump run}.
 */
final class RigRunOptions {

    @Option(names = "--duration-s", required = true, paramLabel = "N", description = "how long to run, in seconds")
    long durationS;

    @Option(names = "--mock", description = "use Pi4J's mock platform instead of the Pi's pins")
    boolean mock;

    @Option(names = "--trace", paramLabel = "PATH", description = "write every line change as CSV t_us,line,value")
    Path trace;

    /** Refuses, as a usage error, a duration outside 1 to {@code maxS} seconds. */
    void checkDuration(CommandSpec spec, long maxS) {
        if (durationS < 1 || durationS > maxS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration-s must be 1 to " + maxS + ", was " + durationS);
        }
    }
}
