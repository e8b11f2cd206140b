package io.dorsal.rig.runtime;

import java.util.Optional;

/**
 * What a run did.
 *
 * @param phases        phases delivered to the outputs
 * @param actions       timed pin actions executed (switch-on, switch-off, PWM change)
 * @param misses        actions later than the miss threshold
 * @param p50Us         median lateness of an action
 * @param p99Us         99th percentile
 * @param p999Us        99.9th percentile
 * @param maxUs         worst lateness
 * @param skippedPulses stimulation phases skipped because their predecessor was not yet off when they were due
 * @param stopReason    why the run ended: the duration, a stop request, or a fault
 * @param fault         the fault, if the run ended in one
 * @param pulses        stimulation pulses delivered (in the last train, when trains are counted)
 * @param trains        trains started by a trigger (0 without one)
 */
public record RunReport(long phases, long actions, long misses, double p50Us, double p99Us, double p999Us,
                        double maxUs, long skippedPulses, String stopReason, Optional<String> fault, long pulses,
                        long trains) {
}
