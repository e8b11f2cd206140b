package io.dorsal.core.generator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The generator's event log: every change and fault, oldest first, holding at most a fixed number of entries
 * (the oldest are dropped and counted, as a device with fixed memory does). Thread safe. Never written from
 * the real-time path.
 */
public final class EventLog {

    /** Entries kept by default. */
    public static final int DEFAULT_CAPACITY = 10_000;

    private final int capacity;
    private final Deque<GeneratorEvent> entries = new ArrayDeque<>();
    private long dropped;

    public EventLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("an event log holds at least one entry: " + capacity);
        }
        this.capacity = capacity;
    }

    public EventLog() {
        this(DEFAULT_CAPACITY);
    }

    public synchronized void add(GeneratorEvent event) {
        if (entries.size() == capacity) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(event);
    }

    public synchronized List<GeneratorEvent> entries() {
        return List.copyOf(entries);
    }

    /** Entries dropped because the log was full. */
    public synchronized long dropped() {
        return dropped;
    }
}
