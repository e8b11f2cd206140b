package io.dorsal.rig.runtime;

/**
 * What the runner does with the time before its next deadline. Implementations are named for their strategy
 * and allocate nothing.
 */
@FunctionalInterface
public interface IdleStrategy {

    /** Waits some of the time until {@code deadlineNs} (returning early is fine; overshooting is lateness). */
    void idle(long nowNs, long deadlineNs);
}
