package io.dorsal.core.output;

import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.therapy.ContactId;
import java.util.List;

/**
 * A phase as it reached the outputs: a copy of a {@link io.dorsal.core.schedule.PhaseEvent} that can be kept.
 *
 * @param startNs    start on the generator's clock
 * @param durationNs length of the phase
 * @param program    the program's name
 * @param kind       stimulation or recharge
 * @param contacts   the contacts carrying current
 * @param currentsUa the signed current of each contact, in uA, negative cathodic
 */
public record DeliveredPhase(long startNs, long durationNs, String program, PhaseKind kind, List<ContactId> contacts,
                             double[] currentsUa) {

    public DeliveredPhase {
        contacts = List.copyOf(contacts);
        currentsUa = currentsUa.clone();
    }

    public long endNs() {
        return startNs + durationNs;
    }

    /** The current of one contact in this phase, 0 if it carries none. */
    public double currentUa(ContactId contact) {
        int i = contacts.indexOf(contact);
        return i < 0 ? 0.0 : currentsUa[i];
    }
}
