package io.dorsal.programmer.model;

import io.dorsal.core.therapy.ContactId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a clinician's clicks change a program's fractionalization (contact to signed percentage), as pure
 * functions. Clicking cycles a contact off, cathode, anode, off; a contact that joins a polarity takes an
 * equal share of it, and when one leaves, the others of its polarity are scaled back up to 100%. Steering
 * moves the cathodic field along a lead in {@link #STEP_PERCENT} steps. Percentages typed by hand are not
 * rebalanced: the validator then says what the sums are.
 */
public final class Fractions {

    /** The step of steering and of the percentage spinners. */
    public static final int STEP_PERCENT = 10;
    private static final int WHOLE = 100;

    private Fractions() {
    }

    /** A new fractionalization, or why the change cannot be made. */
    public record Change(Map<ContactId, Integer> electrodes, Optional<String> refusal) {
        static Change to(Map<ContactId, Integer> electrodes) {
            return new Change(electrodes, Optional.empty());
        }

        static Change refused(Map<ContactId, Integer> unchanged, String why) {
            return new Change(unchanged, Optional.of(why));
        }
    }

    /** Off, cathode, anode: a contact's polarity. */
    public enum Polarity {
        OFF, CATHODE, ANODE;

        public static Polarity of(int percent) {
            return percent < 0 ? CATHODE : percent > 0 ? ANODE : OFF;
        }
    }

    /** The next polarity of a click: off, cathode, anode, off (the can: off, anode, off). */
    public static Polarity next(ContactId contact, Polarity now) {
        return switch (now) {
            case OFF -> contact.isCase() ? Polarity.ANODE : Polarity.CATHODE;
            case CATHODE -> Polarity.ANODE;
            case ANODE -> Polarity.OFF;
        };
    }

    /** A click on a contact. */
    public static Map<ContactId, Integer> cycle(Map<ContactId, Integer> electrodes, ContactId contact) {
        Polarity now = Polarity.of(electrodes.getOrDefault(contact, 0));
        return setPolarity(electrodes, contact, next(contact, now));
    }

    /** Puts a contact in a polarity, rebalancing the polarity it left and the one it joined. */
    public static Map<ContactId, Integer> setPolarity(Map<ContactId, Integer> electrodes, ContactId contact,
                                                      Polarity polarity) {
        Polarity was = Polarity.of(electrodes.getOrDefault(contact, 0));
        if (was == polarity) {
            return new LinkedHashMap<>(electrodes);
        }
        Map<ContactId, Integer> next = new LinkedHashMap<>(electrodes);
        next.remove(contact);
        if (was != Polarity.OFF) {
            scale(next, was);
        }
        if (polarity != Polarity.OFF) {
            next.put(contact, polarity == Polarity.CATHODE ? -1 : 1);
            split(next, polarity);
        }
        return next;
    }

    /** Sets a contact's share by hand, keeping its polarity; 0 turns it off. Nothing else moves. */
    public static Map<ContactId, Integer> setPercent(Map<ContactId, Integer> electrodes, ContactId contact,
                                                     int magnitude) {
        Map<ContactId, Integer> next = new LinkedHashMap<>(electrodes);
        int now = electrodes.getOrDefault(contact, 0);
        if (now == 0) {
            return next;
        }
        if (magnitude <= 0) {
            next.remove(contact);
        } else {
            next.put(contact, now < 0 ? -magnitude : magnitude);
        }
        return next;
    }

    /**
     * Moves the cathodic field on one lead by one step towards higher contact indices ({@code direction} +1)
     * or lower ones (-1): the trailing cathode gives {@link #STEP_PERCENT} to the leading one, and a lone
     * cathode gives it to the next contact, which becomes a cathode. Anodes and flagged contacts stop it.
     */
    public static Change steer(Map<ContactId, Integer> electrodes, String lead, int contactCount, int direction,
                               Set<ContactId> flagged) {
        if (direction != 1 && direction != -1) {
            throw new IllegalArgumentException("steer by +1 or -1: " + direction);
        }
        List<ContactId> cathodes = new ArrayList<>();
        electrodes.forEach((c, percent) -> {
            if (percent < 0 && !c.isCase() && c.lead().equals(lead)) {
                cathodes.add(c);
            }
        });
        if (cathodes.isEmpty()) {
            return Change.refused(electrodes, "no cathode on " + lead + " to steer");
        }
        cathodes.sort(Comparator.comparingInt(ContactId::index));
        ContactId leading = direction > 0 ? cathodes.get(cathodes.size() - 1) : cathodes.get(0);
        ContactId trailing = direction > 0 ? cathodes.get(0) : cathodes.get(cathodes.size() - 1);
        ContactId from;
        ContactId to;
        if (leading.equals(trailing)) {
            int target = leading.index() + direction;
            if (target < 0 || target >= contactCount) {
                return Change.refused(electrodes, "the cathode is at the end of " + lead);
            }
            from = leading;
            to = new ContactId(lead, target);
        } else {
            from = trailing;
            to = leading;
        }
        if (electrodes.getOrDefault(to, 0) > 0) {
            return Change.refused(electrodes, to + " is an anode: steering stops there");
        }
        if (flagged.contains(to)) {
            return Change.refused(electrodes, to + " is flagged by the impedance check");
        }
        Map<ContactId, Integer> next = new LinkedHashMap<>(electrodes);
        int fromPercent = -next.get(from);
        int moved = Math.min(STEP_PERCENT, fromPercent);
        if (fromPercent == moved) {
            next.remove(from);
        } else {
            next.put(from, -(fromPercent - moved));
        }
        next.merge(to, -moved, Integer::sum);
        return Change.to(next);
    }

    /** Sum of the cathodes' percentages (negative) or of the anodes' (positive). */
    public static int sum(Map<ContactId, Integer> electrodes, Polarity polarity) {
        int sum = 0;
        for (int percent : electrodes.values()) {
            if (Polarity.of(percent) == polarity) {
                sum += percent;
            }
        }
        return sum;
    }

    /** Shares the polarity's 100% equally, in whole percents, the first contacts taking the remainder. */
    private static void split(Map<ContactId, Integer> electrodes, Polarity polarity) {
        List<ContactId> members = members(electrodes, polarity);
        int n = members.size();
        int sign = polarity == Polarity.CATHODE ? -1 : 1;
        for (int i = 0; i < n; i++) {
            int share = WHOLE / n + (i < WHOLE % n ? 1 : 0);
            electrodes.put(members.get(i), sign * share);
        }
    }

    /** Scales the polarity's remaining contacts back to 100%, keeping their proportions (largest remainder). */
    private static void scale(Map<ContactId, Integer> electrodes, Polarity polarity) {
        List<ContactId> members = members(electrodes, polarity);
        if (members.isEmpty()) {
            return;
        }
        int sign = polarity == Polarity.CATHODE ? -1 : 1;
        double total = 0;
        for (ContactId c : members) {
            total += Math.abs(electrodes.get(c));
        }
        int[] shares = new int[members.size()];
        double[] remainders = new double[members.size()];
        int given = 0;
        for (int i = 0; i < shares.length; i++) {
            double exact = Math.abs(electrodes.get(members.get(i))) * WHOLE / total;
            shares[i] = (int) Math.floor(exact);
            remainders[i] = exact - shares[i];
            given += shares[i];
        }
        for (int left = WHOLE - given; left > 0; left--) {
            int best = 0;
            for (int i = 1; i < remainders.length; i++) {
                if (remainders[i] > remainders[best]) {
                    best = i;
                }
            }
            shares[best]++;
            remainders[best] = -1;
        }
        for (int i = 0; i < shares.length; i++) {
            electrodes.put(members.get(i), sign * shares[i]);
        }
    }

    private static List<ContactId> members(Map<ContactId, Integer> electrodes, Polarity polarity) {
        List<ContactId> members = new ArrayList<>();
        electrodes.forEach((c, percent) -> {
            if (Polarity.of(percent) == polarity) {
                members.add(c);
            }
        });
        return members;
    }

    /**
     * Moves every lead contact of a program {@code rows} contacts along its column (-1: one up, towards the tip; +1:
     * one down), keeping each one's polarity and percentage; the can stays. Refused, whole, when a contact would
     * leave its lead or land on a flagged contact.
     *
     * @param leads the therapy's leads, for their contacts and layouts
     */
    public static Change move(Map<ContactId, Integer> electrodes, java.util.List<io.dorsal.core.therapy.Lead> leads,
                              int rows, Set<ContactId> flagged) {
        Map<ContactId, Integer> out = new java.util.LinkedHashMap<>();
        for (Map.Entry<ContactId, Integer> e : electrodes.entrySet()) {
            ContactId c = e.getKey();
            if (c.isCase()) {
                out.put(c, e.getValue());
                continue;
            }
            java.util.Optional<io.dorsal.core.therapy.Lead> lead = leads.stream()
                    .filter(l -> l.name().equals(c.lead())).findFirst();
            if (lead.isEmpty()) {
                return new Change(electrodes, java.util.Optional.of(c + " is on no lead of this therapy"));
            }
            int n = lead.get().contactCount();
            io.dorsal.core.therapy.LeadLayout layout = lead.get().layoutOrTypical();
            int index = layout.indexAt(layout.columnOf(c.index(), n), layout.rowOf(c.index(), n) + rows, n);
            if (index < 0) {
                return new Change(electrodes, java.util.Optional.of(c + " is at the " + (rows < 0 ? "tip" : "end")
                        + " of " + c.lead() + ": there is no contact " + (rows < 0 ? "above" : "below") + " it"));
            }
            ContactId moved = lead.get().contact(index);
            if (flagged.contains(moved)) {
                return new Change(electrodes, java.util.Optional.of(moved
                        + " is flagged by the impedance check and cannot carry current"));
            }
            out.put(moved, e.getValue());
        }
        return Change.to(out);
    }
}
