package io.dorsal.programmer.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** Edits done and undone, newest on top. Not thread safe: the UI thread owns it. */
public final class UndoStack {

    /** Edits kept for undo; older ones fall off (they stay in the session log). */
    public static final int CAPACITY = 500;

    private final Deque<Edit> done = new ArrayDeque<>();
    private final Deque<Edit> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");

    /** Records an edit that was just executed; anything undone can no longer be redone. */
    void push(Edit edit) {
        done.push(edit);
        if (done.size() > CAPACITY) {
            done.removeLast();
        }
        undone.clear();
        update();
    }

    /** Replaces the newest edit (a slider drag growing). */
    void replaceTop(Edit edit) {
        done.pop();
        done.push(edit);
        update();
    }

    Optional<Edit> top() {
        return Optional.ofNullable(done.peek());
    }

    Optional<Edit> undo() {
        Edit edit = done.poll();
        if (edit != null) {
            undone.push(edit);
        }
        update();
        return Optional.ofNullable(edit);
    }

    Optional<Edit> redo() {
        Edit edit = undone.poll();
        if (edit != null) {
            done.push(edit);
        }
        update();
        return Optional.ofNullable(edit);
    }

    void clear() {
        done.clear();
        undone.clear();
        update();
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

    public ReadOnlyStringProperty undoLabelProperty() {
        return undoLabel.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty redoLabelProperty() {
        return redoLabel.getReadOnlyProperty();
    }

    public int size() {
        return done.size();
    }
}
