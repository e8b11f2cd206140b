package io.dorsal.core.ecap;

import static io.dorsal.testing.Generators.doubleBetween;
import static io.dorsal.testing.Generators.intBetween;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.generator.ApplyResult;
import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.simulation.Simulation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The closed loop on the generator's real-time path (issue 15, item 2): after each pulse of the loop's program the
 * generator reads the ECAP the simulated cord gives and sets the next period's current, inside the patient range the
 * validator proved, rising by at most the amplitude-step rule, charge balanced, falling back to the programmed
 * amplitude when the recording is lost for long, with events. Runs on the virtual clock ({@link Simulation}).
 */
class GeneratorClosedLoopTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final SpinalCordResponse CORD = SpinalCordResponse.TYPICAL;
    private static final double SLOPE_SEATED = CORD.slopeUvPerMa(Posture.SITTING.distanceMm());

    /** examples/closed-loop-tonic.json (3 mA, 300 us, 50 Hz, patient range 1 to 4 mA, target 25 uV), its ramp as given. */
    private static String example(double rampS) throws Exception {
        return Files.readString(EXAMPLES.resolve("closed-loop-tonic.json")).replace("\"rampS\": 1", "\"rampS\": " + rampS);
    }

    private static ValidatedTherapy validated(String json) throws Exception {
        return ((Validation.Safe) new SafetyValidator().validate(ProgramCodec.read(json))).therapy();
    }

    /** The loop's program's stimulation current per period, mA (the cathode's magnitude), in time order. */
    private static List<Double> stimulationMa(List<DeliveredPhase> delivered) {
        List<Double> out = new ArrayList<>();
        for (DeliveredPhase p : delivered) {
            if (p.kind() == PhaseKind.STIM && p.program().equals("tonic")) {
                out.add(-cathodicUa(p) / 1000);
            }
        }
        return out;
    }

    private static double cathodicUa(DeliveredPhase p) {
        double least = 0;
        for (double ua : p.currentsUa()) {
            least = Math.min(least, ua);
        }
        return least;
    }

    private static PulseGenerator closedRun(String json, PostureScript script, long seed, double seconds,
                                            SimulatedOutputStage stage) throws Exception {
        ValidatedTherapy therapy = validated(json);
        ClosedLoopSettings settings = ProgramCodec.readClosedLoop(json).orElseThrow();
        return Simulation.run(therapy, (long) (seconds * 1e9), stage, g -> {
            ApplyResult closed = g.closeLoop(settings, SLOPE_SEATED,
                    new SimulatedCord(CORD, script, 300, 0, seed), "clinician");
            assertThat(closed.applied()).as(closed.toString()).isTrue();
        });
    }

    @Test
    void theGeneratorDeliversPulseByPulseTheCurrentsTheOfflineLoopChoosesOnTheSameDayAndSeed() throws Exception {
        PostureScript day = PostureScript.read(EXAMPLES.resolve("posture-day.json"));
        SimulatedOutputStage stage = new SimulatedOutputStage();

        closedRun(example(0), day, 42, day.durationS(), stage);

        EcapController controller = new EcapController(25, EcapController.GAIN, SLOPE_SEATED, 1.0, 4.0, 0.1);
        LoopRun offline = LoopRun.run(CORD, day, 50, 300, 3.0, controller, 42);
        List<Double> delivered = stimulationMa(stage.delivered());
        assertThat(delivered).hasSize(offline.pulses());
        for (int k = 0; k < delivered.size(); k++) {
            assertThat(delivered.get(k)).as("pulse %d", k).isCloseTo(offline.currentMa(k), within(1e-9));
        }
        // and the loop did work: the current moved over most of its range through the day
        assertThat(offline.highestMa() - offline.lowestMa()).isGreaterThan(1.5);
    }

    @Test
    void everyPeriodOfTheLoopStaysChargeBalancedOnEveryContact() throws Exception {
        PostureScript day = PostureScript.read(EXAMPLES.resolve("posture-day.json"));
        SimulatedOutputStage stage = new SimulatedOutputStage();

        closedRun(example(1), day, 3, 30, stage);

        List<DeliveredPhase> tonic = stage.delivered().stream().filter(p -> p.program().equals("tonic")).toList();
        assertThat(tonic).hasSizeGreaterThan(2_000);
        for (int i = 0; i + 1 < tonic.size(); i += 2) {
            DeliveredPhase stim = tonic.get(i);
            DeliveredPhase recharge = tonic.get(i + 1);
            assertThat(stim.kind()).isEqualTo(PhaseKind.STIM);
            assertThat(recharge.kind()).isEqualTo(PhaseKind.RECHARGE);
            for (int c = 0; c < stim.contacts().size(); c++) {
                ContactId contact = stim.contacts().get(c);
                double stimPc = stim.currentsUa()[c] * stim.durationNs() / 1000.0;
                double rechargePc = recharge.currentsUa()[recharge.contacts().indexOf(contact)] * recharge.durationNs()
                        / 1000.0;
                assertThat(stimPc + rechargePc).as("period at %d ns, %s", stim.startNs(), contact)
                        .isCloseTo(0.0, within(1e-6));
            }
        }
    }

    @Test
    void theSoftStartRampsAsProgrammedAndTheLoopTakesOverAtTheProgrammedAmplitude() throws Exception {
        PostureScript supine = new PostureScript(0, List.of(new PostureScript.Segment(Posture.SUPINE, 10)), List.of(),
                List.of());
        SimulatedOutputStage stage = new SimulatedOutputStage();

        closedRun(example(1), supine, 1, 3, stage);

        List<Double> ma = stimulationMa(stage.delivered());
        // 1 s ramp at 50 Hz: the first 50 pulses rise towards 3 mA, untouched by the loop
        for (int k = 1; k < 50; k++) {
            assertThat(ma.get(k)).as("ramp pulse %d", k).isGreaterThanOrEqualTo(ma.get(k - 1)).isLessThan(3.0);
        }
        assertThat(ma.get(50)).as("the first full pulse: the programmed amplitude").isCloseTo(3.0, within(1e-9));
        // supine, 3 mA evokes far above 25 uV: the loop lowers the current
        assertThat(ma.get(ma.size() - 1)).isLessThan(2.5);
    }

    @Test
    void withAConstantPostureTheDeliveredDoseSettlesOnTheTarget() throws Exception {
        for (Posture posture : List.of(Posture.SITTING, Posture.SUPINE)) {
            PostureScript still = new PostureScript(0, List.of(new PostureScript.Segment(posture, 20)), List.of(),
                    List.of());
            SimulatedOutputStage stage = new SimulatedOutputStage();

            closedRun(example(0), still, 11, 20, stage);

            List<Double> ma = stimulationMa(stage.delivered());
            double sum = 0;
            int n = 0;
            for (int k = ma.size() - 250; k < ma.size(); k++) {
                sum += CORD.ecapUv(ma.get(k), 300, posture.distanceMm());
                n++;
            }
            assertThat(sum / n).as(posture.name()).isCloseTo(25.0, within(SimulatedCord.NOISE_UV));
        }
    }

    @Test
    void aLostRecordingHoldsTheCurrentThenFallsBackToTheProgrammedAmplitudeAndBothAreLogged() throws Exception {
        // supine: the loop holds a current well below the programmed 3 mA; the recording is lost from 5 to 7 s
        PostureScript lost = new PostureScript(0, List.of(new PostureScript.Segment(Posture.SUPINE, 12)), List.of(),
                List.of(new double[] {5.0, 7.0}));
        SimulatedOutputStage stage = new SimulatedOutputStage();

        PulseGenerator generator = closedRun(example(0), lost, 5, 12, stage);

        List<Double> ma = stimulationMa(stage.delivered());
        double held = ma.get(250);
        assertThat(held).isLessThan(2.0);
        // pulse 250 (5.00 s) is the first lost; its loss is read when pulse 251 opens: held for 9 more pulses
        for (int k = 251; k <= 259; k++) {
            assertThat(ma.get(k)).as("held, pulse %d", k).isEqualTo(ma.get(k - 1));
        }
        assertThat(ma.get(260)).as("the tenth loss in a row: back up by the step").isCloseTo(held + 0.1, within(1e-9));
        assertThat(ma.get(349)).as("open loop: the programmed amplitude, reached by steps").isCloseTo(3.0, within(1e-9));
        assertThat(ma.get(ma.size() - 1)).as("the signal back: closed loop again, low").isLessThan(2.0);
        List<String> messages = generator.log().entries().stream()
                .filter(e -> e.kind() == GeneratorEvent.Kind.CLOSED_LOOP).map(GeneratorEvent::message).toList();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0)).startsWith("closed loop on 'tonic': holds 25 uV");
        assertThat(messages.get(1)).startsWith("ECAP signal lost for 10 pulses or more: open loop");
        assertThat(messages.get(2)).startsWith("ECAP signal back: closed loop resumed");
    }

    @Test
    void settingsThatDoNotFitTheTherapyAreRefusedWithTheRuleAndTheLoopStaysOpen() throws Exception {
        ValidatedTherapy therapy = validated(example(0));
        PulseGenerator generator = new PulseGenerator(new io.dorsal.core.time.VirtualClock(0),
                new SimulatedOutputStage());
        generator.apply(therapy.therapy(), "clinician");
        SimulatedCord cord = new SimulatedCord(CORD, new PostureScript(0,
                List.of(new PostureScript.Segment(Posture.SITTING, 1)), List.of(), List.of()), 300, 0, 1);

        ApplyResult onACathode = generator.closeLoop(new ClosedLoopSettings("tonic",
                List.of(ContactId.parse("L1.2")), 25), SLOPE_SEATED, cord, "clinician");
        ApplyResult noSlope = generator.closeLoop(new ClosedLoopSettings("tonic",
                List.of(ContactId.parse("L1.6")), 25), 0, cord, "clinician");

        assertThat(onACathode).isInstanceOfSatisfying(ApplyResult.Rejected.class, r -> {
            assertThat(r.violations()).hasSize(1);
            assertThat(r.violations().get(0).rule()).isEqualTo(SafetyRule.CLOSED_LOOP);
            assertThat(r.violations().get(0).message()).contains("recordingContacts").contains("L1.2");
        });
        assertThat(noSlope).isInstanceOfSatisfying(ApplyResult.Rejected.class,
                r -> assertThat(r.violations().get(0).message()).contains("slopeUvPerMa"));
        assertThat(generator.closedLoop()).isEmpty();
    }

    @Test
    void aTherapyChangeTheSettingsNoLongerFitOpensTheLoopWithAnEvent() throws Exception {
        String json = example(0);
        ValidatedTherapy therapy = validated(json);
        PulseGenerator generator = new PulseGenerator(new io.dorsal.core.time.VirtualClock(0),
                new SimulatedOutputStage());
        generator.apply(therapy.therapy(), "clinician");
        generator.closeLoop(ProgramCodec.readClosedLoop(json).orElseThrow(), SLOPE_SEATED, new SimulatedCord(CORD,
                new PostureScript(0, List.of(new PostureScript.Segment(Posture.SITTING, 1)), List.of(), List.of()),
                300, 0, 1), "clinician");
        generator.start("clinician");
        assertThat(generator.closedLoopState()).isPresent();

        // the program now stimulates on the loop's recording contact L1.6
        Program p = therapy.therapy().programs().get(0);
        Program moved = ProgramCodec.read(json.replace("\"L1.3\": 100", "\"L1.6\": 100")).programs().get(0);
        assertThat(moved.electrodes()).isNotEqualTo(p.electrodes());
        ApplyResult applied = generator.apply(new Therapy(therapy.therapy().leads(), List.of(moved),
                therapy.therapy().limits()), "clinician");

        assertThat(applied.applied()).isTrue();
        assertThat(generator.closedLoop()).isEmpty();
        assertThat(generator.closedLoopState()).isEmpty();
        assertThat(generator.log().entries().stream().filter(e -> e.kind() == GeneratorEvent.Kind.CLOSED_LOOP)
                .toList().getLast().message()).startsWith("closed loop off:").contains("L1.6 carries current");
    }

    /** A generated day: 1 to 5 segments of any posture, coughs, a lost window, a seed, a target. */
    record Day(PostureScript script, long seed, int targetUv) {
    }

    private static Day draw(RandomGenerator r) {
        List<PostureScript.Segment> segments = new ArrayList<>();
        for (int i = intBetween(r, 1, 5); i > 0; i--) {
            segments.add(new PostureScript.Segment(Posture.values()[r.nextInt(Posture.values().length)],
                    doubleBetween(r, 0.5, 4, 2)));
        }
        double length = segments.stream().mapToDouble(PostureScript.Segment::durationS).sum();
        double lostFrom = doubleBetween(r, 0, length, 2);
        return new Day(new PostureScript(doubleBetween(r, 0, 2, 2), segments, List.of(doubleBetween(r, 0, length, 2)),
                List.of(new double[] {lostFrom, lostFrom + doubleBetween(r, 0.01, 1.5, 2)})), r.nextLong(),
                intBetween(r, 5, 120));
    }

    @TestFactory
    Stream<DynamicTest> theGeneratorsLoopNeverLeavesTheProvenEnvelopeNorRisesFasterThanTheStep() throws Exception {
        String base = example(0.5);
        return Cases.of(GeneratorClosedLoopTest::draw).count(40).check(d -> {
            String json = base.replace("\"targetUv\": 25", "\"targetUv\": " + d.targetUv());
            SimulatedOutputStage stage = new SimulatedOutputStage();
            closedRun(json, d.script(), d.seed(), d.script().durationS(), stage);
            List<Double> ma = stimulationMa(stage.delivered());
            assertThat(ma).isNotEmpty();
            for (int k = 0; k < ma.size(); k++) {
                assertThat(ma.get(k)).as("pulse %d", k).isBetween(0.0, 4.0 + 1e-9);
                if (k == 25) {
                    // the 0.5 s soft start (its own law: 25 steps to full) ends at the programmed amplitude
                    assertThat(ma.get(k)).as("the first full pulse").isCloseTo(3.0, within(1e-9));
                } else if (k > 25) {
                    // the loop's choices: inside the patient range, rising by the step at most
                    assertThat(ma.get(k)).as("pulse %d", k).isGreaterThanOrEqualTo(1.0 - 1e-9);
                    assertThat(ma.get(k) - ma.get(k - 1)).as("pulse %d", k).isLessThanOrEqualTo(0.1 + 1e-9);
                }
            }
        });
    }
}
