package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import org.junit.jupiter.api.Test;

/** The draft is checked by the validator after every edit, and each broken rule is shown beside its control. */
class DraftCheckTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final DraftCheck check = m.check();

    @Test
    void theGeneratorsTherapyIsSafe() {
        assertThat(check.safeProperty().get()).isTrue();
        assertThat(check.violations()).isEmpty();
        assertThat(check.fractionsOkProperty().get()).isTrue();
    }

    @Test
    void anAmplitudeAboveThePatientRangeIsShownBesideAmplitudeAndBlocksApply() {
        m.fields().amplitudeMaProperty().set(7.0);

        assertThat(check.safeProperty().get()).isFalse();
        assertThat(m.handover().canApplyProperty().get()).isFalse();
        assertThat(check.messageFor(Field.AMPLITUDE).get()).contains("7 mA")
                .contains("limit inside the patient range 2 mA to 6 mA").contains("(patient range)");
        assertThat(check.violations()).isNotEmpty();
    }

    @Test
    void aChargeDensityBreachNamesTheContactValueLimitAndRule() {
        m.fields().patientRangeOnProperty().set(false);
        m.fields().amplitudeMaProperty().set(5.0);

        assertThat(check.messageFor(Field.AMPLITUDE).get()).isEmpty();
        assertThat(check.safeProperty().get()).isTrue();

        m.fields().amplitudeMaProperty().set(6.5);

        assertThat(check.messageFor(Field.AMPLITUDE).get())
                .contains("L1.2: charge density 32.5 uC/cm2/phase").contains("limit at most 30 uC/cm2/phase")
                .contains("(charge density)");
        assertThat(m.handover().canApplyProperty().get()).isFalse();
    }

    @Test
    void aDoseBrokenByAWiderPulseIsShownBesidePulseWidthNotAmplitude() {
        m.fields().patientRangeOnProperty().set(false);

        m.fields().pulseWidthUsProperty().set(500);

        // 4 mA for 500 us on 6 mm2 is 33.3 uC/cm2
        assertThat(check.messageFor(Field.PULSE_WIDTH).get()).contains("(charge density)");
        assertThat(check.messageFor(Field.AMPLITUDE).get()).isEmpty();
    }

    @Test
    void aHandTypedPercentageThatBreaksTheSumIsShownBesideTheContacts() {
        m.contacts().setPercent(ContactId.parse("L1.2"), 90);

        assertThat(check.fractionsOkProperty().get()).isFalse();
        assertThat(check.fractionsTextProperty().get()).contains("cathodes -90%").contains("each must total 100%");
        assertThat(check.messageFor(Field.CONTACTS).get()).contains("cathodes sum to -90%").contains("(fractions)");
        assertThat(m.handover().canApplyProperty().get()).isFalse();
    }

    @Test
    void aDisabledProgramIsCheckedAloneAndItsProblemsAreMarkedNotSent() {
        m.programs().select(1);
        m.fields().enabledProperty().set(false);
        m.fields().patientRangeOnProperty().set(false);

        m.fields().amplitudeMaProperty().set(25.0);

        assertThat(check.safeProperty().get()).isTrue();
        assertThat(check.violations()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).endsWith("[disabled program: not sent]"));
        assertThat(check.messageFor(Field.AMPLITUDE).get()).isNotEmpty();
    }

    @Test
    void measuredImpedancesAreUsedForEveryDose() {
        ContactId l12 = ContactId.parse("L1.2");
        m.fields().patientRangeOnProperty().set(false);
        assertThat(check.messageFor(Field.AMPLITUDE).get()).isEmpty();

        // 4 mA through 3,900 ohm needs 15.6 V on the cathode alone: the current path is over the 12 V compliance
        check.useImpedances(java.util.Map.of(l12, 3_900.0), java.util.Set.of());

        assertThat(check.messageFor(Field.AMPLITUDE).get()).contains("current path L1.2 to", "4 mA x 3900 ohm")
                .contains("(compliance voltage)");
        assertThat(check.measuredOhm()).containsEntry(l12, 3_900.0);
    }
}
