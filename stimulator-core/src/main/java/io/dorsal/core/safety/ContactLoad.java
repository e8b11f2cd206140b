package io.dorsal.core.safety;

import io.dorsal.core.electrode.ElectrodeCharge;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.therapy.ContactId;

/**
 * One contact of a program seen as a circuit at one amplitude: its current, its load (tissue resistance and coupling
 * capacitor) and the charge its electrode holds.
 *
 * @param contact   the contact
 * @param currentMa signed current in the stimulation phase: negative is cathodic
 * @param areaMm2   the contact's surface
 * @param load      the contact's tissue resistance (its impedance) in series with its coupling capacitor
 * @param charge    the charge the electrode holds, from rest and in periodic steady state
 */
public record ContactLoad(ContactId contact, double currentMa, double areaMm2, SeriesRcLoad load,
                          ElectrodeCharge charge) {

    /**
     * The voltage the contact's source drives at the end of a stimulation phase in steady state: the resistive drop
     * plus the voltage its coupling capacitor holds then (which the current has to push against), as a magnitude.
     */
    public double driveVoltageV() {
        return Math.abs(load.driveVoltageV(Math.abs(currentMa), charge.steadyPeakVoltageV()));
    }

    /** The resistive part of {@link #driveVoltageV()}: |I| x R. */
    public double resistiveVoltageV() {
        return Math.abs(load.driveVoltageV(Math.abs(currentMa), 0.0));
    }

    /** The most charge the electrode holds in steady state over its surface, in uC/cm2. */
    public double heldChargeUcPerCm2() {
        return charge.steadyPeakUcPerCm2(areaMm2);
    }
}
