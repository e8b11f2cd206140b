package io.dorsal.core.generator;

import io.dorsal.core.therapy.ContactId;
import java.util.List;

/**
 * The result of an impedance check: every contact's impedance and whether it is usable.
 *
 * @param timeNs   when the check ran
 * @param contacts one entry per contact of every lead, then the can
 */
public record ImpedanceReport(long timeNs, List<ContactImpedance> contacts) {

    public ImpedanceReport {
        contacts = List.copyOf(contacts);
    }

    /** The contacts flagged open or short, which cannot carry current. */
    public List<ContactImpedance> flagged() {
        return contacts.stream().filter(c -> c.status() != Status.OK).toList();
    }

    /** Whether a contact's impedance is usable. */
    public enum Status { OK, OPEN, SHORT }

    /**
     * @param contact      the contact
     * @param impedanceOhm its impedance
     * @param status       ok, open (above the open-circuit threshold) or short (below the short threshold)
     * @param measured     whether the figure was measured on the outputs ({@link ImpedanceMeter}) rather than read
     *                     from the therapy file
     */
    public record ContactImpedance(ContactId contact, double impedanceOhm, Status status, boolean measured) {

        /** A figure read from the therapy file, not measured. */
        public ContactImpedance(ContactId contact, double impedanceOhm, Status status) {
            this(contact, impedanceOhm, status, false);
        }
    }
}
