package io.dorsal.programmer.pump;

import io.dorsal.core.safety.Figures;
import io.dorsal.programmer.model.SessionLog;
import io.dorsal.programmer.model.UndoStack;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Undo and redo for the pump's draft prescription, as the stimulator's editor has them: every change of a number is
 * one edit (its field, the value before and after), undone and redone by setting the number back, each in the session
 * log. An undo changes only the draft: what the pump runs changes only when the clinician programs or fills it again,
 * through the validator. Not thread safe: the UI thread owns it.
 */
public final class PumpEdits {

    /** One change of one number of the draft. */
    record FieldEdit(PumpField field, double before, double after) {

        String description() {
            return field.label() + " " + Figures.format(before) + " -> " + Figures.format(after)
                    + (field.unit().isEmpty() ? "" : " " + field.unit());
        }
    }

    private final SessionLog log;
    private final String clinician;
    private final UndoStack<FieldEdit> history = new UndoStack<>(FieldEdit::description);
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
        history.push(edit);
    }

    /** Sets the newest edit's number back to its value before; nothing when there is none. */
    public void undo() {
        history.undo().ifPresent(edit -> {
            set(edit.field(), edit.before());
            log.add(clinician, "pump undo", edit.field().name(), Figures.format(edit.after()),
                    Figures.format(edit.before()));
        });
    }

    /** Sets the newest undone edit's number to its value after again; nothing when there is none. */
    public void redo() {
        history.redo().ifPresent(edit -> {
            set(edit.field(), edit.after());
            log.add(clinician, "pump redo", edit.field().name(), Figures.format(edit.before()),
                    Figures.format(edit.after()));
        });
    }

    private void set(PumpField field, double value) {
        replaying = true;
        try {
            field.valueProperty().set(value);
        } finally {
            replaying = false;
        }
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return history.canUndoProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return history.canRedoProperty();
    }

    /** "Undo" and what it would undo, in words: {@code Undo Dose per day 3 -> 4 mg/day}. */
    public ReadOnlyStringProperty undoLabelProperty() {
        return history.undoLabelProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return history.redoLabelProperty();
    }
}
