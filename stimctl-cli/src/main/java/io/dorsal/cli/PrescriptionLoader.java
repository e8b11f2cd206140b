package io.dorsal.cli;

import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.file.PrescriptionFileException;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.safety.PrescriptionValidator;
import io.dorsal.infusion.safety.PumpValidation;
import io.dorsal.infusion.safety.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** Reads and validates a pump prescription file, printing one line per problem to the error stream. */
final class PrescriptionLoader {

    private PrescriptionLoader() {
    }

    /** The prescription and its safe plan, or empty after printing why not. */
    static Optional<PumpValidation.Safe> load(Path file, PrintWriter err) {
        Prescription p;
        try {
            p = PrescriptionCodec.read(file);
        } catch (PrescriptionFileException e) {
            err.println(file + ": " + e.describe());
            return Optional.empty();
        }
        return switch (new PrescriptionValidator().validate(p)) {
            case PumpValidation.Safe safe -> Optional.of(safe);
            case PumpValidation.Unsafe unsafe -> {
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
