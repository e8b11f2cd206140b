package io.dorsal.core.safety;

import io.dorsal.core.therapy.ContactId;

/**
 * What one contact receives from one program at one amplitude, per stimulation phase.
 *
 * @param contact                  the contact
 * @param currentMa                signed current in the stimulation phase: negative is cathodic
 * @param chargeUc                 charge per phase, |I| x pulse width
 * @param chargeDensityUcPerCm2    charge per phase over the contact's area
 * @param shannonK                 log10(D) + log10(Q); negative infinity when no charge flows
 * @param driveVoltageV            |I| x contact impedance, against the compliance voltage
 * @param impedanceOhm             the impedance used for the drive voltage
 * @param areaMm2                  the contact's surface
 */
public record ContactDose(ContactId contact, double currentMa, double chargeUc, double chargeDensityUcPerCm2,
                          double shannonK, double driveVoltageV, double impedanceOhm, double areaMm2) {

    /** Surface of the generator's can used for its charge density (default: one face of a small IPG). */
    public static final double CASE_AREA_MM2 = 2000.0;

    private static final double MM2_PER_CM2 = 100.0;
    private static final double US_PER_MS = 1000.0;

    /** The dose of a contact carrying {@code currentMa} for {@code pulseWidthUs}. */
    public static ContactDose of(ContactId contact, double currentMa, int pulseWidthUs, double areaMm2,
                                 double impedanceOhm) {
        double magnitudeMa = Math.abs(currentMa);
        double chargeUc = magnitudeMa * pulseWidthUs / US_PER_MS;
        double density = chargeUc / (areaMm2 / MM2_PER_CM2);
        double k = chargeUc > 0 ? Math.log10(density) + Math.log10(chargeUc) : Double.NEGATIVE_INFINITY;
        double volts = magnitudeMa * impedanceOhm / US_PER_MS;
        return new ContactDose(contact, currentMa, chargeUc, density, k, volts, impedanceOhm, areaMm2);
    }
}
