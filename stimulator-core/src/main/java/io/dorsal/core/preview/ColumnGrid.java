package io.dorsal.core.preview;

/**
 * Which of a window's equal columns a phase covers, in exact integer arithmetic. Column {@code c} of a window of
 * {@code W} ns cut into {@code C} columns holds the offsets {@code d} with {@code c <= d * C / W < c + 1}; a phase
 * from offset {@code d} to {@code e} (end excluded) covers the columns {@code floor(d * C / W)} to
 * {@code ceil(e * C / W) - 1}, clamped to the window.
 *
 * <p>The static methods compute that with a long division each ({@link Waveform}'s envelopes use them). An instance
 * answers the same from two tables of the columns' boundaries, found from a multiplication's estimate and corrected
 * by a step or two: the preview's stream asks twice for each of some 2,700 phases per redraw, and a division each
 * was a fifth of the redraw. The tables are built once per window length and width, so a redraw that keeps them
 * allocates nothing. A property test holds both ways equal. Not thread safe.
 */
final class ColumnGrid {

    private final long windowNs;
    private final int columns;
    private final double columnsPerNs;
    /** {@code ceil(c * W / C)}: the least offset in column {@code c}, for c = 0 to C. */
    private final long[] leastOffsetNs;
    /** {@code floor(c * W / C)}: a phase ending after it reaches into column {@code c}, for c = 0 to C. */
    private final long[] reachedAfterNs;

    ColumnGrid(long windowNs, int columns) {
        checkFits(windowNs, columns);
        this.windowNs = windowNs;
        this.columns = columns;
        this.columnsPerNs = (double) columns / windowNs;
        this.leastOffsetNs = new long[columns + 1];
        this.reachedAfterNs = new long[columns + 1];
        for (int c = 0; c <= columns; c++) {
            leastOffsetNs[c] = Math.ceilDiv(c * windowNs, columns);
            reachedAfterNs[c] = Math.floorDiv(c * windowNs, columns);
        }
    }

    boolean fits(long windowNs, int columns) {
        return this.windowNs == windowNs && this.columns == columns;
    }

    /** The column holding offset {@code offsetNs} from the window's start, clamped to 0 to C - 1. */
    int firstColumn(long offsetNs) {
        if (offsetNs <= 0) {
            return 0;
        }
        if (offsetNs >= windowNs) {
            return columns - 1;
        }
        int c = Math.min(columns - 1, (int) (offsetNs * columnsPerNs));
        while (leastOffsetNs[c] > offsetNs) {
            c--;
        }
        while (leastOffsetNs[c + 1] <= offsetNs) {
            c++;
        }
        return c;
    }

    /** The last column a phase ending (excluded) at {@code endOffsetNs} reaches; -1 when it ends at or before 0. */
    int lastColumn(long endOffsetNs) {
        if (endOffsetNs <= 0) {
            return -1;
        }
        if (endOffsetNs >= windowNs) {
            return columns - 1;
        }
        int c = Math.min(columns - 1, (int) (endOffsetNs * columnsPerNs));
        while (reachedAfterNs[c] >= endOffsetNs) {
            c--;
        }
        while (reachedAfterNs[c + 1] < endOffsetNs) {
            c++;
        }
        return c;
    }

    /** As {@link #firstColumn(long)}, by one division. */
    static int firstColumn(long offsetNs, long windowNs, int columns) {
        long d = Math.max(0, Math.min(windowNs, offsetNs));
        return (int) Math.min(columns - 1, Math.floorDiv(d * columns, windowNs));
    }

    /** As {@link #lastColumn(long)}, by one division. */
    static int lastColumn(long endOffsetNs, long windowNs, int columns) {
        long e = Math.max(0, Math.min(windowNs, endOffsetNs));
        return (int) Math.min(columns - 1, Math.ceilDiv(e * columns, windowNs) - 1);
    }

    /** A window so long that its length times its columns does not fit a long cannot be cut exactly; refused. */
    static void checkFits(long windowNs, int columns) {
        if (windowNs <= 0 || columns < 1) {
            throw new IllegalArgumentException("a window of " + windowNs + " ns in " + columns
                    + " columns: both must be positive");
        }
        if (Long.MAX_VALUE / columns < windowNs) {
            throw new IllegalArgumentException("a window of " + windowNs + " ns is too long to cut into " + columns
                    + " columns exactly");
        }
    }
}
