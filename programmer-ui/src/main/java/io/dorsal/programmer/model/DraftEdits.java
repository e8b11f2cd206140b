package io.dorsal.programmer.model;

import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Program;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The draft and its selected program, changed only by edits: each edit is an undoable {@link Edit} that the
 * session log records with its value before and after. While {@link #adjustingProperty()} is true (a slider
 * being dragged) the edits of one field merge into one, logged once when the drag ends.
 *
 * <p>After every change it runs what is derived from the draft (validation, Apply, the editor's fields) and
 * then counts one {@link #revisionProperty() revision}. UI thread only.
 */
public final class DraftEdits {

    private final SessionLog log;
    private final String who;
    private final UndoStack<Edit> undo = new UndoStack<>(Edit::description);
    private final ReadOnlyObjectWrapper<Draft> draft = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper selected = new ReadOnlyIntegerWrapper(0);
    private final ReadOnlyIntegerWrapper revision = new ReadOnlyIntegerWrapper(0);
    private final BooleanProperty adjusting = new SimpleBooleanProperty(false);
    private Runnable derive = () -> { };
    private Edit open;

    DraftEdits(SessionLog log, String who, Draft initial) {
        this.log = log;
        this.who = who;
        this.draft.set(initial);
        adjusting.addListener((obs, was, now) -> {
            if (!now) {
                finishDrag();
            }
        });
    }

    /** What runs after every change, before the revision is counted: set once, by the screen that owns this. */
    void derive(Runnable derived) {
        this.derive = derived;
    }

    /**
     * Changes the draft by {@code change} as one undoable edit (nothing, if it changes nothing).
     *
     * @param key    what it touches, in words ({@code amplitude of low-back}); a drag merges edits of one key
     * @param before the value before, in words with its unit
     * @param after  the value after, in words with its unit
     */
    void edit(String key, String before, String after, UnaryOperator<Draft> change) {
        Draft from = draft.get();
        Draft to = change.apply(from);
        if (to.equals(from)) {
            return;
        }
        Edit edit = new Edit(Edit.label(key, before, after), key, before, after, from, to);
        if (adjusting.get()) {
            if (open != null && open.key().equals(key) && undo.top().orElse(null) == open) {
                open = open.mergedWith(edit);
                undo.replaceTop(open);
            } else {
                finishDrag();
                open = edit;
                undo.push(edit);
            }
        } else {
            finishDrag();
            undo.push(edit);
            log.add(who, "edit", key, before, after);
        }
        edit.execute(this::show);
    }

    /** Replaces the selected program of the draft, as one edit. */
    void editProgram(String key, String before, String after, Program next) {
        int index = selected.get();
        edit(key, before, after, d -> d.withProgram(index, next));
    }

    public void undo() {
        finishDrag();
        undo.undo().ifPresent(e -> {
            e.undo(this::show);
            log.add(who, "undo", e.key(), e.after(), e.before());
        });
    }

    public void redo() {
        finishDrag();
        undo.redo().ifPresent(e -> {
            e.execute(this::show);
            log.add(who, "redo", e.key(), e.before(), e.after());
        });
    }

    /** Selects a program (ends a drag first). */
    void select(int index) {
        finishDrag();
        selected.set(index);
        refresh();
    }

    /** Ends a slider drag: its merged edit goes to the log once. */
    void finishDrag() {
        if (open != null) {
            Edit e = open;
            open = null;
            log.add(who, "edit", e.key(), e.before(), e.after());
        }
    }

    /** Whether a slider drag is under way with an edit in it. */
    boolean dragging() {
        return open != null;
    }

    /**
     * Takes a draft that is not the clinician's edit (the generator's therapy, changed by someone else), with
     * no undo; {@code selection} is where the selection goes if it falls off the end.
     */
    void follow(Draft next, int selection) {
        draft.set(next);
        if (selected.get() >= next.size()) {
            selected.set(selection);
        }
        refresh();
    }

    /** Starts over: no history, the first program selected, and the draft {@code held} if there is one. */
    void startOver(Optional<Draft> held) {
        finishDrag();
        undo.clear();
        selected.set(0);
        held.ifPresent(draft::set);
    }

    /** Runs what is derived from the draft again and counts a revision. */
    void refresh() {
        derive.run();
        revision.set(revision.get() + 1);
    }

    private void show(Draft next) {
        draft.set(next);
        if (selected.get() >= next.size()) {
            selected.set(next.size() - 1);
        }
        refresh();
    }

    public Draft draft() {
        return draft.get();
    }

    public ReadOnlyObjectProperty<Draft> draftProperty() {
        return draft.getReadOnlyProperty();
    }

    public int selected() {
        return selected.get();
    }

    public ReadOnlyIntegerProperty selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** The selected program. */
    public Program program() {
        return draft.get().program(selected.get());
    }

    /** Whether the selected program is sent on Apply. */
    public boolean programEnabled() {
        return draft.get().slots().get(selected.get()).enabled();
    }

    public DeviceLimits limits() {
        return draft.get().limits();
    }

    public UndoStack<Edit> undoStack() {
        return undo;
    }

    /** True while a slider is being dragged: edits of one field merge into one undoable edit. */
    public BooleanProperty adjustingProperty() {
        return adjusting;
    }

    /** Counts every change of the draft, selection or impedances, for views that redraw. */
    public ReadOnlyIntegerProperty revisionProperty() {
        return revision.getReadOnlyProperty();
    }
}
