package io.dorsal.core.therapy;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A contact: {@code <lead>.<index>} (index from 0), or {@code CASE}, the generator's can.
 *
 * @param lead  the lead's name, or {@code CASE}
 * @param index the contact's index on its lead from 0, or {@link #CASE_INDEX} for the can
 */
public record ContactId(String lead, int index) implements Comparable<ContactId> {

    /** The index the can carries, since it is not on a lead. */
    public static final int CASE_INDEX = -1;

    /** The generator's can, usable as a monopolar anode. */
    public static final ContactId CASE = new ContactId("CASE", CASE_INDEX);

    private static final Pattern NAME = Pattern.compile("([A-Za-z][A-Za-z0-9_-]*)\\.(\\d{1,3})");

    public ContactId {
        Objects.requireNonNull(lead, "lead");
        if (index < CASE_INDEX || (index == CASE_INDEX) != "CASE".equals(lead)) {
            throw new IllegalArgumentException("not a contact: " + lead + "." + index);
        }
    }

    /**
     * Parses {@code L1.2} or {@code CASE}.
     *
     * @throws IllegalArgumentException naming the text when it is not a contact name
     */
    public static ContactId parse(String name) {
        if ("CASE".equals(name)) {
            return CASE;
        }
        Matcher m = NAME.matcher(name == null ? "" : name);
        if (!m.matches() || "CASE".equals(m.group(1))) {
            throw new IllegalArgumentException(
                    "'" + name + "' is not a contact name: write <lead>.<index> such as L1.2, or CASE");
        }
        return new ContactId(m.group(1), Integer.parseInt(m.group(2)));
    }

    public boolean isCase() {
        return index == CASE_INDEX;
    }

    @Override
    public String toString() {
        return isCase() ? "CASE" : lead + "." + index;
    }

    @Override
    public int compareTo(ContactId other) {
        if (isCase() != other.isCase()) {
            return isCase() ? 1 : -1;
        }
        int byLead = lead.compareTo(other.lead);
        return byLead != 0 ? byLead : Integer.compare(index, other.index);
    }
}
