package io.dorsal.cli;

import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.Discrepancy;
import io.dorsal.infusion.refill.RefillCheck;
import io.dorsal.infusion.safety.PumpValidation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code stimctl pump refill FILE --elapsed-days D --drawn-ml V [--boluses N] [--new NEWFILE]}: the refill's first
 * step (expected against drawn-back volume) and, when it holds, the new fill's dates.
 */
@Command(name = "refill", mixinStandardHelpOptions = true,
        description = {"Compares the volume drawn back at a refill with what the pump expects after the elapsed",
            "time (the prescription's mode and --boluses patient boluses), flags a discrepancy beyond the pump's",
            "accuracy plus 0.5 mL with its likely causes (exit 1: do not refill before looking), and checks the",
            "new prescription (--new) as check does, printing its dates."})
final class PumpRefillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the prescription the pump was filled with")
    Path file;

    @Option(names = "--elapsed-days", required = true, paramLabel = "D", description = "days since that fill")
    double elapsedDays;

    @Option(names = "--drawn-ml", required = true, paramLabel = "V", description = "the volume drawn back, mL")
    double drawnMl;

    @Option(names = "--boluses", paramLabel = "N", description = "patient boluses given since the fill (default 0)")
    int boluses;

    @Option(names = "--new", paramLabel = "NEWFILE", description = "the new prescription to fill with")
    Path newFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(elapsedDays > 0) || elapsedDays > PumpSimulateCommand.MAX_DAYS) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--elapsed-days must be above 0 and at most " + PumpSimulateCommand.MAX_DAYS + ", was " + elapsedDays);
        }
        if (!(drawnMl >= 0) || drawnMl > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--drawn-ml must be 0 to 100, was " + drawnMl);
        }
        if (boluses < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--boluses must be 0 or more, was " + boluses);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<PumpValidation.Safe> old = PrescriptionLoader.load(file, err);
        if (old.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        Prescription p = old.get().plan().prescription();
        VirtualClock clock = new VirtualClock();
        PumpFirmware pump = new PumpFirmware(clock);
        pump.fill(p);
        clock.setNs((long) (elapsedDays * DeliveryPlan.MS_PER_DAY) * 1_000_000L);
        pump.poll();
        double bolusUl = boluses * old.get().plan().patientBolusVolumeUl();
        double expected = Math.max(0.0, pump.reservoirUl() - bolusUl);
        RefillCheck check = new RefillCheck(expected, pump.deliveredUl() + bolusUl, drawnMl * 1000.0,
                p.pump().accuracyFraction());
        out.printf(Locale.ROOT, "refill check    %s%n", check.message());
        if (check.finding() != Discrepancy.WITHIN) {
            err.println(file + ": refill check: " + check.finding().words() + "; look before refilling");
            return Stimctl.EXIT_REFUSED;
        }
        if (newFile == null) {
            return 0;
        }
        Optional<PumpValidation.Safe> next = PrescriptionLoader.load(newFile, err);
        if (next.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        out.println();
        PumpCheckCommand.print(next.get(), out);
        return 0;
    }
}
