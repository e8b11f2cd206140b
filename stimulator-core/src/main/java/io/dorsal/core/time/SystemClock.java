package io.dorsal.core.time;

/** The JVM's monotonic clock ({@link System#nanoTime()}). Thread safe. */
public final class SystemClock implements Clock {

    public static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }
}
