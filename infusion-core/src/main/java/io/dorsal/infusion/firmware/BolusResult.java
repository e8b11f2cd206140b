package io.dorsal.infusion.firmware;

/** The pump's answer to a patient's bolus request. */
public sealed interface BolusResult {

    /** Given: {@code volumeUl} until {@code endsAtMs}. */
    record Given(double volumeUl, double drugUg, long endsAtMs) implements BolusResult {
    }

    /** Refused, with why and, when waiting helps, when the next may be given ({@code Long.MAX_VALUE} when not). */
    record Refused(String reason, long nextAllowedAtMs) implements BolusResult {
    }
}
