package io.dorsal.core.preview;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PhaseSink;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import java.util.ArrayList;
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
        if (windowNs <= 0) {
            throw new IllegalArgumentException("a window lasts longer than 0 ns: " + windowNs);
        }
        if (fromNs < 0) {
            throw new IllegalArgumentException("a window starts at or after therapy start: " + fromNs);
        }
        if (maxPhases < 1) {
            throw new IllegalArgumentException("sample at least one phase: " + maxPhases);
        }
        PulseTable table = PulseTable.compile(therapy, new double[therapy.programCount()]);
        int[] rowOfContact = new int[table.contactCount()];
        Arrays.fill(rowOfContact, -1);
        List<ContactId> rows = new ArrayList<>();
        boolean[] used = new boolean[table.contactCount()];
        for (int p = 0; p < table.programCount(); p++) {
            for (int c = 0; c < table.channelCount(p); c++) {
                used[table.channelContact(p, c)] = true;
            }
        }
        for (int i = 0; i < used.length; i++) {
            if (used[i]) {
                rowOfContact[i] = rows.size();
                rows.add(table.contact(i));
            }
        }
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.seek(fromNs);
        Recorder recorder = new Recorder(rowOfContact);
        long lastNs = fromNs + windowNs - 1;
        int emitted = scheduler.poll(lastNs, recorder, maxPhases);
        boolean truncated = emitted == maxPhases && scheduler.nextEventNs() <= lastNs;
        return recorder.waveform(rows, fromNs, windowNs, truncated);
    }

    /** Copies each channel of each phase into growable primitive arrays. */
    private static final class Recorder implements PhaseSink {
        private final int[] rowOfContact;
        private long[] startNs = new long[256];
        private long[] endNs = new long[256];
        private int[] row = new int[256];
        private double[] currentUa = new double[256];
        private int size;

        Recorder(int[] rowOfContact) {
            this.rowOfContact = rowOfContact;
        }

        @Override
        public void onPhase(PhaseEvent event) {
            for (int c = 0; c < event.channelCount(); c++) {
                double ua = event.currentUa(c);
                if (ua == 0) {
                    continue;
                }
                if (size == startNs.length) {
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
            return new Waveform(rows, fromNs, windowNs, Arrays.copyOf(startNs, size), Arrays.copyOf(endNs, size),
                    Arrays.copyOf(row, size), Arrays.copyOf(currentUa, size), truncated);
        }
    }
}
