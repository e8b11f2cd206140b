package io.dorsal.core.safety;

import static io.dorsal.core.safety.ValidatorFixtures.assertSafe;
import static io.dorsal.core.safety.ValidatorFixtures.lead;
import static io.dorsal.core.safety.ValidatorFixtures.limitsWith;
import static io.dorsal.core.safety.ValidatorFixtures.onlyViolation;
import static io.dorsal.core.safety.ValidatorFixtures.program;
import static io.dorsal.core.safety.ValidatorFixtures.therapy;
import static io.dorsal.core.safety.ValidatorFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.safety.ValidatorFixtures.ProgramBuilder;
import io.dorsal.core.therapy.Therapy;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules that come from the electrode model (docs/safety.md): the charge an electrode holds, what a passive window
 * returns, and a ramp that must fit the cycling on-time. Contacts at the default 1,000 ohm and 10 uF: a time constant
 * of 10 ms.
 */
class ElectrodeModelRulesTest {

    private static final double TAU_US = 10_000.0;

    private final SafetyValidator validator = new SafetyValidator();

    /** BurstDR's shape (40 Hz bursts of 5 pulses at 500 Hz, 1,000 us, passive) on 12 mm2 contacts. */
    private static Therapy burstDr(double amplitudeMa) {
        return burstDr(amplitudeMa, 12.0);
    }

    private static Therapy burstDr(double amplitudeMa, double areaMm2) {
        return therapy().leads(lead("L1", 16, areaMm2)).program(program().amplitudeMa(amplitudeMa).pulseWidthUs(1000)
                .electrodes("L1.5", -100, "L1.6", 100).burst(5, 500, 40).passive()).build();
    }

    /** The charge density an electrode holds before its window in steady state: N Q / (1 - e^(-T / RC)) / A. */
    private static double heldUcPerCm2(double amplitudeMa, int pulses, int pulseWidthUs, double windowUs, double areaMm2) {
        double burstUc = pulses * amplitudeMa * pulseWidthUs / 1000.0;
        return burstUc / (1 - Math.exp(-windowUs / TAU_US)) / (areaMm2 / 100.0);
    }

    @Nested
    class ElectrodeCharge {

        @Test
        void acceptsBurstDrAsItsMakerProgramsIt() {
            // up to 1.5 mA: 7.5 uC a burst, 62.5 uC/cm2 before the first window; the 16 ms window returns 80 %, so
            // the electrode settles at 62.5 / 0.8 = 78.3 uC/cm2, under 100
            assertThat(heldUcPerCm2(1.5, 5, 1000, 16_000, 12.0)).isCloseTo(78.3, within(0.05));
            for (double ma : new double[] {0.3, 0.8, 1.5}) {
                ValidatedTherapy safe = assertSafe(validator.validate(burstDr(ma)));
                assertThat(safe.load(0).mostHeld().orElseThrow().heldChargeUcPerCm2())
                        .isCloseTo(heldUcPerCm2(ma, 5, 1000, 16_000, 12.0), within(1e-9));
            }
        }

        @Test
        void refusesTheIssuesBurstProbeAtThirtyMicrocoulombsAPhase() {
            // 1.8 mA x 1,000 us on 6 mm2 is exactly 30 uC/cm2 a phase (k = 1.73: accepted by the per-phase rules),
            // but the burst holds 5 x 30 = 150 uC/cm2 before its first window and 188 in steady state
            var v = violations(validator.validate(burstDr(1.8, 6.0)));

            assertThat(v).extracting(Violation::rule).containsOnly(SafetyRule.ELECTRODE_CHARGE);
            assertThat(v.get(0).field()).isEqualTo("contact L1.5");
            assertThat(v.get(0).value()).contains("the electrode holds 187.95 uC/cm2", "in periodic steady state",
                    "a burst of 5 pulses holds 150 uC/cm2 before its first window");
            assertThat(v.get(0).limit()).isEqualTo("at most 100 uC/cm2, the reversible charge injection of platinum-iridium");
            assertThat(v.get(0).message()).endsWith("(rule: electrode charge)");
        }

        @Test
        void holdsTheSteadyStateFigureAtAndPastItsEdge() {
            // the figure the model works out is the closed form; a limit at it accepts, a limit just under refuses
            double held = heldUcPerCm2(1.0, 5, 1000, 16_000, 12.0);

            assertSafe(validator.validate(therapy().limits(limitsWith("maxElectrodeChargeUcPerCm2", held))
                    .leads(lead("L1", 16, 12.0)).program(burstProgram(1.0)).build()));
            assertThat(violations(validator.validate(therapy().limits(limitsWith("maxElectrodeChargeUcPerCm2",
                    held - 0.01)).leads(lead("L1", 16, 12.0)).program(burstProgram(1.0)).build())))
                    .extracting(Violation::rule).containsOnly(SafetyRule.ELECTRODE_CHARGE);
        }

        @Test
        void acceptsTonicWithPassiveRechargeOverTheRestOfThePeriod() {
            // 50 Hz, 300 us, 4 mA on 6 mm2: 20 uC/cm2 a phase; the 19.7 ms window returns 86 %: 23.2 uC/cm2 held
            ValidatedTherapy safe = assertSafe(validator.validate(therapy().program(program().amplitudeMa(4.0)
                    .pulseWidthUs(300).passive()).build()));

            assertThat(safe.load(0).mostHeld().orElseThrow().heldChargeUcPerCm2())
                    .isCloseTo(heldUcPerCm2(4.0, 1, 300, 19_700, 6.0), within(1e-9));
        }

        @Test
        void checksTheElectrodeChargeAtThePatientMaximum() {
            // 1 mA today (52 uC/cm2 held), but the patient may go to 2 mA (104)
            var v = violations(validator.validate(therapy().leads(lead("L1", 16, 12.0))
                    .program(burstProgram(1.0).patientRange(0.5, 2.0)).build()));

            assertThat(v).extracting(Violation::rule).containsOnly(SafetyRule.ELECTRODE_CHARGE);
            assertThat(v).extracting(Violation::field).containsExactly("contact L1.5 at the patient maximum 2 mA",
                    "contact L1.6 at the patient maximum 2 mA");
        }

        private ProgramBuilder burstProgram(double amplitudeMa) {
            return program().amplitudeMa(amplitudeMa).pulseWidthUs(1000).electrodes("L1.5", -100, "L1.6", 100)
                    .burst(5, 500, 40).passive();
        }
    }

    @Nested
    class PassiveReturn {

        @Test
        void refusesKilohertzPassiveRechargeWithTensOfMicrosecondWindows() {
            // 10 kHz, 30 us, 1 mA: the 70 us left of each period returns 1 - e^(-70 / 10,000) = 0.7 %
            Violation violation = onlyViolation(validator.validate(therapy().program(program().pulseWidthUs(30)
                    .highFrequency(10_000).passive()).build()), SafetyRule.PASSIVE_RETURN);

            assertThat(violation.field()).isEqualTo("recharge.windowUs");
            assertThat(violation.value()).isEqualTo("the passive window returns 0.698% of the charge on L1.0 (time "
                    + "constant 10000 us: 1000 ohm x 10 uF)");
            // 5 % needs -10,000 x ln(0.95) = 512.9 us
            assertThat(violation.limit()).isEqualTo("at least 5% (a window of at least 513 us; or active recharge)");
        }

        @Test
        void acceptsAWindowThatReturnsFivePercentAndRefusesOneMicrosecondLess() {
            assertSafe(validator.validate(therapy().program(program().pulseWidthUs(100).tonic(200).passive(513))
                    .build()));
            onlyViolation(validator.validate(therapy().program(program().pulseWidthUs(100).tonic(200).passive(512))
                    .build()), SafetyRule.PASSIVE_RETURN);
        }

        @Test
        void aLeadsOwnSmallerCouplingCapacitorReturnsMore() {
            // on 1 uF the time constant is 1 ms: the 512 us window returns 40 %
            assertSafe(validator.validate(therapy().leads(ValidatorFixtures.leadWithCoupling(1.0))
                    .program(program().pulseWidthUs(100).tonic(200).passive(512)).build()));
        }

        @Test
        void holdsTheReturnToATightenedShare() {
            var limits = limitsWith("minPassiveReturnPercent", 10.0);

            assertThat(onlyViolation(validator.validate(therapy().limits(limits).program(program().pulseWidthUs(100)
                    .tonic(200).passive(1000)).build()), SafetyRule.PASSIVE_RETURN).limit())
                    .startsWith("at least 10% (a window of at least 1054 us");
        }
    }

    @Nested
    class RampFitsCycle {

        @Test
        void refusesARampThatNeverReachesTheAmplitudeInTheOnTime() {
            // the issue's case: 3 mA, ramp 10 s, on 1 s / off 1 s never delivers more than 0.3 mA
            Violation violation = onlyViolation(validator.validate(therapy().program(program().amplitudeMa(3.0)
                    .rampS(10).cycle(1, 1)).build()), SafetyRule.RAMP_FITS_CYCLE);

            assertThat(violation.field()).isEqualTo("rampS");
            assertThat(violation.value()).isEqualTo("10 s ramp in a 1 s on-time never reaches 3 mA");
            assertThat(violation.limit()).startsWith("shorter than cycle.onS, 1 s");
            assertThat(violation.message()).endsWith("(rule: ramp fits on-time)");
        }

        @Test
        void acceptsARampShorterThanTheOnTimeAndRefusesOneAsLong() {
            assertSafe(validator.validate(therapy().program(program().rampS(1.9).cycle(2, 1)).build()));
            onlyViolation(validator.validate(therapy().program(program().rampS(2.0).cycle(2, 1)).build()),
                    SafetyRule.RAMP_FITS_CYCLE);
        }
    }
}
