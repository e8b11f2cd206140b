package io.dorsal.bench;

import io.dorsal.core.output.OutputStage;
import io.dorsal.core.schedule.PhaseEvent;
import io.dorsal.core.schedule.PulseTable;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cheapest honest consumer of a phase: it reads what identifies the phase (start, phase index, ramp scale)
 * and hands it to JMH's {@link Blackhole}, so that neither the scheduler's work nor the floor's array reads can
 * be optimised away. The scheduler and its floor feed the same consumer, so the difference between them is the
 * scheduler's own work. An output stage too, for the generator (arming does nothing).
 */
public final class EventConsumer implements OutputStage {

    private final Blackhole blackhole;

    public EventConsumer(Blackhole blackhole) {
        this.blackhole = blackhole;
    }

    @Override
    public void onPhase(PhaseEvent event) {
        accept(event.startNs(), event.phase(), event.amplitudeScale());
    }

    /** What the floor reads from its arrays. */
    public void accept(long startNs, int phase, double amplitudeScale) {
        blackhole.consume(startNs);
        blackhole.consume(phase);
        blackhole.consume(amplitudeScale);
    }

    @Override
    public void arm(PulseTable table) {
        blackhole.consume(table);
    }

    @Override
    public void safe() {
        // nothing to drive
    }
}
