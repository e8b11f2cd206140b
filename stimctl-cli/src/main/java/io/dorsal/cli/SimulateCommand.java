package io.dorsal.cli;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.simulation.PhaseCsvWriter;
import io.dorsal.core.simulation.Simulation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "Unsafe files are refused as by check."})
final class SimulateCommand implements Callable<Integer> {

    /** Longest simulation: one day of therapy. */
    static final long MAX_DURATION_MS = 86_400_000L;

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Option(names = "--duration-ms", required = true, paramLabel = "N",
            description = "how long to simulate, in milliseconds (1 to " + MAX_DURATION_MS + ")")
    long durationMs;

    @Option(names = "--out", paramLabel = "PATH", description = "write the CSV here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (durationMs < 1 || durationMs > MAX_DURATION_MS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--duration-ms must be 1 to " + MAX_DURATION_MS + ", was " + durationMs);
        }
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, spec.commandLine().getErr());
        if (therapy.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
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
