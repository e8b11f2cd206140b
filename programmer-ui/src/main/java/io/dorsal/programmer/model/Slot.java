package io.dorsal.programmer.model;

import io.dorsal.core.therapy.Program;
import java.util.Objects;

/**
 * A program in the clinician's draft, with whether it is sent to the generator on Apply.
 *
 * @param program the program
 * @param enabled whether Apply sends it (a disabled program stays in the session only)
 */
public record Slot(Program program, boolean enabled) {
    public Slot {
        Objects.requireNonNull(program, "program");
    }
}
