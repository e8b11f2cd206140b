package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.Therapy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a programmer shows: OFF, RAMPING, ON, CYCLING_OFF or FAULT. examples/two-programs.json's low-back ramps for
 * 2 s and cycles 60 s on / 120 s off; left-leg neither ramps nor cycles.
 */
class GeneratorModeTest {

    private static Therapy lowBackOnly() {
        Therapy example = readExample("two-programs.json");
        return new Therapy(example.leads(), List.of(example.program("low-back").orElseThrow()), example.limits());
    }

    @Test
    void isOffWithATherapyLoadedButNotStarted() {
        GeneratorBench bench = new GeneratorBench();
        bench.generator.apply(lowBackOnly(), CLINICIAN);

        assertThat(bench.generator.mode(0)).isEqualTo(GeneratorMode.OFF);
        assertThat(bench.generator.status().mode()).isEqualTo(GeneratorMode.OFF);
    }

    @Test
    void followsTheRampAndTheCycleOfTheOnlyProgram() {
        GeneratorBench bench = new GeneratorBench().running(lowBackOnly());
        bench.runTo(0);

        assertThat(bench.generator.mode(s(1))).isEqualTo(GeneratorMode.RAMPING);
        assertThat(bench.generator.mode(s(2))).isEqualTo(GeneratorMode.ON);
        assertThat(bench.generator.mode(s(30))).isEqualTo(GeneratorMode.ON);
        assertThat(bench.generator.mode(s(61))).isEqualTo(GeneratorMode.CYCLING_OFF);
        assertThat(bench.generator.mode(s(179))).isEqualTo(GeneratorMode.CYCLING_OFF);
        assertThat(bench.generator.mode(s(181))).isEqualTo(GeneratorMode.RAMPING);
        assertThat(bench.generator.mode(s(183))).isEqualTo(GeneratorMode.ON);
    }

    @Test
    void staysOnWhileOneProgramCyclesOffAndAnotherKeepsGoing() {
        GeneratorBench bench = new GeneratorBench().running(readExample("two-programs.json"));
        bench.runTo(0);

        assertThat(bench.generator.mode(s(61))).isEqualTo(GeneratorMode.ON);
    }

    @Test
    void isOffAfterStopAndFaultAfterAFault() {
        GeneratorBench stopped = new GeneratorBench().running(lowBackOnly());
        GeneratorBench faulted = new GeneratorBench().running(lowBackOnly());
        stopped.runTo(ms(10));
        faulted.runTo(ms(10));

        stopped.generator.stop(CLINICIAN);
        faulted.generator.fault("over-current");

        assertThat(stopped.generator.mode(ms(10))).isEqualTo(GeneratorMode.OFF);
        assertThat(faulted.generator.mode(ms(10))).isEqualTo(GeneratorMode.FAULT);
    }
}
