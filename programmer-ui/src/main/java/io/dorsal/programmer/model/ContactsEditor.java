package io.dorsal.programmer.model;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.Program;
import java.util.Map;

/**
 * The contacts of the selected program, as the lead picture edits them: a click cycles a contact (off,
 * cathode, anode, off), a hand-typed percentage keeps its polarity, steering moves the cathodic field along a
 * lead. The percentages are {@link Fractions}' work; this makes each change an edit. Contacts the impedance
 * check flagged cannot be chosen. UI thread only.
 */
public final class ContactsEditor {

    private final DraftEdits edits;
    private final DraftCheck check;
    private final Notices notices;

    ContactsEditor(DraftEdits edits, DraftCheck check, Notices notices) {
        this.edits = edits;
        this.check = check;
        this.notices = notices;
    }

    /** A click on a contact: off, cathode, anode, off. Flagged contacts cannot be chosen. */
    public void cycleContact(ContactId contact) {
        Program p = edits.program();
        int now = p.electrodes().getOrDefault(contact, 0);
        if (now == 0 && check.flagged().contains(contact)) {
            notices.say(contact + " is flagged by the impedance check and cannot carry current.");
            return;
        }
        setElectrodes(p, Fractions.cycle(p.electrodes(), contact), contact.toString());
    }

    /** Sets a contact's percentage by hand (keeping its polarity). */
    public void setPercent(ContactId contact, int magnitude) {
        Program p = edits.program();
        int now = p.electrodes().getOrDefault(contact, 0);
        if (now == 0 || Math.abs(now) == magnitude) {
            return;
        }
        setElectrodes(p, Fractions.setPercent(p.electrodes(), contact, magnitude), contact.toString());
    }

    /** Steers the cathodic field on a lead by one 10% step towards higher (+1) or lower (-1) contacts. */
    public void steer(String lead, int direction) {
        Program p = edits.program();
        int count = edits.draft().leads().stream().filter(l -> l.name().equals(lead)).mapToInt(Lead::contactCount)
                .findFirst().orElse(0);
        Fractions.Change change = Fractions.steer(p.electrodes(), lead, count, direction, check.flagged());
        if (change.refusal().isPresent()) {
            notices.say("Cannot steer: " + change.refusal().get() + ".");
            return;
        }
        setElectrodes(p, change.electrodes(), "steer " + lead + (direction > 0 ? " up" : " down"));
    }

    /**
     * Moves the selected program's contacts one contact up the lead ({@code rows} -1, towards the tip) or down (+1),
     * as one undoable edit; says why not at a lead's end or onto a flagged contact, and changes nothing then.
     */
    public void move(int rows) {
        Program p = edits.program();
        Fractions.Change change = Fractions.move(p.electrodes(), edits.draft().leads(), rows, check.flagged());
        String way = rows < 0 ? "up" : "down";
        if (change.refusal().isPresent()) {
            notices.say("Cannot move the contacts " + way + ": " + change.refusal().get() + ".");
            return;
        }
        setElectrodes(p, change.electrodes(), "moved " + way + " one contact");
        notices.say("Moved " + p.name() + "'s contacts one contact " + way + ": "
                + TherapyText.electrodes(change.electrodes()) + ". Apply to send it.");
    }

    /** The percentage a contact carries in the selected program: negative cathode, positive anode, 0 off. */
    public int percentOf(ContactId contact) {
        return edits.program().electrodes().getOrDefault(contact, 0);
    }

    private void setElectrodes(Program p, Map<ContactId, Integer> electrodes, String cause) {
        if (electrodes.equals(p.electrodes())) {
            return;
        }
        check.doseChangedBy(Field.AMPLITUDE);
        edits.editProgram("contacts of " + p.name() + " (" + cause + ")", TherapyText.electrodes(p.electrodes()),
                TherapyText.electrodes(electrodes), Programs.withElectrodes(p, electrodes));
    }
}
