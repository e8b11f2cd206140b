package io.dorsal.rig.runtime;

/** Spins: the lowest lateness, a whole core. For an isolated core ({@code isolcpus}). */
public final class BusySpinIdleStrategy implements IdleStrategy {

    @Override
    public void idle(long nowNs, long deadlineNs) {
        Thread.onSpinWait();
    }
}
