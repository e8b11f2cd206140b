package io.dorsal.infusion.firmware;

/**
 * One entry of the pump's event log.
 *
 * @param timeMs      when, on the pump's clock, in milliseconds
 * @param name        what: {@code bolus}, {@code bolus_refused}, {@code alarm_low_reservoir}, {@code stopped} ...
 * @param volumeUl    volume the event concerns (a bolus's volume), in microlitres; 0 when none
 * @param drugUg      drug the event concerns, in micrograms; 0 when none
 * @param reservoirUl the reservoir at that moment, in microlitres
 * @param detail      a few words more, or empty
 */
public record PumpEvent(long timeMs, String name, double volumeUl, double drugUg, double reservoirUl, String detail) {
}
