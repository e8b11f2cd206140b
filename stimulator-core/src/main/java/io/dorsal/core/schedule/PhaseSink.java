package io.dorsal.core.schedule;

/** Receives the phases a scheduler emits, in time order. Called on the scheduler's thread. */
@FunctionalInterface
public interface PhaseSink {

    /**
     * One phase. The event is a reused flyweight: read it during the call, do not keep it.
     */
    void onPhase(PhaseEvent event);
}
