package io.dorsal.programmer.model;

import io.dorsal.core.preview.Waveform;
import io.dorsal.core.preview.WaveformSampler;
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
 * The waveform preview: the draft's enabled programs sampled by core's scheduler over a window the clinician
 * chooses, re-sampled after every edit. Only a safe draft is sampled (the scheduler runs validated therapy
 * only); while the draft is unsafe the last safe waveform stays, marked stale. UI thread only.
 */
public final class PreviewModel {

    /** Shortest and longest window, in ms: a few pulses of 10 kHz to a whole 3-minute cycle and more. */
    public static final double MIN_WINDOW_MS = 0.5;
    public static final double MAX_WINDOW_MS = 600_000;
    public static final double DEFAULT_WINDOW_MS = 50;
    private static final long NS_PER_MS = 1_000_000L;

    private final ProgrammerModel programmer;
    private final DoubleProperty windowMs = new SimpleDoubleProperty(DEFAULT_WINDOW_MS);
    private final ReadOnlyObjectWrapper<Waveform> waveform = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper caption = new ReadOnlyStringWrapper("");
    private final Executor deferral;
    private boolean pending;
    private ValidatedTherapy lastSafe;
    private ValidatedTherapy sampledTherapy;
    private double sampledWindowMs;
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
            waveform.set(WaveformSampler.sample(lastSafe, 0, Math.round(ms * NS_PER_MS)));
            sampledTherapy = lastSafe;
            sampledWindowMs = ms;
            samples++;
        }
        stale.set(!safeNow && waveform.get() != null);
        if (safeNow) {
            caption.set("window " + windowText(ms) + (waveform.get().truncated() ? " (cut short: too many pulses)" : ""));
        } else {
            caption.set("not safe: showing the last safe settings");
        }
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

    public ReadOnlyObjectProperty<Waveform> waveformProperty() {
        return waveform.getReadOnlyProperty();
    }

    public Waveform waveform() {
        return waveform.get();
    }

    /** Whether the waveform shown is of an earlier, safe draft. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty captionProperty() {
        return caption.getReadOnlyProperty();
    }

    /** How many times the waveform was sampled. */
    public int samples() {
        return samples;
    }
}
