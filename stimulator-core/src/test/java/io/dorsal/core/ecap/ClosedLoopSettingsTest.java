package io.dorsal.core.ecap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.Therapy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A program file's closed loop (issue 15, item 2): read strictly, refused with its field and rule when it cannot run. */
class ClosedLoopSettingsTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "closed-loop-tonic.json");

    private static String withLoop(String loop) throws Exception {
        return Files.readString(EXAMPLE).replaceAll("(?s)\"closedLoop\": \\{[^}]*}", "\"closedLoop\": " + loop);
    }

    private static List<Violation> problems(String loop) throws Exception {
        String json = withLoop(loop);
        Therapy therapy = ProgramCodec.read(json);
        return ProgramCodec.readClosedLoop(json).orElseThrow().problems(therapy);
    }

    @Test
    void theExampleDeclaresALoopThatCanRun() throws Exception {
        ClosedLoopSettings loop = ProgramCodec.readClosedLoop(EXAMPLE).orElseThrow();

        assertThat(loop.program()).isEqualTo("tonic");
        assertThat(loop.recordingContacts()).extracting(Object::toString).containsExactly("L1.6", "L1.7");
        assertThat(loop.targetUv()).isEqualTo(25.0);
        assertThat(loop.problems(ProgramCodec.read(EXAMPLE))).isEmpty();
        assertThat(ProgramCodec.readClosedLoop(Path.of("..", "examples", "rig-tonic.json"))).isEmpty();
    }

    @Test
    void eachRuleOfTheLoopIsRefusedWithItsFieldAtAndPastItsEdge() throws Exception {
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.2\"], \"targetUv\": 25}"))
                .singleElement().satisfies(v -> {
                    assertThat(v.rule()).isEqualTo(SafetyRule.CLOSED_LOOP);
                    assertThat(v.message()).contains("recordingContacts", "L1.2 carries current in 'tonic'");
                });
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L2.6\"], \"targetUv\": 25}"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("a contact of lead L1"));
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.5\", \"L1.6\", \"L1.7\"],"
                + " \"targetUv\": 25}")).singleElement().satisfies(v -> assertThat(v.message()).contains("3 contact(s)"));
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.6\"], \"targetUv\": 400}"))
                .isEmpty();
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.6\"], \"targetUv\": 400.5}"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("targetUv", "at most 400 uV"));
        assertThat(problems("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.6\"], \"targetUv\": 0}"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("above 0"));
        assertThat(problems("{\"program\": \"other\", \"recordingContacts\": [\"L1.6\"], \"targetUv\": 25}"))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("one of the file's programs"));
    }

    @Test
    void aLoopWithoutAPatientRangeHasNoEnvelopeToMoveIn() throws Exception {
        String json = withLoop("{\"program\": \"tonic\", \"recordingContacts\": [\"L1.6\"], \"targetUv\": 25}")
                .replaceAll(",\\s*\"patientRange\": \\{[^}]*}", "");

        assertThat(ProgramCodec.readClosedLoop(json).orElseThrow().problems(ProgramCodec.read(json)))
                .singleElement().satisfies(v -> assertThat(v.message()).contains("has no patientRange"));
    }

    @Test
    void aMalformedLoopIsAFileProblemWithItsPlace() {
        assertThatThrownBy(() -> ProgramCodec.readClosedLoop(withLoop("{\"program\": \"tonic\", \"targetUv\": 25}")))
                .isInstanceOf(ProgramFileException.class).hasMessageContaining("recordingContacts");
        assertThatThrownBy(() -> ProgramCodec.readClosedLoop(withLoop(
                "{\"program\": \"tonic\", \"recordingContacts\": [\"X9\"], \"targetUv\": 25}")))
                .isInstanceOf(ProgramFileException.class);
    }
}
