package io.dorsal.infusion.refill;

import io.dorsal.infusion.safety.PrescriptionValidator;
import java.util.Locale;

/**
 * The comparison a refill starts with: what the pump expects is left, against what the clinician draws back.
 * The tolerance is the pump's accuracy applied to what it delivered since the last fill, plus what aspiration
 * cannot recover ({@link #ASPIRATION_TOLERANCE_UL}): a difference inside it is what a working pump does; beyond it,
 * something else happened (docs/pump-format.md, "Refill").
 *
 * @param expectedUl  the reservoir the pump computes, in microlitres
 * @param deliveredUl what the pump delivered since the last fill, in microlitres
 * @param drawnUl     what the clinician drew back, in microlitres
 * @param accuracyFraction the pump's accuracy (0.145 for +/-14.5 %)
 */
public record RefillCheck(double expectedUl, double deliveredUl, double drawnUl, double accuracyFraction) {

    /** What aspiration may leave behind or the syringe misread: 0.5 mL (Dorsal's figure; docs/pump-format.md). */
    public static final double ASPIRATION_TOLERANCE_UL = 500.0;
    /** Below this a draw-back counts as nothing returned: 0.1 mL. */
    public static final double NO_RETURN_UL = 100.0;

    /** The volume difference allowed, in microlitres. */
    public double toleranceUl() {
        return accuracyFraction * deliveredUl + ASPIRATION_TOLERANCE_UL;
    }

    /** Drawn minus expected, in microlitres. */
    public double differenceUl() {
        return drawnUl - expectedUl;
    }

    public Discrepancy finding() {
        if (drawnUl < NO_RETURN_UL && expectedUl >= NO_RETURN_UL + ASPIRATION_TOLERANCE_UL) {
            return Discrepancy.NO_RETURN;
        }
        double diff = differenceUl();
        if (Math.abs(diff) <= toleranceUl()) {
            return Discrepancy.WITHIN;
        }
        return diff < 0 ? Discrepancy.LESS_THAN_EXPECTED : Discrepancy.MORE_THAN_EXPECTED;
    }

    /** One line: {@code expected 4.2 mL, drawn back 1.1 mL: less returned than expected (tolerance 1.9 mL): causes}. */
    public String message() {
        Discrepancy d = finding();
        return String.format(Locale.ROOT, "expected %s, drawn back %s (difference %s, tolerance +/-%s): %s%s",
                PrescriptionValidator.ml(expectedUl), PrescriptionValidator.ml(drawnUl),
                PrescriptionValidator.ml(differenceUl()), PrescriptionValidator.ml(toleranceUl()), d.words(),
                d == Discrepancy.WITHIN ? "" : "; likely causes: " + d.likelyCauses());
    }
}
