package io.dorsal.rig.runtime;

/**
 * What the runner does with the time before its next deadline. Implementations are named for their strategy
 * and allocate nothing.
 */
@FunctionalInterface
public interface IdleStrategy {

    /** Waits some of the time until {@code deadlineNs} (returning early is fine; overshooting is lateness). */
    void idle(long nowNs, long deadlineNs);

    /**
     * Waits towards the next real deadline, {@code deadlineNs}, returning by {@code heartbeatNs} at the latest so
     * that the runner notices work from other threads (the heartbeat is no deadline: nothing is late at it). By
     * default, idles to whichever comes first; a strategy that spins before a deadline spins only before the real one.
     */
    default void idle(long nowNs, long deadlineNs, long heartbeatNs) {
        idle(nowNs, Math.min(deadlineNs, heartbeatNs));
    }
}
