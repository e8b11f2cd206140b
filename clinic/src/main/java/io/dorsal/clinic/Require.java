package io.dorsal.clinic;

import java.util.Objects;

/** The checks the records' compact constructors share; each message names the field. */
final class Require {

    private Require() {
    }

    static String text(String value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        return value;
    }

    static String any(String value, String field) {
        return Objects.requireNonNull(value, field);
    }

    static double finiteAtLeast(double value, double min, String field) {
        if (!Double.isFinite(value) || value < min) {
            throw new IllegalArgumentException(field + " is " + value + ", not a number of at least " + min);
        }
        return value;
    }

    static double between(double value, double min, double max, String field) {
        if (!Double.isFinite(value) || value < min || value > max) {
            throw new IllegalArgumentException(field + " is " + value + ", outside " + min + " to " + max);
        }
        return value;
    }
}
