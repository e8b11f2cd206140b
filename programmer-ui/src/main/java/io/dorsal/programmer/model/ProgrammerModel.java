package io.dorsal.programmer.model;

import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.concurrent.Executor;
import javafx.collections.ObservableList;

/**
 * The programming screen, in the parts a clinician sees: the draft and its selected program changed by
 * undoable edits ({@link DraftEdits}), the draft checked by the validator after every edit ({@link DraftCheck}),
 * the program editor's fields ({@link ProgramFields}), the lead picture's contacts ({@link ContactsEditor}), the
 * program chooser ({@link ProgramList}), Apply and the hand-over to the stimulator ({@link Handover}), program
 * files ({@link ProgramFiles}) and the status line and error banner ({@link Notices}).
 *
 * <p>This class wires them over one draft and keeps what is derived from it in order after every change: the
 * check first, then Apply (which needs to know whether the draft is safe), then the fields, then the revision
 * that views redraw on. Nothing unsafe can be applied: {@link Handover#canApplyProperty()} is false while any
 * rule is broken. UI thread only; link answers come back through the UI executor.
 */
public final class ProgrammerModel {

    private final GeneratorModel generator;
    private final SessionLog log;
    private final String who;
    private final Notices notices = new Notices();
    private final DraftEdits edits;
    private final DraftCheck check;
    private final ProgramFields fields;
    private final ContactsEditor contacts;
    private final ProgramList programs;
    private final Handover handover;
    private final ProgramFiles files;
    private final Headroom headroom;

    public ProgrammerModel(GeneratorModel generator, SessionLog log, Executor ui, String who, Therapy initial) {
        this.generator = generator;
        this.log = log;
        this.who = who;
        this.edits = new DraftEdits(log, who, Draft.of(initial));
        this.check = new DraftCheck(edits);
        this.fields = new ProgramFields(edits, check);
        this.contacts = new ContactsEditor(edits, check, notices);
        this.programs = new ProgramList(edits, notices);
        this.handover = new Handover(edits, check, notices, generator, log, who, ui);
        this.files = new ProgramFiles(edits, check, notices, log, who);
        this.headroom = new Headroom(edits, check);
        edits.derive(() -> {
            check.refresh();
            headroom.refresh();
            handover.refresh();
            fields.sync();
        });
        edits.refresh();
    }

    public DraftEdits edits() {
        return edits;
    }

    public DraftCheck check() {
        return check;
    }

    public ProgramFields fields() {
        return fields;
    }

    public ContactsEditor contacts() {
        return contacts;
    }

    public ProgramList programs() {
        return programs;
    }

    public Handover handover() {
        return handover;
    }

    public ProgramFiles files() {
        return files;
    }

    /** Where each dose rule would break on the amplitude, pulse width and rate sliders ({@link Headroom}). */
    public Headroom headroom() {
        return headroom;
    }

    public Notices notices() {
        return notices;
    }

    public GeneratorModel generator() {
        return generator;
    }

    public SessionLog log() {
        return log;
    }

    /** Who is programming, as the log records it. */
    public String who() {
        return who;
    }

    // the reads most views and tests start from

    public Draft draft() {
        return edits.draft();
    }

    /** The selected program. */
    public Program program() {
        return edits.program();
    }

    public UndoStack<Edit> undoStack() {
        return edits.undoStack();
    }

    /** The selected program's dose on each of its contacts ({@link DraftCheck#doses()}). */
    public ObservableList<ContactDose> doses() {
        return check.doses();
    }

    /** The percentage a contact carries in the selected program ({@link ContactsEditor#percentOf}). */
    public int percentOf(ContactId contact) {
        return contacts.percentOf(contact);
    }

    /** A click on a contact ({@link ContactsEditor#cycleContact}). */
    public void cycleContact(ContactId contact) {
        contacts.cycleContact(contact);
    }
}
