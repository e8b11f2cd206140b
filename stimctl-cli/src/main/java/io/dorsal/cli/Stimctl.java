package io.dorsal.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code stimctl}: the command line bench engineers and CI use. Exit codes: 0 done and safe, 1 a file that is
 * unsafe, malformed or unreadable, 2 a usage error (with the usage printed).
 */
@Command(name = "stimctl", mixinStandardHelpOptions = true, versionProvider = StimctlVersion.class,
        description = "Checks and simulates Dorsal spinal cord stimulator program files and drug pump prescriptions, and drives the bench rig.",
        subcommands = {CheckCommand.class, SimulateCommand.class, PumpCommand.class, RigCommand.class, ServeCommand.class,
            PairCommand.class, PeersCommand.class, RemoteCommand.class, LogCommand.class, DbCommand.class,
            PatientCommand.class, TrialCommand.class, LoopCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done; the therapy is safe", "1:the file is unsafe, malformed or unreadable",
            "2:usage error"})
public final class Stimctl implements Runnable {

    /** Exit code for a file that is unsafe, malformed or unreadable. */
    public static final int EXIT_REFUSED = 1;
    /** Exit code for a usage error. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: check, simulate, pump, rig, serve, pair, peers, remote, log, db, patient or trial");
    }

    public static void main(String[] args) {
        quietLibraryLogs();
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Warnings and errors of our own reach stderr; Pi4J's start-up chatter and board probing do not. */
    private static void quietLibraryLogs() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.com.pi4j",
                System.getProperty("org.slf4j.simpleLogger.log.com.pi4j", "off"));
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
    }

    /** Runs stimctl with the given output streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new Stimctl());
        cli.setUnmatchedOptionsAllowedAsOptionParameters(false);
        cli.setOut(out);
        cli.setErr(err);
        // a usage error: one line saying what is wrong, then the usage of the command it concerns (picocli's own
        // handler leaves the usage out when it has suggestions, so `stimctl frobnicate` showed only the error)
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine commandLine = e.getCommandLine();
            PrintWriter usageErr = commandLine.getErr();
            usageErr.println("stimctl: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, usageErr);
            commandLine.usage(usageErr);
            return EXIT_USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("stimctl: internal error: " + e);
            commandLine.getErr().println("please report it with the command and the file");
            return 70;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
