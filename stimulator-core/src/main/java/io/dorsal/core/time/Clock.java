package io.dorsal.core.time;

/** A source of monotonic time in nanoseconds. Implementations say whether they are thread safe. */
@FunctionalInterface
public interface Clock {

    /** Monotonic time in nanoseconds from an arbitrary origin. */
    long nanoTime();
}
