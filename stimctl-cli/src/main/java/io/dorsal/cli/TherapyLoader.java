package io.dorsal.cli;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.Therapy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and validates a program file, printing one line per problem to the error stream. */
final class TherapyLoader {

    private TherapyLoader() {
    }

    /** The validated therapy, or empty after printing why not. */
    static Optional<ValidatedTherapy> load(Path file, PrintWriter err) {
        Therapy therapy;
        try {
            therapy = ProgramCodec.read(file);
        } catch (ProgramFileException e) {
            err.println(file + ": " + e.describe());
            return Optional.empty();
        }
        return switch (new SafetyValidator().validate(therapy)) {
            case Validation.Safe safe -> Optional.of(safe.therapy());
            case Validation.Unsafe unsafe -> {
                for (Violation v : unsafe.violations()) {
                    err.println(file + ": " + v.message());
                }
                err.println(file + ": refused: " + unsafe.violations().size() + " problem"
                        + (unsafe.violations().size() == 1 ? "" : "s") + "; nothing was run");
                yield Optional.empty();
            }
        };
    }
}
