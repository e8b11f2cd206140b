package io.dorsal.cli;

import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.SetsValidation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.TherapySets;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads and validates a program file, printing one line per problem to the error stream. */
final class TherapyLoader {

    private TherapyLoader() {
    }

    /** The validated therapy that runs (the active set's), or empty after printing why not. */
    static Optional<ValidatedTherapy> load(Path file, PrintWriter err) {
        return loadSets(file, err).map(SetsValidation.Safe::active);
    }

    /** Every program set of the file, each validated as a whole, or empty after printing why not. */
    static Optional<SetsValidation.Safe> loadSets(Path file, PrintWriter err) {
        TherapySets sets;
        try {
            sets = ProgramCodec.readSets(file);
        } catch (ProgramFileException e) {
            err.println(file + ": " + e.describe());
            return Optional.empty();
        }
        List<Violation> loop;
        try {
            loop = ProgramCodec.readClosedLoop(file).map(c -> c.problems(sets.library())).orElse(List.of());
        } catch (ProgramFileException e) {
            err.println(file + ": " + e.describe());
            return Optional.empty();
        }
        if (!loop.isEmpty()) {
            loop.forEach(v -> err.println(file + ": " + v.message()));
            err.println(file + ": refused: " + loop.size() + " problem" + (loop.size() == 1 ? "" : "s")
                    + "; nothing was run");
            return Optional.empty();
        }
        return switch (new SafetyValidator().validate(sets)) {
            case SetsValidation.Safe safe -> Optional.of(safe);
            case SetsValidation.Unsafe unsafe -> {
                for (Violation v : unsafe.violations()) {
                    err.println(file + ": " + v.message());
                }
                err.println(file + ": refused: " + unsafe.violations().size() + " problem"
                        + (unsafe.violations().size() == 1 ? "" : "s") + "; nothing was run");
                yield Optional.empty();
            }
        };
    }

    /**
     * The file's closed loop (its "closedLoop"), for a command that cannot run without one; empty after printing why
     * not: the file's own problem, or {@code missing} (what the command needs and where it is documented) when the
     * file declares none.
     */
    static Optional<ClosedLoopSettings> requireClosedLoop(Path file, String missing, PrintWriter err) {
        Optional<ClosedLoopSettings> declared;
        try {
            declared = ProgramCodec.readClosedLoop(file);
        } catch (ProgramFileException e) {
            err.println(file + ": " + e.describe());
            return Optional.empty();
        }
        if (declared.isEmpty()) {
            err.println(file + ": " + missing);
        }
        return declared;
    }
}
