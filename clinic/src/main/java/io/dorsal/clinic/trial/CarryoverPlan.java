package io.dorsal.clinic.trial;

import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.Therapy;
import java.util.List;

/**
 * The trial's programs as they would run on the implant: the therapy re-mapped to the implanted leads, what
 * differs from the trial (contacts, leads, device limits), and what the implant's validator refuses. Nothing is
 * applied from a plan that is not {@link #safe()}.
 *
 * @param implantTherapy the re-mapped therapy on the implant's leads and limits (null when a contact could not be
 *                       mapped)
 * @param unmapped       trial contacts with no implanted contact, one line each
 */
public record CarryoverPlan(Therapy trialTherapy, Therapy implantTherapy, ContactMap map, List<String> differences,
        List<String> unmapped, List<Violation> violations) {

    public CarryoverPlan {
        differences = List.copyOf(differences);
        unmapped = List.copyOf(unmapped);
        violations = List.copyOf(violations);
    }

    /** Every contact mapped and every program within the implant's limits. */
    public boolean safe() {
        return implantTherapy != null && unmapped.isEmpty() && violations.isEmpty();
    }
}
