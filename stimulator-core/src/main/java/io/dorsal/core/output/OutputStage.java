package io.dorsal.core.output;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.schedule.PhaseSink;
import io.dorsal.core.schedule.PulseTable;
import java.util.List;

/**
 * Where phases become current: the simulated stage in core, the Pi4J stage on the rig. Phases arrive
 * through {@link #onPhase} on the real-time thread, in time order, ahead of or at their start time.
 */
public interface OutputStage extends PhaseSink {

    /**
     * Why this stage cannot deliver a safe therapy exactly as compiled (a rig with too few sources, say), one
     * violation per reason under {@link io.dorsal.core.safety.SafetyRule#OUTPUT_STAGE}; empty when it can. The
     * generator refuses such a therapy whole, as it refuses an unsafe one. Called off the real-time thread.
     */
    default List<Violation> cannotRender(ValidatedTherapy therapy) {
        return List.of();
    }

    /**
     * Prepares the outputs for a table before its first phase (the rig sets its sources' amplitudes here).
     * Called on the real-time thread at a period boundary.
     */
    void arm(PulseTable table);

    /**
     * Drives every output to its safe state at once: no current, every switch open, enable off. Called on a
     * fault, a stop-all or shutdown, from any thread; must not throw. The stage stays safe, delivering
     * nothing, until the next {@link #arm}.
     */
    void safe();
}
