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
 * The preview's redraw in one pass: the same {@link PulseTable} and {@link PulseScheduler} as the generator and
 * {@link WaveformSampler}, but each phase goes straight into every row's envelope as the scheduler emits it, with no
 * list of segments in between. The table and scheduler are built once per therapy; a redraw
 * ({@link #envelopesInto(long, long, Waveform.Envelopes)}) then allocates nothing. Its result equals
 * {@code WaveformSampler.sample(...).envelopesInto(...)} for the same window (a property test holds it so).
 * Not thread safe: one per view.
 */
public final class PreviewPass {

    private final PulseScheduler scheduler;
    private final ContactRows rows;
    private final Streamer streamer;

    /** Compiles the therapy once (its programs at their programmed amplitude, no initial soft start). */
    public PreviewPass(ValidatedTherapy therapy) {
        PulseTable table = PulseTable.compile(therapy, new double[therapy.programCount()]);
        this.rows = ContactRows.of(table);
        this.scheduler = new PulseScheduler(table, 0);
        this.streamer = new Streamer(table, rows.rowOfContact());
    }

    /** The contacts that carry current, in lead order then the can; an index is a row of the envelopes. */
    public List<ContactId> contacts() {
        return rows.contacts();
    }

    /**
     * Fills {@code target} with every row's envelope of the phases that start in [fromNs, fromNs + windowNs), at most
     * {@link WaveformSampler#DEFAULT_MAX_PHASES} of them.
     *
     * @return whether the window held more phases than that (its end is then missing, as {@link Waveform#truncated()})
     */
    public boolean envelopesInto(long fromNs, long windowNs, Waveform.Envelopes target) {
        return envelopesInto(fromNs, windowNs, target, WaveformSampler.DEFAULT_MAX_PHASES);
    }

    /** As {@link #envelopesInto(long, long, Waveform.Envelopes)}, stopping after {@code maxPhases} phases. */
    public boolean envelopesInto(long fromNs, long windowNs, Waveform.Envelopes target, int maxPhases) {
        WaveformSampler.checkWindow(fromNs, windowNs, maxPhases);
        if (target.rows() != rows.contacts().size()) {
            throw new IllegalArgumentException("the envelopes hold " + target.rows() + " rows; this therapy has "
                    + rows.contacts().size());
        }
        target.clear();
        streamer.into(target, fromNs, windowNs);
        scheduler.restart(0);
        scheduler.seek(fromNs);
        long lastNs = fromNs + windowNs - 1;
        int emitted = scheduler.poll(lastNs, streamer, maxPhases);
        streamer.finish();
        return emitted == maxPhases && scheduler.nextEventNs() <= lastNs;
    }

    /**
     * Writes each phase's channels into their rows' columns. The column range is worked out once per phase, and each
     * of the table's phases carries its own short list of (row, current) for the channels that carry current,
     * cathodes first, then anodes: the list's order says which envelope a channel's current goes to, so the write
     * decides nothing but its own minimum or maximum. A phase most often lies in one column, written without a loop.
     * The rows' peaks are not kept per channel: the pass keeps each table phase's largest scale, and the peaks follow
     * from it at the end ({@link #finish()}), since a product with a positive scale grows with the scale.
     */
    private static final class Streamer implements PhaseSink {
        /** Where phase {@code i}'s channels start in {@link #channelRow} and {@link #channelUa}; one more entry ends it. */
        private final int[] phaseChannelsFrom;
        /** Where phase {@code i}'s anodes (positive currents) start: its cathodes come before. */
        private final int[] phaseAnodesFrom;
        private final int[] channelRow;
        private final double[] channelUa;
        /** The largest amplitude scale each table phase was emitted at in this pass; 0 for a phase not emitted. */
        private final double[] phaseLargestScale;
        private double[] min;
        private double[] max;
        private double[] peak;
        private int rows;
        private long fromNs;
        private ColumnGrid grid;

        Streamer(PulseTable table, int[] rowOfContact) {
            int phases = table.phaseTo(table.programCount() - 1);
            phaseChannelsFrom = new int[phases + 1];
            phaseAnodesFrom = new int[phases];
            phaseLargestScale = new double[phases];
            int size = 0;
            for (int p = 0; p < table.programCount(); p++) {
                for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                    for (int c = 0; c < table.channelCount(p); c++) {
                        size += table.phaseCurrentUa(phase, c) == 0 ? 0 : 1;
                    }
                }
            }
            channelRow = new int[size];
            channelUa = new double[size];
            int at = 0;
            for (int p = 0; p < table.programCount(); p++) {
                for (int phase = table.phaseFrom(p); phase < table.phaseTo(p); phase++) {
                    phaseChannelsFrom[phase] = at;
                    at = addChannels(table, p, phase, rowOfContact, at, true);
                    phaseAnodesFrom[phase] = at;
                    at = addChannels(table, p, phase, rowOfContact, at, false);
                }
            }
            phaseChannelsFrom[phases] = at;
        }

        private int addChannels(PulseTable table, int program, int phase, int[] rowOfContact, int at,
                boolean cathodes) {
            for (int c = 0; c < table.channelCount(program); c++) {
                double ua = table.phaseCurrentUa(phase, c);
                if (cathodes ? ua < 0 : ua > 0) {
                    channelRow[at] = rowOfContact[table.channelContact(program, c)];
                    channelUa[at] = ua;
                    at++;
                }
            }
            return at;
        }

        void into(Waveform.Envelopes target, long windowFromNs, long windowNs) {
            this.min = target.minUa;
            this.max = target.maxUa;
            this.peak = target.peakUa;
            this.rows = target.rows();
            this.fromNs = windowFromNs;
            this.grid = target.grid(windowNs);
            Arrays.fill(phaseLargestScale, 0);
        }

        @Override
        public void onPhase(PhaseEvent event) {
            int first = grid.firstColumn(event.startNs() - fromNs);
            int last = grid.lastColumn(event.endNs() - fromNs);
            // the scheduler's own product (PhaseEvent.currentUa) below, so that the result is the sampled one
            // exactly; a scale of 0 gives currents of 0, which change no envelope (each starts at 0)
            double scale = event.amplitudeScale();
            int phase = event.phase();
            if (scale > phaseLargestScale[phase]) {
                phaseLargestScale[phase] = scale;
            }
            int anodes = phaseAnodesFrom[phase];
            int end = phaseChannelsFrom[phase + 1];
            if (first == last) {
                int column = first * rows;
                for (int k = phaseChannelsFrom[phase]; k < anodes; k++) {
                    int i = column + channelRow[k];
                    double ua = channelUa[k] * scale;
                    double least = min[i];
                    min[i] = ua < least ? ua : least;
                }
                for (int k = anodes; k < end; k++) {
                    int i = column + channelRow[k];
                    double ua = channelUa[k] * scale;
                    double most = max[i];
                    max[i] = ua > most ? ua : most;
                }
                return;
            }
            for (int k = phaseChannelsFrom[phase]; k < anodes; k++) {
                double ua = channelUa[k] * scale;
                int to = last * rows + channelRow[k];
                for (int i = first * rows + channelRow[k]; i <= to; i += rows) {
                    double least = min[i];
                    min[i] = ua < least ? ua : least;
                }
            }
            for (int k = anodes; k < end; k++) {
                double ua = channelUa[k] * scale;
                int to = last * rows + channelRow[k];
                for (int i = first * rows + channelRow[k]; i <= to; i += rows) {
                    double most = max[i];
                    max[i] = ua > most ? ua : most;
                }
            }
        }

        /** Each row's peak: the largest magnitude of its channels' currents at the largest scale each phase ran at. */
        void finish() {
            for (int phase = 0; phase < phaseAnodesFrom.length; phase++) {
                double scale = phaseLargestScale[phase];
                if (scale == 0) {
                    continue;
                }
                for (int k = phaseChannelsFrom[phase]; k < phaseChannelsFrom[phase + 1]; k++) {
                    double magnitude = Math.abs(channelUa[k] * scale);
                    int row = channelRow[k];
                    if (magnitude > peak[row]) {
                        peak[row] = magnitude;
                    }
                }
            }
        }
    }

    /** Which row each of the table's contacts is drawn in: only contacts that carry current get one. */
    record ContactRows(int[] rowOfContact, List<ContactId> contacts) {

        static ContactRows of(PulseTable table) {
            int[] rowOfContact = new int[table.contactCount()];
            Arrays.fill(rowOfContact, -1);
            boolean[] used = new boolean[table.contactCount()];
            for (int p = 0; p < table.programCount(); p++) {
                for (int c = 0; c < table.channelCount(p); c++) {
                    used[table.channelContact(p, c)] = true;
                }
            }
            ContactId[] rows = new ContactId[table.contactCount()];
            int size = 0;
            for (int i = 0; i < used.length; i++) {
                if (used[i]) {
                    rowOfContact[i] = size;
                    rows[size++] = table.contact(i);
                }
            }
            return new ContactRows(rowOfContact, List.of(Arrays.copyOf(rows, size)));
        }
    }
}
