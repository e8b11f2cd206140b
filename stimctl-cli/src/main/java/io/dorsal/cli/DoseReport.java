package io.dorsal.cli;

import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.ProgramLoad;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The table {@code stimctl check} prints: per program, its timing, then per contact its dose. */
final class DoseReport {

    private static final String ROW = "  %-8s %-8s %10s %12s %16s %9s %8s %7s%n";

    private DoseReport() {
    }

    static String render(ValidatedTherapy therapy) {
        StringBuilder out = new StringBuilder();
        for (int p = 0; p < therapy.programCount(); p++) {
            Program program = therapy.program(p);
            out.append(String.format("program '%s': %s, %s mA, %d us, %s%s%s%n", program.name(),
                    describe(program.pattern()), Figures.format(program.amplitudeMa()), program.pulseWidthUs(),
                    describe(program.recharge()), program.rampS() > 0 ? ", ramp " + Figures.format(program.rampS())
                            + " s" : "", program.cycle().map(DoseReport::describe).orElse("")));
            out.append(String.format("  starts at +%d us in each %d us period; duty cycle %s%%%s%n",
                    therapy.offsetUs(p), therapy.timeline(p).periodUs(),
                    Figures.format(therapy.dutyCycle(p) * 100, 3),
                    program.patientRange().map(DoseReport::describe).orElse("")));
            out.append(String.format(ROW, "contact", "role", "current mA", "charge uC/ph", "density uC/cm2/ph",
                    "Shannon k", "drive V", "duty %"));
            for (ContactDose dose : therapy.doses(p)) {
                out.append(String.format(ROW, dose.contact(), dose.currentMa() < 0 ? "cathode" : "anode",
                        Figures.format(dose.currentMa()), Figures.format(dose.chargeUc(), 3),
                        Figures.format(dose.chargeDensityUcPerCm2()), Figures.format(dose.shannonK()),
                        Figures.format(dose.driveVoltageV()), Figures.format(therapy.dutyCycle(p) * 100, 3)));
            }
            out.append(electrode(therapy.load(p), therapy.therapy().limits()));
            program.patientRange().filter(r -> r.maxMa() > program.amplitudeMa())
                    .ifPresent(r -> out.append(atPatientMaximum(therapy, program, r)));
            out.append(System.lineSeparator());
        }
        return out.toString();
    }

    /** The electrode model's figures: the current path's voltage and the most charge an electrode holds. */
    private static String electrode(ProgramLoad load, DeviceLimits limits) {
        StringBuilder line = new StringBuilder();
        if (load.cathode().isPresent() && load.anode().isPresent()) {
            line.append(String.format("  current path %s to %s: %s V of the %s V compliance (cathode %s V, anode %s V,"
                            + " capacitors included)%n", load.cathode().get().contact(), load.anode().get().contact(),
                    Figures.format(load.pathVoltageV()), Figures.format(limits.complianceVoltageV()),
                    Figures.format(load.cathode().get().driveVoltageV()),
                    Figures.format(load.anode().get().driveVoltageV())));
        }
        load.mostHeld().ifPresent(c -> line.append(String.format(
                "  electrode charge: up to %s uC/cm2 held (%s, periodic steady state) of %s uC/cm2%s%n",
                Figures.format(c.heldChargeUcPerCm2()), c.contact(), Figures.format(limits.maxElectrodeChargeUcPerCm2()),
                c.charge().leastPassiveReturnFraction() < 1.0 ? "; each passive window returns "
                        + Figures.format(c.charge().leastPassiveReturnFraction() * 100, 1) + "% of it" : "")));
        return line.toString();
    }

    private static String atPatientMaximum(ValidatedTherapy therapy, Program program, PatientRange range) {
        List<ContactDose> doses = new SafetyValidator().doses(therapy.therapy(), program, range.maxMa());
        Optional<ContactDose> densest = doses.stream()
                .max(Comparator.comparingDouble(ContactDose::chargeDensityUcPerCm2));
        Optional<ContactDose> highestVoltage = doses.stream().max(Comparator.comparingDouble(ContactDose::driveVoltageV));
        if (densest.isEmpty() || highestVoltage.isEmpty()) {
            return "";
        }
        ProgramLoad load = new SafetyValidator().load(therapy.therapy(), program, therapy.timeline(therapy.therapy()
                .programs().indexOf(program)), range.maxMa());
        return String.format("  at the patient maximum %s mA: density up to %s uC/cm2/ph (%s), k %s, drive up to %s V (%s),"
                        + " current path %s V, electrode charge up to %s uC/cm2%n",
                Figures.format(range.maxMa()), Figures.format(densest.get().chargeDensityUcPerCm2()),
                densest.get().contact(), Figures.format(densest.get().shannonK()),
                Figures.format(highestVoltage.get().driveVoltageV()), highestVoltage.get().contact(),
                Figures.format(load.pathVoltageV()),
                Figures.format(load.mostHeld().map(c -> c.heldChargeUcPerCm2()).orElse(0.0)));
    }

    private static String describe(Pattern pattern) {
        return switch (pattern) {
            case Pattern.Tonic t -> "tonic " + t.rateHz() + " Hz";
            case Pattern.HighFrequency h -> "high frequency " + h.rateHz() + " Hz";
            case Pattern.Burst b -> "burst " + b.burstRateHz() + " Hz of " + b.pulsesPerBurst() + " pulses at "
                    + b.intraBurstRateHz() + " Hz";
        };
    }

    private static String describe(Recharge recharge) {
        return switch (recharge) {
            case Recharge.Active a -> "active recharge (gap " + a.interphaseGapUs() + " us"
                    + (a.ratio() == 1 ? "" : ", 1/" + a.ratio() + " current for " + a.ratio() + "x as long") + ")";
            case Recharge.Passive p -> "passive recharge ("
                    + (p.windowUs().isPresent() ? p.windowUs().getAsInt() + " us window" : "rest of the period") + ")";
        };
    }

    private static String describe(Cycle cycle) {
        return ", cycling " + cycle.onS() + " s on / " + cycle.offS() + " s off";
    }

    private static String describe(PatientRange range) {
        return "; patient range " + Figures.format(range.minMa()) + " to " + Figures.format(range.maxMa()) + " mA";
    }
}
