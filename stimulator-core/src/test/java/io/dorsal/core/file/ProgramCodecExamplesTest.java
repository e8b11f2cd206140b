package io.dorsal.core.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repository's example files read field by field into the therapy they describe. */
class ProgramCodecExamplesTest {

    private static Map<ContactId, Integer> electrodes(Object... namesAndPercents) {
        Map<ContactId, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPercents.length; i += 2) {
            map.put(ContactId.parse((String) namesAndPercents[i]), (Integer) namesAndPercents[i + 1]);
        }
        return map;
    }

    /** examples/two-programs.json, written out by hand from the file. */
    private static Therapy twoProgramsAsWritten() {
        return new Therapy(
                List.of(new Lead("L1", 8, 6.0, OptionalDouble.of(800.0), Map.of()),
                        new Lead("L2", 8, 6.0, OptionalDouble.empty(), Map.of())),
                List.of(new Program("low-back", electrodes("L1.2", -100, "L1.1", 50, "L1.3", 50), 4.0, 300,
                                new Pattern.Tonic(50), new Recharge.Active(20, 1), 2.0,
                                Optional.of(new Cycle(60, 120)), Optional.of(new PatientRange(2.0, 6.0))),
                        new Program("left-leg", electrodes("L2.4", -100, "CASE", 100), 2.5, 200,
                                new Pattern.Tonic(100), new Recharge.Active(20, 1), 0.0,
                                Optional.empty(), Optional.empty())),
                DeviceLimits.DEFAULTS);
    }

    /** examples/burst.json, written out by hand from the file. */
    private static Therapy burstAsWritten() {
        return new Therapy(
                List.of(new Lead("L1", 16, 12.0, OptionalDouble.empty(), Map.of())),
                List.of(new Program("burst", electrodes("L1.5", -100, "L1.6", 100), 0.8, 1000,
                        new Pattern.Burst(5, 500, 40), new Recharge.Passive(OptionalInt.empty()), 0.0,
                        Optional.empty(), Optional.empty())),
                DeviceLimits.DEFAULTS);
    }

    @Test
    void readsTheTwoProgramsExampleExactly() throws ProgramFileException {
        // when
        Therapy therapy = ProgramCodec.read(Examples.path("two-programs.json"));

        // then
        assertThat(therapy).isEqualTo(twoProgramsAsWritten());
    }

    @Test
    void readsTheTwoProgramsExampleFieldByField() throws ProgramFileException {
        Therapy therapy = ProgramCodec.read(Examples.path("two-programs.json"));

        Lead l1 = therapy.leads().get(0);
        Lead l2 = therapy.leads().get(1);
        assertThat(l1.impedanceOhm()).hasValue(800.0);
        assertThat(l2.impedanceOhm()).isEmpty();
        assertThat(l2.contactImpedanceOhm()).isEmpty();

        Program lowBack = therapy.programs().get(0);
        assertThat(lowBack.electrodes().keySet()).as("contact order as written")
                .containsExactly(ContactId.parse("L1.2"), ContactId.parse("L1.1"), ContactId.parse("L1.3"));
        assertThat(lowBack.recharge()).isEqualTo(new Recharge.Active(20, 1));
        assertThat(lowBack.rampS()).isEqualTo(2.0);
        assertThat(lowBack.cycle()).contains(new Cycle(60, 120));
        assertThat(lowBack.patientRange()).contains(new PatientRange(2.0, 6.0));

        Program leftLeg = therapy.programs().get(1);
        assertThat(leftLeg.electrodes()).containsEntry(ContactId.CASE, 100);
        assertThat(ContactId.CASE.isCase()).isTrue();
        assertThat(leftLeg.recharge()).as("active recharge without a gap takes the default 20 us")
                .isEqualTo(new Recharge.Active(Recharge.DEFAULT_INTERPHASE_GAP_US, 1));
        assertThat(Recharge.DEFAULT_INTERPHASE_GAP_US).isEqualTo(20);
        assertThat(leftLeg.rampS()).isZero();
        assertThat(leftLeg.cycle()).isEmpty();
        assertThat(leftLeg.patientRange()).isEmpty();
        assertThat(therapy.limits()).isEqualTo(DeviceLimits.DEFAULTS);
    }

    @Test
    void readsTheBurstExampleExactly() throws ProgramFileException {
        // when
        Therapy therapy = ProgramCodec.read(Examples.path("burst.json"));

        // then
        assertThat(therapy).isEqualTo(burstAsWritten());
        assertThat(therapy.programs().get(0).recharge()).isEqualTo(Recharge.Passive.restOfPeriod());
    }

    @Test
    void readsTheSameFromTextAsFromTheFile() throws ProgramFileException {
        assertThat(ProgramCodec.read(Examples.text("burst.json")))
                .isEqualTo(ProgramCodec.read(Examples.path("burst.json")));
    }

    @Test
    void bothExamplesAreSafe() throws ProgramFileException {
        SafetyValidator validator = new SafetyValidator();

        assertThat(validator.validate(ProgramCodec.read(Examples.path("two-programs.json"))))
                .isInstanceOf(Validation.Safe.class);
        assertThat(validator.validate(ProgramCodec.read(Examples.path("burst.json"))))
                .isInstanceOf(Validation.Safe.class);
    }

    @Test
    void reportsAFileThatCannotBeReadInOneLine(@TempDir Path dir) {
        // given a path where there is no file
        Path missing = dir.resolve("missing.json");

        // when
        ProgramFileException e = catchThrowableOfType(ProgramFileException.class, () -> ProgramCodec.read(missing));

        // then
        assertThat(e.line()).isZero();
        assertThat(e.describe()).startsWith("cannot read the file").contains("missing.json").doesNotContain("\n");
    }
}
