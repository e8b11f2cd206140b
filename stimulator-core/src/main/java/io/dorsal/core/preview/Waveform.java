package io.dorsal.core.preview;

import io.dorsal.core.therapy.ContactId;
import java.util.Arrays;
import java.util.List;

/**
 * The current on each contact over a window of time: a list of constant-current segments (one per contact
 * carrying current in a phase), exactly as the scheduler emitted them. Zero current between segments.
 * Immutable; times are nanoseconds from therapy start, currents microamps, signed (negative is cathodic).
 */
public final class Waveform {

    private final List<ContactId> contacts;
    private final long fromNs;
    private final long windowNs;
    private final long[] startNs;
    private final long[] endNs;
    private final int[] contact;
    private final double[] currentUa;
    private final int size;
    private final boolean truncated;

    /** Takes the arrays as they are (not copied); only their first {@code size} entries are segments. */
    Waveform(List<ContactId> contacts, long fromNs, long windowNs, long[] startNs, long[] endNs, int[] contact,
             double[] currentUa, int size, boolean truncated) {
        this.contacts = List.copyOf(contacts);
        this.size = size;
        this.fromNs = fromNs;
        this.windowNs = windowNs;
        this.startNs = startNs;
        this.endNs = endNs;
        this.contact = contact;
        this.currentUa = currentUa;
        this.truncated = truncated;
    }

    /** The contacts that carry current in the therapy, in lead order then the can; an index is a row. */
    public List<ContactId> contacts() {
        return contacts;
    }

    /** Start of the window, from therapy start. */
    public long fromNs() {
        return fromNs;
    }

    public long windowNs() {
        return windowNs;
    }

    /** Whether the window held more phases than the sampler's limit, so that its end is missing. */
    public boolean truncated() {
        return truncated;
    }

    public int segmentCount() {
        return size;
    }

    public long segmentStartNs(int segment) {
        return startNs[segment];
    }

    public long segmentEndNs(int segment) {
        return endNs[segment];
    }

    /** The row (index into {@link #contacts()}) of a segment. */
    public int segmentContact(int segment) {
        return contact[segment];
    }

    public double segmentCurrentUa(int segment) {
        return currentUa[segment];
    }

    /** The largest current magnitude on a contact in the window, in uA (0 if it carries none). */
    public double peakUa(int row) {
        double peak = 0;
        for (int s = 0; s < size; s++) {
            if (contact[s] == row) {
                peak = Math.max(peak, Math.abs(currentUa[s]));
            }
        }
        return peak;
    }

    /** The largest current magnitude on any contact in the window, in uA. */
    public double peakUa() {
        double peak = 0;
        for (int s = 0; s < size; s++) {
            peak = Math.max(peak, Math.abs(currentUa[s]));
        }
        return peak;
    }

    /** Net charge on a contact over the segments in the window, in picocoulombs (uA x us). */
    public double netChargePc(int row) {
        double pc = 0;
        for (int s = 0; s < size; s++) {
            if (contact[s] == row) {
                pc += currentUa[s] * (endNs[s] - startNs[s]) / 1_000.0;
            }
        }
        return pc;
    }

    /**
     * The current on one contact reduced to {@code columns} equal slices of the window: per slice the lowest
     * and the highest current in it, 0 included (so that a slice with any pulse draws from the baseline to
     * its peak). What a canvas {@code columns} pixels wide draws.
     */
    public Envelope envelope(int row, int columns) {
        if (columns < 1) {
            throw new IllegalArgumentException("an envelope has at least one column: " + columns);
        }
        double[] min = new double[columns];
        double[] max = new double[columns];
        ColumnGrid.checkFits(windowNs, columns);
        for (int s = 0; s < size; s++) {
            if (contact[s] != row) {
                continue;
            }
            int first = ColumnGrid.firstColumn(startNs[s] - fromNs, windowNs, columns);
            int last = ColumnGrid.lastColumn(endNs[s] - fromNs, windowNs, columns);
            double ua = currentUa[s];
            for (int c = first; c <= last; c++) {
                if (ua < min[c]) {
                    min[c] = ua;
                }
                if (ua > max[c]) {
                    max[c] = ua;
                }
            }
        }
        return new Envelope(min, max);
    }

    /**
     * Every row's envelope at once, in one sweep over the segments: what a redraw of the whole preview needs, without
     * rescanning the segments once per row. Row {@code r} of the result equals {@link #envelope(int, int)
     * envelope(r, columns)}.
     */
    public Envelopes envelopes(int columns) {
        Envelopes target = new Envelopes(contacts.size(), columns);
        envelopesInto(target);
        return target;
    }

    /**
     * As {@link #envelopes(int)}, into {@code target}'s arrays (its rows must be this waveform's, its columns the
     * canvas's), so that a view that redraws reuses them and allocates nothing.
     */
    public void envelopesInto(Envelopes target) {
        if (target.rows() != contacts.size()) {
            throw new IllegalArgumentException("the envelopes hold " + target.rows() + " rows; this waveform has "
                    + contacts.size());
        }
        int columns = target.columns();
        double[] min = target.minUa;
        double[] max = target.maxUa;
        double[] peak = target.peakUa;
        target.clear();
        ColumnGrid.checkFits(windowNs, columns);
        for (int s = 0; s < size; s++) {
            int row = contact[s];
            int rows = target.rows();
            int first = ColumnGrid.firstColumn(startNs[s] - fromNs, windowNs, columns);
            int last = ColumnGrid.lastColumn(endNs[s] - fromNs, windowNs, columns);
            double ua = currentUa[s];
            if (ua < 0) {
                for (int c = first * rows + row; c <= last * rows + row; c += rows) {
                    if (ua < min[c]) {
                        min[c] = ua;
                    }
                }
                if (-ua > peak[row]) {
                    peak[row] = -ua;
                }
            } else {
                for (int c = first * rows + row; c <= last * rows + row; c += rows) {
                    if (ua > max[c]) {
                        max[c] = ua;
                    }
                }
                if (ua > peak[row]) {
                    peak[row] = ua;
                }
            }
        }
    }

    /**
     * Every row's lowest and highest current per column and its peak, in uA, in flat arrays sized once (rows x
     * columns), column-major: a phase's contacts are rows of the same columns, so its writes share cache lines. Filled by {@link #envelopesInto(Envelopes)}; read by a view as it draws.
     */
    public static final class Envelopes {
        private final int rows;
        private final int columns;
        final double[] minUa;
        final double[] maxUa;
        final double[] peakUa;
        /** The columns' boundaries for the last window length streamed into these envelopes; null before the first. */
        private ColumnGrid grid;

        public Envelopes(int rows, int columns) {
            if (rows < 0 || columns < 1) {
                throw new IllegalArgumentException("envelopes of " + rows + " rows and " + columns
                        + " columns: at least one column, no negative rows");
            }
            this.rows = rows;
            this.columns = columns;
            this.minUa = new double[Math.multiplyExact(rows, columns)];
            this.maxUa = new double[rows * columns];
            this.peakUa = new double[rows];
        }

        public int rows() {
            return rows;
        }

        /** The columns' boundaries for a window of {@code windowNs}: kept while the window's length stays. */
        ColumnGrid grid(long windowNs) {
            if (grid == null || !grid.fits(windowNs, columns)) {
                grid = new ColumnGrid(windowNs, columns);
            }
            return grid;
        }

        /** Every column and peak back to 0, for the next redraw. */
        void clear() {
            Arrays.fill(minUa, 0);
            Arrays.fill(maxUa, 0);
            Arrays.fill(peakUa, 0);
        }

        public int columns() {
            return columns;
        }

        /** The lowest current in a column of a row, at most 0. */
        public double minUa(int row, int column) {
            return minUa[column * rows + row];
        }

        /** The highest current in a column of a row, at least 0. */
        public double maxUa(int row, int column) {
            return maxUa[column * rows + row];
        }

        /** The largest current magnitude on a row in the window (as {@link Waveform#peakUa(int)}). */
        public double peakUa(int row) {
            return peakUa[row];
        }
    }

    /**
     * Lowest and highest current per column, in uA.
     *
     * @param minUa per column, at most 0
     * @param maxUa per column, at least 0
     */
    public record Envelope(double[] minUa, double[] maxUa) {
        public Envelope {
            minUa = minUa.clone();
            maxUa = maxUa.clone();
        }

        public int columns() {
            return minUa.length;
        }

        public double minUa(int column) {
            return minUa[column];
        }

        public double maxUa(int column) {
            return maxUa[column];
        }
    }
}
