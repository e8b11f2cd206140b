package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.PATIENT;
import static io.dorsal.core.generator.GeneratorBench.stims;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.TherapySets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The patient switches among the program sets the clinician allowed, at a period boundary (examples/program-sets.json). */
class ProgramSetSelectTest {

    private static GeneratorBench runningSets() throws Exception {
        GeneratorBench bench = new GeneratorBench();
        TherapySets sets = ProgramCodec.readSets(Path.of("..", "examples", "program-sets.json"));
        ApplyResult loaded = bench.generator.applySets(sets, CLINICIAN);
        assertThat(loaded.applied()).as(loaded.toString()).isTrue();
        assertThat(bench.generator.start(CLINICIAN).applied()).isTrue();
        return bench;
    }

    @Test
    void runsTheActiveSetAndSwitchesToAnAllowedSetAtAPeriodBoundary() throws Exception {
        GeneratorBench bench = runningSets();
        bench.runTo(ms(25));
        assertThat(bench.delivered()).extracting(DeliveredPhase::program).contains("low-back", "left-leg")
                .doesNotContain("night-burst");

        ApplyResult result = bench.generator.selectSet("night", PATIENT);
        bench.runTo(ms(99));

        assertThat(result.applied()).isTrue();
        assertThat(bench.generator.programSets().orElseThrow().activeSet()).isEqualTo("night");
        assertThat(bench.generator.therapy().orElseThrow().therapy().programs()).extracting(Program::name)
                .containsExactly("night-burst");
        // the old set's periods end whole (low-back's 20 ms period started at 20 ms ends at 40 ms) before the burst
        long firstBurst = stims(bench.delivered()).stream().filter(p -> p.program().equals("night-burst"))
                .mapToLong(DeliveredPhase::startNs).min().orElseThrow();
        assertThat(firstBurst).isGreaterThanOrEqualTo(ms(40));
        assertThat(bench.deliveredFrom(firstBurst)).extracting(DeliveredPhase::program).containsOnly("night-burst");
        assertThat(bench.log.entries()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(GeneratorEvent.Kind.PROGRAM_SET_SELECTED);
            assertThat(e.who()).isEqualTo(PATIENT);
            assertThat(e.message()).isEqualTo("set 'day' -> 'night'");
        });
    }

    @Test
    void refusesASetTheClinicianDidNotAllowAndChangesNothing() throws Exception {
        GeneratorBench bench = runningSets();

        ApplyResult result = bench.generator.selectSet("trial", PATIENT);

        assertThat(result.applied()).isFalse();
        assertThat(((ApplyResult.Rejected) result).violations()).singleElement().satisfies(v -> {
            assertThat(v.rule()).isEqualTo(SafetyRule.PROGRAM_SETS);
            assertThat(v.message()).isEqualTo("set 'trial', patientSelectable: not allowed; limit a set the clinician "
                    + "allowed the patient (rule: program sets)");
        });
        assertThat(bench.generator.programSets().orElseThrow().activeSet()).isEqualTo("day");
    }

    @Test
    void refusesASetThatDoesNotExist() throws Exception {
        ApplyResult result = runningSets().generator.selectSet("evening", PATIENT);

        assertThat(((ApplyResult.Rejected) result).violations()).singleElement()
                .satisfies(v -> assertThat(v.value()).isEqualTo("no such set"));
    }

    @Test
    void aPatientStepChangesTheProgramInEverySetAndSurvivesSwitchingBack() throws Exception {
        GeneratorBench bench = runningSets();

        assertThat(bench.generator.patientAdjust("low-back", 0.5, PATIENT).applied()).isTrue();
        assertThat(bench.generator.selectSet("night", PATIENT).applied()).isTrue();
        assertThat(bench.generator.selectSet("day", PATIENT).applied()).isTrue();

        assertThat(bench.generator.therapy().orElseThrow().therapy().program("low-back").orElseThrow().amplitudeMa())
                .isEqualTo(4.5);
        assertThat(bench.generator.programSets().orElseThrow().library().program("low-back").orElseThrow()
                .amplitudeMa()).isEqualTo(4.5);
    }
}
