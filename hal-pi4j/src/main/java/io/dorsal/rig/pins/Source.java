package io.dorsal.rig.pins;

import java.util.Objects;

/**
 * A current source of the front end, set by a PWM channel through a filter.
 *
 * @param name            the source's name in the pin map
 * @param pwmLine         the PWM line's name, used in traces
 * @param pwmChannel      the hardware PWM channel (0 or 1 on a Pi 4, 0 to 3 on a Pi 5)
 * @param bcm             the GPIO the channel comes out on (12, 13, 18 or 19)
 * @param pwmFrequencyHz  the PWM carrier frequency
 * @param safeDutyPercent the duty that puts the source in its safe state (no current)
 * @param calibration     duty to current
 */
public record Source(String name, String pwmLine, int pwmChannel, int bcm, int pwmFrequencyHz, int safeDutyPercent,
                     Calibration calibration) {

    public Source {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pwmLine, "pwmLine");
        Objects.requireNonNull(calibration, "calibration");
    }
}
