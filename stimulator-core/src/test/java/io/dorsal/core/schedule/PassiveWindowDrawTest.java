package io.dorsal.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PassiveWindowDrawTest {

    @Test
    void aPassiveWindowDrawsNothingFromTheCell() throws Exception {
        Validation.Safe burst = (Validation.Safe) new SafetyValidator()
                .validate(ProgramCodec.read(Path.of("..", "examples", "burst.json")));

        PulseTable table = PulseTable.compile(burst.therapy());

        // 5 pulses x 800 uA x 1000 us = 4,000,000 pC every 25,000 us: 160 uA; the 16 ms passive window adds nothing
        assertThat(table.averageDeliveredUa(0)).isCloseTo(160.0, within(1e-9));
        assertThat(table.phasePassive(table.phaseTo(0) - 1)).isTrue();
        assertThat(table.phasePassive(table.phaseFrom(0))).isFalse();
    }
}
