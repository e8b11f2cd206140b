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

/** The editor's program sets with examples/program-sets.json: every set in words, and the clinician's switch. */
class ProgramSetsModelTest {

    private final EmbeddedLink link = EmbeddedLink.manual(new VirtualClock(0));
    private final Session session;

    ProgramSetsModelTest() throws Exception {
        TherapySets sets = ProgramCodec.readSets(Path.of("..", "examples", "program-sets.json"));
        assertThat(link.applySets(sets, "test").join().applied()).isTrue();
        link.start("test").join();
        session = new Session(link, Runnable::run, Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC),
                "dr-test", sets.active());
    }

    @Test
    void everySetIsListedWithWhatRunsAndWhatThePatientMayChoose() {
        ProgramSetsModel sets = session.programSets();

        assertThat(sets.presentProperty().get()).isTrue();
        assertThat(sets.names()).containsExactly("day", "night", "trial");
        assertThat(sets.chosenProperty().get()).isEqualTo("day");
        assertThat(sets.summaryProperty().get()).isEqualTo("day (running, patient may choose): low-back, left-leg;"
                + " night (patient may choose): night-burst; trial (clinician only): low-back");
    }

    @Test
    void theClinicianRunsASetThePatientMayNotChoose() {
        ProgramSetsModel sets = session.programSets();
        sets.chosenProperty().set("trial");

        sets.activate();

        assertThat(link.programSets().join().orElseThrow().activeSet()).isEqualTo("trial");
        assertThat(sets.summaryProperty().get()).startsWith("day (patient may choose)").contains("trial (running)");
        assertThat(sets.messageProperty().get()).isEmpty();
        assertThat(session.log().entries()).anySatisfy(e -> {
            assertThat(e.who()).isEqualTo("dr-test");
            assertThat(e.action()).isEqualTo("program set");
            assertThat(e.before()).isEqualTo("day");
            assertThat(e.after()).isEqualTo("trial");
        });
        assertThat(session.patient().activeSetProperty().get()).isEqualTo("Program set: trial");
    }

    @Test
    void aTherapyWithoutSetsShowsNone() {
        assertThat(new Fixture().session.programSets().presentProperty().get()).isFalse();
    }
}
