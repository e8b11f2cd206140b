package io.dorsal.infusion.refill;

import io.dorsal.infusion.prescription.DeliveryPlan;
import io.dorsal.infusion.prescription.Prescription;
import java.time.LocalDate;

/**
 * The dates a fill gives: when the low-reservoir alarm will sound and when the reservoir is empty, at the nominal
 * flow with every allowed patient bolus taken; and the refill date booked.
 */
public record RefillDates(LocalDate filledOn, LocalDate lowReservoirOn, LocalDate emptyOn, LocalDate refillBy) {

    /** The dates of a prescription's fill (days are counted down: a date is the last whole day before the event). */
    public static RefillDates of(Prescription p) {
        DeliveryPlan plan = DeliveryPlan.of(p);
        LocalDate filled = p.reservoir().filledOn();
        return new RefillDates(filled, after(filled, plan.daysToLowReservoir()), after(filled, plan.daysToEmpty()),
                p.reservoir().refillBy());
    }

    private static LocalDate after(LocalDate from, double days) {
        return Double.isInfinite(days) || days > 36_500 ? LocalDate.MAX : from.plusDays((long) Math.floor(days));
    }
}
