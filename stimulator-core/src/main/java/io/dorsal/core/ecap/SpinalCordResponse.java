package io.dorsal.core.ecap;

/**
 * The ECAP amplitude a pulse evokes, in microvolts, as a function of its current, pulse width and the lead-to-cord
 * distance: zero below a threshold current, then growing linearly with a slope, up to a saturation (the growth curve;
 * ecap.md). The threshold follows the strength-duration curve in pulse width (rheobase times 1 + chronaxie / width)
 * and grows with the square of the distance (a point source's field falls with the square of the distance); the slope
 * falls as much. Immutable; the numbers are Dorsal's model figures, documented in docs/ecap.md.
 *
 * @param rheobaseMa        the threshold current of a very long pulse at the reference distance, mA
 * @param chronaxieUs       the width at which the threshold is twice the rheobase, us
 * @param slopeUvPerMa      the growth curve's slope above threshold at the reference distance, uV/mA
 * @param referenceMm       the distance the two figures above are stated at, mm
 * @param saturationUv      the largest ECAP (every fibre within reach recruited), uV
 */
public record SpinalCordResponse(double rheobaseMa, double chronaxieUs, double slopeUvPerMa, double referenceMm,
                                 double saturationUv) {

    /**
     * A typical thoracic patient (docs/ecap.md): at 300 us and 3.5 mm (sitting) the threshold is 2.5 mA, the slope
     * 40 uV/mA, so a comfortable 3.5 mA evokes about 40 uV; saturation at 400 uV.
     */
    public static final SpinalCordResponse TYPICAL = new SpinalCordResponse(1.5, 200, 40, 3.5, 400);

    public SpinalCordResponse {
        if (!(rheobaseMa > 0 && chronaxieUs > 0 && slopeUvPerMa > 0 && referenceMm > 0 && saturationUv > 0)) {
            throw new IllegalArgumentException("every figure of the response must be above 0");
        }
    }

    /** The threshold current at a pulse width and distance, mA. */
    public double thresholdMa(double pulseWidthUs, double distanceMm) {
        double scale = distanceMm / referenceMm;
        return rheobaseMa * (1 + chronaxieUs / pulseWidthUs) * scale * scale;
    }

    /** The growth curve's slope at a distance, uV/mA. */
    public double slopeUvPerMa(double distanceMm) {
        double scale = referenceMm / distanceMm;
        return slopeUvPerMa * scale * scale;
    }

    /** The ECAP a pulse evokes, uV (0 below threshold, at most the saturation). */
    public double ecapUv(double currentMa, double pulseWidthUs, double distanceMm) {
        double above = currentMa - thresholdMa(pulseWidthUs, distanceMm);
        return above <= 0 ? 0 : Math.min(saturationUv, above * slopeUvPerMa(distanceMm));
    }
}
