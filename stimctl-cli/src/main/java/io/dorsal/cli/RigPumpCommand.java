package io.dorsal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stimctl rig pump}: the rig's drug pump (a stepper-driven peristaltic or syringe pump). */
@Command(name = "pump", mixinStandardHelpOptions = true,
        description = "Drives the rig's stepper pump from a drug pump prescription (docs/bench-rig.md, \"The pump\").",
        subcommands = {RigPumpRunCommand.class})
final class RigPumpCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a rig pump command: run");
    }
}
