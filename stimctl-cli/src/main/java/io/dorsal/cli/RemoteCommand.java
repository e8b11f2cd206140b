package io.dorsal.cli;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.json.InputBounds;
import io.dorsal.core.json.JsonProblems;
import io.dorsal.core.therapy.ProgramSet;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code stimctl remote --connect HOST:PORT --identity DIR status | apply FILE | amplitude PROGRAM +/-MA | start |
 * stop | stop-all | select-set SET | pair CODE}: a scriptable client of the rig's link.
 */
@CommandLine.Command(name = "remote", mixinStandardHelpOptions = true,
        description = {"Talks to a rig over its authenticated link. Commands:",
            "  status | apply FILE | amplitude PROGRAM +/-MA | start | stop | stop-all | clear-fault | select-set SET",
            "  pair CODE",
            "  pump-status | pump-bolus | pump-program FILE | pump-refill FILE DRAWN_ML | pump-suspend | pump-resume",
            "Every answer shows the generator's actual state. Exit 1 when the rig refuses."})
final class RemoteCommand implements Callable<Integer> {

    @Option(names = "--connect", required = true, paramLabel = "HOST:PORT", description = "the rig's address")
    String connect;

    @Option(names = "--identity", paramLabel = "DIR", description = "this programmer's identity (default ~/.dorsal/programmer)")
    Path identity;

    @Option(names = "--name", paramLabel = "NAME", description = "name for a new identity (default programmer@host)")
    String name;

    @Parameters(index = "0", paramLabel = "COMMAND", description = "status, apply, amplitude, start, stop, stop-all, clear-fault, select-set or pair")
    String command;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", description = "the command's arguments")
    List<String> args = List.of();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int colon = connect.lastIndexOf(':');
        if (colon < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connect is HOST:PORT, was " + connect);
        }
        String host = connect.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(connect.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--connect is HOST:PORT, was " + connect);
        }
        Identity me = Identity.openOrCreate(identity != null ? identity : LinkPaths.defaultProgrammerIdentity(),
                name != null ? name : LinkPaths.defaultName("programmer"), Role.CLINICIAN);
        try {
            if (command.equals("pair")) {
                Role granted = LinkClient.pair(host, port, me, arg(0, "CODE"));
                out.println("paired with the rig at " + connect + " as '" + me.name() + "', role "
                        + granted.name().toLowerCase(Locale.ROOT));
                return 0;
            }
            Command request = switch (command) {
                case "status" -> new Command.Status();
                case "apply" -> new Command.Apply(file(arg(0, "FILE")));
                case "amplitude" -> new Command.Amplitude(arg(0, "PROGRAM"), delta(arg(1, "+/-MA")));
                case "start" -> new Command.Start();
                case "stop" -> new Command.Stop();
                case "stop-all" -> new Command.StopAll();
                case "clear-fault" -> new Command.ClearFault();
                case "select-set" -> new Command.SelectSet(arg(0, "SET"));
                case "pump-status" -> new Command.Pump.Status();
                case "pump-bolus" -> new Command.Pump.Bolus();
                case "pump-program" -> new Command.Pump.Program(file(arg(0, "FILE")));
                case "pump-refill" -> new Command.Pump.Refill(file(arg(0, "FILE")), drawn(arg(1, "DRAWN_ML")));
                case "pump-suspend" -> new Command.Pump.Suspend();
                case "pump-resume" -> new Command.Pump.Resume();
                default -> throw new CommandLine.ParameterException(spec.commandLine(), "unknown remote command '"
                        + command + "'; use status, apply, amplitude, start, stop, stop-all, clear-fault, select-set,"
                        + " pair or"
                        + " pump-status, pump-bolus, pump-program, pump-refill, pump-suspend, pump-resume");
            };
            try (LinkClient client = LinkClient.connect(host, port, me)) {
                Messages.Response answer = client.send(request);
                answer.problems().forEach(p -> err.println("refused: " + p));
                if (request instanceof Command.Pump) {
                    printPump(out, answer.pump());
                } else {
                    printState(out, answer.state());
                }
                return answer.ok() ? 0 : Stimctl.EXIT_REFUSED;
            }
        } catch (CommandLine.ParameterException e) {
            throw e;
        } catch (UnreadableFile e) {
            err.println(e.getMessage());
            return Stimctl.EXIT_REFUSED;
        } catch (IOException e) {
            err.println("stimctl: " + connect + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
    }

    /**
     * A file the command sends, read before connecting and no further than a link message carries
     * ({@link InputBounds#MESSAGE}): a missing, unreadable, larger or non-UTF-8 file is refused with its name.
     */
    private static String file(String name) throws UnreadableFile {
        try {
            return InputBounds.MESSAGE.readFile(Path.of(name));
        } catch (InputBounds.TooLarge e) {
            throw new UnreadableFile(name + ": the file is " + e.getMessage() + " (what one link message carries)");
        } catch (IOException e) {
            throw new UnreadableFile(name + ": cannot read the file: " + JsonProblems.describeIo(e));
        }
    }

    /** A file named on the command line that cannot be sent: its one-line problem, nothing sent. */
    private static final class UnreadableFile extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableFile(String message) {
            super(message);
        }
    }

    private String arg(int index, String label) {
        if (args.size() <= index) {
            throw new CommandLine.ParameterException(spec.commandLine(), command + " needs " + label);
        }
        return args.get(index);
    }

    private double delta(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "amplitude step is +/-MA, such as +0.1, was "
                    + text);
        }
    }

    private double drawn(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the volume drawn back is in mL, such as 16.9,"
                    + " was " + text);
        }
    }

    static void printPump(PrintWriter out, Messages.PumpState pump) {
        if (pump == null) {
            return;
        }
        out.printf(Locale.ROOT, "pump %s %s  reservoir %.2f mL  rate %.3f mL/day  battery %.1f%%  %s%n",
                pump.drug() == null ? "(nothing programmed)" : pump.drug(),
                pump.concentration() == null ? "" : pump.concentration(), pump.reservoirMl(), pump.rateMlPerDay(),
                pump.batteryPercent(), pump.suspended() ? "SUSPENDED" : pump.delivering() ? "delivering" : "NOT delivering");
        pump.alarms().forEach(a -> out.println("  alarm " + a));
    }

    static void printState(PrintWriter out, Messages.State state) {
        if (state == null) {
            return;
        }
        out.printf("mode %s  battery %.1f%% (~%.0f days)%s%n", state.mode(), state.batteryPercent(),
                state.batteryDaysLeft(), state.faultReason() == null ? "" : "  fault: " + state.faultReason());
        for (Messages.ProgramState p : state.programs()) {
            out.printf("  %-20s %5.1f mA%s%n", p.name(), p.amplitudeMa(), p.patientMinMa() == null ? ""
                    : String.format("  (patient %.1f to %.1f mA)", p.patientMinMa(), p.patientMaxMa()));
        }
        if (state.setsFile() != null) {
            try {
                TherapySets sets = ProgramCodec.readSets(state.setsFile());
                for (ProgramSet set : sets.sets()) {
                    out.printf("  set %-16s %s%s%n", set.name(), set.name().equals(sets.activeSet()) ? "running"
                            : "", set.patientSelectable() ? (set.name().equals(sets.activeSet()) ? ", " : "")
                            + "the patient may choose it" : "");
                }
            } catch (ProgramFileException e) {
                out.println("  program sets: the rig's answer could not be read: " + e.describe());
            }
        }
    }
}
