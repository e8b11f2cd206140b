package io.dorsal.core.ecap;

import static io.dorsal.testing.Generators.doubleBetween;
import static io.dorsal.testing.Generators.intBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.testing.Cases;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The cord's growth curve, the posture script's distances, and the controller's bounds (issue 15, items 1 and 2). */
class EcapModelTest {

    private static final SpinalCordResponse CORD = SpinalCordResponse.TYPICAL;

    @Test
    void theGrowthCurveStartsAtTheStrengthDurationThresholdGrowsLinearlyAndSaturates() {
        // 300 us at the reference distance: rheobase 1.5 mA x (1 + 200 / 300) = 2.5 mA
        assertThat(CORD.thresholdMa(300, 3.5)).isCloseTo(2.5, within(1e-12));
        assertThat(CORD.ecapUv(2.5, 300, 3.5)).isZero();
        assertThat(CORD.ecapUv(2.4, 300, 3.5)).isZero();
        assertThat(CORD.ecapUv(3.5, 300, 3.5)).isCloseTo(40.0, within(1e-9));
        assertThat(CORD.ecapUv(25, 300, 3.5)).isEqualTo(400.0);
        // a longer pulse needs less current
        assertThat(CORD.thresholdMa(1_000, 3.5)).isLessThan(CORD.thresholdMa(300, 3.5));
    }

    @Test
    void aCordNearerTheLeadHasALowerThresholdAndASteeperSlope() {
        double supine = Posture.SUPINE.distanceMm();
        double standing = Posture.STANDING.distanceMm();

        assertThat(CORD.thresholdMa(300, supine)).isLessThan(CORD.thresholdMa(300, 3.5))
                .isLessThan(CORD.thresholdMa(300, standing));
        assertThat(CORD.slopeUvPerMa(supine)).isGreaterThan(CORD.slopeUvPerMa(standing));
        // the same 3 mA: several times the seated ECAP lying down, none standing
        assertThat(CORD.ecapUv(3.0, 300, supine)).isGreaterThan(5 * CORD.ecapUv(3.0, 300, 3.5));
        assertThat(CORD.ecapUv(3.0, 300, standing)).isZero();
    }

    @Test
    void theScriptGivesEachPostureItsDistanceWithTransitionsWalkingAndCoughs() throws IOException {
        PostureScript s = PostureScript.read("""
                {"transitionS": 1.0, "segments": [{"posture": "sitting", "durationS": 10},
                  {"posture": "supine", "durationS": 10}, {"posture": "walking", "durationS": 10}],
                 "coughsAtS": [5.0], "lostS": [[12.0, 13.0]]}""");

        assertThat(s.durationS()).isEqualTo(30.0);
        assertThat(s.distanceMm(2.0)).isEqualTo(3.5);
        assertThat(s.distanceMm(10.5)).as("halfway from sitting to supine").isCloseTo(3.0, within(1e-9));
        assertThat(s.distanceMm(15.0)).isEqualTo(2.5);
        assertThat(s.distanceMm(5.2)).as("the cough's peak").isCloseTo(2.0, within(1e-9));
        for (double t = 21.0; t < 30; t += 0.05) {
            assertThat(s.distanceMm(t)).isBetween(3.7 - 1e-9, 4.3 + 1e-9);
        }
        assertThat(s.postureAt(25)).isEqualTo(Posture.WALKING);
        assertThat(s.lostAt(12.5)).isTrue();
        assertThat(s.lostAt(13.0)).isFalse();
    }

    @Test
    void aScriptThatCannotBeReadSaysWhyInOneLine() {
        assertThatThrownBy(() -> PostureScript.read("{\"segments\": [{\"posture\": \"flying\", \"durationS\": 1}]}"))
                .isInstanceOf(IOException.class).hasMessageStartingWith("posture script:").hasMessageContaining("flying");
        assertThatThrownBy(() -> PostureScript.read("{\"segments\": [{\"posture\": \"sitting\", \"durationS\": -1}]}"))
                .isInstanceOf(IOException.class).hasMessageContaining("lasts 0 to 86400 s");
        assertThatThrownBy(() -> PostureScript.read("{\"segments\": []}"))
                .isInstanceOf(IOException.class).hasMessageContaining("at least one segment");
    }

    @Test
    void theControllerRisesByTheStepAtMostFallsAtOnceStaysInTheEnvelopeAndHoldsWhenTheSignalIsLost() {
        EcapController c = new EcapController(20, 0.25, 40, 1.0, 4.0, 0.1);

        assertThat(c.nextMa(3.0, 0)).as("a rise of 0.125 mA wanted: 0.1 allowed").isCloseTo(3.1, within(1e-12));
        assertThat(c.nextMa(3.0, 180)).as("a fall of 1 mA acts at once").isCloseTo(2.0, within(1e-12));
        assertThat(c.nextMa(1.1, 400)).as("never below the envelope").isEqualTo(1.0);
        assertThat(c.nextMa(3.95, 0)).as("never above it").isEqualTo(4.0);
        assertThat(c.nextMa(2.7, Double.NaN)).as("lost: open loop at the last current").isEqualTo(2.7);
    }

    /** A generated day: 1 to 6 segments of any posture, coughs, a lost window, a seed for the noise. */
    record Day(PostureScript script, long seed, double startMa) {
    }

    private static Day draw(RandomGenerator r) {
        List<PostureScript.Segment> segments = new ArrayList<>();
        for (int i = intBetween(r, 1, 6); i > 0; i--) {
            segments.add(new PostureScript.Segment(Posture.values()[r.nextInt(Posture.values().length)],
                    doubleBetween(r, 0.5, 8, 2)));
        }
        double length = segments.stream().mapToDouble(PostureScript.Segment::durationS).sum();
        double lostFrom = doubleBetween(r, 0, length, 2);
        return new Day(new PostureScript(doubleBetween(r, 0, 2, 2), segments, List.of(doubleBetween(r, 0, length, 2)),
                List.of(new double[] {lostFrom, lostFrom + doubleBetween(r, 0.01, 1, 2)})), r.nextLong(),
                doubleBetween(r, 1.0, 4.0, 2));
    }

    @TestFactory
    Stream<DynamicTest> theLoopNeverLeavesTheProvenEnvelopeNorRisesFasterThanTheStep() {
        EcapController c = new EcapController(20, 0.25, 40, 1.0, 4.0, 0.1);
        return Cases.of(EcapModelTest::draw).count(100).check(d -> {
            LoopRun run = LoopRun.run(CORD, d.script(), 50, 300, d.startMa(), c, d.seed());
            int lostInRow = 0;
            for (int k = 1; k < run.pulses(); k++) {
                assertThat(run.currentMa(k)).isBetween(1.0, 4.0);
                assertThat(run.currentMa(k) - run.currentMa(k - 1)).as("pulse %d", k).isLessThanOrEqualTo(0.1 + 1e-12);
                lostInRow = Double.isNaN(run.measuredUv(k - 1)) ? lostInRow + 1 : 0;
                if (lostInRow > 0 && lostInRow < EcapController.FALLBACK_AFTER_PULSES) {
                    assertThat(run.currentMa(k)).as("lost at pulse %d: held", k - 1).isEqualTo(run.currentMa(k - 1));
                } else if (lostInRow >= EcapController.FALLBACK_AFTER_PULSES) {
                    // open loop: towards the start (programmed) amplitude, never away from it
                    assertThat(Math.abs(run.currentMa(k) - d.startMa()))
                            .as("lost %d in a row at pulse %d: back towards %s mA", lostInRow, k - 1, d.startMa())
                            .isLessThanOrEqualTo(Math.abs(run.currentMa(k - 1) - d.startMa()) + 1e-12);
                }
            }
        });
    }

    @Test
    void withAConstantPostureTheLoopSettlesOnTheTarget() {
        PostureScript still = new PostureScript(0, List.of(new PostureScript.Segment(Posture.SUPINE, 20)), List.of(),
                List.of());
        EcapController c = new EcapController(20, 0.25, 40, 1.0, 4.0, 0.1);

        LoopRun run = LoopRun.run(CORD, still, 50, 300, 3.0, c, 7);

        // the last 5 s: the evoked ECAP within the recording noise of the target
        double sum = 0;
        int n = 0;
        for (int k = run.pulses() - 250; k < run.pulses(); k++) {
            sum += run.evokedUv(k);
            n++;
        }
        assertThat(sum / n).isCloseTo(20.0, within(LoopRun.NOISE_UV));
    }
}
