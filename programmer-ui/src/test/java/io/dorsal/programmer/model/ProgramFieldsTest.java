package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import org.junit.jupiter.api.Test;

/** The editor's fields show the selected program; writing one edits it, with a pattern's usual starting values. */
class ProgramFieldsTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final ProgramFields fields = m.fields();

    @Test
    void theFieldsShowTheSelectedProgram() {
        assertThat(fields.nameProperty().get()).isEqualTo("low-back");
        assertThat(fields.amplitudeMaProperty().get()).isEqualTo(4.0);
        assertThat(fields.pulseWidthUsProperty().get()).isEqualTo(m.program().pulseWidthUs());

        m.programs().select(1);

        assertThat(fields.nameProperty().get()).isEqualTo("left-leg");
        assertThat(fields.amplitudeMaProperty().get()).isEqualTo(m.program().amplitudeMa());
    }

    @Test
    void anAmplitudeGoesToTheDevicesStep() {
        fields.amplitudeMaProperty().set(4.349);

        assertThat(m.program().amplitudeMa()).isEqualTo(4.3);
        assertThat(fields.amplitudeMaProperty().get()).isEqualTo(4.3);
    }

    @Test
    void switchingToBurstStartsFromBurstDr() {
        fields.patternTypeProperty().set(PatternType.BURST);

        assertThat(m.program().pattern()).isEqualTo(new Pattern.Burst(5, 500, 40));
        assertThat(m.program().pulseWidthUs()).isEqualTo(1000);
        assertThat(fields.rechargeTypeProperty().get()).isEqualTo(RechargeType.PASSIVE);
        // 4 mA for 1,000 us on 6 mm2 is 66.7 uC/cm2: the validator says so beside the pulse width
        assertThat(m.check().messageFor(Field.PULSE_WIDTH).get()).contains("charge density");
    }

    @Test
    void highFrequencyStartsAtTenKilohertzAndCannotRunBesideATonicProgram() {
        m.programs().select(1);

        fields.patternTypeProperty().set(PatternType.HIGH_FREQUENCY);

        assertThat(m.program().pattern()).isEqualTo(new Pattern.HighFrequency(10_000));
        assertThat(m.program().pulseWidthUs()).isEqualTo(30);
        assertThat(fields.rateHzProperty().get()).isEqualTo(10_000);
        assertThat(m.check().violations()).anySatisfy(line -> assertThat(line).contains("(rule: interleaving)"));
        assertThat(m.handover().canApplyProperty().get()).isFalse();

        m.programs().select(0);
        fields.enabledProperty().set(false);
        assertThat(m.handover().canApplyProperty().get()).isTrue();
    }

    @Test
    void backToTonicFromHighFrequencyFallsBackToFiftyHertz() {
        fields.patternTypeProperty().set(PatternType.HIGH_FREQUENCY);

        fields.patternTypeProperty().set(PatternType.TONIC);

        assertThat(m.program().pattern()).isEqualTo(new Pattern.Tonic(ProgramStarts.DEFAULT_TONIC_RATE_HZ));
    }

    @Test
    void aDisabledProgramIsNotSent() {
        m.programs().select(1);
        fields.enabledProperty().set(false);

        assertThat(m.draft().therapy().programs()).extracting(Program::name).containsExactly("low-back");
        assertThat(m.handover().canApplyProperty().get()).isTrue();
    }

    @Test
    void turningThePatientRangeOnOffersHalfToOneAndAHalfTimesTodaysAmplitude() {
        fields.patientRangeOnProperty().set(false);

        fields.patientRangeOnProperty().set(true);

        assertThat(fields.patientMinMaProperty().get()).isEqualTo(2.0);
        assertThat(fields.patientMaxMaProperty().get()).isEqualTo(6.0);
    }
}
