package io.dorsal.core.generator;

/**
 * One entry of the generator's event log.
 *
 * @param timeNs  when, on the generator's clock
 * @param kind    what kind of event
 * @param who     who caused it: {@code clinician}, {@code patient}, {@code generator} ...
 * @param message what happened, in words
 */
public record GeneratorEvent(long timeNs, Kind kind, String who, String message) {

    /** The kinds of events the generator logs. */
    public enum Kind {
        THERAPY_APPLIED, THERAPY_REJECTED, STARTED, STOPPED, STOP_ALL, FAULT, FAULT_CLEARED,
        AMPLITUDE_CHANGED, IMPEDANCE_CHECK, BATTERY_LOW, BATTERY_DEPLETED, PROGRAM_SET_SELECTED, CLOSED_LOOP
    }
}
