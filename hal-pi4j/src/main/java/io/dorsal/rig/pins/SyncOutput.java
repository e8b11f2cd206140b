package io.dorsal.rig.pins;

import java.util.Objects;

/**
 * The rig's sync output for an oscilloscope or a recording system: active while a stimulation phase is delivered, so
 * its leading edge marks each pulse's start (written right after ENABLE's switch-on returns) and its width is the
 * stimulation phase's. It switches no current, so it is not one of the pin map's contact lines.
 *
 * @param name      the line's name in traces
 * @param bcm       the Broadcom GPIO number
 * @param safeLevel its level between pulses and whenever the rig is safe; the other level marks a pulse
 */
public record SyncOutput(String name, int bcm, int safeLevel) {

    public SyncOutput {
        Objects.requireNonNull(name, "name");
        if (safeLevel != 0 && safeLevel != 1) {
            throw new IllegalArgumentException("safe level must be 0 or 1, was " + safeLevel);
        }
    }

    public int activeLevel() {
        return 1 - safeLevel;
    }
}
