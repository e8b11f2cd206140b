package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.therapy.TherapySets;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.link.EmbeddedLink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The patient's remote with examples/program-sets.json on the embedded generator: switch among the allowed sets. */
class PatientSetsTest {

    private final VirtualClock clock = new VirtualClock(0);
    private final EmbeddedLink link = EmbeddedLink.manual(clock);
    private final PatientModel patient;
    private final Session session;

    PatientSetsTest() throws Exception {
        TherapySets sets = ProgramCodec.readSets(Path.of("..", "examples", "program-sets.json"));
        assertThat(link.applySets(sets, "test").join().applied()).isTrue();
        link.start("test").join();
        session = new Session(link, Runnable::run, Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC),
                "dr-test", sets.active());
        patient = session.patient();
    }

    @Test
    void listsTheSetsTheClinicianAllowedAndTheOneThatRuns() {
        assertThat(patient.hasSetsProperty().get()).isTrue();
        assertThat(patient.sets()).containsExactly("day", "night");
        assertThat(patient.activeSetProperty().get()).isEqualTo("Program set: day");
        assertThat(patient.setProperty().get()).isEqualTo("day");
        assertThat(patient.programs()).containsExactly("low-back", "left-leg");
    }

    @Test
    void switchesToAnotherSetAndShowsItsPrograms() {
        patient.setProperty().set("night");

        patient.switchSet();

        assertThat(patient.messageProperty().get()).isEmpty();
        assertThat(link.programSets().join().orElseThrow().activeSet()).isEqualTo("night");
        assertThat(patient.activeSetProperty().get()).isEqualTo("Program set: night");
        assertThat(patient.programs()).containsExactly("night-burst");
    }

    @Test
    void aGeneratorWithoutSetsShowsNoSetChoice() {
        Fixture plain = new Fixture();

        assertThat(plain.session.patient().hasSetsProperty().get()).isFalse();
        assertThat(plain.session.patient().sets()).isEmpty();
    }
}
