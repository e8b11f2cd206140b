package io.dorsal.core.time;

/**
 * A clock that moves only when told to, for tests and simulation. Reads and writes are volatile, so one
 * thread may advance it while another reads it.
 */
public final class VirtualClock implements Clock {

    private volatile long nowNs;

    public VirtualClock(long startNs) {
        this.nowNs = startNs;
    }

    public VirtualClock() {
        this(0L);
    }

    @Override
    public long nanoTime() {
        return nowNs;
    }

    public void advanceNs(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("a clock never goes back: " + deltaNs + " ns");
        }
        nowNs += deltaNs;
    }

    public void setNs(long timeNs) {
        if (timeNs < nowNs) {
            throw new IllegalArgumentException("a clock never goes back: " + timeNs + " < " + nowNs + " ns");
        }
        nowNs = timeNs;
    }
}
