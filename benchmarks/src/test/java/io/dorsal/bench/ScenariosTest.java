package io.dorsal.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.schedule.PulseTable;
import io.dorsal.rig.runtime.RigRun;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The benchmarks measure what the generator would really run: every scenario passes the validator. */
class ScenariosTest {

    @ParameterizedTest
    @ValueSource(strings = {"tonic50", "hf10k", "burst", "four32"})
    void everyScenarioIsSafe(String scenario) {
        ValidatedTherapy therapy = Scenarios.validated(Scenarios.json(scenario));

        assertThat(PulseTable.compile(therapy).programCount()).isPositive();
    }

    @Test
    void fourProgramsDriveAllThirtyTwoContacts() {
        PulseTable table = PulseTable.compile(Scenarios.validated(Scenarios.FOUR_PROGRAMS));

        Set<Integer> contacts = new HashSet<>();
        for (int p = 0; p < table.programCount(); p++) {
            for (int c = 0; c < table.channelCount(p); c++) {
                contacts.add(table.channelContact(p, c));
            }
        }
        assertThat(table.programCount()).isEqualTo(4);
        assertThat(contacts).hasSize(32);
    }

    @Test
    void theRigRendersTheTherapiesItsBenchmarksRun() {
        assertThat(RigRun.renderProblems(Scenarios.validated(Scenarios.TONIC), Scenarios.rigPins())).isEmpty();
        assertThat(RigRun.renderProblems(Scenarios.validated(Scenarios.HIGH_FREQUENCY), Scenarios.rigPins()))
                .isEmpty();
    }
}
