package io.dorsal.clinic.trial;

import io.dorsal.core.therapy.ContactId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the trial's contacts map to the implant's: each trial lead to an implanted lead, shifted by a number of
 * contacts (the permanent lead may lie a contact higher or lower than the trial lead did). Written
 * {@code L1=IL1+1,L2=IL2}; the can stays the can.
 */
public record ContactMap(Map<String, Target> leads) {

    // leads keep the order they were given in, so the map reads back as written

    /** The implanted lead a trial lead maps to, and the shift of contact indices. */
    public record Target(String lead, int shift) {
        public Target {
            Objects.requireNonNull(lead, "lead");
        }
    }

    public ContactMap {
        leads = Collections.unmodifiableMap(new LinkedHashMap<>(leads));
    }

    /** Trial lead i to implanted lead i, no shift. */
    public static ContactMap inOrder(List<String> trialLeads, List<String> implantLeads) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(trialLeads.size(), implantLeads.size()); i++) {
            m.put(trialLeads.get(i), new Target(implantLeads.get(i), 0));
        }
        return new ContactMap(m);
    }

    /** Parses {@code L1=IL1+1,L2=IL2-1,L3=IL3}. */
    public static ContactMap parse(String text) {
        Map<String, Target> m = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0 || eq == p.length() - 1) {
                throw new IllegalArgumentException("'" + p + "' is not a lead mapping: write TRIAL=IMPLANT, or"
                        + " TRIAL=IMPLANT+N to shift by N contacts");
            }
            String to = p.substring(eq + 1);
            int sign = Math.max(to.lastIndexOf('+'), to.lastIndexOf('-'));
            int shift = 0;
            if (sign > 0) {
                try {
                    shift = Integer.parseInt(to.substring(sign));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + p + "': the shift must be a whole number of contacts");
                }
                to = to.substring(0, sign);
            }
            m.put(p.substring(0, eq), new Target(to, shift));
        }
        return new ContactMap(m);
    }

    /** Where a trial contact goes, or null when its lead is not mapped. */
    public ContactId map(ContactId trial) {
        if (trial.isCase()) {
            return trial;
        }
        Target t = leads.get(trial.lead());
        if (t == null) {
            return null;
        }
        int index = trial.index() + t.shift();
        return index < 0 ? null : new ContactId(t.lead(), index);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        leads.forEach((from, to) -> out.append(out.isEmpty() ? "" : ",").append(from).append('=').append(to.lead())
                .append(to.shift() == 0 ? "" : (to.shift() > 0 ? "+" : "") + to.shift()));
        return out.toString();
    }
}
