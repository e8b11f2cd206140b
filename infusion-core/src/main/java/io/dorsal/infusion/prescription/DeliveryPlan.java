package io.dorsal.infusion.prescription;

import io.dorsal.infusion.pump.PumpKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The flows a prescription asks of the pump, worked out once: the mode's rate through the day, the one-off
 * boluses at the start, the patient's bolus, and what a day and the fill come to. Volumes in microlitres, rates in
 * microlitres a day, doses in micrograms. Immutable; thread safe.
 */
public final class DeliveryPlan {

    /** Milliseconds in a day. */
    public static final long MS_PER_DAY = 86_400_000L;
    /** Milliseconds in a minute. */
    public static final long MS_PER_MINUTE = 60_000L;

    /** A one-off bolus as a flow: {@code volumeUl} over {@code durationMs}, carrying {@code concentrationUgPerMl}. */
    public record Segment(String kind, long durationMs, double volumeUl, double concentrationUgPerMl) {
        /** The flow it needs, in microlitres a day. */
        public double rateUlPerDay() {
            return durationMs == 0 ? 0.0 : volumeUl * MS_PER_DAY / durationMs;
        }

        /** The drug it delivers, in micrograms. */
        public double drugUg() {
            return volumeUl * concentrationUgPerMl / 1000.0;
        }
    }

    private final Prescription prescription;
    private final List<Segment> startSegments;
    private final double[] stepRateUlPerDay;
    private final int[] stepStartMinute;

    private DeliveryPlan(Prescription p) {
        this.prescription = p;
        List<Segment> segments = new ArrayList<>();
        for (StartBolus b : p.startBoluses()) {
            long durationMs = b.durationMin() * MS_PER_MINUTE;
            segments.add(switch (b) {
                case StartBolus.Priming pr -> new Segment("priming", durationMs, p.catheter().volumeUl(),
                        p.concentrationUgPerMl());
                case StartBolus.Bridge br -> new Segment("bridge", durationMs, p.catheter().deadVolumeUl(),
                        p.previousConcentrationUgPerMl().orElse(p.concentrationUgPerMl()));
                case StartBolus.Single s -> new Segment("single", durationMs, volumeUl(s.doseUg()),
                        p.concentrationUgPerMl());
            });
        }
        this.startSegments = List.copyOf(segments);
        switch (p.mode()) {
            case InfusionMode.FlexibleDosing f -> {
                stepRateUlPerDay = new double[f.steps().size()];
                stepStartMinute = new int[f.steps().size()];
                for (int i = 0; i < f.steps().size(); i++) {
                    stepRateUlPerDay[i] = volumeUl(f.steps().get(i).doseUgPerDay());
                    stepStartMinute[i] = f.steps().get(i).startMinute();
                }
            }
            default -> {
                stepRateUlPerDay = new double[] {constantRate(p)};
                stepStartMinute = new int[] {0};
            }
        }
    }

    /** The plan of a prescription. */
    public static DeliveryPlan of(Prescription prescription) {
        return new DeliveryPlan(prescription);
    }

    public Prescription prescription() {
        return prescription;
    }

    private static double constantRate(Prescription p) {
        return switch (p.mode()) {
            case InfusionMode.Stopped s -> 0.0;
            case InfusionMode.SimpleContinuous c -> c.doseUgPerDay() * 1000.0 / p.concentrationUgPerMl();
            case InfusionMode.MinimumRate m -> switch (p.pump()) {
                case PumpKind.Programmable pr -> pr.minRateUlPerDay();
                case PumpKind.ConstantFlow cf -> cf.nominalRateUlPerDay();
            };
            case InfusionMode.ConstantFlow c -> switch (p.pump()) {
                case PumpKind.Programmable pr -> 0.0;
                case PumpKind.ConstantFlow cf -> cf.nominalRateUlPerDay();
            };
            case InfusionMode.FlexibleDosing f -> throw new IllegalStateException("flexible dosing has steps");
        };
    }

    /** The volume that carries {@code doseUg} of the prescribed drug, in microlitres. */
    public double volumeUl(double doseUg) {
        return doseUg * 1000.0 / prescription.concentrationUgPerMl();
    }

    /** The drug in {@code volumeUl} of the prescribed concentration, in micrograms. */
    public double drugUg(double volumeUl) {
        return volumeUl * prescription.concentrationUgPerMl() / 1000.0;
    }

    /** The one-off boluses at the start, in order. */
    public List<Segment> startSegments() {
        return startSegments;
    }

    /** How long the one-off boluses take together, in milliseconds. */
    public long startDurationMs() {
        long total = 0;
        for (Segment s : startSegments) {
            total += s.durationMs();
        }
        return total;
    }

    /** How many steps the day has (1 unless flexible dosing). */
    public int stepCount() {
        return stepRateUlPerDay.length;
    }

    /** The rate of step {@code i}, in microlitres a day. */
    public double stepRateUlPerDay(int i) {
        return stepRateUlPerDay[i];
    }

    /** The minute of the day step {@code i} starts. */
    public int stepStartMinute(int i) {
        return stepStartMinute[i];
    }

    /** The minute of the day step {@code i} ends. */
    public int stepEndMinute(int i) {
        return i + 1 < stepStartMinute.length ? stepStartMinute[i + 1] : InfusionMode.MINUTES_PER_DAY;
    }

    /** The mode's rate at {@code minuteOfDay}, in microlitres a day (no-alloc). */
    public double baseRateUlPerDay(int minuteOfDay) {
        int step = 0;
        for (int i = 0; i < stepStartMinute.length; i++) {
            if (stepStartMinute[i] <= minuteOfDay) {
                step = i;
            }
        }
        return stepRateUlPerDay[step];
    }

    /** What the mode delivers in a day, in microlitres. */
    public double baseDailyVolumeUl() {
        double total = 0;
        for (int i = 0; i < stepRateUlPerDay.length; i++) {
            total += stepRateUlPerDay[i] * (stepEndMinute(i) - stepStartMinute(i)) / InfusionMode.MINUTES_PER_DAY;
        }
        return total;
    }

    /** What the mode delivers in a day, in micrograms. */
    public double baseDailyDoseUg() {
        return drugUg(baseDailyVolumeUl());
    }

    /** Highest rate the mode asks for, in microlitres a day. */
    public double maxBaseRateUlPerDay() {
        double max = 0;
        for (double r : stepRateUlPerDay) {
            max = Math.max(max, r);
        }
        return max;
    }

    /** Volume of one patient bolus, in microlitres (0 without one). */
    public double patientBolusVolumeUl() {
        return prescription.patientBolus().map(b -> volumeUl(b.doseUg())).orElse(0.0);
    }

    /** The patient bolus's own flow, added to the mode's while it runs, in microlitres a day (0 without one). */
    public double patientBolusRateUlPerDay() {
        return prescription.patientBolus()
                .map(b -> b.durationMin() == 0 ? 0.0 : volumeUl(b.doseUg()) * InfusionMode.MINUTES_PER_DAY / b.durationMin())
                .orElse(0.0);
    }

    /** Patient boluses allowed in a day. */
    public int patientBolusesPerDay() {
        return prescription.patientBolus().map(PatientBolus::maxPerDay).orElse(0);
    }

    /** The most a day can deliver: the mode and every patient bolus allowed, in micrograms. */
    public double maxDailyDoseUg() {
        return baseDailyDoseUg() + patientBolusesPerDay() * prescription.patientBolus().map(PatientBolus::doseUg).orElse(0.0);
    }

    /** The most the first day can deliver: {@link #maxDailyDoseUg} and the one-off boluses' drug, in micrograms. */
    public double maxFirstDayDoseUg() {
        double total = maxDailyDoseUg();
        for (Segment s : startSegments) {
            if (!s.kind().equals("priming")) {
                total += s.drugUg();
            }
        }
        return total;
    }

    /** The most a day can take from the reservoir: the mode and every patient bolus allowed, in microlitres. */
    public double maxDailyVolumeUl() {
        return baseDailyVolumeUl() + patientBolusesPerDay() * patientBolusVolumeUl();
    }

    /** Volume of the one-off boluses, in microlitres. */
    public double startVolumeUl() {
        double total = 0;
        for (Segment s : startSegments) {
            total += s.volumeUl();
        }
        return total;
    }

    /**
     * Days from the fill until the reservoir is down to {@code levelUl} when every allowed patient bolus is taken
     * and the pump delivers {@code 1 + overDeliveryFraction} times what it is asked; infinite when nothing flows.
     */
    public double daysUntilUl(double levelUl, double overDeliveryFraction) {
        double available = prescription.reservoir().fillUl() - levelUl - startVolumeUl() * (1 + overDeliveryFraction);
        double perDay = maxDailyVolumeUl() * (1 + overDeliveryFraction);
        if (available <= 0) {
            return 0.0;
        }
        return perDay <= 0 ? Double.POSITIVE_INFINITY : available / perDay + startDurationMs() / (double) MS_PER_DAY;
    }

    /** Days to the low-reservoir alarm at the nominal flow with every patient bolus taken. */
    public double daysToLowReservoir() {
        return daysUntilUl(prescription.reservoir().lowAlarmUl(), 0.0);
    }

    /** Days to an empty reservoir at the nominal flow with every patient bolus taken. */
    public double daysToEmpty() {
        return daysUntilUl(0.0, 0.0);
    }
}
