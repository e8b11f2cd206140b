package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.leftLeg;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.generator.GeneratorEvent.Kind;
import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The cell runs down with elapsed time and delivered charge; the generator warns once at the replacement level and
 * faults at end of service. Figures by hand: 1 mAh = 3.6 C = 3.6e12 pC; 1 uA for 1 us = 1 pC.
 */
class BatteryTest {

    /** 0.001 mAh = 3.6e9 pC, no quiescent drain, half of the drawn charge reaches the electrodes. */
    private static final BatteryModel SMALL_CELL = new BatteryModel(0.001, 0.0, 0.5, 0.10, 0.01);

    /** 1e-6 mAh = 3.6e6 pC drained by 10 uA (10 pC per us): 1 % every 3.6 ms, so 10 % left at 324 ms. */
    private static final BatteryModel TINY_CELL = new BatteryModel(1e-6, 10.0, 0.5, 0.10, 0.01);

    @Nested
    class Model {

        @Test
        void remainingFractionCountsQuiescentDrainAndDeliveredChargeOverEfficiency() {
            // 10 uA for 1 s = 1e7 pC; 1e8 pC delivered at 50 % = 2e8 pC; of 3.6e9 pC: 1 - 2.1e8 / 3.6e9
            BatteryModel cell = new BatteryModel(0.001, 10.0, 0.5, 0.10, 0.01);

            assertThat(cell.remainingFraction(s(1), 1e8)).isCloseTo(1 - 2.1e8 / 3.6e9, within(1e-12));
            assertThat(cell.remainingFraction(s(1_000_000), 0)).isZero();
        }

        @Test
        void daysLeftAreTheUsableChargeOverTheDraw() {
            // usable (0.5 - 0.01) x 0.001 mAh = 4.9e-4 mAh = 1764 uC; draw 10 + 100 / 0.5 = 210 uA: 8.4 s
            BatteryModel cell = new BatteryModel(0.001, 10.0, 0.5, 0.10, 0.01);

            assertThat(cell.daysLeft(0.5, 100.0)).isCloseTo(8.4 / 86_400, within(1e-15));
            assertThat(cell.daysLeft(0.005, 100.0)).isZero();
        }

        @Test
        void refusesFiguresThatDescribeNoBattery() {
            assertThatThrownBy(() -> new BatteryModel(0, 10, 0.5, 0.1, 0.01)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BatteryModel(1, -1, 0.5, 0.1, 0.01)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BatteryModel(1, 10, 1.5, 0.1, 0.01)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new BatteryModel(1, 10, 0.5, 0.01, 0.1)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class OnTheGenerator {

        @Test
        void theBatteryFractionDropsByTheChargeDelivered() {
            // left-leg: 100 periods in [0, 995) ms, each 2500 uA x 200 us twice = 1e6 pC: 1e8 pC = 100 uC delivered,
            // drawing 2e8 pC at 50 % of a 3.6e9 pC cell: 1 - 2e8 / 3.6e9 = 17/18 left
            GeneratorBench stimulating = new GeneratorBench(SMALL_CELL).running(onLeads(leftLeg()));
            GeneratorBench idle = new GeneratorBench(SMALL_CELL);

            stimulating.runTo(ms(995));
            idle.runTo(ms(995));

            GeneratorStatus status = stimulating.generator.status();
            assertThat(status.deliveredUc()).isCloseTo(100.0, within(1e-9));
            assertThat(status.batteryFraction()).isCloseTo(17.0 / 18.0, within(1e-12));
            assertThat(idle.generator.status().batteryFraction()).isEqualTo(1.0);
        }

        @Test
        void daysLeftFallWhenTheAmplitudeRises() {
            // left-leg averages (2500 + 2500) uA x 200 us per 10000 us = 100 uA: a draw of 100 / 0.5 = 200 uA on a
            // usable 0.99 x 0.001 mAh = 3564 uC is 17.82 s; at 5.0 mA the draw doubles and the time halves
            GeneratorBench bench = new GeneratorBench(SMALL_CELL).running(onLeads(leftLeg()));
            double daysAt2500Ua = bench.generator.status().batteryDaysLeft();

            bench.generator.apply(onLeads(leftLeg().amplitudeMa(5.0)), CLINICIAN);

            double daysAt5000Ua = bench.generator.status().batteryDaysLeft();
            assertThat(daysAt2500Ua).isCloseTo(17.82 / 86_400, within(1e-12));
            assertThat(daysAt5000Ua).isCloseTo(8.91 / 86_400, within(1e-12));
        }

        @Test
        void housekeepingWarnsOnceAtTheReplacementLevel() {
            GeneratorBench bench = new GeneratorBench(TINY_CELL);

            bench.clock.setNs(ms(323));
            bench.generator.housekeeping();
            boolean lowAt323 = bench.generator.status().batteryLow();
            bench.clock.setNs(ms(325));
            bench.generator.housekeeping();
            bench.clock.setNs(ms(330));
            bench.generator.housekeeping();

            assertThat(lowAt323).isFalse();
            assertThat(bench.generator.status().batteryLow()).isTrue();
            assertThat(bench.log.entries()).extracting(GeneratorEvent::kind).containsExactly(Kind.BATTERY_LOW);
            assertThat(bench.log.entries().get(0).timeNs()).isEqualTo(ms(325));
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isNotEqualTo(GeneratorMode.FAULT);
        }

        @Test
        void housekeepingFaultsTheGeneratorAtEndOfService() {
            // 1 % left at 356.4 ms
            GeneratorBench bench = new GeneratorBench(TINY_CELL);
            bench.generator.apply(onLeads(leftLeg()), CLINICIAN);

            bench.clock.setNs(ms(356));
            bench.generator.housekeeping();
            GeneratorMode at356 = bench.generator.mode(bench.clock.nanoTime());
            bench.clock.setNs(ms(357));
            bench.generator.housekeeping();

            assertThat(at356).isEqualTo(GeneratorMode.OFF);
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.FAULT);
            assertThat(bench.stage.isSafe()).isTrue();
            assertThat(bench.log.entries()).extracting(GeneratorEvent::kind).containsExactly(
                    Kind.THERAPY_APPLIED, Kind.BATTERY_LOW, Kind.BATTERY_DEPLETED, Kind.FAULT);
            ApplyResult start = bench.generator.start(CLINICIAN);
            assertThat(start.applied()).isFalse();
            bench.generator.clearFault(CLINICIAN);
            ApplyResult startAfterClear = bench.generator.start(CLINICIAN);
            assertThat(startAfterClear).isInstanceOf(ApplyResult.Rejected.class);
            assertThat(((ApplyResult.Rejected) startAfterClear).violations()).extracting(Violation::rule)
                    .containsExactly(SafetyRule.GENERATOR_STATE);
        }

        @Test
        void aCellThatRunsOutDuringTherapyStopsItAndNothingIsDeliveredAfterwards() {
            // 1e-4 mAh = 3.6e8 pC; left-leg draws 2e6 pC per 10 ms period plus 1e5 pC quiescent: out in about 1.7 s
            GeneratorBench bench = new GeneratorBench(new BatteryModel(1e-4, 10.0, 0.5, 0.10, 0.01))
                    .running(onLeads(leftLeg()));

            for (long now = 0; now <= s(3); now += ms(1)) {
                bench.clock.setNs(now);
                bench.generator.poll(now, Integer.MAX_VALUE);
                bench.generator.housekeeping();
            }

            GeneratorEvent fault = bench.log.entries().stream().filter(e -> e.kind() == Kind.FAULT).findFirst()
                    .orElseThrow();
            assertThat(fault.who()).isEqualTo("generator");
            assertThat(fault.timeNs()).isBetween(s(1), s(2));
            assertThat(bench.delivered()).isNotEmpty();
            assertThat(bench.delivered()).extracting(DeliveredPhase::startNs)
                    .allSatisfy(start -> assertThat(start).isLessThanOrEqualTo(fault.timeNs()));
            assertThat(bench.stage.isSafe()).isTrue();
            assertThat(bench.generator.status().batteryFraction()).isLessThanOrEqualTo(0.01);
        }
    }
}
