package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.leftLeg;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.generator.GeneratorBench.stims;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.schedule.PulseScheduler;
import io.dorsal.core.schedule.PulseTable;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Stopping gracefully, stopping everything at once, and faults: what reaches the outputs afterwards. */
class StopAndFaultTest {

    @Nested
    class GracefulStop {

        @Test
        void stopLetsTheBurstUnderWayAndItsRechargeFinishThenDeliversNothing() {
            // burst.json: pulses at 0..8000 us, recharge from 9000 us; the next burst would start at 25 ms
            GeneratorBench bench = new GeneratorBench().running(readExample("burst.json"));
            bench.runTo(ms(3));

            bench.generator.stop(CLINICIAN);
            bench.runTo(ms(200));

            assertThat(bench.delivered()).extracting(DeliveredPhase::startNs)
                    .containsExactly(0L, us(2000), us(4000), us(6000), us(8000), us(9000));
            assertThat(bench.stage.isSafe()).isFalse();
            assertThat(bench.stage.safeCount()).isZero();
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.OFF);
            assertThat(bench.generator.nextEventNs()).isEqualTo(PulseScheduler.NO_EVENT);
        }

        @Test
        void startingAgainRightAfterAStopWaitsForTheStoppedPeriodToEnd() {
            // left-leg's period [0, 10) ms: stopped at 3 ms and started again at 4 ms, the next pulse must not
            // come before 10 ms, one period after the last
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(3));
            bench.generator.stop(CLINICIAN);
            bench.runTo(ms(4));

            ApplyResult restarted = bench.generator.start(CLINICIAN);
            bench.runTo(ms(30));

            assertThat(restarted.applied()).isTrue();
            List<DeliveredPhase> stims = stims(bench.delivered());
            assertThat(stims.get(0).startNs()).isZero();
            assertThat(stims.get(1).startNs()).isGreaterThanOrEqualTo(ms(10));
        }

        @Test
        void whileAChangeWaitsForThePeriodToEndTheNextEventIsTheHandover() {
            // left-leg's stim at 0 and recharge at 220 us have been emitted; the period ends at 10 ms
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(2));
            bench.generator.apply(onLeads(leftLeg().amplitudeMa(3.0)), CLINICIAN);

            bench.generator.poll(ms(2), Integer.MAX_VALUE);

            assertThat(bench.generator.nextEventNs()).isEqualTo(ms(10));
            bench.clock.setNs(ms(10));
            bench.generator.poll(ms(10), Integer.MAX_VALUE);
            // 2.5 to 3.0 mA rises by the device's 0.1 mA a period: the first new period is at 2.6 mA
            assertThat(bench.deliveredFrom(ms(10))).singleElement()
                    .satisfies(p -> assertThat(p.currentUa(GeneratorBench.L2_4)).isEqualTo(-2600.0));
        }
    }

    @Nested
    class StopAll {

        @Test
        void stopAllDrivesTheOutputsSafeAtOnceAndNothingIsDeliveredAfterwards() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(15));
            int deliveredBefore = bench.delivered().size();

            bench.generator.stopAll(CLINICIAN);
            bench.runTo(s(1));

            assertThat(bench.stage.isSafe()).isTrue();
            assertThat(bench.stage.safeCount()).isEqualTo(1);
            assertThat(bench.delivered()).hasSize(deliveredBefore);
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.OFF);
            assertThat(bench.generator.nextEventNs()).isEqualTo(PulseScheduler.NO_EVENT);
        }

        @Test
        void stopAllDoesNotWaitForTheBurstUnderWay() {
            GeneratorBench bench = new GeneratorBench().running(readExample("burst.json"));
            bench.runTo(ms(3));

            bench.generator.stopAll(CLINICIAN);
            bench.runTo(ms(100));

            assertThat(bench.delivered()).extracting(DeliveredPhase::startNs).containsExactly(0L, us(2000));
            assertThat(bench.stage.isSafe()).isTrue();
        }

        @Test
        void startingRightAfterStopAllWaitsForTheEndOfThePeriodItCut() {
            // left-leg's period [0, 10) ms: its pulse delivered, stopped at once at 3 ms and started again at 4 ms;
            // as after a graceful stop, the next pulse comes no sooner than the old rate allows
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(3));
            bench.generator.stopAll(CLINICIAN);
            bench.runTo(ms(4));

            ApplyResult restarted = bench.generator.start(CLINICIAN);
            bench.runTo(ms(30));

            assertThat(restarted.applied()).isTrue();
            List<DeliveredPhase> stims = stims(bench.delivered());
            assertThat(stims.get(0).startNs()).isZero();
            assertThat(stims.get(1).startNs()).isEqualTo(ms(10));
        }

        @Test
        void startingAfterStopAllArmsTheStageAgainAndDeliversAgain() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(15));
            bench.generator.stopAll(CLINICIAN);
            bench.runTo(ms(50));
            int armsBefore = bench.stage.armCount();

            ApplyResult restarted = bench.generator.start(CLINICIAN);
            bench.runTo(ms(80));

            assertThat(restarted.applied()).isTrue();
            assertThat(bench.stage.isSafe()).isFalse();
            assertThat(bench.stage.armCount()).isEqualTo(armsBefore + 1);
            assertThat(bench.deliveredFrom(ms(50))).isNotEmpty();
        }
    }

    @Nested
    class Fault {

        @Test
        void aFaultDrivesTheOutputsSafeAndHoldsTheGeneratorInFault() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(15));
            int deliveredBefore = bench.delivered().size();

            bench.generator.fault("watchdog: a pin action ran 3 ms late");
            bench.runTo(s(1));

            assertThat(bench.stage.isSafe()).isTrue();
            assertThat(bench.delivered()).hasSize(deliveredBefore);
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.FAULT);
            assertThat(bench.generator.status().mode()).isEqualTo(GeneratorMode.FAULT);
            assertThat(bench.generator.status().faultReason()).contains("watchdog: a pin action ran 3 ms late");
        }

        @Test
        void aSecondFaultKeepsTheFirstReason() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));

            bench.generator.fault("first");
            bench.generator.fault("second");

            assertThat(bench.generator.status().faultReason()).contains("first");
            assertThat(bench.stage.safeCount()).isEqualTo(2);
        }

        @Test
        void startIsRefusedWhileFaultedAndNothingIsDelivered() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(5));
            bench.generator.fault("over-current");
            int deliveredBefore = bench.delivered().size();

            ApplyResult start = bench.generator.start(CLINICIAN);
            bench.runTo(ms(100));

            assertThat(start).isInstanceOf(ApplyResult.Rejected.class);
            assertThat(((ApplyResult.Rejected) start).violations()).extracting(Violation::rule)
                    .containsExactly(SafetyRule.GENERATOR_STATE);
            assertThat(bench.delivered()).hasSize(deliveredBefore);
            assertThat(bench.stage.isSafe()).isTrue();
        }

        @Test
        void aChangeAppliedWhileFaultedIsKeptButNotDelivered() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.generator.fault("over-current");

            ApplyResult applied = bench.generator.apply(onLeads(leftLeg().amplitudeMa(2.0)), CLINICIAN);
            bench.runTo(ms(100));

            assertThat(applied.applied()).isTrue();
            assertThat(bench.delivered()).isEmpty();
            assertThat(bench.generator.mode(bench.clock.nanoTime())).isEqualTo(GeneratorMode.FAULT);
        }

        @Test
        void onceClearedTheGeneratorIsOffUntilStartedThenDeliversAgain() {
            GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));
            bench.runTo(ms(15));
            bench.generator.fault("over-current");
            bench.runTo(ms(40));
            int deliveredBefore = bench.delivered().size();

            bench.generator.clearFault(CLINICIAN);
            bench.runTo(ms(60));
            GeneratorMode afterClear = bench.generator.mode(bench.clock.nanoTime());
            int deliveredAfterClear = bench.delivered().size();
            ApplyResult start = bench.generator.start(CLINICIAN);
            bench.runTo(ms(90));

            assertThat(afterClear).isEqualTo(GeneratorMode.OFF);
            assertThat(deliveredAfterClear).isEqualTo(deliveredBefore);
            assertThat(bench.generator.status().faultReason()).isEmpty();
            assertThat(start.applied()).isTrue();
            assertThat(bench.stage.isSafe()).isFalse();
            assertThat(bench.deliveredFrom(ms(60))).isNotEmpty();
        }
    }

    @Nested
    class SafeLatchOfTheSimulatedStage {

        @Test
        void aStageDrivenSafeDropsEveryPhaseUntilItIsArmedAgain() {
            PulseTable table = PulseTable.compile(validated(onLeads(leftLeg())));
            PulseScheduler scheduler = new PulseScheduler(table, 0);
            SimulatedOutputStage stage = new SimulatedOutputStage();
            stage.arm(table);
            scheduler.poll(us(220), stage, Integer.MAX_VALUE);

            stage.safe();
            scheduler.poll(ms(30), stage, Integer.MAX_VALUE);
            List<DeliveredPhase> whileSafe = stage.delivered();
            int dropped = stage.droppedWhileSafe();
            stage.arm(table);
            scheduler.poll(ms(40), stage, Integer.MAX_VALUE);

            assertThat(whileSafe).extracting(DeliveredPhase::startNs).containsExactly(0L, us(220));
            // dropped while safe: 10000, 10220, 20000, 20220 and 30000 us
            assertThat(dropped).isEqualTo(5);
            assertThat(stage.isSafe()).isFalse();
            assertThat(stage.delivered()).extracting(DeliveredPhase::startNs)
                    .containsExactly(0L, us(220), us(30_220), ms(40));
        }
    }
}
