package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.L2_4;
import static io.dorsal.core.generator.GeneratorBench.leftLeg;
import static io.dorsal.core.generator.GeneratorBench.leftLegOn;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.generator.GeneratorBench.stims;
import static io.dorsal.core.schedule.TimelineFixtures.NS_PER_S;
import static io.dorsal.core.schedule.TimelineFixtures.describe;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Changing therapy on a generator: a refused change touches nothing, an accepted one takes over at the end of the
 * period under way, and a change of contacts or pulse width starts that program again from zero with a ramp.
 */
class TherapyChangeTest {

    private static final ContactId L2_5 = ContactId.parse("L2.5");
    private static final ContactId L1_5 = ContactId.parse("L1.5");

    /** Per-contact charge (pC) of every phase given: zero on every contact when each period was delivered whole. */
    private static Map<ContactId, Double> chargePc(List<DeliveredPhase> phases) {
        Map<ContactId, Double> charge = new HashMap<>();
        for (DeliveredPhase phase : phases) {
            for (int c = 0; c < phase.contacts().size(); c++) {
                charge.merge(phase.contacts().get(c), phase.currentsUa()[c] * phase.durationNs() / 1000.0, Double::sum);
            }
        }
        return charge;
    }

    private static void assertBalanced(List<DeliveredPhase> phases) {
        assertThat(phases).isNotEmpty();
        chargePc(phases).forEach((contact, pc) -> assertThat(pc).as("charge left on %s", contact)
                .isCloseTo(0.0, within(1e-3)));
    }

    /** No pulse of a program comes sooner than one period after the one before it: no period was cut. */
    private static void assertNoPeriodCut(List<DeliveredPhase> stimsOfOneProgram, long periodNs) {
        for (int i = 1; i < stimsOfOneProgram.size(); i++) {
            assertThat(stimsOfOneProgram.get(i).startNs() - stimsOfOneProgram.get(i - 1).startNs())
                    .as("time from the pulse at %d ns to the next", stimsOfOneProgram.get(i - 1).startNs())
                    .isGreaterThanOrEqualTo(periodNs);
        }
    }

    @Nested
    class Refused {

        static Stream<Arguments> unsafeChanges() {
            Therapy example = readExample("two-programs.json");
            Program leftLeg = example.program("left-leg").orElseThrow();
            Program lowBack = example.program("low-back").orElseThrow();
            return Stream.of(
                    Arguments.of("amplitude above the device's 25.5 mA", example.withProgram(
                            leftLeg.withAmplitudeMa(30.0)), SafetyRule.AMPLITUDE),
                    Arguments.of("12 mA on one contact at 1000 us: 12 uC over 6 mm2 = 200 uC/cm2",
                            example.withProgram(new Program("left-leg", leftLeg.electrodes(), 12.0, 1000,
                                    leftLeg.pattern(), leftLeg.recharge(), 0, leftLeg.cycle(), leftLeg.patientRange())),
                            SafetyRule.CHARGE_DENSITY),
                    Arguments.of("a contact that is not on any lead", example.withProgram(new Program("low-back",
                            Map.of(ContactId.parse("L9.1"), -100, ContactId.CASE, 100), lowBack.amplitudeMa(),
                            lowBack.pulseWidthUs(), lowBack.pattern(), lowBack.recharge(), lowBack.rampS(),
                            lowBack.cycle(), lowBack.patientRange())), SafetyRule.CONTACTS));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unsafeChanges")
        void aRefusedChangeLeavesTheRunningTherapyExactlyAsItWas(String why, Therapy unsafe, SafetyRule rule) {
            Therapy example = readExample("two-programs.json");
            GeneratorBench changed = new GeneratorBench().running(example);
            GeneratorBench untouched = new GeneratorBench().running(example);
            changed.runTo(ms(23));
            untouched.runTo(ms(23));
            ValidatedTherapy before = changed.generator.therapy().orElseThrow();

            ApplyResult result = changed.generator.apply(unsafe, CLINICIAN);

            changed.runTo(ms(300));
            untouched.runTo(ms(300));
            assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
            assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule).contains(rule);
            assertThat(changed.generator.therapy()).containsSame(before);
            assertThat(describe(changed.delivered())).hasSizeGreaterThan(40)
                    .containsExactlyElementsOf(describe(untouched.delivered()));
            assertThat(changed.stage.armCount()).isEqualTo(untouched.stage.armCount());
        }

        @Test
        void aRefusedFirstTherapyLeavesTheGeneratorWithoutTherapy() {
            GeneratorBench bench = new GeneratorBench();

            ApplyResult result = bench.generator.apply(onLeads(leftLeg().amplitudeMa(30.0)), CLINICIAN);

            assertThat(result.applied()).isFalse();
            assertThat(bench.generator.therapy()).isEmpty();
            assertThat(bench.generator.start(CLINICIAN).applied()).isFalse();
        }
    }

    @Nested
    class TakingOver {

        @Test
        void anAmplitudeOnlyChangeOfOneStepTakesOverAtTheEndOfThePeriodAtItsNewAmplitudeAtOnce() {
            // left-leg: 10 ms periods, stim [0, 200) us and recharge [220, 420) us; changed to 2.6 mA at 5 ms: one
            // device step (maxAmplitudeIncreasePerPeriodMa, 0.1 mA), so no rise is needed
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(5));

            ApplyResult result = bench.generator.apply(onLeads(leftLeg().amplitudeMa(2.6)), CLINICIAN);
            bench.runTo(ms(39));

            assertThat(result.applied()).isTrue();
            List<DeliveredPhase> oldPeriod = bench.deliveredBefore(ms(10));
            assertThat(oldPeriod).extracting(DeliveredPhase::startNs).containsExactly(0L, us(220));
            assertThat(oldPeriod).allSatisfy(p -> assertThat(Math.abs(p.currentUa(L2_4))).isEqualTo(2500.0));
            List<DeliveredPhase> newStims = stims(bench.deliveredFrom(ms(10)));
            assertThat(newStims).isNotEmpty();
            assertThat(newStims.get(0).startNs()).isGreaterThanOrEqualTo(ms(10));
            assertThat(newStims).allSatisfy(p -> assertThat(p.currentUa(L2_4)).isEqualTo(-2600.0));
            assertNoPeriodCut(stims(bench.delivered()), ms(10));
            assertBalanced(bench.delivered());
        }

        @Test
        void aLargeIncreaseRisesByTheDeviceStepEachPeriodWhetherTheClinicianOrThePatientAsks() {
            // the clinician: 0.5 to 4.5 mA in one change. From the end of the period under way the amplitude
            // rises 0.1 mA a period (0.6, 0.7 ... 4.5 mA: 40 periods, 400 ms at 100 Hz), then stays
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg().amplitudeMa(0.5)));
            bench.runTo(ms(5));

            ApplyResult result = bench.generator.apply(onLeads(leftLeg().amplitudeMa(4.5)), CLINICIAN);
            bench.runTo(ms(499));

            assertThat(result.applied()).isTrue();
            assertThat(result.toString()).contains("'left-leg' rises from 0.5 mA by 0.1 mA a period");
            List<Double> amplitudesUa = stims(bench.deliveredFrom(ms(10))).stream()
                    .map(p -> -p.currentUa(L2_4)).toList();
            for (int k = 0; k < 40; k++) {
                assertThat(amplitudesUa.get(k)).as("period %d after the change", k)
                        .isCloseTo(600.0 + 100.0 * k, within(1e-6));
            }
            assertThat(amplitudesUa.subList(40, amplitudesUa.size())).isNotEmpty().allSatisfy(ua ->
                    assertThat(ua).isCloseTo(4500.0, within(1e-6)));
            assertNoPeriodCut(stims(bench.delivered()), ms(10));
            assertBalanced(bench.delivered());
        }

        @Test
        void aDecreaseActsAtOnce() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg().amplitudeMa(4.5)));
            bench.runTo(ms(5));

            bench.generator.apply(onLeads(leftLeg().amplitudeMa(0.5)), CLINICIAN);
            bench.runTo(ms(39));

            assertThat(stims(bench.deliveredFrom(ms(10)))).isNotEmpty()
                    .allSatisfy(p -> assertThat(p.currentUa(L2_4)).isEqualTo(-500.0));
        }

        @Test
        void aChangeDuringARiseRisesOnFromWhatIsDeliveredWithoutDroppingToZero() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg().amplitudeMa(0.5)));
            bench.runTo(ms(5));
            bench.generator.apply(onLeads(leftLeg().amplitudeMa(4.5)), CLINICIAN);
            bench.runTo(ms(55)); // periods at 10 .. 50 ms: 0.6 .. 1.0 mA

            bench.generator.apply(onLeads(leftLeg().amplitudeMa(5.0)), CLINICIAN);
            bench.runTo(ms(99));

            List<Double> afterUa = stims(bench.deliveredFrom(ms(60))).stream().map(p -> -p.currentUa(L2_4)).toList();
            assertThat(afterUa).hasSizeGreaterThanOrEqualTo(4);
            for (int k = 0; k < 4; k++) {
                assertThat(afterUa.get(k)).isCloseTo(1100.0 + 100.0 * k, within(1e-6));
            }
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.RAMPING);
        }

        @Test
        void aChangeAppliedMidBurstLetsTheBurstAndItsRechargeFinishFirst() {
            // burst.json: pulses at 0..8000 us, recharge from 9000 us; the burst period ends at 25000 us
            Therapy burst = readExample("burst.json");
            GeneratorBench bench = new GeneratorBench().running(burst);
            bench.runTo(ms(3));

            bench.generator.apply(burst.withProgram(burst.programs().get(0).withAmplitudeMa(0.6)), CLINICIAN);
            bench.runTo(ms(49));

            List<DeliveredPhase> firstBurst = bench.deliveredBefore(ms(25));
            assertThat(firstBurst).extracting(DeliveredPhase::startNs)
                    .containsExactly(0L, us(2000), us(4000), us(6000), us(8000), us(9000));
            assertThat(stims(firstBurst)).allSatisfy(p -> assertThat(p.currentUa(L1_5)).isEqualTo(-800.0));
            List<DeliveredPhase> after = bench.deliveredFrom(ms(25));
            assertThat(after).hasSize(6);
            assertThat(after.get(0).startNs()).isGreaterThanOrEqualTo(ms(25));
            assertThat(stims(after)).allSatisfy(p -> assertThat(p.currentUa(L1_5)).isEqualTo(-600.0));
            assertBalanced(bench.delivered());
        }

        @Test
        void aChangeOfContactsStartsTheProgramAgainFromZeroAndRampsBack() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(5));

            bench.generator.apply(onLeads(leftLegOn("L2.5")), CLINICIAN);
            bench.runTo(ms(1300));

            assertRestartedFromZeroWithTheRestartRamp(bench, L2_5, 2500, ms(10));
        }

        @Test
        void aChangeOfPulseWidthStartsTheProgramAgainFromZeroAndRampsBack() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(5));

            bench.generator.apply(onLeads(leftLeg().pulseWidthUs(300)), CLINICIAN);
            bench.runTo(ms(1300));

            assertRestartedFromZeroWithTheRestartRamp(bench, L2_4, 2500, ms(10));
            assertThat(stims(bench.deliveredFrom(ms(10)))).extracting(DeliveredPhase::durationNs).containsOnly(us(300));
        }

        @Test
        void aContactChangeStillRampsWhenTheAmplitudeIsChangedAgainBeforeItTakesOver() {
            // both changes land inside the period [0, 10) ms: the running therapy is still on L2.4 when the second
            // (amplitude-only against the first) arrives, so what takes over is still a change of contacts
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(5));

            bench.generator.apply(onLeads(leftLegOn("L2.5")), CLINICIAN);
            bench.clock.setNs(ms(6));
            bench.generator.apply(onLeads(leftLegOn("L2.5").amplitudeMa(2.6)), CLINICIAN);
            bench.runTo(ms(1300));

            assertRestartedFromZeroWithTheRestartRamp(bench, L2_5, 2600, ms(10));
        }

        @Test
        void anAmplitudeStepDuringTheSoftStartKeepsRampingInsteadOfJumpingToFullAmplitude() {
            // left-leg with a 2 s soft start: about half way (1250 uA) at 1 s when the amplitude is raised to 2.6 mA
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg().rampS(2)));
            bench.runTo(s(1));
            double lastBeforeUa = -stims(bench.delivered()).get(stims(bench.delivered()).size() - 1).currentUa(L2_4);

            bench.generator.apply(onLeads(leftLeg().rampS(2).amplitudeMa(2.6)), CLINICIAN);
            bench.runTo(s(4));

            List<DeliveredPhase> after = stims(bench.deliveredFrom(s(1) + 1));
            assertThat(lastBeforeUa).isLessThan(2500);
            assertThat(-after.get(0).currentUa(L2_4)).as("first pulse after the step")
                    .isLessThanOrEqualTo(lastBeforeUa + 100);
            assertThat(after.stream().map(p -> -p.currentUa(L2_4)).toList()).isSorted();
            assertThat(after.get(after.size() - 1).currentUa(L2_4)).isEqualTo(-2600.0);
        }

        @Test
        void anAmplitudeChangeDuringACyclingOffTimeSoftStartsTheProgramWhenItComesOn() {
            // 1 s on / 1 s off with a 0.5 s ramp: at 1.5 s the program is off, and must not come back at full output
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg().cycle(1, 1).rampS(0.5)));
            bench.runTo(ms(1500));
            assertThat(bench.deliveredFrom(s(1))).isEmpty();

            bench.generator.apply(onLeads(leftLeg().cycle(1, 1).rampS(0.5).amplitudeMa(2.6)), CLINICIAN);
            bench.runTo(s(3));

            List<DeliveredPhase> after = stims(bench.deliveredFrom(ms(1500)));
            assertThat(after).isNotEmpty();
            assertThat(after.get(0).currentUa(L2_4)).as("first pulse after the off-time").isEqualTo(0.0);
            assertThat(after.stream().map(p -> -p.currentUa(L2_4)).toList()).isSorted();
        }

        /**
         * The program restarted from 0 uA at or after {@code boundaryNs} and ramps over
         * {@link PulseGenerator#MIN_RESTART_RAMP_S} (its own ramp is 0) in whole 100 uA steps: the pulse t after the
         * restart drives min(full, 100 x floor(full x t / ramp / 100)) uA.
         */
        private static void assertRestartedFromZeroWithTheRestartRamp(GeneratorBench bench, ContactId cathode,
                                                                     int fullUa, long boundaryNs) {
            List<DeliveredPhase> before = bench.deliveredBefore(boundaryNs);
            assertThat(before).extracting(DeliveredPhase::startNs).containsExactly(0L, us(220));
            List<DeliveredPhase> after = stims(bench.deliveredFrom(boundaryNs));
            long restartNs = after.get(0).startNs();
            long rampNs = Math.round(PulseGenerator.MIN_RESTART_RAMP_S * NS_PER_S);
            assertThat(restartNs).isGreaterThanOrEqualTo(boundaryNs);
            assertThat(after.get(0).currentUa(cathode)).isEqualTo(0.0);
            for (DeliveredPhase stim : after) {
                long sinceNs = stim.startNs() - restartNs;
                long expectedUa = Math.min(fullUa, 100 * (fullUa * sinceNs / rampNs / 100));
                assertThat(-stim.currentUa(cathode)).as("cathode %d ns after the restart", sinceNs)
                        .isCloseTo(expectedUa, within(1e-9));
            }
            assertThat(after.stream().filter(p -> p.startNs() >= restartNs + rampNs))
                    .isNotEmpty().allSatisfy(p -> assertThat(-p.currentUa(cathode)).isEqualTo(fullUa));
            assertNoPeriodCut(stims(bench.delivered()), ms(10));
            assertBalanced(bench.delivered().stream().filter(p -> p.startNs() < bench.clock.nanoTime() - ms(1))
                    .toList());
            assertThat(bench.delivered()).filteredOn(p -> p.kind() == PhaseKind.RECHARGE).isNotEmpty();
        }
    }
}
