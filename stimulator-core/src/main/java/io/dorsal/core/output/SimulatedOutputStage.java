package io.dorsal.core.output;

import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.core.therapy.ContactId;
import java.util.ArrayList;
import java.util.List;

/**
 * An output stage with no hardware: it keeps every phase it is given, so tests, the command line and the
 * programmer can see exactly what would have reached the electrodes. Allocates per phase (it is not the
 * real-time path). Thread safe.
 */
public final class SimulatedOutputStage implements OutputStage {

    private final List<DeliveredPhase> delivered = new ArrayList<>();
    private int safeCount;
    private int armCount;
    private int droppedWhileSafe;
    private boolean latchedSafe;

    @Override
    public synchronized void arm(PulseTable table) {
        armCount++;
        latchedSafe = false;
    }

    /** Keeps the phase, unless the stage was driven safe and not armed since: then it is dropped. */
    @Override
    public synchronized void onPhase(PhaseEvent event) {
        if (latchedSafe) {
            droppedWhileSafe++;
            return;
        }
        int channels = event.channelCount();
        List<ContactId> contacts = new ArrayList<>(channels);
        double[] currents = new double[channels];
        for (int c = 0; c < channels; c++) {
            contacts.add(event.table().contact(event.contact(c)));
            currents[c] = event.currentUa(c);
        }
        delivered.add(new DeliveredPhase(event.startNs(), event.durationNs(),
                event.table().programName(event.program()), event.kind(), contacts, currents));
    }

    /** Drives the outputs safe and latches: nothing is delivered until the next {@link #arm}. */
    @Override
    public synchronized void safe() {
        safeCount++;
        latchedSafe = true;
    }

    /** Every phase delivered so far, in order. */
    public synchronized List<DeliveredPhase> delivered() {
        return List.copyOf(delivered);
    }

    /** Whether the outputs are latched in their safe state. */
    public synchronized boolean isSafe() {
        return latchedSafe;
    }

    /** Phases that arrived while the stage was latched safe, and were not delivered. */
    public synchronized int droppedWhileSafe() {
        return droppedWhileSafe;
    }

    public synchronized int safeCount() {
        return safeCount;
    }

    public synchronized int armCount() {
        return armCount;
    }
}
