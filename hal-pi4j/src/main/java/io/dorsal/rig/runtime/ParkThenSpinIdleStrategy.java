package io.dorsal.rig.runtime;

import io.dorsal.core.time.Clock;
import java.util.concurrent.locks.LockSupport;

/**
 * Parks only until a margin before the deadline (never past the runner's heartbeat), then spins on the clock until
 * the deadline itself, and learns the
 * margin from how late the parks wake: after each park the margin becomes at least twice the latest overshoot (up to
 * {@link #MAX_SPIN_WINDOW_NS}) and otherwise decays by 1/64 of its excess a park towards {@code minSpinWindowNs}. A
 * machine whose idle cores wake slowly (a virtual machine, deep C-states: hundreds of microseconds) thus gets a
 * wide spin before each deadline, a quiet one a narrow spin, and neither parks past its deadline but by accident.
 *
 * <p>Owned by the real-time thread: not thread safe; allocates nothing.
 */
public final class ParkThenSpinIdleStrategy implements IdleStrategy {

    /** The narrowest margin: Linux's default timer slack (50 us) and a scheduler wake-up. */
    public static final long DEFAULT_MIN_SPIN_WINDOW_NS = 100_000L;
    /** The widest margin: a whole heartbeat of the runner ({@link RealtimeRunner#MAX_IDLE_NS}) is then spun. */
    public static final long MAX_SPIN_WINDOW_NS = 2_000_000L;
    /** The margin is at least this many times the latest park's overshoot. */
    static final int OVERSHOOT_MARGIN = 2;
    /** The margin's excess over its floor decays by 1/2^DECAY_SHIFT a park. */
    static final int DECAY_SHIFT = 6;

    /** How the strategy parks: {@link LockSupport#parkNanos(long)} on a real clock, a stand-in in tests. */
    @FunctionalInterface
    public interface Parker {
        void parkNanos(long ns);
    }

    private final Clock clock;
    private final Parker parker;
    private final long minSpinWindowNs;
    private long spinWindowNs;
    private long worstOvershootNs;

    /** On the JVM's monotonic clock with {@link LockSupport#parkNanos(long)}. */
    public ParkThenSpinIdleStrategy(Clock clock) {
        this(clock, LockSupport::parkNanos, DEFAULT_MIN_SPIN_WINDOW_NS);
    }

    public ParkThenSpinIdleStrategy(Clock clock, Parker parker, long minSpinWindowNs) {
        if (minSpinWindowNs < 0 || minSpinWindowNs > MAX_SPIN_WINDOW_NS) {
            throw new IllegalArgumentException("minSpinWindowNs must be 0 to " + MAX_SPIN_WINDOW_NS + ", was "
                    + minSpinWindowNs);
        }
        this.clock = clock;
        this.parker = parker;
        this.minSpinWindowNs = minSpinWindowNs;
        this.spinWindowNs = minSpinWindowNs;
    }

    @Override
    public void idle(long nowNs, long deadlineNs) {
        idle(nowNs, deadlineNs, deadlineNs);
    }

    /**
     * Parks until the margin before the real deadline or until the heartbeat, whichever comes first; within the margin
     * spins, to the deadline or the heartbeat. Only a real deadline is spun for: a margin wider than the heartbeat (a
     * slow-waking machine) must not turn a tonic program's 20 ms between pulses into 20 ms of spinning.
     */
    @Override
    public void idle(long nowNs, long deadlineNs, long heartbeatNs) {
        long parkUntil = Math.min(deadlineNs - spinWindowNs, heartbeatNs);
        long parkNs = parkUntil - nowNs;
        if (parkNs > 0) {
            parker.parkNanos(parkNs);
            learn(clock.nanoTime() - parkUntil);
            // back to the runner: it looks for new work, then idles again, spinning once within the margin
            return;
        }
        long spinUntil = Math.min(deadlineNs, heartbeatNs);
        while (clock.nanoTime() < spinUntil) {
            Thread.onSpinWait();
        }
    }

    private void learn(long overshootNs) {
        if (overshootNs > worstOvershootNs) {
            worstOvershootNs = overshootNs;
        }
        long wanted = Math.min(MAX_SPIN_WINDOW_NS, OVERSHOOT_MARGIN * Math.max(0, overshootNs));
        long decayed = spinWindowNs - ((spinWindowNs - minSpinWindowNs) >> DECAY_SHIFT);
        spinWindowNs = Math.max(minSpinWindowNs, Math.max(wanted, decayed));
    }

    /** The present margin: how long before a deadline the strategy stops parking. */
    public long spinWindowNs() {
        return spinWindowNs;
    }

    /** The latest a park has woken past its time so far. */
    public long worstOvershootNs() {
        return worstOvershootNs;
    }
}
