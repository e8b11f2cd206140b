package io.dorsal.cli;

import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.simulation.PumpSimulation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stimctl pump simulate FILE --days N [--bolus-requests CSV] [--out PATH]}. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Fills a pump with the prescription at t=0 and runs it on a virtual clock, writing CSV",
            "  " + PumpSimulation.HEADER,
            "with one delivery row per hour (volume and drug delivered in that hour) and one row per other event.",
            "--bolus-requests: a CSV with a time_s header and one patient bolus request per line, in seconds.",
            "Unsafe files are refused as by check."})
final class PumpSimulateCommand implements Callable<Integer> {

    /** Longest simulation: ten years, a pump's service life. */
    static final int MAX_DAYS = 3650;
    /** Most bolus requests read. */
    static final int MAX_REQUESTS = 100_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "the prescription file (JSON)")
    Path file;

    @Option(names = "--days", required = true, paramLabel = "N", description = "days to simulate (1 to " + MAX_DAYS + ")")
    int days;

    @Option(names = "--bolus-requests", paramLabel = "CSV", description = "patient bolus requests (time_s per line)")
    Path requests;

    @Option(names = "--out", paramLabel = "PATH", description = "write the CSV here instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (days < 1 || days > MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--days must be 1 to " + MAX_DAYS + ", was " + days);
        }
        Optional<PumpValidation.Safe> safe = PrescriptionLoader.load(file, spec.commandLine().getErr());
        if (safe.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        long[] requestMs;
        try {
            requestMs = requests == null ? new long[0] : readRequests(requests);
        } catch (IllegalArgumentException | IOException e) {
            spec.commandLine().getErr().println(requests + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        Writer writer = null;
        try {
            writer = out == null ? new BufferedWriter(spec.commandLine().getOut())
                    : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
            PumpSimulation.Totals totals = PumpSimulation.run(safe.get().plan().prescription(), days, requestMs, writer);
            writer.flush();
            if (out != null) {
                writer.close();
                spec.commandLine().getErr().println(file + ": " + totals.rows() + " rows written to " + out);
            }
            return 0;
        } catch (IOException e) {
            spec.commandLine().getErr().println("stimctl: cannot write " + (out == null ? "standard output" : out)
                    + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
    }

    /** Request times in milliseconds, from a CSV of seconds with a {@code time_s} header. */
    static long[] readRequests(Path csv) throws IOException {
        if (Files.size(csv) > 4L * 1024 * 1024) {
            throw new IllegalArgumentException("larger than 4 MiB");
        }
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).strip().equals("time_s")) {
            throw new IllegalArgumentException("line 1: expected the header time_s");
        }
        List<Long> times = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            double seconds;
            try {
                seconds = Double.parseDouble(line);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected a time in seconds, found \"" + line + "\"");
            }
            if (!(seconds >= 0) || seconds > MAX_DAYS * 86_400.0) {
                throw new IllegalArgumentException("line " + (i + 1) + ": a time from 0 to " + MAX_DAYS * 86_400L
                        + " s, found " + line);
            }
            if (times.size() == MAX_REQUESTS) {
                throw new IllegalArgumentException("more than " + MAX_REQUESTS + " requests");
            }
            times.add(Math.round(seconds * 1000.0));
        }
        return times.stream().mapToLong(Long::longValue).toArray();
    }
}
