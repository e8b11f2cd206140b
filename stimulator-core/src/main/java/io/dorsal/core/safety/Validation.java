package io.dorsal.core.safety;

import java.util.List;

/** The outcome of validating a therapy: safe to run, or the list of what is wrong. */
public sealed interface Validation {

    /** Every rule holds. */
    record Safe(ValidatedTherapy therapy) implements Validation {
    }

    /** At least one rule is broken; nothing may be applied. */
    record Unsafe(List<Violation> violations) implements Validation {
        public Unsafe {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an unsafe therapy names at least one violation");
            }
        }
    }
}
