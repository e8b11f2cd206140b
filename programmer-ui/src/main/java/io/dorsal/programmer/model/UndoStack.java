package io.dorsal.programmer.model;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Edits done and undone, newest on top, with the menu's labels saying what an undo and a redo would do: the
 * stimulator's draft edits and the pump workspace's number changes alike. Not thread safe: the UI thread owns it.
 *
 * @param <E> an edit
 */
public final class UndoStack<E> {

    /** Edits kept for undo; older ones fall off (they stay in the session log). */
    public static final int CAPACITY = 500;

    private final java.util.function.Function<E, String> description;
    private final Deque<E> done = new ArrayDeque<>();
    private final Deque<E> undone = new ArrayDeque<>();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper undoLabel = new ReadOnlyStringWrapper("Undo");
    private final ReadOnlyStringWrapper redoLabel = new ReadOnlyStringWrapper("Redo");

    /** @param description an edit in words, for the labels ({@code amplitude of low-back 4 -> 4.5 mA}) */
    public UndoStack(java.util.function.Function<E, String> description) {
        this.description = description;
    }

    /** Records an edit that was just executed; anything undone can no longer be redone. */
    public void push(E edit) {
        done.push(edit);
        if (done.size() > CAPACITY) {
            done.removeLast();
        }
        undone.clear();
        update();
    }

    /** Replaces the newest edit (a slider drag growing). */
    void replaceTop(E edit) {
        done.pop();
        done.push(edit);
        update();
    }

    Optional<E> top() {
        return Optional.ofNullable(done.peek());
    }

    /** Takes the newest edit off for undoing (empty when there is none). */
    public Optional<E> undo() {
        E edit = done.poll();
        if (edit != null) {
            undone.push(edit);
        }
        update();
        return Optional.ofNullable(edit);
    }

    /** Takes the newest undone edit back for redoing (empty when there is none). */
    public Optional<E> redo() {
        E edit = undone.poll();
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
        undoLabel.set(done.isEmpty() ? "Undo" : "Undo " + description.apply(done.peek()));
        redoLabel.set(undone.isEmpty() ? "Redo" : "Redo " + description.apply(undone.peek()));
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
