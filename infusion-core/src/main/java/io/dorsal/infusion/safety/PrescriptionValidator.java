package io.dorsal.infusion.safety;

import io.dorsal.infusion.drug.Drug;
import io.dorsal.infusion.prescription.Catheter;
import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.PatientBolus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.prescription.StartBolus;
import io.dorsal.infusion.pump.PumpKind;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Holds a pump prescription to every rule of docs/safety.md ("Drug pump"). Every path that can change what a pump
 * delivers (file, programmer, link) comes through here; a rejected prescription leaves the running one untouched.
 * Stateless and thread safe.
 */
public final class PrescriptionValidator {

    /** Longest refill interval Dorsal accepts: 180 days (drug stability in the pump; docs/pump-format.md). */
    public static final long MAX_REFILL_INTERVAL_DAYS = 180;
    /** Lowest low-reservoir alarm: 0.5 mL, so that it sounds while there is still time to book a refill. */
    public static final double MIN_LOW_ALARM_UL = 500.0;
    /** Most steps in a flexible-dosing day. */
    public static final int MAX_FLEXIBLE_STEPS = 24;
    /** Shortest patient-bolus lockout: 10 minutes. */
    public static final int MIN_LOCKOUT_MIN = 10;
    /** Most patient boluses in a day. */
    public static final int MAX_PATIENT_BOLUSES_PER_DAY = 24;
    /** Longest one-off or patient bolus: a day. */
    public static final int MAX_BOLUS_DURATION_MIN = InfusionMode.MINUTES_PER_DAY;
    /** Catheter lengths Dorsal accepts, in centimetres. */
    public static final double MIN_CATHETER_CM = 10.0;
    /** See {@link #MIN_CATHETER_CM}. */
    public static final double MAX_CATHETER_CM = 150.0;
    /** Catheter volumes per centimetre Dorsal accepts, in microlitres (intrathecal catheters hold about 1 to 3). */
    public static final double MIN_CATHETER_UL_PER_CM = 0.5;
    /** See {@link #MIN_CATHETER_UL_PER_CM}. */
    public static final double MAX_CATHETER_UL_PER_CM = 10.0;

    public PumpValidation validate(Prescription p) {
        List<Violation> out = new ArrayList<>();
        Drug drug = p.drug();
        checkConcentration(p, out);
        double limitUg = drug.maxDailyDoseUg();
        if (p.maxDailyDoseUg().isPresent()) {
            double own = p.maxDailyDoseUg().getAsDouble();
            if (!(own > 0) || own > drug.maxDailyDoseUg()) {
                out.add(new Violation("prescription", "maxDosePerDay", perDay(drug, own),
                        "above 0 and at most " + perDay(drug, drug.maxDailyDoseUg()) + " (" + drug.source() + ")",
                        PumpRule.DOSE_LIMIT));
            } else {
                limitUg = own;
            }
        }
        checkCatheter(p.catheter(), out);
        checkPumpAndMode(p, out);
        checkPatientBolus(p, out);
        checkStartBoluses(p, out);
        checkReservoirAndDates(p, out);
        if (!out.isEmpty()) {
            return new PumpValidation.Unsafe(out);
        }
        // figures that need a sound prescription
        DeliveryPlan plan = DeliveryPlan.of(p);
        checkRates(p, plan, out);
        checkDose(p, plan, limitUg, out);
        checkReservoirLasts(p, plan, out);
        if (!out.isEmpty()) {
            return new PumpValidation.Unsafe(out);
        }
        return new PumpValidation.Safe(plan, advisories(p, plan));
    }

    // ----------------------------------------------------------------------------------------------------

    private static void checkConcentration(Prescription p, List<Violation> out) {
        Drug drug = p.drug();
        double c = p.concentrationUgPerMl();
        if (!(c > 0) || c > drug.maxConcentrationUgPerMl()) {
            out.add(new Violation("prescription", "concentrationPerMl", perMl(drug, c),
                    "above 0 and at most " + perMl(drug, drug.maxConcentrationUgPerMl()) + " (" + drug.source() + ")",
                    PumpRule.CONCENTRATION));
        }
        if (p.previousConcentrationUgPerMl().isPresent() && !(p.previousConcentrationUgPerMl().getAsDouble() > 0)) {
            out.add(new Violation("prescription", "previousConcentrationPerMl",
                    perMl(drug, p.previousConcentrationUgPerMl().getAsDouble()), "above 0", PumpRule.CONCENTRATION));
        }
    }

    private static void checkCatheter(Catheter c, List<Violation> out) {
        if (!(c.lengthCm() >= MIN_CATHETER_CM && c.lengthCm() <= MAX_CATHETER_CM)) {
            out.add(new Violation("catheter", "lengthCm", num(c.lengthCm()) + " cm",
                    "from " + num(MIN_CATHETER_CM) + " to " + num(MAX_CATHETER_CM) + " cm", PumpRule.CATHETER));
        }
        if (!(c.volumeUlPerCm() >= MIN_CATHETER_UL_PER_CM && c.volumeUlPerCm() <= MAX_CATHETER_UL_PER_CM)) {
            out.add(new Violation("catheter", "volumeUlPerCm", num(c.volumeUlPerCm()) + " uL/cm",
                    "from " + num(MIN_CATHETER_UL_PER_CM) + " to " + num(MAX_CATHETER_UL_PER_CM) + " uL/cm",
                    PumpRule.CATHETER));
        }
    }

    private static void checkPumpAndMode(Prescription p, List<Violation> out) {
        Drug drug = p.drug();
        boolean constantFlowPump = p.pump() instanceof PumpKind.ConstantFlow;
        boolean constantFlowMode = p.mode() instanceof InfusionMode.ConstantFlow;
        if (constantFlowPump != constantFlowMode) {
            out.add(new Violation("prescription", "mode", modeName(p.mode()),
                    constantFlowPump ? "constantFlow on a constant-flow pump (it cannot be programmed)"
                            : "not constantFlow on a programmable pump", PumpRule.PUMP_KIND));
        }
        if (constantFlowPump && (p.patientBolus().isPresent() || !p.startBoluses().isEmpty())) {
            out.add(new Violation("prescription", p.patientBolus().isPresent() ? "patientBolus" : "boluses",
                    "present", "none on a constant-flow pump (it cannot be programmed)", PumpRule.PUMP_KIND));
        }
        switch (p.mode()) {
            case InfusionMode.SimpleContinuous c -> {
                if (!(c.doseUgPerDay() > 0) || Double.isInfinite(c.doseUgPerDay())) {
                    out.add(new Violation("mode", "dosePerDay", perDay(drug, c.doseUgPerDay()),
                            "above 0 (use the stopped or minimumRate mode for no dose)", PumpRule.DAILY_DOSE));
                }
            }
            case InfusionMode.FlexibleDosing f -> checkSteps(drug, f, out);
            case InfusionMode.Stopped s -> { }
            case InfusionMode.MinimumRate m -> { }
            case InfusionMode.ConstantFlow cf -> { }
        }
    }

    private static void checkSteps(Drug drug, InfusionMode.FlexibleDosing f, List<Violation> out) {
        List<InfusionMode.Step> steps = f.steps();
        if (steps.isEmpty() || steps.size() > MAX_FLEXIBLE_STEPS) {
            out.add(new Violation("mode", "steps", steps.size() + " steps", "from 1 to " + MAX_FLEXIBLE_STEPS,
                    PumpRule.FLEXIBLE_STEPS));
            return;
        }
        if (steps.get(0).startMinute() != 0) {
            out.add(new Violation("step 1", "start", clock(steps.get(0).startMinute()), "00:00 (the day has no gap)",
                    PumpRule.FLEXIBLE_STEPS));
        }
        for (int i = 0; i < steps.size(); i++) {
            InfusionMode.Step s = steps.get(i);
            int previous = i == 0 ? -1 : steps.get(i - 1).startMinute();
            if (i > 0 && (s.startMinute() <= previous || s.startMinute() >= InfusionMode.MINUTES_PER_DAY)) {
                out.add(new Violation("step " + (i + 1), "start", clock(s.startMinute()),
                        "after " + clock(previous) + " and before 24:00", PumpRule.FLEXIBLE_STEPS));
            }
            if (!(s.doseUgPerDay() > 0) || Double.isInfinite(s.doseUgPerDay())) {
                out.add(new Violation("step " + (i + 1), "dosePerDay", perDay(drug, s.doseUgPerDay()), "above 0",
                        PumpRule.FLEXIBLE_STEPS));
            }
        }
    }

    private static void checkPatientBolus(Prescription p, List<Violation> out) {
        if (p.patientBolus().isEmpty()) {
            return;
        }
        PatientBolus b = p.patientBolus().get();
        Drug drug = p.drug();
        if (!(b.doseUg() > 0) || Double.isInfinite(b.doseUg())) {
            out.add(new Violation("patient bolus", "dose", drug.format(b.doseUg()), "above 0", PumpRule.PATIENT_BOLUS));
        }
        if (b.durationMin() < 1 || b.durationMin() > MAX_BOLUS_DURATION_MIN) {
            out.add(new Violation("patient bolus", "durationMin", b.durationMin() + " min",
                    "from 1 to " + MAX_BOLUS_DURATION_MIN + " min", PumpRule.PATIENT_BOLUS));
        }
        int minLockout = Math.max(MIN_LOCKOUT_MIN, b.durationMin());
        if (b.lockoutMin() < minLockout || b.lockoutMin() > InfusionMode.MINUTES_PER_DAY) {
            out.add(new Violation("patient bolus", "lockoutMin", b.lockoutMin() + " min",
                    "from " + minLockout + " min (at least " + MIN_LOCKOUT_MIN + " and the bolus's duration) to "
                            + InfusionMode.MINUTES_PER_DAY + " min", PumpRule.PATIENT_BOLUS));
        }
        int fit = b.lockoutMin() > 0 ? InfusionMode.MINUTES_PER_DAY / b.lockoutMin() : MAX_PATIENT_BOLUSES_PER_DAY;
        int maxPerDay = Math.min(MAX_PATIENT_BOLUSES_PER_DAY, Math.max(1, fit));
        if (b.maxPerDay() < 1 || b.maxPerDay() > maxPerDay) {
            out.add(new Violation("patient bolus", "maxPerDay", String.valueOf(b.maxPerDay()),
                    "from 1 to " + maxPerDay + " (at most " + MAX_PATIENT_BOLUSES_PER_DAY
                            + ", and no more than fit in a day at one per lockout)", PumpRule.PATIENT_BOLUS));
        }
    }

    private static void checkStartBoluses(Prescription p, List<Violation> out) {
        boolean bridge = false;
        int index = 0;
        for (StartBolus b : p.startBoluses()) {
            index++;
            String subject = "bolus " + index + " (" + kind(b) + ")";
            if (b.durationMin() < 1 || b.durationMin() > MAX_BOLUS_DURATION_MIN) {
                out.add(new Violation(subject, "durationMin", b.durationMin() + " min",
                        "from 1 to " + MAX_BOLUS_DURATION_MIN + " min", PumpRule.BOLUS));
            }
            switch (b) {
                case StartBolus.Single s -> {
                    if (!(s.doseUg() > 0) || Double.isInfinite(s.doseUg())) {
                        out.add(new Violation(subject, "dose", p.drug().format(s.doseUg()), "above 0", PumpRule.BOLUS));
                    }
                }
                case StartBolus.Bridge br -> {
                    if (bridge) {
                        out.add(new Violation(subject, "type", "a second bridge", "one bridge bolus",
                                PumpRule.BRIDGE_BOLUS));
                    }
                    bridge = true;
                }
                case StartBolus.Priming pr -> {
                    if (p.previousConcentrationUgPerMl().isPresent()) {
                        out.add(new Violation(subject, "type", "priming after a refill",
                                "priming only after implant or catheter revision (the catheter is already full of drug)",
                                PumpRule.PRIMING_BOLUS));
                    }
                }
            }
        }
        boolean changed = p.previousConcentrationUgPerMl().isPresent()
                && p.previousConcentrationUgPerMl().getAsDouble() != p.concentrationUgPerMl();
        if (changed && !bridge) {
            out.add(new Violation("prescription", "boluses", "no bridge bolus",
                    "a bridge bolus when the concentration changes ("
                            + perMl(p.drug(), p.previousConcentrationUgPerMl().getAsDouble()) + " to "
                            + perMl(p.drug(), p.concentrationUgPerMl()) + ")", PumpRule.BRIDGE_BOLUS));
        }
        if (bridge && !changed) {
            out.add(new Violation("prescription", "boluses", "a bridge bolus",
                    "a bridge only when previousConcentrationPerMl differs from concentrationPerMl",
                    PumpRule.BRIDGE_BOLUS));
        }
    }

    private static void checkReservoirAndDates(Prescription p, List<Violation> out) {
        var r = p.reservoir();
        double capacity = p.pump().reservoirUl();
        if (!(r.fillUl() > 0) || r.fillUl() > capacity) {
            out.add(new Violation("reservoir", "fillMl", ml(r.fillUl()), "above 0 and at most " + ml(capacity)
                    + " (the reservoir)", PumpRule.RESERVOIR));
        }
        if (!(r.lowAlarmUl() >= MIN_LOW_ALARM_UL) || !(r.lowAlarmUl() < r.fillUl())) {
            out.add(new Violation("reservoir", "lowAlarmMl", ml(r.lowAlarmUl()), "at least " + ml(MIN_LOW_ALARM_UL)
                    + " and below the fill (" + ml(r.fillUl()) + ")", PumpRule.RESERVOIR));
        }
        long days = ChronoUnit.DAYS.between(r.filledOn(), r.refillBy());
        if (days < 1 || days > MAX_REFILL_INTERVAL_DAYS) {
            out.add(new Violation("reservoir", "refillBy", r.refillBy() + " (" + days + " days after " + r.filledOn()
                    + ")", "1 to " + MAX_REFILL_INTERVAL_DAYS + " days after the fill", PumpRule.REFILL_INTERVAL));
        }
    }

    private static void checkRates(Prescription p, DeliveryPlan plan, List<Violation> out) {
        if (!(p.pump() instanceof PumpKind.Programmable pump)) {
            return;
        }
        String range = "from " + mlPerDay(pump.minRateUlPerDay()) + " to " + mlPerDay(pump.maxRateUlPerDay())
                + " (the pump's range)";
        for (int i = 0; i < plan.stepCount(); i++) {
            double rate = plan.stepRateUlPerDay(i);
            boolean stopped = p.mode() instanceof InfusionMode.Stopped;
            if (!stopped && (rate < pump.minRateUlPerDay() - 1e-9 || rate > pump.maxRateUlPerDay() + 1e-9)) {
                String subject = plan.stepCount() > 1 ? "step " + (i + 1) : "mode";
                out.add(new Violation(subject, "rate", mlPerDay(rate) + " (" + perDay(p.drug(), plan.drugUg(rate))
                        + " at " + perMl(p.drug(), p.concentrationUgPerMl()) + ")", range
                        + (rate < pump.minRateUlPerDay() ? "; the concentration is too high for the dose" : ""),
                        PumpRule.FLOW_RANGE));
            }
        }
        int index = 0;
        for (DeliveryPlan.Segment s : plan.startSegments()) {
            index++;
            double rate = s.rateUlPerDay();
            if (rate < pump.minRateUlPerDay() || rate > pump.maxRateUlPerDay()) {
                out.add(new Violation("bolus " + index + " (" + s.kind() + ")", "rate",
                        mlPerDay(rate) + " (" + ul(s.volumeUl()) + " over " + s.durationMs() / DeliveryPlan.MS_PER_MINUTE
                                + " min)", range, PumpRule.FLOW_RANGE));
            }
        }
        if (p.patientBolus().isPresent()) {
            double peak = plan.maxBaseRateUlPerDay() + plan.patientBolusRateUlPerDay();
            if (peak > pump.maxRateUlPerDay()) {
                out.add(new Violation("patient bolus", "rate", mlPerDay(peak) + " (the mode's highest rate and the bolus)",
                        range, PumpRule.FLOW_RANGE));
            }
        }
    }

    private static void checkDose(Prescription p, DeliveryPlan plan, double limitUg, List<Violation> out) {
        Drug drug = p.drug();
        String limit = "at most " + perDay(drug, limitUg)
                + (limitUg < drug.maxDailyDoseUg() ? " (the prescription's own limit)" : " (" + drug.source() + ")");
        double day = plan.maxDailyDoseUg();
        if (day > limitUg * (1 + 1e-9)) {
            String parts = perDay(drug, plan.baseDailyDoseUg()) + " from the mode"
                    + (plan.patientBolusesPerDay() > 0 ? " + " + plan.patientBolusesPerDay() + " patient boluses of "
                    + drug.format(p.patientBolus().orElseThrow().doseUg()) : "");
            out.add(new Violation("prescription", "dosePerDay", perDay(drug, day) + " (" + parts + ")", limit,
                    PumpRule.DAILY_DOSE));
        } else {
            double first = plan.maxFirstDayDoseUg();
            if (first > limitUg * (1 + 1e-9)) {
                out.add(new Violation("prescription", "first day", perDay(drug, first)
                        + " (the day's dose and the single and bridge boluses)", limit, PumpRule.DAILY_DOSE));
            }
        }
        if (p.pump() instanceof PumpKind.ConstantFlow pump) {
            double worstRate = pump.rateUlPerDay(PumpKind.ConstantFlow.FEVER_C, PumpKind.ConstantFlow.CABIN_KPA)
                    * (1 + pump.accuracyFraction());
            double worstDose = plan.drugUg(worstRate);
            if (worstDose > limitUg * (1 + 1e-9)) {
                out.add(new Violation("prescription", "concentrationPerMl", perMl(drug, p.concentrationUgPerMl())
                        + " gives " + perDay(drug, worstDose) + " at " + num(PumpKind.ConstantFlow.FEVER_C) + " C, "
                        + num(PumpKind.ConstantFlow.CABIN_KPA) + " kPa (a feverish flight) and +"
                        + num(pump.accuracyFraction() * 100) + " % flow", limit, PumpRule.CONSTANT_FLOW));
            }
        }
    }

    private static void checkReservoirLasts(Prescription p, DeliveryPlan plan, List<Violation> out) {
        var r = p.reservoir();
        long booked = ChronoUnit.DAYS.between(r.filledOn(), r.refillBy());
        double lasts = plan.daysUntilUl(r.lowAlarmUl(), p.pump().accuracyFraction());
        if (lasts < booked) {
            out.add(new Violation("reservoir", "refillBy", r.refillBy() + " (" + booked + " days)",
                    String.format(Locale.ROOT, "at most %.1f days after the fill: the low-reservoir alarm (%s) by then "
                                    + "with every patient bolus taken and the pump %s %% fast", lasts,
                            ml(r.lowAlarmUl()), num(p.pump().accuracyFraction() * 100)), PumpRule.RESERVOIR_LASTS));
        }
    }

    private static List<String> advisories(Prescription p, DeliveryPlan plan) {
        List<String> notes = new ArrayList<>();
        if (p.drug().opioid() && p.concentrationUgPerMl() > p.drug().maxConcentrationUgPerMl() / 2) {
            notes.add("advisory: " + p.drug().fileName() + " at " + perMl(p.drug(), p.concentrationUgPerMl())
                    + " is above half the consensus maximum; high opioid concentrations favour a catheter-tip granuloma");
        }
        if (plan.maxDailyDoseUg() > 0.8 * p.drug().maxDailyDoseUg()) {
            notes.add("advisory: the day's dose with every patient bolus is " + perDay(p.drug(), plan.maxDailyDoseUg())
                    + ", above 80 % of the consensus maximum");
        }
        return notes;
    }

    // ----------------------------------------------------------------------------------------------------
    // words

    static String kind(StartBolus b) {
        return switch (b) {
            case StartBolus.Priming p -> "priming";
            case StartBolus.Bridge br -> "bridge";
            case StartBolus.Single s -> "single";
        };
    }

    static String modeName(InfusionMode m) {
        return switch (m) {
            case InfusionMode.Stopped s -> "stopped";
            case InfusionMode.SimpleContinuous c -> "continuous";
            case InfusionMode.FlexibleDosing f -> "flexible";
            case InfusionMode.MinimumRate r -> "minimumRate";
            case InfusionMode.ConstantFlow c -> "constantFlow";
        };
    }

    /** {@code 3 mg/day}. */
    public static String perDay(Drug drug, double ug) {
        return drug.format(ug) + "/day";
    }

    /** {@code 10 mg/mL}. */
    public static String perMl(Drug drug, double ugPerMl) {
        return drug.format(ugPerMl) + "/mL";
    }

    /** {@code 0.3 mL/day}. */
    public static String mlPerDay(double ulPerDay) {
        return num(ulPerDay / 1000.0) + " mL/day";
    }

    /** {@code 20 mL}. */
    public static String ml(double ul) {
        return num(ul / 1000.0) + " mL";
    }

    /** {@code 120 uL}. */
    public static String ul(double ul) {
        return num(ul) + " uL";
    }

    static String num(double v) {
        return Drug.trim(v);
    }

    /** {@code 08:30}. */
    public static String clock(int minuteOfDay) {
        return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
    }
}
