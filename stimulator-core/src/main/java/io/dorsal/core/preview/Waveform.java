package io.dorsal.core.preview;

import io.dorsal.core.therapy.ContactId;
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
    private final boolean truncated;

    Waveform(List<ContactId> contacts, long fromNs, long windowNs, long[] startNs, long[] endNs, int[] contact,
             double[] currentUa, boolean truncated) {
        this.contacts = List.copyOf(contacts);
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
        return startNs.length;
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
        for (int s = 0; s < currentUa.length; s++) {
            if (contact[s] == row) {
                peak = Math.max(peak, Math.abs(currentUa[s]));
            }
        }
        return peak;
    }

    /** The largest current magnitude on any contact in the window, in uA. */
    public double peakUa() {
        double peak = 0;
        for (double ua : currentUa) {
            peak = Math.max(peak, Math.abs(ua));
        }
        return peak;
    }

    /** Net charge on a contact over the segments in the window, in picocoulombs (uA x us). */
    public double netChargePc(int row) {
        double pc = 0;
        for (int s = 0; s < currentUa.length; s++) {
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
        double nsPerColumn = (double) windowNs / columns;
        for (int s = 0; s < currentUa.length; s++) {
            if (contact[s] != row) {
                continue;
            }
            int first = (int) Math.floor((startNs[s] - fromNs) / nsPerColumn);
            int last = (int) Math.ceil((endNs[s] - fromNs) / nsPerColumn) - 1;
            first = Math.max(0, first);
            last = Math.min(columns - 1, last);
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
