package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.ContactId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The compiled table of examples/two-programs.json (program 0 low-back, program 1 left-leg) and
 * examples/burst.json, every expected figure worked out from the files.
 */
class PulseTableTest {

    private static final int LOW_BACK = 0;
    private static final int LEFT_LEG = 1;

    private final ValidatedTherapy twoPrograms = validated(readExample("two-programs.json"));
    private final PulseTable table = PulseTable.compile(twoPrograms);

    @Nested
    class Structure {

        @Test
        void keepsEachProgramsPeriodAndInterleaveOffsetInNanoseconds() {
            // 50 Hz -> 20000 us; 100 Hz -> 10000 us; left-leg after low-back's [0, 620) us plus the 10 us gap
            assertThat(table.programCount()).isEqualTo(2);
            assertThat(table.programName(LOW_BACK)).isEqualTo("low-back");
            assertThat(table.programName(LEFT_LEG)).isEqualTo("left-leg");
            assertThat(table.periodNs(LOW_BACK)).isEqualTo(ms(20));
            assertThat(table.periodNs(LEFT_LEG)).isEqualTo(ms(10));
            assertThat(table.offsetNs(LOW_BACK)).isZero();
            assertThat(table.offsetNs(LEFT_LEG)).isEqualTo(us(630));
        }

        @Test
        void keepsAmplitudeRampAndCyclingPerProgram() {
            assertThat(table.amplitudeUa(LOW_BACK)).isEqualTo(4000);
            assertThat(table.amplitudeUa(LEFT_LEG)).isEqualTo(2500);
            assertThat(table.amplitudeStepUa()).isEqualTo(100);
            assertThat(table.rampNs(LOW_BACK)).isEqualTo(s(2));
            assertThat(table.initialRampNs(LOW_BACK)).isEqualTo(s(2));
            assertThat(table.rampNs(LEFT_LEG)).isEqualTo(PulseTable.NONE);
            assertThat(table.cycles(LOW_BACK)).isTrue();
            assertThat(table.cycleOnNs(LOW_BACK)).isEqualTo(s(60));
            assertThat(table.cycleOffNs(LOW_BACK)).isEqualTo(s(120));
            assertThat(table.cycles(LEFT_LEG)).isFalse();
        }

        @Test
        void listsEveryContactOfEveryLeadThenTheCase() {
            // L1 and L2 have 8 contacts each: L1.0..L1.7 are 0..7, L2.0..L2.7 are 8..15, CASE is 16
            assertThat(table.contactCount()).isEqualTo(17);
            assertThat(table.contact(0)).isEqualTo(ContactId.parse("L1.0"));
            assertThat(table.contact(12)).isEqualTo(ContactId.parse("L2.4"));
            assertThat(table.contact(16)).isEqualTo(ContactId.CASE);
            assertThat(table.contactIndex(ContactId.parse("L2.4"))).isEqualTo(12);
            assertThat(table.contactIndex(ContactId.parse("L3.0"))).isEqualTo(-1);
        }

        @Test
        void mapsEachChannelToItsContactInTheProgramsOrder() {
            assertThat(table.channelCount(LOW_BACK)).isEqualTo(3);
            assertThat(table.channelContact(LOW_BACK, 0)).isEqualTo(2);
            assertThat(table.channelContact(LOW_BACK, 1)).isEqualTo(1);
            assertThat(table.channelContact(LOW_BACK, 2)).isEqualTo(3);
            assertThat(table.channelCount(LEFT_LEG)).isEqualTo(2);
            assertThat(table.channelContact(LEFT_LEG, 0)).isEqualTo(12);
            assertThat(table.channelContact(LEFT_LEG, 1)).isEqualTo(16);
        }

        @Test
        void compilesActiveRechargeAsTheMirrorOfTheStimulationAfterTheGap() {
            // low-back: stim [0, 300) us at L1.2 -4000, L1.1 +2000, L1.3 +2000; recharge from 320 us, reversed
            int stim = table.phaseFrom(LOW_BACK);
            int recharge = stim + 1;
            assertThat(table.phaseTo(LOW_BACK)).isEqualTo(stim + 2);
            assertThat(table.phaseKind(stim)).isEqualTo(PhaseKind.STIM);
            assertThat(table.phaseOffsetNs(stim)).isZero();
            assertThat(table.phaseDurationNs(stim)).isEqualTo(us(300));
            assertThat(new double[] {table.phaseCurrentUa(stim, 0), table.phaseCurrentUa(stim, 1),
                    table.phaseCurrentUa(stim, 2)}).containsExactly(-4000, 2000, 2000);
            assertThat(table.phaseKind(recharge)).isEqualTo(PhaseKind.RECHARGE);
            assertThat(table.phaseOffsetNs(recharge)).isEqualTo(us(320));
            assertThat(table.phaseDurationNs(recharge)).isEqualTo(us(300));
            assertThat(new double[] {table.phaseCurrentUa(recharge, 0), table.phaseCurrentUa(recharge, 1),
                    table.phaseCurrentUa(recharge, 2)}).containsExactly(4000, -2000, -2000);
        }

        @Test
        void compilesABurstsPassiveRechargeAsOneBalancingWindowAfterItsLastPulse() {
            // 5 x 1000 us at 800 uA = 4,000,000 pC returned over 25000 - 9000 = 16000 us: 250 uA
            PulseTable burst = PulseTable.compile(validated(readExample("burst.json")));
            int first = burst.phaseFrom(0);
            assertThat(burst.phaseTo(0) - first).isEqualTo(6);
            for (int pulse = 0; pulse < 5; pulse++) {
                assertThat(burst.phaseKind(first + pulse)).isEqualTo(PhaseKind.STIM);
                assertThat(burst.phaseOffsetNs(first + pulse)).isEqualTo(us(2000L * pulse));
                assertThat(burst.phaseDurationNs(first + pulse)).isEqualTo(us(1000));
                assertThat(burst.phaseCurrentUa(first + pulse, 0)).isEqualTo(-800);
            }
            int recharge = first + 5;
            assertThat(burst.phaseKind(recharge)).isEqualTo(PhaseKind.RECHARGE);
            assertThat(burst.phaseOffsetNs(recharge)).isEqualTo(us(9000));
            assertThat(burst.phaseDurationNs(recharge)).isEqualTo(us(16000));
            assertThat(burst.phaseCurrentUa(recharge, 0)).isCloseTo(250, within(1e-9));
            assertThat(burst.phaseCurrentUa(recharge, 1)).isCloseTo(-250, within(1e-9));
        }

        @Test
        void refusesInitialRampsThatDoNotMatchThePrograms() {
            assertThatThrownBy(() -> PulseTable.compile(twoPrograms, new double[] {0.0}))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class RampAndCycling {

        /* low-back: 2 s to 4000 uA is 2 uA per ms, in whole 100 uA steps: one step every 50 ms. */
        @Test
        void rampsInWholeStepsOfOneHundredMicroampsAndReachesFullAmplitudeAtTwoSeconds() {
            assertThat(table.amplitudeUaAt(LOW_BACK, 0)).isZero();
            assertThat(table.amplitudeUaAt(LOW_BACK, ms(50) - 1)).isZero();
            assertThat(table.amplitudeUaAt(LOW_BACK, ms(50))).isEqualTo(100);
            assertThat(table.amplitudeUaAt(LOW_BACK, ms(125))).isEqualTo(200);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(1))).isEqualTo(2000);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(2) - 1)).isEqualTo(3900);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(2))).isEqualTo(4000);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(59))).isEqualTo(4000);
        }

        @Test
        void aProgramWithoutRampIsAtFullAmplitudeFromTheStart() {
            assertThat(table.amplitudeUaAt(LEFT_LEG, 0)).isEqualTo(2500);
            assertThat(table.rampingAt(LEFT_LEG, 0)).isFalse();
        }

        @Test
        void rampsAgainAtTheNextOnTimeOfItsCycle() {
            // cycle = 60 s on + 120 s off = 180 s; the second on-time starts at 180 s
            assertThat(table.amplitudeUaAt(LOW_BACK, s(180))).isZero();
            assertThat(table.amplitudeUaAt(LOW_BACK, s(180) + ms(50))).isEqualTo(100);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(181))).isEqualTo(2000);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(182))).isEqualTo(4000);
            assertThat(table.amplitudeUaAt(LOW_BACK, s(360) + ms(50))).isEqualTo(100);
        }

        @Test
        void isCyclingOffFromTheEndOfTheOnTimeToTheNextOnTime() {
            assertThat(table.cyclingOffAt(LOW_BACK, s(60) - 1)).isFalse();
            assertThat(table.cyclingOffAt(LOW_BACK, s(60))).isTrue();
            assertThat(table.cyclingOffAt(LOW_BACK, s(180) - 1)).isTrue();
            assertThat(table.cyclingOffAt(LOW_BACK, s(180))).isFalse();
            assertThat(table.cyclingOffAt(LEFT_LEG, s(100))).isFalse();
        }

        @Test
        void isRampingOnlyWhileOnAndBelowFullAmplitude() {
            assertThat(table.rampingAt(LOW_BACK, s(1))).isTrue();
            assertThat(table.rampingAt(LOW_BACK, s(2))).isFalse();
            assertThat(table.rampingAt(LOW_BACK, s(61))).isFalse();
            assertThat(table.rampingAt(LOW_BACK, s(181))).isTrue();
        }

        @Test
        void aTableCompiledWithoutInitialRampStartsAtFullAmplitudeButRampsAtLaterOnTimes() {
            PulseTable noInitialRamp = PulseTable.compile(twoPrograms, new double[] {0.0, 0.0});

            assertThat(noInitialRamp.amplitudeUaAt(LOW_BACK, 0)).isEqualTo(4000);
            assertThat(noInitialRamp.amplitudeUaAt(LOW_BACK, s(180))).isZero();
            assertThat(noInitialRamp.amplitudeUaAt(LOW_BACK, s(181))).isEqualTo(2000);
        }
    }

    @Nested
    class AverageCurrent {

        @Test
        void averagesTheChargeOfEveryPhaseOverThePeriodTimesTheOnFraction() {
            // low-back: stim 4000 uA x 300 us + recharge (2000 + 2000) uA x 300 us = 2,400,000 pC per 20000 us
            //           = 120 uA, on 60 s of every 180 s: 40 uA
            // left-leg: (2500 + 2500) uA x 200 us = 1,000,000 pC per 10000 us = 100 uA, always on
            assertThat(table.averageDeliveredUa(LOW_BACK)).isCloseTo(40.0, within(1e-9));
            assertThat(table.averageDeliveredUa(LEFT_LEG)).isCloseTo(100.0, within(1e-9));
        }
    }
}
