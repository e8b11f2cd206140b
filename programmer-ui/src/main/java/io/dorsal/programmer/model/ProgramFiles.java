package io.dorsal.programmer.model;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.Therapy;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Program files: opening one makes it the draft (one undoable edit; a bad file changes nothing and says why in
 * one line), saving writes the draft's enabled programs. Measured impedances are dropped when the opened file
 * has other leads. UI thread only.
 */
public final class ProgramFiles {

    private final DraftEdits edits;
    private final DraftCheck check;
    private final Notices notices;
    private final SessionLog log;
    private final String who;

    ProgramFiles(DraftEdits edits, DraftCheck check, Notices notices, SessionLog log, String who) {
        this.edits = edits;
        this.check = check;
        this.notices = notices;
        this.log = log;
        this.who = who;
    }

    /** Opens a program file as the new draft (undoable); a bad file changes nothing and says why in one line. */
    public boolean open(Path file) {
        edits.finishDrag();
        Therapy therapy;
        try {
            therapy = ProgramCodec.read(file);
        } catch (ProgramFileException e) {
            notices.showError("Cannot open " + file.getFileName() + ": " + e.describe() + ". Nothing was changed.");
            log.add(who, "open refused", file.getFileName().toString(), "", e.describe());
            return false;
        }
        Draft next = Draft.of(therapy);
        if (!next.leads().equals(edits.draft().leads())) {
            check.forgetImpedances();
        }
        edits.edit("file", TherapyText.summary(edits.draft().therapy()),
                file.getFileName() + ": " + TherapyText.summary(therapy), d -> next);
        edits.select(0);
        notices.clearError();
        notices.say("Opened " + file.getFileName() + ": " + therapy.programs().size()
                + " program(s) in the draft. Check them, then Apply.");
        return true;
    }

    /** Saves the draft's enabled programs as a program file (disabled programs are not saved: a file runs all it holds). */
    public boolean save(Path file) {
        edits.finishDrag();
        Therapy therapy = edits.draft().therapy();
        try {
            ProgramCodec.write(therapy, file);
        } catch (IOException e) {
            notices.showError("Cannot save " + file.getFileName() + ": " + e.getMessage());
            return false;
        }
        long disabled = edits.draft().slots().stream().filter(s -> !s.enabled()).count();
        log.add(who, "save", file.getFileName().toString(), "", TherapyText.summary(therapy));
        notices.say("Saved " + therapy.programs().size() + " program(s) to " + file.getFileName()
                + (disabled > 0 ? " (" + disabled + " disabled program(s) not saved)" : "") + ".");
        return true;
    }
}
