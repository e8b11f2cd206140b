package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.L2_4;
import static io.dorsal.core.generator.GeneratorBench.PATIENT;
import static io.dorsal.core.generator.GeneratorBench.leftLeg;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.generator.GeneratorBench.stims;
import static io.dorsal.core.schedule.TimelineFixtures.describe;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.Therapy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The patient's remote: amplitude steps inside the clinician's range, nothing beyond it. */
class PatientAdjustTest {

    /** left-leg at 2.5 mA with a patient range of 2.0 to 3.0 mA. */
    private static Therapy withRange() {
        return onLeads(leftLeg().patientRange(2.0, 3.0));
    }

    private static double amplitudeMa(GeneratorBench bench) {
        return bench.generator.therapy().orElseThrow().program(0).amplitudeMa();
    }

    @Test
    void aStepInsideTheRangeGoesOnAtTheNextPeriodAndIsLoggedAsThePatients() {
        GeneratorBench bench = new GeneratorBench().running(withRange());
        bench.runTo(ms(25));

        ApplyResult result = bench.generator.patientAdjust("left-leg", 0.3, PATIENT);
        bench.runTo(ms(59));

        assertThat(result.applied()).isTrue();
        assertThat(amplitudeMa(bench)).isEqualTo(2.8);
        // 0.3 mA is three device steps: it rises 0.1 mA a period from the end of the period under way
        assertThat(stims(bench.deliveredFrom(ms(30)))).extracting(p -> p.currentUa(L2_4))
                .containsExactly(-2600.0, -2700.0, -2800.0);
        assertThat(bench.log.entries()).filteredOn(e -> e.who().equals(PATIENT))
                .extracting(GeneratorEvent::kind)
                .containsExactly(GeneratorEvent.Kind.THERAPY_APPLIED, GeneratorEvent.Kind.AMPLITUDE_CHANGED);
        assertThat(bench.log.entries().get(bench.log.entries().size() - 1).message()).contains("2.5 -> 2.8");
    }

    @Test
    void stepsToEitherEdgeOfTheRangeAreAllowed() {
        GeneratorBench bench = new GeneratorBench().running(withRange());

        ApplyResult up = bench.generator.patientAdjust("left-leg", 0.5, PATIENT);
        double atTop = amplitudeMa(bench);
        ApplyResult down = bench.generator.patientAdjust("left-leg", -1.0, PATIENT);

        assertThat(up.applied()).isTrue();
        assertThat(atTop).isEqualTo(3.0);
        assertThat(down.applied()).isTrue();
        assertThat(amplitudeMa(bench)).isEqualTo(2.0);
    }

    @ParameterizedTest(name = "step of {0} mA from 2.5 mA")
    @ValueSource(doubles = {0.6, -0.6, 5.0, -2.5})
    void aStepBeyondTheRangeIsRefusedWithPatientRangeAndChangesNothing(double deltaMa) {
        GeneratorBench adjusted = new GeneratorBench().running(withRange());
        GeneratorBench untouched = new GeneratorBench().running(withRange());
        adjusted.runTo(ms(25));
        untouched.runTo(ms(25));
        ValidatedTherapy before = adjusted.generator.therapy().orElseThrow();

        ApplyResult result = adjusted.generator.patientAdjust("left-leg", deltaMa, PATIENT);

        adjusted.runTo(ms(200));
        untouched.runTo(ms(200));
        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule)
                .containsExactly(SafetyRule.PATIENT_RANGE);
        assertThat(adjusted.generator.therapy()).containsSame(before);
        assertThat(amplitudeMa(adjusted)).isEqualTo(2.5);
        assertThat(describe(adjusted.delivered())).containsExactlyElementsOf(describe(untouched.delivered()));
        assertThat(adjusted.log.entries()).filteredOn(e -> e.who().equals(PATIENT))
                .extracting(GeneratorEvent::kind).containsExactly(GeneratorEvent.Kind.THERAPY_REJECTED);
    }

    @Test
    void aProgramWithoutPatientRangeCannotBeAdjustedByThePatient() {
        GeneratorBench bench = new GeneratorBench().running(onLeads(leftLeg()));

        ApplyResult result = bench.generator.patientAdjust("left-leg", 0.1, PATIENT);

        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule)
                .containsExactly(SafetyRule.PATIENT_RANGE);
        assertThat(amplitudeMa(bench)).isEqualTo(2.5);
    }

    @Test
    void aStepForAProgramThatDoesNotExistIsRefused() {
        GeneratorBench bench = new GeneratorBench().running(withRange());

        ApplyResult result = bench.generator.patientAdjust("right-leg", 0.1, PATIENT);

        assertThat(result).isInstanceOf(ApplyResult.Rejected.class);
        assertThat(((ApplyResult.Rejected) result).violations()).extracting(Violation::rule)
                .containsExactly(SafetyRule.GENERATOR_STATE);
    }

    @Test
    void aStepWithoutTherapyIsRefused() {
        GeneratorBench bench = new GeneratorBench();

        ApplyResult result = bench.generator.patientAdjust("left-leg", 0.1, PATIENT);

        assertThat(result.applied()).isFalse();
        assertThat(bench.generator.therapy()).isEmpty();
    }
}
