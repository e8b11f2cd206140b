package io.dorsal.rig.runtime;

import io.dorsal.core.time.VirtualClock;

/**
 * Moves a virtual clock straight to the deadline: the mock rig runs as fast as the machine can, with exact
 * timing, for tests and CI. Never used with a real clock.
 */
public final class VirtualTimeIdleStrategy implements IdleStrategy {

    private final VirtualClock clock;

    public VirtualTimeIdleStrategy(VirtualClock clock) {
        this.clock = clock;
    }

    @Override
    public void idle(long nowNs, long deadlineNs) {
        if (deadlineNs != Long.MAX_VALUE && deadlineNs > clock.nanoTime()) {
            clock.setNs(deadlineNs);
        } else if (deadlineNs == Long.MAX_VALUE) {
            clock.advanceNs(1_000_000L);
        }
    }
}
