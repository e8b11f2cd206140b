package io.dorsal.core.schedule;

/**
 * One phase of a program's period.
 *
 * @param offsetUs      start from the start of the period
 * @param durationUs    length of the phase
 * @param kind          stimulation or recharge
 * @param currentFactor the phase's current as a multiple of the stimulation current (1 for a stimulation
 *                      phase, negative and at most 1 in size for recharge)
 */
public record PhaseSpec(long offsetUs, long durationUs, PhaseKind kind, double currentFactor) {

    public long endUs() {
        return offsetUs + durationUs;
    }
}
