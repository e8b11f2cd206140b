package io.dorsal.cli;

import io.dorsal.link.audit.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code stimctl log verify FILE}: checks the audit log's hash chain. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Works with the rig's audit log.",
        subcommands = {LogCommand.Verify.class})
final class LogCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a log command: verify");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Checks that every entry is whole, in order and chained to the one before (exit 0), or"
                    + " names the first entry that is not (exit 1).")
    static final class Verify implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE", description = "the audit log")
        Path file;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!Files.isRegularFile(file)) {
                spec.commandLine().getErr().println(file + ": no such audit log");
                return Stimctl.EXIT_REFUSED;
            }
            AuditLog.Verification check = AuditLog.verify(file);
            if (check.intact()) {
                spec.commandLine().getOut().println(file + ": intact, " + check.entries() + " entries, last hash "
                        + check.lastHash());
                return 0;
            }
            spec.commandLine().getErr().println(file + ": NOT intact at line " + check.badLine() + ": "
                    + check.problem() + " (" + check.entries() + " entries before it are intact)");
            return Stimctl.EXIT_REFUSED;
        }
    }
}
