package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatientModelTest {

    private final Fixture f = new Fixture();
    private final PatientModel patient = f.session.patient();

    private double onGenerator(String name) {
        return f.link.status().join().therapy().orElseThrow().therapy().program(name).orElseThrow().amplitudeMa();
    }

    @Test
    void listsTheGeneratorsProgramsAndItsRange() {
        assertThat(patient.programs()).containsExactly("low-back", "left-leg");
        assertThat(patient.programProperty().get()).isEqualTo("low-back");
        assertThat(patient.amplitudeProperty().get()).isEqualTo("4 mA");
        assertThat(patient.rangeProperty().get()).isEqualTo("You may set 2 to 6 mA");
        assertThat(patient.onProperty().get()).isTrue();
    }

    @Test
    void stepsUpToTheTopOfTheRangeAndNoFurther() {
        for (int i = 0; i < 25; i++) {
            patient.up();
        }

        assertThat(onGenerator("low-back")).isEqualTo(6.0);
        assertThat(patient.canUpProperty().get()).isFalse();
        assertThat(patient.canDownProperty().get()).isTrue();
    }

    @Test
    void stepsDownToTheBottomOfTheRangeAndNoFurther() {
        for (int i = 0; i < 25; i++) {
            patient.down();
        }

        assertThat(onGenerator("low-back")).isEqualTo(2.0);
        assertThat(patient.canDownProperty().get()).isFalse();
    }

    @Test
    void aProgramWithoutARangeCannotBeAdjusted() {
        patient.programProperty().set("left-leg");

        assertThat(patient.rangeProperty().get()).contains("has not set a range");
        assertThat(patient.canUpProperty().get()).isFalse();
        assertThat(patient.canDownProperty().get()).isFalse();
        patient.up();
        assertThat(onGenerator("left-leg")).isEqualTo(2.5);
    }

    @Test
    void nothingStepsWhileTherapyIsOffAndOnOffIsLogged() {
        patient.toggle();

        assertThat(patient.onProperty().get()).isFalse();
        assertThat(patient.canUpProperty().get()).isFalse();
        patient.toggle();
        assertThat(patient.onProperty().get()).isTrue();
        assertThat(f.session.log().entries()).extracting(LogEntry::action).contains("therapy off", "therapy on");
    }

    @Test
    void theClinicianDraftFollowsAPatientStepWhenItHadNoChangesOfItsOwn() {
        patient.up();

        assertThat(f.programmer().program().amplitudeMa()).isEqualTo(4.1);
        assertThat(f.programmer().handover().dirtyProperty().get()).isFalse();
    }
}
