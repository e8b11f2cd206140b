package io.dorsal.cli;

import io.dorsal.core.ecap.EcapController;
import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.ecap.LoopComparison;
import io.dorsal.core.ecap.LoopRun;
import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.ecap.SpinalCordResponse;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.ValidatedTherapy;
import java.io.IOException;
import java.io.PrintWriter;
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

/**
 * {@code stimctl loop report FILE --posture SCRIPT [--program NAME] [--seed N] [--out CSV]}: open loop against closed
 * loop for one tonic program on the same posture script, as the trials compare them.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Runs a tonic program through a posture script open loop (its amplitude, fixed) and closed loop",
            "(the ECAP the amplitude evokes seated, held inside the patient range), on the model of the cord, and",
            "prints the time in the therapeutic window and the deviation from target for each (docs/ecap.md)."})
final class LoopReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the program file (JSON)")
    Path file;

    @Option(names = "--posture", required = true, paramLabel = "SCRIPT", description = "the posture script (JSON)")
    Path posture;

    @Option(names = "--program", paramLabel = "NAME", description = "the program (default: the file's first)")
    String program;

    @Option(names = "--seed", paramLabel = "N", description = "the recording noise's seed (default 1)")
    long seed = 1;

    @Option(names = "--out", paramLabel = "CSV",
            description = "also write every pulse: t_s,distance_mm,loop,current_ma,ecap_uv,measured_uv")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<ValidatedTherapy> therapy = TherapyLoader.load(file, err);
        if (therapy.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        PostureScript script;
        try {
            script = PostureScript.read(posture);
        } catch (IOException e) {
            err.println(posture + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        Optional<ClosedLoopSettings> declared;
        try {
            declared = ProgramCodec.readClosedLoop(file);
        } catch (ProgramFileException e) {
            err.println(file + ": " + e.describe());
            return Stimctl.EXIT_REFUSED;
        }
        String name = program != null ? program : declared.map(ClosedLoopSettings::program)
                .orElse(therapy.get().program(0).name());
        LoopComparison c;
        try {
            c = declared.isPresent() && declared.get().program().equals(name)
                    ? LoopComparison.of(therapy.get(), declared.get(), script, SpinalCordResponse.TYPICAL, seed)
                    : LoopComparison.of(therapy.get(), name, script, SpinalCordResponse.TYPICAL, seed);
        } catch (IllegalArgumentException e) {
            err.println(file + ": " + e.getMessage());
            return Stimctl.EXIT_REFUSED;
        }
        stdout.printf(Locale.ROOT, "%s: program '%s', %d pulses over %.0f s of %s; target %.1f uV (%s),"
                        + " window %.1f to %.1f uV; loop envelope %.2f to %.2f mA%n", file, name,
                c.openLoop().pulses(), script.durationS(), posture, c.targetUv(),
                declared.isPresent() && declared.get().program().equals(name) ? "the file's closedLoop"
                        : "its amplitude seated", c.lowUv(), c.highUv(),
                c.controller().minMa(), c.controller().maxMa());
        stdout.println("loop      in window   mean |dev| uV   p95 |dev| uV   current mA");
        line(stdout, "open", c.openLoop(), c);
        line(stdout, "closed", c.closedLoop(), c);
        if (c.closedLoop().lostPulses() > 0) {
            stdout.printf(Locale.ROOT, "closed loop lost the recording for %d pulse(s): held its current, and after "
                    + EcapController.FALLBACK_AFTER_PULSES + " in a row fell back to the programmed amplitude%n", c.closedLoop().lostPulses());
        }
        if (out != null) {
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write("t_s,distance_mm,loop,current_ma,ecap_uv,measured_uv\n");
                write(w, "open", c.openLoop());
                write(w, "closed", c.closedLoop());
            } catch (IOException e) {
                err.println("stimctl: cannot write " + out + ": " + e.getMessage());
                return Stimctl.EXIT_REFUSED;
            }
        }
        return 0;
    }

    private static void line(PrintWriter out, String loop, LoopRun run, LoopComparison c) {
        out.printf(Locale.ROOT, "%-9s %8.1f %%   %13.1f   %12.1f   %.2f to %.2f%n", loop,
                100 * run.fractionWithin(c.lowUv(), c.highUv()), run.meanDeviationUv(c.targetUv()),
                run.p95DeviationUv(c.targetUv()), run.lowestMa(), run.highestMa());
    }

    private static void write(Writer w, String loop, LoopRun run) throws IOException {
        for (int k = 0; k < run.pulses(); k++) {
            w.write(String.format(Locale.ROOT, "%.3f,%.3f,%s,%.3f,%.2f,%s%n", run.timeS(k), run.distanceMm(k), loop,
                    run.currentMa(k), run.evokedUv(k), Double.isNaN(run.measuredUv(k)) ? ""
                            : String.format(Locale.ROOT, "%.2f", run.measuredUv(k))));
        }
    }
}
