package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.lead;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's floor through the sink contract replays exactly what the scheduler emitted, in a ring. */
class RecordedPhasesTest {

    private final PulseTable table = PulseTable.compile(validated(therapy(List.of(lead("L1", 16, 6.0)),
            program("a").contact("L1.0", -100).contact("L1.1", 100).amplitudeMa(2.0).pulseWidthUs(200)
                    .tonic(100).active(20).build(),
            program("b").contact("L1.8", -100).contact("L1.9", 100).amplitudeMa(1.0).pulseWidthUs(50)
                    .highFrequency(1000).active(0, 2).build())));

    private static String describe(PhaseEvent e) {
        return e.startNs() + "/" + e.program() + "/" + e.phase() + "/" + e.opensPeriod() + "/" + e.amplitudeScale();
    }

    @Test
    void replaysTheSchedulersPhasesInOrderThenWrapsToTheFirst() {
        List<String> scheduled = new ArrayList<>();
        new PulseScheduler(table, 0).poll(Long.MAX_VALUE / 4, e -> scheduled.add(describe(e)), 64);
        RecordedPhases recorded = RecordedPhases.record(table, 64);

        List<String> replayed = new ArrayList<>();
        for (int i = 0; i < 65; i++) {
            recorded.emitNext(e -> replayed.add(describe(e)));
        }

        assertThat(replayed.subList(0, 64)).isEqualTo(scheduled);
        assertThat(replayed.get(64)).isEqualTo(scheduled.get(0));
    }

    @Test
    void refusesACountThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> RecordedPhases.record(table, 48))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("power of two");
        assertThatThrownBy(() -> RecordedPhases.record(table, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
