package io.dorsal.rig.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * Parks while the deadline is far, spins for the last {@code spinWindowNs} before it: the park's own slack
 * (tens of microseconds on Linux) is absorbed by the spin.
 *
 * @param spinWindowNs how long before a deadline to stop parking and spin
 */
public record SpinThenParkIdleStrategy(long spinWindowNs) implements IdleStrategy {

    /** Default spin window: well above Linux's timer slack of 50 us. */
    public static final long DEFAULT_SPIN_WINDOW_NS = 200_000L;

    @Override
    public void idle(long nowNs, long deadlineNs) {
        long waitNs = deadlineNs - nowNs - spinWindowNs;
        if (waitNs > 0) {
            LockSupport.parkNanos(waitNs);
        } else {
            Thread.onSpinWait();
        }
    }
}
