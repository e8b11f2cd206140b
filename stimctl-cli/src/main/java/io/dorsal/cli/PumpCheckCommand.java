package io.dorsal.cli;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.RefillDates;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stimctl pump check FILE}: a table of the day's dose and volume and the reservoir's dates, or the problems. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates a pump prescription. Safe: a table (daily dose per drug, daily volume, days to the",
            "low-reservoir alarm and to empty, next refill date), exit 0. Unsafe or malformed: one line per",
            "problem on stderr, exit 1."})
final class PumpCheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the prescription file (JSON)")
    Path file;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Optional<PumpValidation.Safe> safe = PrescriptionLoader.load(file, spec.commandLine().getErr());
        if (safe.isEmpty()) {
            return Stimctl.EXIT_REFUSED;
        }
        print(safe.get(), spec.commandLine().getOut());
        return 0;
    }

    static void print(PumpValidation.Safe safe, PrintWriter out) {
        DeliveryPlan plan = safe.plan();
        Prescription p = plan.prescription();
        Drug d = p.drug();
        RefillDates dates = RefillDates.of(p);
        double limit = p.maxDailyDoseUg().orElse(d.maxDailyDoseUg());
        out.println("drug            concentration  dose/day (mode)  dose/day (all boluses)  limit/day      volume/day");
        out.printf(Locale.ROOT, "%-15s %-14s %-16s %-23s %-14s %s%n", d.fileName(),
                PrescriptionValidator.perMl(d, p.concentrationUgPerMl()), d.format(plan.baseDailyDoseUg()),
                d.format(plan.maxDailyDoseUg()), d.format(limit), PrescriptionValidator.mlPerDay(plan.baseDailyVolumeUl()));
        out.println();
        out.printf(Locale.ROOT, "reservoir       %s of %s, low-reservoir alarm at %s%n",
                PrescriptionValidator.ml(p.reservoir().fillUl()), PrescriptionValidator.ml(p.pump().reservoirUl()),
                PrescriptionValidator.ml(p.reservoir().lowAlarmUl()));
        out.printf(Locale.ROOT, "low reservoir   %s days (%s), with every patient bolus taken%n",
                days(plan.daysToLowReservoir()), dates.lowReservoirOn());
        out.printf(Locale.ROOT, "empty           %s days (%s)%n", days(plan.daysToEmpty()), dates.emptyOn());
        out.printf(Locale.ROOT, "next refill     %s (filled %s)%n", dates.refillBy(), dates.filledOn());
        for (String note : safe.advisories()) {
            out.println(note);
        }
    }

    private static String days(double d) {
        return Double.isInfinite(d) ? "never" : String.format(Locale.ROOT, "%.1f", d);
    }
}
