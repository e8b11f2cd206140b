package io.dorsal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stimctl loop}: closed-loop stimulation on the ECAP, on the model of the cord (docs/ecap.md). */
@Command(name = "loop", mixinStandardHelpOptions = true,
        description = "Closed loop on evoked compound action potentials, simulated on a posture script (docs/ecap.md).",
        subcommands = {LoopReportCommand.class})
final class LoopCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a loop command: report");
    }
}
