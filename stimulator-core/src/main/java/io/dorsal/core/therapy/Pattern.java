package io.dorsal.core.therapy;

/** How a program's pulses fall in time. */
public sealed interface Pattern {

    /** Pulses at a fixed rate (2 to 1,200 Hz by default). */
    record Tonic(int rateHz) implements Pattern {
    }

    /** Tonic pulses at kilohertz rates (10 kHz therapy: short pulses, low amplitude). */
    record HighFrequency(int rateHz) implements Pattern {
    }

    /**
     * Bursts of pulses (BurstDR: 40 bursts a second of 5 pulses at 500 Hz).
     *
     * @param pulsesPerBurst   pulses in one burst
     * @param intraBurstRateHz rate of the pulses inside a burst
     * @param burstRateHz      bursts a second
     */
    record Burst(int pulsesPerBurst, int intraBurstRateHz, int burstRateHz) implements Pattern {
    }

    /** The name a program file uses for this pattern. */
    default String typeName() {
        return switch (this) {
            case Tonic t -> "tonic";
            case HighFrequency h -> "highFrequency";
            case Burst b -> "burst";
        };
    }
}
