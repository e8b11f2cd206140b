package io.dorsal.core.electrode;

/**
 * One contact seen from its current source: the tissue (access) resistance in series with the output coupling
 * capacitor. The capacitor's voltage is the state: it carries the net charge that has passed through the contact
 * and is not yet returned. Pure functions of that state; immutable and thread safe.
 *
 * <p>Signs: a current is positive when it leaves the contact into the tissue (anodic) and negative when it enters
 * (cathodic), as in a program's fractions. The capacitor voltage has the sign of the net charge that passed.
 *
 * <p>Units: mA x us = nC, so {@code charge uC = currentMa x durationUs / 1000}; uC / uF = V; ohm x uF = us.
 *
 * <p>Passive recharge shorts the contact to its return through the tissue: the capacitor discharges through the
 * resistance with the time constant {@code R x C}, returning {@code Q0 (1 - e^(-t / RC))} in a window of length t.
 *
 * @param resistanceOhm          the tissue resistance of the path through this contact, above zero
 * @param couplingCapacitanceUf  the coupling capacitor in series with the contact, above zero
 */
public record SeriesRcLoad(double resistanceOhm, double couplingCapacitanceUf) {

    private static final double NC_PER_UC = 1_000.0;
    private static final double MA_PER_A = 1_000.0;

    public SeriesRcLoad {
        if (!(resistanceOhm > 0) || Double.isInfinite(resistanceOhm)) {
            throw new IllegalArgumentException("resistanceOhm must be above 0 and finite, was " + resistanceOhm);
        }
        if (!(couplingCapacitanceUf > 0) || Double.isInfinite(couplingCapacitanceUf)) {
            throw new IllegalArgumentException(
                    "couplingCapacitanceUf must be above 0 and finite, was " + couplingCapacitanceUf);
        }
    }

    /** The discharge time constant R x C in microseconds. */
    public double timeConstantUs() {
        return resistanceOhm * couplingCapacitanceUf;
    }

    /** The charge in microcoulombs that a capacitor voltage stands for (Q = C x V). */
    public double chargeUc(double capacitorVoltageV) {
        return couplingCapacitanceUf * capacitorVoltageV;
    }

    /** The capacitor voltage after a constant current flowed for a time (the capacitor integrates it). */
    public double capacitorVoltageAfterCurrentV(double capacitorVoltageV, double currentMa, double durationUs) {
        return capacitorVoltageV + currentMa * durationUs / NC_PER_UC / couplingCapacitanceUf;
    }

    /**
     * The voltage the source must drive to push a current through the contact while its capacitor holds a voltage:
     * the resistive drop plus the capacitor's voltage (signed; its magnitude is what compliance limits).
     */
    public double driveVoltageV(double currentMa, double capacitorVoltageV) {
        return currentMa / MA_PER_A * resistanceOhm + capacitorVoltageV;
    }

    /** The capacitor voltage after the contact was shorted to its return (passive recharge) for a time. */
    public double capacitorVoltageAfterShortV(double capacitorVoltageV, double durationUs) {
        return capacitorVoltageV * Math.exp(-durationUs / timeConstantUs());
    }

    /** The current flowing back through the contact at a time into a short, in mA (opposite to the charge). */
    public double shortCurrentMa(double capacitorVoltageV, double atUs) {
        return -capacitorVoltageAfterShortV(capacitorVoltageV, atUs) / resistanceOhm * MA_PER_A;
    }

    /** The charge in microcoulombs a short of a given length returns, {@code Q0 (1 - e^(-t / RC))}. */
    public double chargeReturnedByShortUc(double capacitorVoltageV, double durationUs) {
        return chargeUc(capacitorVoltageV) - chargeUc(capacitorVoltageAfterShortV(capacitorVoltageV, durationUs));
    }

    /** The fraction of the held charge a short of a given length returns, between 0 and 1. */
    public double fractionReturnedByShort(double durationUs) {
        return 1.0 - Math.exp(-durationUs / timeConstantUs());
    }

    /** How long a short must last to return a fraction of the held charge (0 to below 1). */
    public double shortToReturnUs(double fraction) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1), was " + fraction);
        }
        return -timeConstantUs() * Math.log(1.0 - fraction);
    }
}
