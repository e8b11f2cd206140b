package io.dorsal.rig.runtime;

import io.dorsal.rig.output.PinAction;

/**
 * The late actions of one run, for diagnosis: when each action later than a threshold was due (from the log's
 * origin), how late it ran and what it did, up to a capacity fixed when the log is made, so that recording allocates
 * nothing on the real-time thread. The lateness harness prints where in time the late actions fall and which kinds
 * they are; a run without a log records nothing.
 *
 * <p>Written by the real-time thread while the run goes, read after it ended (the thread's join orders the two).
 */
public final class LateActionLog {

    private final long thresholdNs;
    private final long[] dueNs;
    private final long[] latenessNs;
    private final PinAction[] kind;
    private long originNs;
    private int size;
    private long overflowed;

    /**
     * @param thresholdNs actions later than this are kept
     * @param capacity    most actions kept; later ones are only counted ({@link #overflowed()})
     */
    public LateActionLog(long thresholdNs, int capacity) {
        if (thresholdNs < 0 || capacity < 1) {
            throw new IllegalArgumentException("late action log: threshold " + thresholdNs + " ns, capacity "
                    + capacity);
        }
        this.thresholdNs = thresholdNs;
        this.dueNs = new long[capacity];
        this.latenessNs = new long[capacity];
        this.kind = new PinAction[capacity];
    }

    /** Sets the time {@link #dueNs(int)} counts from (the run's start). */
    public void origin(long atNs) {
        originNs = atNs;
    }

    /** Keeps an action if it ran later than the threshold. Allocation-free. */
    public void record(long dueAtNs, long lateByNs, PinAction action) {
        if (lateByNs <= thresholdNs) {
            return;
        }
        if (size == dueNs.length) {
            overflowed++;
            return;
        }
        dueNs[size] = dueAtNs - originNs;
        latenessNs[size] = lateByNs;
        kind[size] = action;
        size++;
    }

    public long thresholdNs() {
        return thresholdNs;
    }

    /** Late actions kept. */
    public int size() {
        return size;
    }

    /** Late actions past the capacity, counted but not kept. */
    public long overflowed() {
        return overflowed;
    }

    /** When the i-th late action was due, from the origin. */
    public long dueNs(int i) {
        return dueNs[check(i)];
    }

    /** How late the i-th late action ran. */
    public long latenessNs(int i) {
        return latenessNs[check(i)];
    }

    /** What the i-th late action did. */
    public PinAction action(int i) {
        return kind[check(i)];
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("late action " + i + " of " + size);
        }
        return i;
    }
}
