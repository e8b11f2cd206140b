package io.dorsal.core.simulation;

import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.simulate;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.generator.GeneratorEvent;
import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.ValidatedTherapy;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

    /* 100 Hz, 200 us, active gap 20: stims at k x 10000 us, recharges at k x 10000 + 220 us. */
    private final ValidatedTherapy tonic = validated(therapy(program("t").contact("L1.0", -100).contact("L1.1", 100)
            .amplitudeMa(1.0).pulseWidthUs(200).tonic(100).active(20).build()));

    @Test
    void deliversEveryPhaseStartingBeforeTheEndAndNoneAtOrAfterIt() {
        // [0, 10220 us): stims at 0 and 10000, recharge at 220; the recharge at 10220 starts at the end: not in
        List<DeliveredPhase> phases = simulate(tonic, us(10_220));

        assertThat(phases).extracting(DeliveredPhase::startNs).containsExactly(0L, us(220), us(10_000));
    }

    @Test
    void deliversThePhaseThatStartsOneNanosecondBeforeTheEnd() {
        List<DeliveredPhase> phases = simulate(tonic, us(10_220) + 1);

        assertThat(phases).extracting(DeliveredPhase::startNs).containsExactly(0L, us(220), us(10_000), us(10_220));
    }

    @Test
    void deliversPhasesWholeWithTheirFullDuration() {
        List<DeliveredPhase> phases = simulate(tonic, us(10_001));

        assertThat(phases).extracting(DeliveredPhase::durationNs).containsOnly(us(200));
    }

    @Test
    void returnsTheGeneratorThatRanItStartedBySimulationAndStillOn() {
        PulseGenerator generator = Simulation.run(tonic, ms(30), new SimulatedOutputStage());

        assertThat(generator.log().entries()).extracting(GeneratorEvent::kind, GeneratorEvent::who).containsExactly(
                tuple(GeneratorEvent.Kind.THERAPY_APPLIED, "simulation"),
                tuple(GeneratorEvent.Kind.STARTED, "simulation"));
        assertThat(generator.mode(generator.clock().nanoTime())).isEqualTo(GeneratorMode.ON);
        // 3 periods of 2 phases each of 1000 uA x 200 us = 6 x 200,000 pC = 1.2 uC
        assertThat(generator.status().deliveredUc()).isCloseTo(1.2, within(1e-9));
    }

    @Test
    void refusesADurationOfZeroOrLess() {
        assertThatThrownBy(() -> Simulation.run(tonic, 0, new SimulatedOutputStage()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Simulation.run(tonic, -1, new SimulatedOutputStage()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
