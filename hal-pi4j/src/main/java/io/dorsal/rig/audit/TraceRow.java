package io.dorsal.rig.audit;

import java.util.Objects;

/**
 * One row of a rig trace: at {@code tUs} after the run's start, {@code line} (a pin-map name) took {@code value}
 * (0/1 for a GPIO line, the amplitude setting for a source). Rows of names the pin map does not know (measured rows,
 * markers) are kept and ignored by the audit.
 */
public record TraceRow(long tUs, String line, int value) {

    public TraceRow {
        Objects.requireNonNull(line, "line");
        if (tUs < 0) {
            throw new IllegalArgumentException("t_us must not be negative, was " + tUs);
        }
    }
}
