package io.dorsal.programmer.model;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One clinician edit of the draft as a command object (in the manner of SceneBuilder's undoable jobs): it
 * can be executed, undone and redone, and says in words what it did, which the session log records.
 *
 * @param description what changed, in words: {@code amplitude of low-back 4 -> 4.5 mA}
 * @param key         what the edit touches (program and field), so that a slider drag merges into one edit
 * @param before      the value before, in words with its unit
 * @param after       the value after, in words with its unit
 * @param from        the draft before
 * @param to          the draft after
 */
public record Edit(String description, String key, String before, String after, Draft from, Draft to) {

    public Edit {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public void execute(Consumer<Draft> target) {
        target.accept(to);
    }

    public void undo(Consumer<Draft> target) {
        target.accept(from);
    }

    /** This edit followed by a later one on the same field: one edit from this one's start to its end. */
    Edit mergedWith(Edit later) {
        return new Edit(label(key, before, later.after), key, before, later.after, from, later.to);
    }

    static String label(String key, String before, String after) {
        return key + " " + before + " -> " + after;
    }
}
