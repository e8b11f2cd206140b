package io.dorsal.core.safety;

import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.List;
import java.util.Optional;

/**
 * The rules that follow from the electrode model (docs/safety.md): the voltage of the current path against the
 * compliance voltage, the charge an electrode holds against the reversible charge injection of platinum-iridium, and
 * what a passive window returns. Stateless.
 */
final class ElectrodeRules {

    private static final double TOLERANCE = 1e-6;
    private static final double PERCENT = 100.0;

    private ElectrodeRules() {
    }

    /** Compliance of the current path and the electrode charge, at one amplitude ({@code when} says which). */
    static void checkLoad(Program program, ProgramLoad load, String when, String subject, DeviceLimits limits,
                          List<Violation> out) {
        Optional<ContactLoad> cathode = load.cathode();
        Optional<ContactLoad> anode = load.anode();
        if (cathode.isPresent() && anode.isPresent()
                && load.pathVoltageV() > limits.complianceVoltageV() + TOLERANCE) {
            out.add(new Violation(subject, "current path " + cathode.get().contact() + " to " + anode.get().contact()
                    + when, "needs " + volts(load.pathVoltageV()) + " (cathode " + describe(cathode.get())
                    + "; anode " + describe(anode.get()) + ")",
                    "at most the compliance voltage " + volts(limits.complianceVoltageV()), SafetyRule.COMPLIANCE));
        }
        for (ContactLoad contact : load.contacts()) {
            double held = contact.heldChargeUcPerCm2();
            if (held > limits.maxElectrodeChargeUcPerCm2() + TOLERANCE) {
                double firstBurst = contact.charge().firstPeakUcPerCm2(contact.areaMm2());
                String burst = program.pattern() instanceof io.dorsal.core.therapy.Pattern.Burst b
                        && program.recharge() instanceof Recharge.Passive
                        ? "; a burst of " + b.pulsesPerBurst() + " pulses holds " + Figures.format(firstBurst)
                        + " uC/cm2 before its first window" : "";
                out.add(new Violation(subject, "contact " + contact.contact() + when, "the electrode holds "
                        + Figures.format(held) + " uC/cm2 (" + Figures.format(contact.charge().steadyPeakUc(), 3)
                        + " uC over " + Figures.format(contact.areaMm2()) + " mm2) in periodic steady state" + burst,
                        "at most " + Figures.format(limits.maxElectrodeChargeUcPerCm2())
                                + " uC/cm2, the reversible charge injection of platinum-iridium",
                        SafetyRule.ELECTRODE_CHARGE));
            }
        }
    }

    /**
     * A passive window must return at least {@code minPassiveReturnPercent} of the charge its electrode holds; one
     * violation for the program, naming the contact whose window returns least.
     */
    static void checkPassiveReturn(Program program, ProgramLoad load, String subject, DeviceLimits limits,
                                   List<Violation> out) {
        if (!(program.recharge() instanceof Recharge.Passive)) {
            return;
        }
        ContactLoad worst = null;
        for (ContactLoad contact : load.contacts()) {
            if (worst == null
                    || contact.charge().leastPassiveReturnFraction() < worst.charge().leastPassiveReturnFraction()) {
                worst = contact;
            }
        }
        if (worst == null) {
            return;
        }
        double returnedPercent = worst.charge().leastPassiveReturnFraction() * PERCENT;
        if (returnedPercent < limits.minPassiveReturnPercent() - TOLERANCE) {
            double tauUs = worst.load().timeConstantUs();
            double neededUs = worst.load().shortToReturnUs(limits.minPassiveReturnPercent() / PERCENT);
            out.add(new Violation(subject, "recharge.windowUs", "the passive window returns "
                    + Figures.format(returnedPercent, 3) + "% of the charge on " + worst.contact()
                    + " (time constant " + Figures.format(tauUs, 0) + " us: " + Figures.format(worst.load().resistanceOhm())
                    + " ohm x " + Figures.format(worst.load().couplingCapacitanceUf()) + " uF)",
                    "at least " + Figures.format(limits.minPassiveReturnPercent()) + "% (a window of at least "
                            + Figures.format(Math.ceil(neededUs), 0) + " us; or active recharge)",
                    SafetyRule.PASSIVE_RETURN));
        }
    }

    private static String describe(ContactLoad c) {
        return c.contact() + ": " + Figures.format(Math.abs(c.currentMa())) + " mA x "
                + Figures.format(c.load().resistanceOhm()) + " ohm + " + volts(c.charge().steadyPeakVoltageV())
                + " on its capacitor";
    }

    private static String volts(double v) {
        return Figures.format(v) + " V";
    }
}
