package io.dorsal.infusion.safety;

import io.dorsal.infusion.prescription.DeliveryPlan;
import java.util.List;

/** The outcome of validating a prescription: safe to program, or what is wrong. */
public sealed interface PumpValidation {

    /** Every rule holds; {@code advisories} are warnings a clinician confirms (a titration step above 20 %, say). */
    record Safe(DeliveryPlan plan, List<String> advisories) implements PumpValidation {
        public Safe {
            advisories = List.copyOf(advisories);
        }
    }

    /** At least one rule is broken; the pump keeps what it runs. */
    record Unsafe(List<Violation> violations) implements PumpValidation {
        public Unsafe {
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("an unsafe prescription names at least one violation");
            }
        }
    }
}
