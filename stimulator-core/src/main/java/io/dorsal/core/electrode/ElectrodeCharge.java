package io.dorsal.core.electrode;

import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.PhaseSpec;
import java.util.List;

/**
 * What one program's period does to one contact's electrode, worked out on the contact's {@link SeriesRcLoad}: the
 * charge the electrode (and its coupling capacitor) holds at its peak, in the first period from rest and in periodic
 * steady state, the charge still held when a period starts in steady state, and the least share of the held charge a
 * passive window returns. Charges are magnitudes in microcoulombs; immutable.
 *
 * <p>Driven phases (stimulation, active recharge) move the capacitor by current x duration / C; a passive window
 * shorts it through the tissue, multiplying its voltage by {@code e^(-T / RC)}; between phases the output is open and
 * the capacitor keeps its charge. One period is therefore an affine map {@code V -> a V + b} of the voltage held at
 * its start, and the periodic steady state is its fixed point {@code b / (1 - a)}: the charge a window leaves behind
 * is carried into the next period, which adds its own, until what the window returns equals what a period delivers.
 *
 * @param firstPeakUc                the most charge held during the first period from rest: for a burst with passive
 *                                   recharge, the charge of all its pulses, held before its window
 * @param steadyPeakUc               the most charge held during a period in periodic steady state
 * @param steadyResidualUc           the charge still held when a period starts, in periodic steady state
 * @param leastPassiveReturnFraction the smallest share of the held charge one passive window returns (1 when the
 *                                   program has no passive window)
 * @param steadyPeakVoltageV         the capacitor voltage at {@code steadyPeakUc}
 */
public record ElectrodeCharge(double firstPeakUc, double steadyPeakUc, double steadyResidualUc,
                              double leastPassiveReturnFraction, double steadyPeakVoltageV) {

    /**
     * The electrode charge of a contact that carries {@code stimCurrentMa} (its magnitude counts) in the stimulation
     * phases of a period, each phase's current being that times its {@link PhaseSpec#currentFactor()}.
     *
     * @param phases        one period's phases in time order
     * @param passive       whether the program's recharge phases are passive windows (else driven, active)
     * @param stimCurrentMa the contact's current in a stimulation phase
     * @param load          the contact's tissue resistance and coupling capacitor
     */
    public static ElectrodeCharge of(List<PhaseSpec> phases, boolean passive, double stimCurrentMa,
                                     SeriesRcLoad load) {
        double currentMa = Math.abs(stimCurrentMa);
        double decay = 1.0;
        double leastReturn = 1.0;
        for (PhaseSpec phase : phases) {
            if (passive && phase.kind() == PhaseKind.RECHARGE) {
                double returned = load.fractionReturnedByShort(phase.durationUs());
                decay *= 1.0 - returned;
                leastReturn = Math.min(leastReturn, returned);
            }
        }
        Sweep fromRest = sweep(phases, passive, currentMa, load, 0.0);
        // a period with no passive window is balanced by its driven phases (PulseTable proves it): nothing carries over
        double steadyStartV = decay < 1.0 ? fromRest.endV / (1.0 - decay) : 0.0;
        Sweep steady = sweep(phases, passive, currentMa, load, steadyStartV);
        return new ElectrodeCharge(load.chargeUc(fromRest.peakV), load.chargeUc(steady.peakV),
                load.chargeUc(Math.abs(steadyStartV)), leastReturn, steady.peakV);
    }

    private record Sweep(double endV, double peakV) {
    }

    private static Sweep sweep(List<PhaseSpec> phases, boolean passive, double currentMa, SeriesRcLoad load,
                               double startV) {
        double v = startV;
        double peak = Math.abs(v);
        for (PhaseSpec phase : phases) {
            if (passive && phase.kind() == PhaseKind.RECHARGE) {
                v = load.capacitorVoltageAfterShortV(v, phase.durationUs());
            } else {
                v = load.capacitorVoltageAfterCurrentV(v, currentMa * phase.currentFactor(), phase.durationUs());
            }
            peak = Math.max(peak, Math.abs(v));
        }
        return new Sweep(v, peak);
    }

    /** {@link #steadyPeakUc()} over a contact's surface, in uC/cm2. */
    public double steadyPeakUcPerCm2(double areaMm2) {
        return steadyPeakUc / (areaMm2 / MM2_PER_CM2);
    }

    /** {@link #firstPeakUc()} over a contact's surface, in uC/cm2. */
    public double firstPeakUcPerCm2(double areaMm2) {
        return firstPeakUc / (areaMm2 / MM2_PER_CM2);
    }

    private static final double MM2_PER_CM2 = 100.0;
}
