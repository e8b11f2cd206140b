package io.dorsal.bench;

import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PhaseSink;

/**
 * What a programmer's waveform view draws: per contact and per pixel column of a window, the lowest and the
 * highest current of any phase that touches the column (0 included, so a pulse draws from the baseline to its
 * peak). Filled by a scheduler's phases; one canvas per redraw. Not thread safe.
 */
public final class PreviewCanvas implements PhaseSink {

    private final long fromNs;
    private final long windowNs;
    private final int columns;
    private final double[] minUa;
    private final double[] maxUa;
    private int phases;

    /**
     * @param contacts contact rows (the pulse table's contact indices)
     * @param columns  pixel columns across the window
     */
    public PreviewCanvas(int contacts, int columns, long fromNs, long windowNs) {
        this.fromNs = fromNs;
        this.windowNs = windowNs;
        this.columns = columns;
        this.minUa = new double[contacts * columns];
        this.maxUa = new double[contacts * columns];
    }

    @Override
    public void onPhase(PhaseEvent event) {
        int first = column(event.startNs());
        int last = column(event.endNs() - 1);
        for (int c = 0; c < event.channelCount(); c++) {
            int row = event.contact(c) * columns;
            double ua = event.currentUa(c);
            for (int col = first; col <= last; col++) {
                if (ua < minUa[row + col]) {
                    minUa[row + col] = ua;
                }
                if (ua > maxUa[row + col]) {
                    maxUa[row + col] = ua;
                }
            }
        }
        phases++;
    }

    private int column(long timeNs) {
        long col = (timeNs - fromNs) * columns / windowNs;
        return (int) Math.max(0, Math.min(columns - 1, col));
    }

    /** Phases drawn. */
    public int phases() {
        return phases;
    }

    /** The lowest current of a contact in a column, in uA (at most 0). */
    public double minUa(int contact, int column) {
        return minUa[contact * columns + column];
    }

    /** The highest current of a contact in a column, in uA (at least 0). */
    public double maxUa(int contact, int column) {
        return maxUa[contact * columns + column];
    }
}
