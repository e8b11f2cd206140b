package io.dorsal.programmer.link;

import io.dorsal.core.output.OutputStage;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.PulseTable;

/**
 * The embedded generator's output stage: it keeps no phase, only counts them (a session can run for hours at
 * 10 kHz, and keeping every phase would fill the heap). Latches safe like a real stage: phases that arrive
 * after {@link #safe()} and before the next {@link #arm} are dropped and counted.
 *
 * <p>{@link #onPhase} and {@link #arm} are called by the one poller thread; the counters are volatile so
 * that any thread reads them; {@link #safe()} may be called from any thread.
 */
public final class CountingOutputStage implements OutputStage {

    private volatile long phases;
    private volatile long stimPhases;
    private volatile long droppedWhileSafe;
    private volatile long lastPhaseEndNs = Long.MIN_VALUE;
    private volatile long arms;
    private volatile boolean safe = true;
    private volatile long safeCount;

    @Override
    public void arm(PulseTable table) {
        arms++;
        safe = false;
    }

    @Override
    public void onPhase(PhaseEvent event) {
        if (safe) {
            droppedWhileSafe++;
            return;
        }
        phases++;
        if (event.kind() == PhaseKind.STIM) {
            stimPhases++;
        }
        lastPhaseEndNs = event.endNs();
    }

    @Override
    public synchronized void safe() {
        safe = true;
        safeCount++;
    }

    /** Phases delivered since the stage was made. */
    public long phases() {
        return phases;
    }

    /** Stimulation phases delivered (one a pulse). */
    public long stimPhases() {
        return stimPhases;
    }

    public long droppedWhileSafe() {
        return droppedWhileSafe;
    }

    /** End of the last delivered phase on the generator's clock, or {@link Long#MIN_VALUE}. */
    public long lastPhaseEndNs() {
        return lastPhaseEndNs;
    }

    public long arms() {
        return arms;
    }

    /** Whether the outputs are latched safe (also before the first arm). */
    public boolean isSafe() {
        return safe;
    }

    public long safeCount() {
        return safeCount;
    }
}
