package io.dorsal.cli;

import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.ecap.EcapLoop;
import io.dorsal.core.ecap.Posture;
import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.ecap.SimulatedCord;
import io.dorsal.core.ecap.SpinalCordResponse;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.simulation.PhaseCsvWriter;
import io.dorsal.core.simulation.Simulation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code stimctl simulate FILE --duration-ms N}: runs the therapy on a virtual clock and writes CSV. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a validated therapy on a virtual clock from t=0 (ramps and cycling included)",
            "and writes one CSV row per contact per phase:",
            "  " + PhaseCsvWriter.HEADER,
            "With --posture SCRIPT the file's closedLoop runs on the generator against the simulated cord",
            "following the script, and the CSV has one row per pulse of the loop's program:",
            "  " + PulseEcapCsv.HEADER,
            "Unsafe files are refused as by check."})
final class SimulateCommand implements Callable<Integer> {

    /** Longest simulation: one day of therapy. */
    static final long MAX_DURATION_MS = 86_400_000L;

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Option(names = "--duration-ms", paramLabel = "N",
            description = "how long to simulate, in milliseconds (1 to " + MAX_DURATION_MS + "); required"
                    + " without --posture, the script's length by default with it")
    Long durationMs;

    @Option(names = "--posture", paramLabel = "SCRIPT",
            description = "close the file's closedLoop against the simulated cord following this posture script (JSON)")
    Path posture;

    @Option(names = "--seed", paramLabel = "N", description = "the recording noise's seed with --posture (default 1)")
    long seed = 1;

    @Option(names = "--out", paramLabel = "PATH", description = "write the CSV here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (durationMs == null && posture == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration-ms is required (or --posture, whose script's length is the default)");
        }
        if (durationMs != null && (durationMs < 1 || durationMs > MAX_DURATION_MS)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration-ms must be 1 to " + MAX_DURATION_MS + ", was " + durationMs);
        }
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, spec.commandLine().getErr());
        if (therapy.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        if (posture != null) {
            return closedLoop(therapy.get());
        }
        try (Writer writer = open()) {
            PhaseCsvWriter csv = new PhaseCsvWriter(writer, 0, therapy.get());
            Simulation.run(therapy.get(), durationMs * 1_000_000L, csv);
            writer.flush();
            if (out != null) {
                spec.commandLine().getErr().println(file + ": " + csv.rows() + " rows written to " + out);
            }
            return 0;
        } catch (IOException | UncheckedIOException e) {
            spec.commandLine().getErr().println("stimctl: cannot write " + (out == null ? "standard output" : out)
                    + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
    }

    /** The file's closed loop on the generator, against the simulated cord following the posture script. */
    private int closedLoop(ValidatedTherapy therapy) {
        PrintWriter err = spec.commandLine().getErr();
        PostureScript script;
        Optional<ClosedLoopSettings> declared;
        try {
            script = PostureScript.read(posture);
        } catch (IOException e) {
            err.println(posture + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        declared = TherapyLoader.requireClosedLoop(file, "--posture needs a closedLoop in the file (its program,"
                + " recording contacts and target; docs/ecap.md)", err);
        if (declared.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        ClosedLoopSettings settings = declared.get();
        double pulseWidthUs = therapy.therapy().program(settings.program()).orElseThrow().pulseWidthUs();
        long durationNs = durationMs != null ? durationMs * 1_000_000L : Math.round(script.durationS() * 1e9);
        SpinalCordResponse cord = SpinalCordResponse.TYPICAL;
        try (Writer writer = open()) {
            PulseEcapCsv csv = new PulseEcapCsv(new SimulatedCord(cord, script, pulseWidthUs, 0, seed), writer);
            PulseGenerator generator = Simulation.run(therapy, durationNs, new NoOutput(), g -> {
                ApplyResult closed = g.closeLoop(settings, cord.slopeUvPerMa(Posture.SITTING.distanceMm()), csv,
                        "stimctl");
                if (!closed.applied()) {
                    throw new IllegalStateException("the checked closedLoop was refused: " + closed);
                }
            });
            writer.flush();
            EcapLoop.State state = generator.closedLoopState().orElseThrow();
            err.printf(Locale.ROOT, "%s: closed loop on '%s', %d pulse(s) measured, %d lost%s%n", file,
                    settings.program(), csv.rows(), state.lostPulses(), out != null ? "; rows written to " + out : "");
            return 0;
        } catch (IOException | UncheckedIOException e) {
            err.println("stimctl: cannot write " + (out == null ? "standard output" : out) + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
    }

    /** The phases go nowhere with --posture: the rows are the loop's. */
    private static final class NoOutput implements OutputStage {
        @Override
        public void onPhase(PhaseEvent event) {
            // the pulse's row is written when the loop reads its ECAP
        }

        @Override
        public void arm(PulseTable table) {
            // nothing to arm
        }

        @Override
        public void safe() {
            // nothing to drive
        }
    }

    private Writer open() throws IOException {
        if (out != null) {
            return Files.newBufferedWriter(out, StandardCharsets.UTF_8);
        }
        return new BufferedWriter(new NonClosingWriter(spec.commandLine().getOut()), 1 << 16);
    }

    /** Standard output stays open after the command. */
    private static final class NonClosingWriter extends Writer {
        private final Writer target;

        NonClosingWriter(Writer target) {
            this.target = target;
        }

        @Override
        public void write(char[] buffer, int offset, int length) throws IOException {
            target.write(buffer, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }

        @Override
        public void close() throws IOException {
            target.flush();
        }
    }

}
