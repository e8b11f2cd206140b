package io.dorsal.programmer.model;

import java.time.Clock;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Every change of the session, oldest first: who, when, what, before and after. UI thread only. */
public final class SessionLog {

    private final Clock wallClock;
    private final ObservableList<LogEntry> entries = FXCollections.observableArrayList();
    private final ObservableList<LogEntry> readOnly = FXCollections.unmodifiableObservableList(entries);

    public SessionLog(Clock wallClock) {
        this.wallClock = wallClock;
    }

    public LogEntry add(String who, String action, String what, String before, String after) {
        LogEntry entry = new LogEntry(wallClock.instant(), who, action, what, before, after);
        entries.add(entry);
        return entry;
    }

    public ObservableList<LogEntry> entries() {
        return readOnly;
    }

    public Clock wallClock() {
        return wallClock;
    }
}
