package io.dorsal.infusion.firmware;

import java.util.Set;

/**
 * What an interrogation reads from the pump.
 *
 * @param timeMs          the pump's time, in milliseconds
 * @param reservoirUl     the volume the pump computes is left, in microlitres
 * @param deliveredUl     volume delivered since the last fill, in microlitres
 * @param drugUg          drug delivered since the last fill, in micrograms
 * @param rateUlPerDay    the flow right now, in microlitres a day
 * @param batteryFraction battery left, from 1 (new) to 0
 * @param alarms          the active alarms
 * @param delivering      whether the pump delivers (not stopped by the mode, an alarm, MRI or a suspend)
 * @param suspended       stopped by the clinician's STOP
 * @param inMri           in an MRI scanner's field right now
 */
public record PumpStatus(long timeMs, double reservoirUl, double deliveredUl, double drugUg, double rateUlPerDay,
                         double batteryFraction, Set<PumpAlarm> alarms, boolean delivering, boolean suspended,
                         boolean inMri) {
    public PumpStatus {
        alarms = Set.copyOf(alarms);
    }
}
