package io.dorsal.programmer.pump;

import io.dorsal.infusion.firmware.PumpStatus;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.infusion.refill.RefillCheck;
import java.util.Optional;

/**
 * The drug pump the workspace programs: the embedded simulated pump, or a pump a rig serves over the authenticated
 * link ({@code stimctl serve --pump}). Every change goes through the pump's own validator (on the rig for a rig's
 * pump); a refusal comes back in words and changes nothing. UI thread; a rig's calls are short loopback or LAN
 * round trips.
 */
public interface PumpDevice extends AutoCloseable {

    /** What the pump is, in words, for the workspace's heading. */
    String description();

    /** Whether the pump's time passes at a click (the embedded simulation), not on the wall clock. */
    boolean simulated();

    /** The prescription the pump runs. */
    Prescription prescription();

    /** The pump's state now (its clock brought up to date). */
    PumpStatus status();

    /** Reprograms without a refill; the refusal in words, empty when done. */
    Optional<String> reprogram(Prescription prescription);

    /**
     * Refills with the drawn-back volume measured (the pump checks it against what it expects before it fills); the
     * refusal in words, empty when done.
     */
    Optional<String> refill(Prescription prescription, double drawnMl);

    /** The patient's bolus request: given, or refused and why. */
    BolusAnswer bolus();

    /** The clinician's STOP: delivery suspended at once. */
    void suspend();

    void resume();

    /** The interrogation report, with the last refill check made in the workspace if any. */
    String interrogationReport(Optional<RefillCheck> lastRefill);

    /** Lets a simulated pump's time pass; nothing for a real one. */
    void advanceHours(double hours);

    @Override
    void close();

    /** A bolus request's answer, in words. */
    record BolusAnswer(boolean given, String words) {
    }
}
