package io.dorsal.core.generator;

/** What the generator is doing, as a programmer shows it. */
public enum GeneratorMode {
    /** No therapy is being delivered. */
    OFF,
    /** Delivering, with at least one program still ramping up to its amplitude. */
    RAMPING,
    /** Delivering at the programmed amplitudes. */
    ON,
    /** Running, but every program is in the off-time of its cycling. */
    CYCLING_OFF,
    /** Stopped by a fault with every output in its safe state, until a clinician clears it. */
    FAULT
}
