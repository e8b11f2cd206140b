package io.dorsal.rig.pins;

import java.util.Objects;

/**
 * A current source of the front end, its amplitude set by a DAC or a filtered PWM channel.
 *
 * @param name        the source's name in the pin map
 * @param line        the name of its amplitude line in traces (the DAC channel's or the PWM line's)
 * @param control     the part that sets its amplitude
 * @param safeSetting the setting that puts the source in its safe state (no current): DAC code or duty percent
 * @param calibration setting to current
 */
public record Source(String name, String line, AmplitudeControl control, int safeSetting, Calibration calibration) {

    public Source {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(line, "line");
        Objects.requireNonNull(control, "control");
        Objects.requireNonNull(calibration, "calibration");
        if (calibration.steps() != control.steps()) {
            throw new IllegalArgumentException("source " + name + ": a calibration of " + calibration.steps()
                    + " steps for a part of " + control.steps());
        }
    }
}
