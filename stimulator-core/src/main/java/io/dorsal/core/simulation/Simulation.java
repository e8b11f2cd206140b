package io.dorsal.core.simulation;

import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.BatteryModel;
import io.dorsal.core.generator.EventLog;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.OutputStage;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.time.VirtualClock;
import java.util.function.Consumer;

/**
 * Runs a validated therapy on a {@link PulseGenerator} driven by a virtual clock from t = 0, as the rig's
 * runner would drive it in real time: the clock advances one tick at a time and the generator emits every
 * phase due. Ramps and cycling are included; every phase that starts before the end is delivered whole.
 */
public final class Simulation {

    /** How far the virtual clock moves between two polls of the generator. */
    public static final long TICK_NS = 1_000_000L;
    /** How often the generator's housekeeping (battery) runs. */
    public static final long HOUSEKEEPING_NS = 1_000_000_000L;

    private Simulation() {
    }

    /**
     * Delivers every phase that starts in [0, durationNs) to {@code stage}, in time order.
     *
     * @return the generator after the run, for its status and event log
     */
    public static PulseGenerator run(ValidatedTherapy therapy, long durationNs, OutputStage stage) {
        return run(therapy, durationNs, stage, generator -> { });
    }

    /**
     * As {@link #run(ValidatedTherapy, long, OutputStage)}, with {@code beforeStart} given the generator once the
     * therapy is loaded and before it starts (to close a loop on it, say).
     */
    public static PulseGenerator run(ValidatedTherapy therapy, long durationNs, OutputStage stage,
                                     Consumer<PulseGenerator> beforeStart) {
        if (durationNs <= 0) {
            throw new IllegalArgumentException("a simulation lasts longer than 0 ns: " + durationNs);
        }
        VirtualClock clock = new VirtualClock(0);
        PulseGenerator generator = new PulseGenerator(clock, stage, BatteryModel.DEFAULT, new EventLog());
        ApplyResult loaded = generator.apply(therapy.therapy(), "simulation");
        if (!loaded.applied()) {
            throw new IllegalStateException("a validated therapy was refused: " + loaded);
        }
        beforeStart.accept(generator);
        generator.start("simulation");
        long lastNs = durationNs - 1;
        long nextHousekeepingNs = HOUSEKEEPING_NS;
        for (long now = 0; ; now = Math.min(now + TICK_NS, lastNs)) {
            clock.setNs(now);
            generator.poll(now, Integer.MAX_VALUE);
            if (now >= nextHousekeepingNs) {
                generator.housekeeping();
                nextHousekeepingNs += HOUSEKEEPING_NS;
            }
            if (now == lastNs) {
                break;
            }
        }
        return generator;
    }
}
