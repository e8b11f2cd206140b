package io.dorsal.core.ecap;

import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;

/**
 * The closed loop's law (docs/ecap.md): after each pulse, the next pulse's current moves towards the current that
 * would give the target, by a fraction {@code gain} of the error over the growth curve's slope (an integral
 * controller with the slope as its plant gain), never up by more than the amplitude-step rule a pulse (decreases act
 * at once, as for every amplitude change), and always inside the envelope the validator proved: from
 * {@code minMa} to {@code maxMa} (the program's patient range, whose maximum the validator checks every dose rule at).
 * A pulse whose recording is lost keeps the current (open loop) until the signal returns. Immutable; allocation-free.
 *
 * @param targetUv      the ECAP the loop holds, uV
 * @param gain          the fraction of the error corrected a pulse, 0 to 1
 * @param slopeUvPerMa  the growth curve's slope the clinician measured (the loop's model of the cord), uV/mA
 * @param minMa         the least current the loop may choose, mA
 * @param maxMa         the most, mA: the proven envelope's top
 * @param maxRiseMa     the most the current may rise from one pulse to the next, mA
 */
public record EcapController(double targetUv, double gain, double slopeUvPerMa, double minMa, double maxMa,
                             double maxRiseMa) {

    /** The share of the error corrected a pulse: at 50 Hz a posture's half-second transition takes 25 pulses. */
    public static final double GAIN = 0.25;

    public EcapController {
        if (!(targetUv > 0 && gain > 0 && gain <= 1 && slopeUvPerMa > 0 && minMa >= 0 && maxMa > minMa
                && maxRiseMa > 0)) {
            throw new IllegalArgumentException("a controller needs a target above 0, a gain in (0, 1], a slope above 0,"
                    + " 0 <= min < max and a rise step above 0");
        }
    }

    /**
     * The controller of a program's closed loop, as Dorsal runs it (docs/ecap.md): gain {@link #GAIN}, the envelope the
     * program's patient range (or, without one, its amplitude alone: the loop can then only lower it), the rise step the
     * device's amplitude-step rule.
     */
    public static EcapController forProgram(Therapy therapy, Program program, double targetUv, double slopeUvPerMa) {
        double min = program.patientRange().map(PatientRange::minMa).orElse(0.0);
        double max = program.patientRange().map(PatientRange::maxMa).orElse(program.amplitudeMa());
        return new EcapController(targetUv, GAIN, slopeUvPerMa, min, max,
                therapy.limits().maxAmplitudeIncreasePerPeriodMa());
    }

    /** The next pulse's current after a pulse at {@code currentMa} evoked {@code measuredUv} (NaN: lost). */
    public double nextMa(double currentMa, double measuredUv) {
        if (Double.isNaN(measuredUv)) {
            return clamp(currentMa);
        }
        double wanted = currentMa + gain * (targetUv - measuredUv) / slopeUvPerMa;
        return clamp(Math.min(wanted, currentMa + maxRiseMa));
    }

    /** Lost pulses in a row after which the loop falls back to open loop (0.2 s at 50 Hz). */
    public static final int FALLBACK_AFTER_PULSES = 10;

    /**
     * As {@link #nextMa(double, double)}, with the fallback (docs/ecap.md): once {@code lostInRow} (counting this
     * pulse) reaches {@link #FALLBACK_AFTER_PULSES}, the current goes to {@code openLoopMa}, the programmed amplitude
     * (a decrease at once, a rise by the step a pulse), inside the envelope.
     */
    public double nextMa(double currentMa, double measuredUv, int lostInRow, double openLoopMa) {
        if (Double.isNaN(measuredUv) && lostInRow >= FALLBACK_AFTER_PULSES) {
            return clamp(openLoopMa <= currentMa ? openLoopMa : Math.min(openLoopMa, currentMa + maxRiseMa));
        }
        return nextMa(currentMa, measuredUv);
    }

    /** {@code ma} brought inside the envelope, [minMa, maxMa]. */
    public double withinEnvelope(double ma) {
        return clamp(ma);
    }

    private double clamp(double ma) {
        return Math.max(minMa, Math.min(maxMa, ma));
    }
}
