package io.dorsal.programmer.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the session log.
 *
 * @param when    wall-clock time
 * @param who     who did it: the clinician's name, {@code patient}, {@code generator}
 * @param action  what kind of change: {@code edit}, {@code undo}, {@code apply}, {@code refused}, {@code STOP ALL} ...
 * @param what    what it concerns, in words: {@code amplitude of low-back}
 * @param before  the value before, or empty
 * @param after   the value after, or empty
 */
public record LogEntry(Instant when, String who, String action, String what, String before, String after) {
    public LogEntry {
        Objects.requireNonNull(when, "when");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(what, "what");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
    }
}
