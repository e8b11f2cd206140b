package io.dorsal.core.generator;

import io.dorsal.core.safety.Violation;
import java.util.List;

/** The answer to a change of therapy: applied whole, or refused whole with the reasons. */
public sealed interface ApplyResult {

    /** The change passed every rule and is now the generator's therapy. */
    record Applied(String summary) implements ApplyResult {
    }

    /** The change was refused; the therapy is exactly as it was. */
    record Rejected(List<Violation> violations) implements ApplyResult {
        public Rejected {
            violations = List.copyOf(violations);
        }
    }

    default boolean applied() {
        return this instanceof Applied;
    }
}
