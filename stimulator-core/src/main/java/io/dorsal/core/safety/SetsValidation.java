package io.dorsal.core.safety;

import io.dorsal.core.therapy.TherapySets;
import java.util.List;

/** The verdict on a therapy's program sets: every set safe as a whole, or every problem of every set. */
public sealed interface SetsValidation {

    /**
     * Every set is safe.
     *
     * @param sets    the sets as read
     * @param perSet  each set validated as a whole, in the order of {@link TherapySets#sets()}
     */
    record Safe(TherapySets sets, List<ValidatedTherapy> perSet) implements SetsValidation {
        public Safe {
            perSet = List.copyOf(perSet);
        }

        /** The validated therapy of the active set. */
        public ValidatedTherapy active() {
            for (int i = 0; i < sets.sets().size(); i++) {
                if (sets.sets().get(i).name().equals(sets.activeSet())) {
                    return perSet.get(i);
                }
            }
            throw new IllegalStateException("a safe set of sets names its active set");
        }
    }

    /** At least one problem; nothing may run. */
    record Unsafe(List<Violation> violations) implements SetsValidation {
        public Unsafe {
            violations = List.copyOf(violations);
        }
    }
}
