package io.dorsal.programmer.pump;

import io.dorsal.core.safety.Figures;
import io.dorsal.programmer.model.SessionLog;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Undo and redo for the pump's draft prescription, as the stimulator's editor has them: every change of a number is
 * one edit (its field, the value before and after), undone and redone by setting the number back, each in the session
 * log. An undo changes only the draft: what the pump runs changes only when the clinician programs or fills it again,
 * through the validator. Not thread safe: the UI thread owns it.
 */
public final class PumpEdits {

    /** Edits kept for undo; older ones fall off (they stay in the session log). */
    public static final int CAPACITY = 500;

    /** One change of one number of the draft. */
    record FieldEdit(PumpField field, double before, double after) {

        String description() {
            return field.label() + " " + Figures.format(before) + " -> " + Figures.format(after)
                    + (field.unit().isEmpty() ? "" : " " + field.unit());
        }
    }

    private final SessionLog log;
    private final String clinician;
    private final Deque<FieldEdit> done = new ArrayDeque<>();
    private final Deque<FieldEdit> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");
    /** Set while an undo or redo sets a number back, so that the change is not recorded as a new edit. */
    private boolean replaying;

    PumpEdits(List<PumpField> fields, SessionLog log, String clinician) {
        this.log = log;
        this.clinician = clinician;
        for (PumpField f : fields) {
            f.valueProperty().addListener((obs, was, now) -> {
                if (!replaying && was.doubleValue() != now.doubleValue()) {
                    record(new FieldEdit(f, was.doubleValue(), now.doubleValue()));
                }
            });
        }
    }

    private void record(FieldEdit edit) {
        done.push(edit);
        if (done.size() > CAPACITY) {
            done.removeLast();
        }
        undone.clear();
        update();
    }

    /** Sets the newest edit's number back to its value before; nothing when there is none. */
    public void undo() {
        FieldEdit edit = done.poll();
        if (edit == null) {
            return;
        }
        set(edit.field(), edit.before());
        undone.push(edit);
        log.add(clinician, "pump undo", edit.field().name(), Figures.format(edit.after()), Figures.format(edit.before()));
        update();
    }

    /** Sets the newest undone edit's number to its value after again; nothing when there is none. */
    public void redo() {
        FieldEdit edit = undone.poll();
        if (edit == null) {
            return;
        }
        set(edit.field(), edit.after());
        done.push(edit);
        log.add(clinician, "pump redo", edit.field().name(), Figures.format(edit.before()), Figures.format(edit.after()));
        update();
    }

    private void set(PumpField field, double value) {
        replaying = true;
        try {
            field.valueProperty().set(value);
        } finally {
            replaying = false;
        }
    }

    private void update() {
        canUndo.set(!done.isEmpty());
        canRedo.set(!undone.isEmpty());
        undoLabel.set(done.isEmpty() ? "Undo" : "Undo " + done.peek().description());
        redoLabel.set(undone.isEmpty() ? "Redo" : "Redo " + undone.peek().description());
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** "Undo" and what it would undo, in words: {@code Undo Dose per day 3 -> 4 mg/day}. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }
}
