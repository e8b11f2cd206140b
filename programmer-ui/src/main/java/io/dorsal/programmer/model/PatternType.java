package io.dorsal.programmer.model;

import io.dorsal.core.therapy.Pattern;

/** The three patterns as the pattern chooser names them. */
public enum PatternType {
    TONIC("tonic"), BURST("burst"), HIGH_FREQUENCY("high frequency");

    private final String label;

    PatternType(String label) {
        this.label = label;
    }

    public static PatternType of(Pattern pattern) {
        return switch (pattern) {
            case Pattern.Tonic t -> TONIC;
            case Pattern.Burst b -> BURST;
            case Pattern.HighFrequency h -> HIGH_FREQUENCY;
        };
    }

    @Override
    public String toString() {
        return label;
    }
}
