package io.dorsal.programmer.model;

import io.dorsal.core.preview.PreviewPass;
import io.dorsal.core.preview.Waveform;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Program;
import java.util.concurrent.Executor;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The waveform preview: the draft's enabled programs run through core's scheduler over a window the clinician
 * chooses, streamed straight into every contact row's envelope at the canvas's columns ({@link PreviewPass}: one pass,
 * no list of segments), again after every edit. Only a safe draft is previewed (the scheduler runs validated therapy
 * only); while the draft is unsafe the last safe frame stays, marked stale. UI thread only.
 */
public final class PreviewModel {

    /** Shortest and longest window, in ms: a few pulses of 10 kHz to a whole 3-minute cycle and more. */
    public static final double MIN_WINDOW_MS = 0.5;
    public static final double MAX_WINDOW_MS = 600_000;
    public static final double DEFAULT_WINDOW_MS = 50;
    private static final long NS_PER_MS = 1_000_000L;
    /** The columns filled until a view says how wide it is. */
    public static final int DEFAULT_COLUMNS = 1_000;

    private final ProgrammerModel programmer;
    private final DoubleProperty windowMs = new SimpleDoubleProperty(DEFAULT_WINDOW_MS);
    private final ReadOnlyObjectWrapper<PreviewFrame> frame = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final Executor deferral;
    private boolean pending;
    private ValidatedTherapy lastSafe;
    private ValidatedTherapy sampledTherapy;
    private PreviewPass pass;
    private double sampledWindowMs;
    private int columns = DEFAULT_COLUMNS;
    private int samples;

    /**
     * @param programmer the draft to preview
     * @param deferral   where a resample runs: {@code Platform::runLater} in the app, so that the many changes
     *                   of one slider drag within a frame cost one sample; a direct executor in tests
     */
    public PreviewModel(ProgrammerModel programmer, Executor deferral) {
        this.programmer = programmer;
        this.deferral = deferral;
        programmer.check().validationProperty().addListener((obs, was, now) -> {
            remember(now);
            request();
        });
        windowMs.addListener((obs, was, now) -> request());
        remember(programmer.check().validationProperty().get());
        resample();
    }

    /** Keeps the newest safe therapy at once, so that a deferred sample shows the last safe one, not an older one. */
    private void remember(Validation validation) {
        if (validation instanceof Validation.Safe safe) {
            lastSafe = safe.therapy();
        }
    }

    private void request() {
        if (pending) {
            return;
        }
        pending = true;
        deferral.execute(() -> {
            pending = false;
            resample();
        });
    }

    private void resample() {
        double ms = Math.clamp(windowMs.get(), MIN_WINDOW_MS, MAX_WINDOW_MS);
        boolean safeNow = programmer.check().validationProperty().get() instanceof Validation.Safe;
        if (lastSafe != null && (lastSafe != sampledTherapy || ms != sampledWindowMs)) {
            if (lastSafe != sampledTherapy) {
                pass = new PreviewPass(lastSafe);
            }
            sampledTherapy = lastSafe;
            sampledWindowMs = ms;
            fill();
        }
        stale.set(!safeNow && frame.get() != null);
        if (safeNow) {
            caption.set("window " + windowText(ms) + (frame.get().truncated() ? " (cut short: too many pulses)" : ""));
        } else {
            caption.set("not safe: showing the last safe settings");
        }
    }

    /** The therapy shown, over the window, into fresh envelopes at the current columns: a new frame. */
    private void fill() {
        PreviewFrame shown = frame.get();
        Waveform.Envelopes envelopes = shown != null && shown.envelopes().rows() == pass.contacts().size()
                && shown.envelopes().columns() == columns
                ? shown.envelopes() : new Waveform.Envelopes(pass.contacts().size(), columns);
        long windowNs = Math.round(sampledWindowMs * NS_PER_MS);
        boolean truncated = pass.envelopesInto(0, windowNs, envelopes);
        samples++;
        frame.set(new PreviewFrame(samples, pass.contacts(), windowNs, truncated, envelopes));
    }

    /**
     * How many columns the view draws (its canvas's width in pixels): a change fills the frame again at that width,
     * a redraw at the same width reads the frame as it is.
     */
    public void columns(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a preview has at least one column: " + count);
        }
        if (count == columns) {
            return;
        }
        columns = count;
        if (pass != null) {
            fill();
        }
    }

    public int columns() {
        return columns;
    }

    /** The window that shows two periods of the selected program (two pulses, or two bursts). */
    public double twoPeriodsMs() {
        Program p = programmer.program();
        int rate = Programs.rateHz(p.pattern());
        return rate > 0 ? 2_000.0 / rate : DEFAULT_WINDOW_MS;
    }

    /** The window of one whole cycle of the selected program (on and off), or one second without cycling. */
    public double cycleMs() {
        return programmer.program().cycle().map(c -> (c.onS() + c.offS()) * 1_000.0).orElse(1_000.0);
    }

    public static String windowText(double ms) {
        return ms >= 1_000 ? Figures.format(ms / 1_000, 2) + " s" : Figures.format(ms, 2) + " ms";
    }

    /** The window length in ms; the view's slider binds to it. */
    public DoubleProperty windowMsProperty() {
        return windowMs;
    }

    /** The newest frame: a new one after every edit, window change or resize. */
    public ReadOnlyObjectProperty<PreviewFrame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    public PreviewFrame frame() {
        return frame.get();
    }

    /** Whether the frame shown is of an earlier, safe draft. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** How many times a frame was filled (the scheduler run over the window). */
    public int samples() {
        return samples;
    }
}
