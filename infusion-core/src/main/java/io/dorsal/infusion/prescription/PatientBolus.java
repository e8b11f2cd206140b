package io.dorsal.infusion.prescription;

/**
 * The bolus a patient may request with the handheld: {@code doseUg} over {@code durationMin}, at most one per
 * {@code lockoutMin} (counted from the start of the last) and at most {@code maxPerDay} in any 24 hours.
 */
public record PatientBolus(double doseUg, int durationMin, int lockoutMin, int maxPerDay) {
}
