package io.dorsal.programmer.model;

import io.dorsal.core.preview.Waveform;
import io.dorsal.core.therapy.ContactId;
import java.util.List;

/**
 * One drawn state of the preview: the contacts (rows), the window, whether it was cut short, and every row's envelope
 * at the canvas's columns. The envelopes are the preview's reused arrays: read them while this frame is the newest.
 *
 * @param number    which fill this is, counting from 1: two frames over the same reused envelopes differ by it (so a
 *                  property's change listeners fire for every fill)
 * @param contacts  the contacts that carry current, one row each
 * @param windowNs  the window's length from therapy start
 * @param truncated whether the window held more phases than the preview's limit (its end is missing)
 * @param envelopes every row's lowest and highest current per column, and its peak, in uA
 */
public record PreviewFrame(int number, List<ContactId> contacts, long windowNs, boolean truncated, Waveform.Envelopes envelopes) {

    public PreviewFrame {
        contacts = List.copyOf(contacts);
    }

    /** The largest current magnitude on a contact in the window, in uA. */
    public double peakUa(int row) {
        return envelopes.peakUa(row);
    }

    /** The largest current magnitude on any contact in the window, in uA (0 without contacts). */
    public double peakUa() {
        double peak = 0;
        for (int r = 0; r < envelopes.rows(); r++) {
            peak = Math.max(peak, envelopes.peakUa(r));
        }
        return peak;
    }
}
