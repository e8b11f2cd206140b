package io.dorsal.core.safety;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.Therapy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Shapes of a period the per-phase dose rules alone would miss. */
class RechargeAndBurstShapeTest {

    private static Validation validate(String pulseWidthUs, String pattern, String recharge) throws ProgramFileException {
        return validate(pulseWidthUs, pattern, recharge, "");
    }

    /** {@code lead} adds fields to the lead, such as its own coupling capacitor. */
    private static Validation validate(String pulseWidthUs, String pattern, String recharge, String lead)
            throws ProgramFileException {
        Therapy therapy = ProgramCodec.read("""
                {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 12.0%s}],
                 "programs": [{"name": "p", "electrodes": {"L1.0": -100, "L1.1": 100}, "amplitudeMa": 2.0,
                   "pulseWidthUs": %s, "pattern": %s, "recharge": %s}]}
                """.formatted(lead, pulseWidthUs, pattern, recharge));
        return new SafetyValidator().validate(therapy);
    }

    private static List<Violation> violations(Validation v) {
        return v instanceof Validation.Unsafe u ? u.violations() : List.of();
    }

    @Test
    void refusesAPassiveWindowThatWouldAverageMoreThanAContactMayCarry() throws ProgramFileException {
        // 10 pulses x 2 mA x 500 us = 10 uC returned over the 500 us left of a 10 ms burst period: 20 mA
        Validation v = validate("500", "{\"type\": \"burst\", \"pulsesPerBurst\": 10, \"intraBurstRateHz\": 1000,"
                + " \"burstRateHz\": 100}", "{\"type\": \"passive\"}");

        assertThat(violations(v)).anySatisfy(x -> {
            assertThat(x.rule()).isEqualTo(SafetyRule.RECHARGE);
            assertThat(x.message()).contains("recharge on contact L1.0", "averages 20 mA", "at most 12.7 mA");
        });
        assertThat(violations(v)).anySatisfy(x -> assertThat(x.rule()).isEqualTo(SafetyRule.COMPLIANCE));
    }

    @Test
    void acceptsAPassiveWindowAtTheContactLimit() throws ProgramFileException {
        // 5 pulses x 2 mA x 500 us = 5 uC; window 10000 - 4 x 2000 - 500 = 1500 us... use an explicit window:
        // 5 uC over 787.4 us would be 6.35 mA; take windowUs 800: 6.25 mA, inside 12.7 mA. On 250 ohm contacts with
        // their own 4.7 uF coupling capacitors (time constant 1,175 us) the 800 us window returns 49 % of what the
        // electrode holds, which then holds 5 uC / 0.49 = 10.2 uC (85 uC/cm2, 2.2 V): within the electrode model's rules
        Validation v = validate("500", "{\"type\": \"burst\", \"pulsesPerBurst\": 5, \"intraBurstRateHz\": 500,"
                + " \"burstRateHz\": 40}", "{\"type\": \"passive\", \"windowUs\": 800}",
                ", \"impedanceOhm\": 250, \"couplingCapacitanceUf\": 4.7");

        assertThat(v).as(() -> violations(v).toString()).isInstanceOf(Validation.Safe.class);
    }

    @Test
    void refusesBurstPulsesThatTouchAndWouldMergeIntoOnePhase() throws ProgramFileException {
        // 1000 us pulses every 1000 us (1 kHz inside the burst): no gap between them
        Validation v = validate("1000", "{\"type\": \"burst\", \"pulsesPerBurst\": 3, \"intraBurstRateHz\": 1000,"
                + " \"burstRateHz\": 40}", "{\"type\": \"passive\"}");

        assertThat(violations(v)).anySatisfy(x -> {
            assertThat(x.rule()).isEqualTo(SafetyRule.TIMING);
            assertThat(x.message()).contains("touch and merge");
        });
    }

    @Test
    void acceptsBurstPulsesWithTheSmallestGap() throws ProgramFileException {
        // 990 us pulses every 1000 us: a 10 us gap
        Validation v = validate("990", "{\"type\": \"burst\", \"pulsesPerBurst\": 3, \"intraBurstRateHz\": 1000,"
                + " \"burstRateHz\": 40}", "{\"type\": \"passive\"}");

        assertThat(violations(v)).isEmpty();
    }
}
