package io.dorsal.core.preview;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PhaseSink;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import java.util.Arrays;
import java.util.List;

/**
 * Samples a validated therapy over a window with the same {@link PulseTable} and {@link PulseScheduler} the
 * generator runs, so a preview shows exactly what would be delivered. Programs are sampled at their
 * programmed amplitude (no initial soft start); the ramps of later cycling on-times are included. A phase
 * belongs to the window when it starts inside it. Not on the real-time path: it allocates. Thread safe.
 */
public final class WaveformSampler {

    /** Phases sampled at most by default: enough for a whole 3-minute cycle of two tonic programs. */
    public static final int DEFAULT_MAX_PHASES = 250_000;

    private WaveformSampler() {
    }

    /** The current on each contact of the therapy's programs for phases that start in [fromNs, fromNs + windowNs). */
    public static Waveform sample(ValidatedTherapy therapy, long fromNs, long windowNs) {
        return sample(therapy, fromNs, windowNs, DEFAULT_MAX_PHASES);
    }

    /**
     * As {@link #sample(ValidatedTherapy, long, long)}, stopping after {@code maxPhases} phases (the waveform
     * then says it is {@linkplain Waveform#truncated() truncated}).
     */
    public static Waveform sample(ValidatedTherapy therapy, long fromNs, long windowNs, int maxPhases) {
        checkWindow(fromNs, windowNs, maxPhases);
        PulseTable table = PulseTable.compile(therapy, new double[therapy.programCount()]);
        PreviewPass.ContactRows contactRows = PreviewPass.ContactRows.of(table);
        int[] rowOfContact = contactRows.rowOfContact();
        List<ContactId> rows = contactRows.contacts();
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.seek(fromNs);
        Recorder recorder = new Recorder(rowOfContact, segmentsAtMost(table, windowNs, maxPhases));
        long lastNs = fromNs + windowNs - 1;
        int emitted = scheduler.poll(lastNs, recorder, maxPhases);
        boolean truncated = emitted == maxPhases && scheduler.nextEventNs() <= lastNs;
        return recorder.waveform(rows, fromNs, windowNs, truncated);
    }

    static void checkWindow(long fromNs, long windowNs, int maxPhases) {
        if (windowNs <= 0) {
            throw new IllegalArgumentException("a window lasts longer than 0 ns: " + windowNs);
        }
        if (fromNs < 0) {
            throw new IllegalArgumentException("a window starts at or after therapy start: " + fromNs);
        }
        if (maxPhases < 1) {
            throw new IllegalArgumentException("sample at least one phase: " + maxPhases);
        }
    }

    /**
     * The most segments a window can hold, from the table: per program, the periods that can start a phase inside
     * the window (its length over the period, plus one begun before it) times the program's phases and channels;
     * never more than {@code maxPhases} times the widest program's channels. The recorder's arrays are sized to
     * it once, so that a sample never grows (and copies) them.
     */
    static int segmentsAtMost(PulseTable table, long windowNs, int maxPhases) {
        long segments = 0;
        int widest = 1;
        for (int p = 0; p < table.programCount(); p++) {
            long periods = windowNs / table.periodNs(p) + 2;
            long phases = table.phaseTo(p) - table.phaseFrom(p);
            segments += periods * phases * table.channelCount(p);
            widest = Math.max(widest, table.channelCount(p));
        }
        return (int) Math.min(Math.min(segments, (long) maxPhases * widest), Integer.MAX_VALUE - 8);
    }

    /** Copies each channel of each phase into primitive arrays sized from the table. */
    private static final class Recorder implements PhaseSink {
        private final int[] rowOfContact;
        private long[] startNs;
        private long[] endNs;
        private int[] row;
        private double[] currentUa;
        private int size;

        Recorder(int[] rowOfContact, int capacity) {
            this.rowOfContact = rowOfContact;
            int sized = Math.max(1, capacity);
            this.startNs = new long[sized];
            this.endNs = new long[sized];
            this.row = new int[sized];
            this.currentUa = new double[sized];
        }

        @Override
        public void onPhase(PhaseEvent event) {
            for (int c = 0; c < event.channelCount(); c++) {
                double ua = event.currentUa(c);
                if (ua == 0) {
                    continue;
                }
                if (size == startNs.length) {
                    // not expected (the arrays are sized from the table); kept so that a wrong bound costs time, not data
                    int capacity = size * 2;
                    startNs = Arrays.copyOf(startNs, capacity);
                    endNs = Arrays.copyOf(endNs, capacity);
                    row = Arrays.copyOf(row, capacity);
                    currentUa = Arrays.copyOf(currentUa, capacity);
                }
                startNs[size] = event.startNs();
                endNs[size] = event.endNs();
                row[size] = rowOfContact[event.contact(c)];
                currentUa[size] = ua;
                size++;
            }
        }

        Waveform waveform(List<ContactId> rows, long fromNs, long windowNs, boolean truncated) {
            return new Waveform(rows, fromNs, windowNs, startNs, endNs, row, currentUa, size, truncated);
        }
    }
}
