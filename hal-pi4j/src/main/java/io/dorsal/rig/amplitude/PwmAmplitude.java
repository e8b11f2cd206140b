package io.dorsal.rig.amplitude;

import com.pi4j.io.pwm.Pwm;

/**
 * A source set by a hardware PWM channel through an RC filter (the low-cost option, docs/bench-rig.md): the setting
 * is the duty in whole percent, Pi4J's resolution; duty 0 turns the channel off. Not thread safe.
 */
public final class PwmAmplitude implements AmplitudeOutput {

    /** Duty steps a PWM channel takes through Pi4J. */
    public static final int DUTY_STEPS = 100;

    private final Pwm pwm;

    public PwmAmplitude(Pwm pwm) {
        this.pwm = pwm;
    }

    @Override
    public void set(int setting) {
        pwm.setDutyCycle(setting);
        if (setting > 0) {
            pwm.on();
        } else {
            pwm.off();
        }
    }

    /** The duty the channel really outputs, read back from Pi4J: 0 while it is off. */
    @Override
    public int setting() {
        Integer dutyCycle = pwm.getDutyCycle();
        return pwm.isOn() && dutyCycle != null ? dutyCycle : 0;
    }

    @Override
    public int steps() {
        return DUTY_STEPS;
    }
}
