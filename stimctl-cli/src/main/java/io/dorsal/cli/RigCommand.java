package io.dorsal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stimctl rig}: the bench rig. */
@Command(name = "rig", mixinStandardHelpOptions = true,
        description = "Drives the Raspberry Pi bench rig (or Pi4J's mock platform with --mock).",
        subcommands = {RigRunCommand.class, RigSelfTestCommand.class, RigImpedanceCommand.class,
            RigAuditCommand.class, RigSafeCommand.class, RigPumpCommand.class})
final class RigCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a rig command: run, selftest, impedance, audit, safe or pump");
    }
}
