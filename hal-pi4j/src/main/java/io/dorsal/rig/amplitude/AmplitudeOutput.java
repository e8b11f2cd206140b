package io.dorsal.rig.amplitude;

/**
 * What sets one current source's amplitude: a setting from 0 to the part's {@code steps()} (a PWM duty in percent,
 * or a DAC code), mapped to current by the source's calibration. The rig writes it only while ENABLE is off, before
 * the phases that use it. Not thread safe; {@link #set} allocates nothing in our code.
 */
public interface AmplitudeOutput {

    /** Writes a setting (0 to {@link #steps()}); fails with Pi4J's unchecked IO exception if the part does not take it. */
    void set(int setting);

    /** The setting last written. */
    int setting();

    /** The highest setting: 100 for PWM duty percent, 4095 for a 12-bit DAC. */
    int steps();
}
