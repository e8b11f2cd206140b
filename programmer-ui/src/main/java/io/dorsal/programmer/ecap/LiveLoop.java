package io.dorsal.programmer.ecap;

import io.dorsal.core.ecap.EcapLoop;
import io.dorsal.core.ecap.Posture;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.programmer.link.StimulatorLink;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The closed loop live (issue 15, item 4): the program's loop closed on the embedded generator, on its simulated
 * patient going through the posture day from now, and a strip of what the loop does, sampled as the view asks
 * ({@link #sample()}, a few times a second): the ECAP it measured, the current it chose, the posture, whether it has
 * fallen back to open loop. The last {@link #WINDOW_S} seconds are kept. The generator runs the loop on its own
 * real-time path; this only reads its state. The draft must be applied first (the loop runs on what the generator
 * runs). UI thread only; link answers are taken as they come (the embedded generator's at once).
 */
public final class LiveLoop {

    /** How much of the strip is kept, in seconds of the generator's time. */
    public static final double WINDOW_S = 30;
    /** The simulated patient's noise seed for live runs. */
    public static final long SEED = 42;

    /** One sample of the loop: when (s since it was closed), the ECAP (uV, NaN when lost), the current (mA). */
    public record Sample(double tS, double ecapUv, double currentMa, Posture posture, boolean openLoop) {
    }

    private final EcapModel ecap;
    private final String who;
    private final ObservableList<Sample> samples = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("The loop is open.");
    private StimulatorLink link;
    private long originNs;
    private long lastTimeNs = Long.MIN_VALUE;

    public LiveLoop(EcapModel ecap, String who) {
        this.ecap = ecap;
        this.who = who;
    }

    /** Closes the loop on the generator, or says in one line why not (nothing changes then). */
    public void start() {
        var programmer = ecap.programmer();
        if (programmer.handover().dirtyProperty().get()) {
            status.set("Apply the draft first: the loop runs on the therapy the generator runs.");
            return;
        }
        StimulatorLink current = programmer.generator().link();
        current.closeLoopOnSimulatedCord(ecap.settings(), ecap.cord(), ecap.day(), ecap.program().pulseWidthUs(),
                SEED, who).whenComplete((result, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        status.set("Not closed: " + cause.getMessage() + ".");
                        return;
                    }
                    switch (result) {
                        case ApplyResult.Rejected rejected -> status.set("Not closed: "
                                + rejected.violations().get(0).message());
                        case ApplyResult.Applied applied -> {
                            link = current;
                            samples.clear();
                            lastTimeNs = Long.MIN_VALUE;
                            originNs = current.status().join().timeNs();
                            running.set(true);
                            status.set("Closed: " + applied.summary() + ".");
                        }
                    }
                });
    }

    /** Reads what the loop does now and adds it to the strip (nothing while the loop is open or the generator's clock has not moved). */
    public void sample() {
        if (!running.get()) {
            return;
        }
        GeneratorStatus now = link.status().join();
        Optional<EcapLoop.State> state = link.closedLoopState().join();
        if (state.isEmpty()) {
            running.set(false);
            status.set("The generator opened the loop (its therapy changed, or it stopped); see its event log.");
            return;
        }
        EcapLoop.State s = state.get();
        if (now.timeNs() == lastTimeNs) {
            return; // the generator's clock has not moved since the last reading: nothing new to draw
        }
        lastTimeNs = now.timeNs();
        double tS = (now.timeNs() - originNs) / 1e9;
        Posture posture = ecap.day().postureAt(Math.min(tS, ecap.day().durationS()));
        samples.add(new Sample(tS, s.lastEcapUv(), s.currentMa(), posture, s.openLoop()));
        while (!samples.isEmpty() && samples.get(0).tS() < tS - WINDOW_S) {
            samples.remove(0);
        }
        status.set(String.format(java.util.Locale.ROOT, "%s at %.1f s, %s: %.2f mA, ECAP %s (target %.0f uV), %d"
                        + " pulses", s.openLoop() ? "Fallen back to open loop" : "Closed", tS,
                posture.name().toLowerCase(java.util.Locale.ROOT), s.currentMa(), Double.isNaN(s.lastEcapUv())
                        ? "lost" : String.format(java.util.Locale.ROOT, "%.0f uV", s.lastEcapUv()),
                ecap.settings().targetUv(), s.pulses()));
    }

    /** Opens the loop: the program goes back to its programmed amplitude. */
    public void stop() {
        if (link != null) {
            link.openLoop(who);
        }
        running.set(false);
        status.set("The loop is open: the program runs at its programmed amplitude.");
    }

    /** The strip: the last {@link #WINDOW_S} seconds, oldest first. */
    public ObservableList<Sample> samples() {
        return samples;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
