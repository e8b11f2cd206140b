package io.dorsal.rig.output;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every line change of a run, kept in preallocated arrays: {@code t_us,line,value} (value 0/1 for GPIO, duty
 * percent for PWM). Recording is lock-free and allocation-free (a slot is claimed atomically), so the
 * real-time thread and a thread driving the outputs safe can both record; changes beyond the capacity are
 * counted, not kept. Written out after the run.
 */
public final class LineTrace {

    private final List<String> lineNames;
    private final long originNs;
    private final long[] timeNs;
    private final int[] line;
    private final int[] value;
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param lineNames names by line index: the pin map's GPIO lines, then its PWM lines
     * @param originNs  the run's start, t = 0
     * @param capacity  changes kept
     */
    public LineTrace(List<String> lineNames, long originNs, int capacity) {
        this.lineNames = List.copyOf(lineNames);
        this.originNs = originNs;
        this.timeNs = new long[capacity];
        this.line = new int[capacity];
        this.value = new int[capacity];
    }

    public void record(long atNs, int lineIndex, int newValue) {
        int slot = next.getAndIncrement();
        if (slot < timeNs.length) {
            timeNs[slot] = atNs;
            line[slot] = lineIndex;
            value[slot] = newValue;
        }
    }

    /** The names of the lines by index, as {@link #record} takes them. */
    public List<String> lineNames() {
        return lineNames;
    }

    /** Changes recorded (kept or not). */
    public int recorded() {
        return next.get();
    }

    /** Changes that did not fit. */
    public int dropped() {
        return Math.max(0, next.get() - timeNs.length);
    }

    /** Whether every change was kept (nothing dropped): only a complete trace can be audited. */
    public boolean complete() {
        return dropped() == 0;
    }

    /** One kept change, as the trace's CSV row holds it. */
    @FunctionalInterface
    public interface ChangeVisitor {
        void visit(long tUs, String lineName, int value);
    }

    /** Visits the kept changes in the order they happened; call after the run. */
    public void forEachKept(ChangeVisitor visitor) {
        int kept = Math.min(next.get(), timeNs.length);
        for (int i = 0; i < kept; i++) {
            visitor.visit(Math.max(0, timeNs[i] - originNs) / 1_000L, lineNames.get(line[i]), value[i]);
        }
    }

    /** Writes the kept changes as CSV, in the order they happened; call after the run. */
    public void writeCsv(Writer out) throws IOException {
        out.write("t_us,line,value\n");
        int kept = Math.min(next.get(), timeNs.length);
        for (int i = 0; i < kept; i++) {
            long us = Math.max(0, timeNs[i] - originNs) / 1_000L;
            out.write(us + "," + lineNames.get(line[i]) + "," + value[i] + "\n");
        }
    }
}
