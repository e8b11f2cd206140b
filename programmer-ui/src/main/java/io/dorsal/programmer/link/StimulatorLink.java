package io.dorsal.programmer.link;

import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.ecap.EcapLoop;
import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.ecap.SpinalCordResponse;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.therapy.TherapySets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the programmer can ask of a stimulator. Every call answers with a future, so that a link over a
 * network (the telemetry issue) fits behind the same port as the embedded generator, whose futures are
 * already complete. The generator validates everything it is sent again: the programmer's own checks are
 * for the clinician, not for safety. Implementations are thread safe.
 */
public interface StimulatorLink extends AutoCloseable {

    /** What the programmer is talking to, in words: {@code Embedded simulated generator}. */
    String description();

    /** Where the stimulator is, for messages: {@code 127.0.0.1:7450}; by default its description. */
    default String address() {
        return description();
    }

    /**
     * The serial of the stimulator, which the patient's records know it by; empty for the embedded simulated
     * generator, which stands in for whichever device the open patient has.
     */
    default Optional<String> serial() {
        return Optional.empty();
    }

    /**
     * How often the programmer should ask for the status: often for a generator in this process, about once a
     * second over a network.
     */
    default long statusPeriodMs() {
        return 250;
    }

    CompletableFuture<GeneratorStatus> status();

    /** Sends a therapy; the generator validates it and takes it over at a pulse boundary, or refuses it whole. */
    CompletableFuture<ApplyResult> apply(Therapy therapy, String who);

    /** Turns therapy on (each program soft-starts with its ramp). */
    CompletableFuture<ApplyResult> start(String who);

    /** Turns therapy off at the next pulse boundary. */
    CompletableFuture<Void> stop(String who);

    /** STOP ALL: every output safe at once. Implementations act on it before anything else queued. */
    CompletableFuture<Void> stopAll(String who);

    CompletableFuture<Void> clearFault(String who);

    /**
     * Sends a therapy with its program sets; the generator validates every set as a whole and runs the active one.
     * A link that does not carry program sets answers with a failed future for a therapy that declares them.
     */
    default CompletableFuture<ApplyResult> applySets(TherapySets sets, String who) {
        if (!sets.declared()) {
            return apply(sets.active(), who);
        }
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "program sets do not travel over this link yet"));
    }

    /** The program sets the generator holds, if it was given a therapy with sets (none over links without sets). */
    default CompletableFuture<Optional<TherapySets>> programSets() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** A patient's switch to another program set the clinician allowed; the generator swaps it in at a pulse boundary. */
    default CompletableFuture<ApplyResult> selectSet(String name, String who) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "program sets do not travel over this link yet"));
    }

    /**
     * Closes the ECAP loop of a program on a simulated patient: the cord's response at the lead-to-cord distance the
     * posture script gives from now, with seeded noise ({@code SimulatedCord}). The generator checks the settings
     * against its therapy (rule {@code closed loop}) and leaves the therapy untouched when it refuses them. Only the
     * embedded generator has a simulated patient; a link without one answers with a failed future.
     *
     * @param pulseWidthUs the program's pulse width, which the cord's threshold depends on
     */
    default CompletableFuture<ApplyResult> closeLoopOnSimulatedCord(ClosedLoopSettings settings,
            SpinalCordResponse cord, PostureScript posture, double pulseWidthUs, long seed, String who) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException(
                "this stimulator has no simulated patient to close the loop on; the embedded generator has one"));
    }

    /** Opens the loop: the program goes back to its programmed amplitude. */
    default CompletableFuture<Void> openLoop(String who) {
        return CompletableFuture.completedFuture(null);
    }

    /** What the closed loop does now (its current, the last ECAP, fallback), while one is closed. */
    default CompletableFuture<Optional<EcapLoop.State>> closedLoopState() {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** A patient's amplitude step on one program, held inside its patient range by the generator. */
    CompletableFuture<ApplyResult> patientAdjust(String program, double deltaMa, String who);

    CompletableFuture<ImpedanceReport> checkImpedance(String who);

    /** The generator's event log, oldest first. */
    CompletableFuture<List<GeneratorEvent>> events();

    /** Stops the link; for the embedded generator, every output is driven safe first. */
    @Override
    void close();
}
