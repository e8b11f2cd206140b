package io.dorsal.programmer.ecap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.ecap.PostureScript;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.programmer.model.Fixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The closed-loop workspace's view-model on the bundled therapy's low-back program (4 mA, 300 us, 50 Hz, 2 to 6 mA). */
class EcapModelTest {

    private final Fixture f = new Fixture();
    private final EcapModel ecap = new EcapModel(f.programmer());

    @Test
    void theBundledPostureDayIsTheExampleFile() throws Exception {
        assertThat(PostureScript.read(PostureDayExample.POSTURE_DAY).segments())
                .isEqualTo(PostureScript.read(Path.of("..", "examples", "posture-day.json")).segments());
        assertThat(PostureDayExample.POSTURE_DAY.strip())
                .isEqualTo(Files.readString(Path.of("..", "examples", "posture-day.json")).strip());
    }

    @Test
    void startsFromTheProgramsSeatedEcapAndTheFarthestQuietContacts() {
        // 4 mA at 300 us seated: (4 - 2.5 mA) x 40 uV/mA
        assertThat(ecap.targetUvProperty().get()).isEqualTo(60.0);
        assertThat(ecap.recordingCandidates()).extracting(ContactId::toString)
                .containsExactly("L1.0", "L1.4", "L1.5", "L1.6", "L1.7");
        assertThat(ecap.recordingAProperty().get()).hasToString("L1.7");
        assertThat(ecap.recordingBProperty().get()).hasToString("L1.6");
        assertThat(ecap.describeCurve(io.dorsal.core.ecap.Posture.SITTING))
                .isEqualTo("sitting: threshold 2.50 mA, slope 40 uV/mA");
        double[][] seated = ecap.growthCurve(io.dorsal.core.ecap.Posture.SITTING);
        assertThat(seated[0][seated[0].length - 1]).as("up to the patient maximum").isEqualTo(6.0);
    }

    @Test
    void theRunComparesBothLoopsAndClosedLoopStaysInsideThePatientRange() {
        ecap.run();

        assertThat(ecap.comparisonProperty().get()).isNotNull();
        assertThat(ecap.comparisonProperty().get().closedLoop().lowestMa()).isGreaterThanOrEqualTo(2.0);
        assertThat(ecap.comparisonProperty().get().closedLoop().highestMa()).isLessThanOrEqualTo(6.0);
        assertThat(ecap.messageProperty().get()).startsWith("In the window").contains("open loop", "closed loop");
    }

    @Test
    void aLoopTheRulesRefuseOrAnUnsafeDraftRunsNothingAndSaysWhy() {
        ecap.recordingAProperty().set(ContactId.parse("L1.2"));
        ecap.run();
        assertThat(ecap.comparisonProperty().get()).isNull();
        assertThat(ecap.messageProperty().get()).contains("L1.2 carries current", "closed loop");

        ecap.reset();
        f.programmer().fields().amplitudeMaProperty().set(9.0);
        ecap.run();
        assertThat(ecap.comparisonProperty().get()).isNull();
        assertThat(ecap.messageProperty().get()).startsWith("Make the draft safe first");
    }
}
