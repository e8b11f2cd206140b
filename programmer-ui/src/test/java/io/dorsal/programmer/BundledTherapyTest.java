package io.dorsal.programmer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BundledTherapyTest {

    @Test
    void theBundledTherapyIsExamplesTwoProgramsAndSafe() throws Exception {
        var bundled = ProgrammerApp.bundled();

        assertThat(bundled).isEqualTo(ProgramCodec.read(Path.of("..", "examples", "two-programs.json")));
        assertThat(new SafetyValidator().validate(bundled)).isInstanceOf(Validation.Safe.class);
    }

    @Test
    void theWornContactsExampleIsSafeWithOneOpenAndOneShortContact() throws Exception {
        var worn = ProgramCodec.read(Path.of("..", "examples", "worn-contacts.json"));

        assertThat(new SafetyValidator().validate(worn)).isInstanceOf(Validation.Safe.class);
        assertThat(worn.lead("L2").orElseThrow().impedanceOhmOf(7).getAsDouble()).isGreaterThan(worn.limits().openCircuitOhm());
        assertThat(worn.lead("L1").orElseThrow().impedanceOhmOf(6).getAsDouble()).isLessThan(worn.limits().shortCircuitOhm());
    }
}
