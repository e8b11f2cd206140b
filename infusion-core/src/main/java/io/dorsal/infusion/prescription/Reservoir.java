package io.dorsal.infusion.prescription;

import java.time.LocalDate;

/**
 * The fill: {@code fillUl} put in on {@code filledOn}, the low-reservoir alarm at {@code lowAlarmUl}, and the
 * date the next refill is booked for.
 */
public record Reservoir(double fillUl, double lowAlarmUl, LocalDate filledOn, LocalDate refillBy) {
}
