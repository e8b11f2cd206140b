package io.dorsal.cli;

import io.dorsal.rig.runtime.ThreadPlacement;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --rt-fifo P} and {@code --rt-cpu C} for {@code rig run} and {@code serve}: the real-time thread puts itself on
 * SCHED_FIFO priority P and on CPU C before the first pulse (docs/bench-rig.md, "Timing"). A picocli mixin.
 */
final class RealtimeThreadOptions {

    @Option(names = "--rt-fifo", paramLabel = "PRIORITY",
            description = "put the real-time thread on SCHED_FIFO at this priority, 1 to 99 (needs root, CAP_SYS_NICE"
                    + " or LimitRTPRIO; default: the normal scheduler)")
    Integer fifoPriority;

    @Option(names = "--rt-cpu", paramLabel = "CPU",
            description = "pin the real-time thread to this CPU, for example the core isolated with isolcpus"
                    + " (default: any CPU the process may use)")
    Integer cpu;

    /** The placement asked for; refuses values out of range with a picocli usage error. */
    ThreadPlacement placement(CommandLine commandLine) {
        if (fifoPriority != null && (fifoPriority < 1 || fifoPriority > 99)) {
            throw new CommandLine.ParameterException(commandLine, "--rt-fifo must be 1 to 99, was " + fifoPriority);
        }
        if (cpu != null && cpu < 0) {
            throw new CommandLine.ParameterException(commandLine, "--rt-cpu must be 0 or more, was " + cpu);
        }
        return new ThreadPlacement(fifoPriority == null ? 0 : fifoPriority, cpu == null ? -1 : cpu);
    }
}
