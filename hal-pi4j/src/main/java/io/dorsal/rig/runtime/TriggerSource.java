package io.dorsal.rig.runtime;

/**
 * Where a train's start comes from: the real-time runner asks, once a duty cycle, whether an edge arrived since it
 * last asked. Implementations are allocation-free and lock-free on that side.
 */
@FunctionalInterface
public interface TriggerSource {

    /** Whether a starting edge arrived since the last call (several merge into one); consumes it. */
    boolean takeEdge();
}
