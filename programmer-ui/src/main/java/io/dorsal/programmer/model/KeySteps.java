package io.dorsal.programmer.model;

import io.dorsal.core.therapy.DeviceLimits;

/**
 * How far the keys move a number field that has the focus: Up and Down by {@code step}, Page Up and Page Down by
 * {@code largeStep}, a whole number of steps.
 *
 * @param step      the field's own step (its resolution)
 * @param largeStep the larger step, a multiple of {@code step}
 */
public record KeySteps(double step, double largeStep) {

    public KeySteps {
        if (!(step > 0) || largeStep < step || Math.abs(largeStep / step - Math.round(largeStep / step)) > 1e-9) {
            throw new IllegalArgumentException("key steps: " + step + " and " + largeStep
                    + ": the larger step must be a whole number of steps");
        }
    }

    /** Amplitude: 0.1 mA a step, 0.5 mA a larger one (a usual titration step). */
    public static KeySteps amplitude(DeviceLimits limits) {
        return new KeySteps(limits.amplitudeStepMa(), 5 * limits.amplitudeStepMa());
    }

    /** Pulse width: 10 us a step, 50 us a larger one. */
    public static KeySteps pulseWidth(DeviceLimits limits) {
        return new KeySteps(limits.pulseWidthStepUs(), 5 * limits.pulseWidthStepUs());
    }

    /** Rate: 1 Hz a step; 10 Hz a larger one for tonic and burst, 1,000 Hz at high frequency (1 to 10 kHz). */
    public static KeySteps rate(PatternType pattern) {
        return switch (pattern) {
            case TONIC, BURST -> new KeySteps(1, 10);
            case HIGH_FREQUENCY -> new KeySteps(1, 1000);
        };
    }

    /** The larger step in steps, as a spinner counts them. */
    public int stepsInLargeStep() {
        return (int) Math.round(largeStep / step);
    }
}
