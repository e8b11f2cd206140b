package io.dorsal.rig.pump;

import java.util.Locale;

/**
 * What the balance weighed against what the steps pumped by the calibration: the rig pump's measured delivery. A
 * difference beyond {@link #TOLERANCE_FRACTION} of the pumped volume plus {@link #TOLERANCE_UL} is a discrepancy,
 * named with its likely causes.
 *
 * @param pumpedUl   the steps times the calibration's volume per step
 * @param measuredUl the balance's gain over the run, over the solution's density
 */
public record BalanceCheck(double pumpedUl, double measuredUl) {

    /** A peristaltic pump's usual accuracy against its calibration, and the margin of a drop at the outlet. */
    public static final double TOLERANCE_FRACTION = 0.10;
    /** Evaporation and a hanging drop: about 5 uL (5 mg) over a run. */
    public static final double TOLERANCE_UL = 5.0;

    public boolean within() {
        return Math.abs(measuredUl - pumpedUl) <= TOLERANCE_FRACTION * pumpedUl + TOLERANCE_UL;
    }

    public String describe() {
        double pc = pumpedUl == 0 ? 0 : (measuredUl - pumpedUl) / pumpedUl * 100;
        String head = String.format(Locale.ROOT, "balance: %.1f uL measured against %.1f uL pumped by the calibration"
                + " (%+.1f %%, tolerance %.0f %% + %.0f uL)", measuredUl, pumpedUl, pc, TOLERANCE_FRACTION * 100,
                TOLERANCE_UL);
        if (within()) {
            return head + ": agrees";
        }
        return head + (measuredUl < pumpedUl
                ? ": LESS than pumped; likely an occlusion or a kinked line, a leak before the container, air in the"
                + " line, or a calibration (uL/step) set too high"
                : ": MORE than pumped; likely a calibration (uL/step) set too low, or siphoning through the pump");
    }
}
