package io.dorsal.programmer.ecap;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.ecap.Posture;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.programmer.model.Fixture;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The loop closed live on the embedded generator's simulated patient, on a virtual clock: it holds the dose through
 * the posture day's change from sitting to lying, stays in the patient's range, and opens again on request; a draft
 * not applied, or a loop the rules refuse, closes nothing.
 */
class LiveLoopTest {

    private final Fixture f = new Fixture();
    private final EcapModel ecap = new EcapModel(f.programmer());
    private final LiveLoop live = new LiveLoop(ecap, "dr-test");

    /** Runs the generator for {@code seconds}, sampling the loop every 250 ms as the view does. */
    private void runSampling(double seconds) {
        for (int i = 0; i < seconds * 4; i++) {
            f.run(250_000_000L);
            live.sample();
        }
    }

    private static double meanCurrent(List<LiveLoop.Sample> samples, double fromS, double toS) {
        return samples.stream().filter(s -> s.tS() >= fromS && s.tS() < toS).mapToDouble(LiveLoop.Sample::currentMa)
                .average().orElseThrow();
    }

    @Test
    void theLoopLowersTheCurrentWhenThePatientLiesDownAndStaysInTheirRange() {
        live.start();
        assertThat(live.runningProperty().get()).as(live.statusProperty().get()).isTrue();
        assertThat(f.link.closedLoopState().join()).isPresent();

        runSampling(40);

        List<LiveLoop.Sample> strip = live.samples();
        assertThat(strip.getFirst().tS()).as("the last 30 s kept").isGreaterThanOrEqualTo(40 - LiveLoop.WINDOW_S - 0.3);
        assertThat(strip).extracting(LiveLoop.Sample::posture).contains(Posture.SITTING, Posture.SUPINE);
        double sitting = meanCurrent(strip, 12, 19.5);
        double lying = meanCurrent(strip, 30, 39.5);
        assertThat(lying).as("lying, the cord is nearer: less current for the same ECAP").isLessThan(sitting - 0.2);
        assertThat(strip).allSatisfy(s -> assertThat(s.currentMa()).isBetween(2.0, 6.0));
        assertThat(live.statusProperty().get()).startsWith("Closed at 40.0 s, sitting: ").contains("target 60 uV");
    }

    @Test
    void openingTheLoopGivesTheProgramItsAmplitudeBack() {
        live.start();
        runSampling(25);

        live.stop();
        f.run(1_000_000_000L);

        assertThat(f.link.closedLoopState().join()).isEmpty();
        assertThat(live.runningProperty().get()).isFalse();
        int before = live.samples().size();
        live.sample();
        assertThat(live.samples()).as("nothing sampled while open").hasSize(before);
    }

    @Test
    void aDraftNotAppliedClosesNothing() {
        f.programmer().fields().amplitudeMaProperty().set(4.5);

        live.start();

        assertThat(live.runningProperty().get()).isFalse();
        assertThat(live.statusProperty().get()).isEqualTo("Apply the draft first: the loop runs on the therapy the"
                + " generator runs.");
        assertThat(f.link.closedLoopState().join()).isEmpty();
    }

    @Test
    void aRecordingContactThatStimulatesIsRefusedWithTheRule() {
        ecap.recordingAProperty().set(ContactId.parse("L1.2"));

        live.start();

        assertThat(live.runningProperty().get()).isFalse();
        assertThat(live.statusProperty().get()).startsWith("Not closed: ").contains("L1.2").contains("closed loop");
        assertThat(f.link.closedLoopState().join()).isEmpty();
    }
}
