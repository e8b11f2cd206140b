package io.dorsal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code stimctl pump}: the intrathecal drug pump's prescriptions. */
@Command(name = "pump", mixinStandardHelpOptions = true,
        description = "Checks, simulates, refills and reports on drug pump prescriptions (docs/pump-format.md).",
        subcommands = {PumpCheckCommand.class, PumpSimulateCommand.class, PumpRefillCommand.class,
            PumpReportCommand.class})
final class PumpCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a pump command: check, simulate, refill or report");
    }
}
