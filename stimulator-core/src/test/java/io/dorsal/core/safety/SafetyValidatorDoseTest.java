package io.dorsal.core.safety;

import static io.dorsal.core.safety.ValidatorFixtures.assertSafe;
import static io.dorsal.core.safety.ValidatorFixtures.contact;
import static io.dorsal.core.safety.ValidatorFixtures.lead;
import static io.dorsal.core.safety.ValidatorFixtures.leadWithCoupling;
import static io.dorsal.core.safety.ValidatorFixtures.limitsWith;
import static io.dorsal.core.safety.ValidatorFixtures.onlyViolation;
import static io.dorsal.core.safety.ValidatorFixtures.program;
import static io.dorsal.core.safety.ValidatorFixtures.therapy;
import static io.dorsal.core.safety.ValidatorFixtures.therapyWith;
import static io.dorsal.core.safety.ValidatorFixtures.violationOf;
import static io.dorsal.core.safety.ValidatorFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.therapy.Therapy;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The dose rules, each at its limit (accepted) and just past it (refused under its rule, naming value and
 * limit): amplitude, current on one contact, charge density, Shannon's k, compliance voltage, impedance flags,
 * and the same dose rules at the top of a patient range. Expected figures come from the physics in this class,
 * never from the validator.
 */
class SafetyValidatorDoseTest {

    private final SafetyValidator validator = new SafetyValidator();

    // physics, written out independently of the validator -------------------------------------------------

    /** Q = I x PW, in uC for mA and us. */
    static double chargeUc(double currentMa, int pulseWidthUs) {
        return currentMa * pulseWidthUs / 1000.0;
    }

    /** D = Q / A, in uC/cm2 for uC and mm2. */
    static double densityUcPerCm2(double chargeUc, double areaMm2) {
        return chargeUc / (areaMm2 / 100.0);
    }

    static double shannonK(double currentMa, int pulseWidthUs, double areaMm2) {
        double q = chargeUc(currentMa, pulseWidthUs);
        return Math.log10(densityUcPerCm2(q, areaMm2)) + Math.log10(q);
    }

    @Test
    void acceptsTheBaselineTherapy() {
        // given the fixtures' baseline: 1 mA, 200 us, 50 Hz on two contacts of 6 mm2
        Therapy therapy = therapyWith(program());

        // when / then
        assertSafe(validator.validate(therapy));
    }

    @Nested
    class Amplitude {

        @Test
        void acceptsMaximumAmplitudeSpreadOverThreeCathodesAndThreeAnodes() {
            // given 25.5 mA split 34/33/33 %, so no contact carries more than 8.67 mA
            // (on 500 ohm contacts, so that the 8.67 mA paths stay within the compliance voltage)
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 500.0)).program(program().amplitudeMa(25.5)
                    .pulseWidthUs(20).electrodes("L1.0", -34, "L1.1", -33, "L1.2", -33, "L1.3", 34, "L1.4", 33,
                            "L1.5", 33)).build();

            // when / then
            assertSafe(validator.validate(therapy));
        }

        @Test
        void rejectsAmplitudeAboveDeviceMaximum() {
            // given one step above 25.5 mA, still spread thinly over the contacts
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 500.0)).program(program().amplitudeMa(25.6)
                    .pulseWidthUs(20).electrodes("L1.0", -34, "L1.1", -33, "L1.2", -33, "L1.3", 34, "L1.4", 33,
                            "L1.5", 33)).build();

            // when
            Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.AMPLITUDE);

            // then
            assertThat(violation.subject()).isEqualTo("program 'p1'");
            assertThat(violation.field()).isEqualTo("amplitudeMa");
            assertThat(violation.value()).isEqualTo("25.6 mA");
            assertThat(violation.limit()).isEqualTo("0 to 25.5 mA");
            assertThat(violation.message()).contains("25.6 mA", "25.5 mA", "amplitude");
        }

        @Test
        void acceptsZeroAmplitude() {
            assertSafe(validator.validate(therapyWith(program().amplitudeMa(0.0))));
        }

        @Test
        void rejectsNegativeAmplitude() {
            Violation violation = onlyViolation(validator.validate(therapyWith(program().amplitudeMa(-0.1))),
                    SafetyRule.AMPLITUDE);

            assertThat(violation.value()).isEqualTo("-0.1 mA");
        }

        @Test
        void rejectsAmplitudeThatIsNotANumber() {
            onlyViolation(validator.validate(therapyWith(program().amplitudeMa(Double.NaN))), SafetyRule.AMPLITUDE);
        }

        @Test
        void rejectsAmplitudeOffTheTenthOfAMilliampStep() {
            Violation violation = onlyViolation(validator.validate(therapyWith(program().amplitudeMa(3.05))),
                    SafetyRule.AMPLITUDE);

            assertThat(violation.limit()).isEqualTo("a multiple of 0.1 mA");
        }

        @Test
        void holdsAmplitudeToATightenedMaximum() {
            // given limits tightened to 10 mA (on 500 ohm contacts: the 10 mA path needs about 10 V)
            var limits = limitsWith("maxAmplitudeMa", 10.0);

            // when / then: 10 mA is accepted, 10.1 mA is refused with the tightened figure
            assertSafe(validator.validate(therapy().limits(limits).leads(lead("L1", 8, 6.0, 500.0))
                    .program(program().amplitudeMa(10.0).pulseWidthUs(20)).build()));
            Violation violation = onlyViolation(validator.validate(therapy().limits(limits)
                    .leads(lead("L1", 8, 6.0, 500.0)).program(program().amplitudeMa(10.1).pulseWidthUs(20)).build()),
                    SafetyRule.AMPLITUDE);
            assertThat(violation.limit()).isEqualTo("0 to 10 mA");
        }
    }

    @Nested
    class ContactCurrent {

        // 400 ohm keeps the 12.8 mA path under the 12 V compliance (7.7 V), so only the current rule can fire
        private Therapy withAmplitude(double amplitudeMa, Object... electrodes) {
            return therapy().leads(lead("L1", 8, 6.0, 400.0))
                    .program(program().amplitudeMa(amplitudeMa).pulseWidthUs(20).electrodes(electrodes)).build();
        }

        @Test
        void acceptsContactCurrentAtLimit() {
            assertSafe(validator.validate(withAmplitude(12.7, "L1.0", -100, "L1.1", 50, "L1.2", 50)));
        }

        @Test
        void rejectsCathodeCurrentAboveLimit() {
            // given 12.8 mA all on L1.0; the anodes share it, 6.4 mA each
            Violation violation = onlyViolation(
                    validator.validate(withAmplitude(12.8, "L1.0", -100, "L1.1", 50, "L1.2", 50)),
                    SafetyRule.CONTACT_CURRENT);

            assertThat(violation.field()).isEqualTo("contact L1.0");
            assertThat(violation.value()).contains("12.8 mA");
            assertThat(violation.limit()).contains("12.7 mA");
        }

        @Test
        void rejectsAnodeCurrentAboveLimit() {
            Violation violation = onlyViolation(
                    validator.validate(withAmplitude(12.8, "L1.0", -50, "L1.1", -50, "L1.2", 100)),
                    SafetyRule.CONTACT_CURRENT);

            assertThat(violation.field()).isEqualTo("contact L1.2");
        }

        @Test
        void holdsContactCurrentToATightenedLimit() {
            var limits = limitsWith("maxContactCurrentMa", 5.0);
            assertSafe(validator.validate(therapy().limits(limits).program(program().amplitudeMa(5.0)
                    .electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50)).build()));

            Violation violation = onlyViolation(validator.validate(therapy().limits(limits)
                    .program(program().amplitudeMa(5.1).electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50)).build()),
                    SafetyRule.CONTACT_CURRENT);
            assertThat(violation.limit()).contains("5 mA");
        }
    }

    @Nested
    class ChargeDensity {

        // the can as the anode: 2,000 mm2, so only L1.0 carries a density worth the name; the lead at 300 ohm keeps
        // the path (L1.0, then the can at the default 1,000 ohm) within the compliance voltage up to 9.1 mA
        private Therapy monopolar(double amplitudeMa, int pulseWidthUs, double areaMm2) {
            return therapy().leads(lead("L1", 8, areaMm2, 300.0)).program(program().amplitudeMa(amplitudeMa)
                    .pulseWidthUs(pulseWidthUs).electrodes("L1.0", -100, "CASE", 100)).build();
        }

        @Test
        void acceptsChargeDensityAtLimit() {
            // given 6 mA x 300 us = 1.8 uC over 6 mm2 = 30 uC/cm2/phase, exactly the limit
            assertThat(densityUcPerCm2(chargeUc(6.0, 300), 6.0)).isCloseTo(30.0, within(1e-9));

            assertSafe(validator.validate(monopolar(6.0, 300, 6.0)));
        }

        @Test
        void rejectsChargeDensityAboveLimit() {
            // given 6.1 mA x 300 us = 1.83 uC over 6 mm2 = 30.5 uC/cm2/phase
            assertThat(densityUcPerCm2(chargeUc(6.1, 300), 6.0)).isCloseTo(30.5, within(1e-9));

            // when
            Violation violation = onlyViolation(validator.validate(monopolar(6.1, 300, 6.0)),
                    SafetyRule.CHARGE_DENSITY);

            // then
            assertThat(violation.field()).isEqualTo("contact L1.0");
            assertThat(violation.value()).contains("30.5 uC/cm2/phase", "1.83 uC", "6 mm2");
            assertThat(violation.limit()).isEqualTo("at most 30 uC/cm2/phase");
            assertThat(violation.message()).contains("30.5", "at most 30 uC/cm2/phase", "charge density");
        }

        /**
         * For each contact area and pulse width, the largest amplitude on the 0.1 mA step whose density stays
         * at or under 30: with a in tenths of a mA and the area in tenths of a mm2, D = a x PW / (10 x area10),
         * so D <= 30 exactly when a x PW <= 300 x area10 (whole numbers, no rounding).
         */
        @ParameterizedTest(name = "{0} mm2, {1} us")
        @CsvSource({"6.0, 300", "3.0, 1000", "4.0, 200", "2.0, 100", "6.0, 1000", "1.5, 50", "7.5, 400"})
        void acceptsLargestAmplitudeUnderDensityLimitAndRejectsTheNextStep(double areaMm2, int pulseWidthUs) {
            // given
            long areaTenths = Math.round(areaMm2 * 10);
            long largestTenths = 300 * areaTenths / pulseWidthUs;
            double largestMa = largestTenths / 10.0;
            double nextMa = (largestTenths + 1) / 10.0;
            assertThat(densityUcPerCm2(chargeUc(largestMa, pulseWidthUs), areaMm2)).isLessThanOrEqualTo(30.0 + 1e-9);
            assertThat(densityUcPerCm2(chargeUc(nextMa, pulseWidthUs), areaMm2)).isGreaterThan(30.0);
            assertThat(shannonK(largestMa, pulseWidthUs, areaMm2)).as("Shannon must not decide").isLessThan(1.85);

            // when / then
            assertSafe(validator.validate(monopolar(largestMa, pulseWidthUs, areaMm2)));
            assertThat(violationOf(validator.validate(monopolar(nextMa, pulseWidthUs, areaMm2)),
                    SafetyRule.CHARGE_DENSITY).field()).isEqualTo("contact L1.0");
        }

        @Test
        void holdsChargeDensityToATightenedLimit() {
            // given 20 uC/cm2/phase: 4 mA x 300 us over 6 mm2 = 20 exactly, 4.1 mA = 20.5
            var limits = limitsWith("maxChargeDensityUcPerCm2", 20.0);
            assertSafe(validator.validate(therapy().limits(limits).program(program().amplitudeMa(4.0)
                    .pulseWidthUs(300).electrodes("L1.0", -100, "CASE", 100)).build()));

            Violation violation = onlyViolation(validator.validate(therapy().limits(limits)
                    .program(program().amplitudeMa(4.1).pulseWidthUs(300).electrodes("L1.0", -100, "CASE", 100))
                    .build()), SafetyRule.CHARGE_DENSITY);
            assertThat(violation.value()).contains("20.5 uC/cm2/phase");
            assertThat(violation.limit()).isEqualTo("at most 20 uC/cm2/phase");
        }
    }

    @Nested
    class Shannon {

        // a large contact (20 mm2) and a long pulse (1,000 us): density stays low while k climbs
        private Therapy largeContactLongPulse(double amplitudeMa) {
            return therapy().leads(lead("L1", 8, 20.0)).program(program().amplitudeMa(amplitudeMa)
                    .pulseWidthUs(1000).electrodes("L1.0", -100, "CASE", 100)).build();
        }

        @Test
        void acceptsShannonKJustUnderLimit() {
            // given 3.7 mA: Q = 3.7 uC, D = 18.5 uC/cm2, k = log10(68.45) = 1.835
            assertThat(shannonK(3.7, 1000, 20.0)).isLessThan(1.85);

            assertSafe(validator.validate(largeContactLongPulse(3.7)));
        }

        @Test
        void rejectsShannonKAboveLimitWhileChargeDensityIsWithinIt() {
            // given 3.8 mA: Q = 3.8 uC, D = 19 uC/cm2 (well under 30), k = log10(72.2) = 1.859
            double k = shannonK(3.8, 1000, 20.0);
            assertThat(densityUcPerCm2(chargeUc(3.8, 1000), 20.0)).isLessThan(30.0);
            assertThat(k).isGreaterThan(1.85);

            // when
            Violation violation = onlyViolation(validator.validate(largeContactLongPulse(3.8)), SafetyRule.SHANNON);

            // then
            assertThat(violation.field()).isEqualTo("contact L1.0");
            assertThat(violation.value()).isEqualTo("k = " + String.format(Locale.ROOT, "%.3f", k));
            assertThat(violation.limit()).isEqualTo("k at most 1.85");
            assertThat(violation.message()).contains("Shannon");
        }

        private static String fileWith(double amplitudeMa, String limits) {
            return """
                    {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 20.0}],
                     "programs": [{"name": "strict", "electrodes": {"L1.0": -100, "CASE": 100},
                       "amplitudeMa": %s, "pulseWidthUs": 1000, "rateHz": 50,
                       "pattern": {"type": "tonic"}, "recharge": {"type": "active"}}]%s}
                    """.formatted(amplitudeMa, limits);
        }

        @Test
        void holdsShannonKToALimitAFileTightensTo1point5() throws ProgramFileException {
            // given a file that tightens k to 1.5 on a 20 mm2 contact at 1,000 us
            // 2.5 mA: k = log10(12.5 x 2.5) = 1.495; 2.6 mA: k = log10(13 x 2.6) = 1.529
            assertThat(shannonK(2.5, 1000, 20.0)).isLessThan(1.5);
            assertThat(shannonK(2.6, 1000, 20.0)).isGreaterThan(1.5).isLessThan(1.85);
            String tightened = ", \"limits\": {\"maxShannonK\": 1.5}";

            // when
            Therapy under = ProgramCodec.read(fileWith(2.5, tightened));
            Therapy over = ProgramCodec.read(fileWith(2.6, tightened));
            Therapy overWithDefaults = ProgramCodec.read(fileWith(2.6, ""));

            // then
            assertSafe(validator.validate(under));
            Violation violation = onlyViolation(validator.validate(over), SafetyRule.SHANNON);
            assertThat(violation.limit()).isEqualTo("k at most 1.5");
            assertSafe(validator.validate(overWithDefaults));
        }
    }

    @Nested
    class Compliance {

        /*
         * The path: the cathode's |I| x R plus its capacitor's voltage, plus the same for the anode. With active
         * recharge the capacitor holds at most one phase's charge: |I| x PW / C, 3 mA x 20 us / 10 uF = 0.006 V.
         * So bipolar 3 mA at 20 us through two 1,000 ohm contacts needs 2 x (3 + 0.006) = 6.012 V.
         */
        @Test
        void acceptsPathVoltageAtComplianceLimit() {
            var limits = limitsWith("complianceVoltageV", 6.012);

            assertSafe(validator.validate(therapy().limits(limits).program(program().amplitudeMa(3.0).pulseWidthUs(20)
                    .electrodes("L1.0", -100, "L1.1", 100)).build()));
        }

        @Test
        void rejectsPathVoltageAboveComplianceLimit() {
            // given 3.1 mA: 2 x (3.1 + 0.0062) = 6.21 V against 6.012 V
            var limits = limitsWith("complianceVoltageV", 6.012);

            Violation violation = onlyViolation(validator.validate(therapy().limits(limits).program(program()
                    .amplitudeMa(3.1).pulseWidthUs(20).electrodes("L1.0", -100, "L1.1", 100)).build()),
                    SafetyRule.COMPLIANCE);

            assertThat(violation.subject()).isEqualTo("program 'p1'");
            assertThat(violation.field()).isEqualTo("current path L1.0 to L1.1");
            assertThat(violation.value()).contains("needs 6.21 V", "L1.0: 3.1 mA x 1000 ohm + 0.01 V on its capacitor",
                    "L1.1: 3.1 mA x 1000 ohm");
            assertThat(violation.limit()).isEqualTo("at most the compliance voltage 6.01 V");
        }

        @Test
        void addsTheCathodeAndTheAnodeOfTheIssuesBipolarExample() {
            // given bipolar 6 mA on 1,900 ohm contacts: 11.4 V on each contact, 22.8 V (+ 0.02 V) on the path
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 1900.0)).program(program().amplitudeMa(6.0)
                    .pulseWidthUs(20).electrodes("L1.0", -100, "L1.1", 100)).build();

            Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.COMPLIANCE);

            assertThat(violation.value()).startsWith("needs 22.82 V");
        }

        @Test
        void countsTheBusiestAnodeWhenAnodesShareTheCurrent() {
            // given the cathode takes all the current, two anodes half each: I + I/2 (+ 0.002 V/mA on the capacitors)
            // 7.9 mA: 7.9 + 3.95 + 0.024 = 11.87 V; 8.0 mA: 8 + 4 + 0.024 = 12.02 V
            assertSafe(validator.validate(therapyWith(program().amplitudeMa(7.9).pulseWidthUs(20)
                    .electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50))));

            Violation violation = onlyViolation(validator.validate(therapyWith(program().amplitudeMa(8.0)
                    .pulseWidthUs(20).electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50))), SafetyRule.COMPLIANCE);
            assertThat(violation.value()).startsWith("needs 12.02 V");
        }

        @Test
        void countsTheCouplingCapacitorsVoltage() {
            // given a lead on 1 uF coupling capacitors and 200 us pulses: each capacitor holds I x 200 us / 1 uF =
            // 0.2 V per mA at the end of the phase; 5.0 mA: 2 x (5 + 1) = 12 V, the limit; 5.1 mA: 2 x (5.1 + 1.02) =
            // 12.24 V (10.2 V without the capacitors)
            assertSafe(validator.validate(therapy().leads(leadWithCoupling(1.0)).program(program().amplitudeMa(5.0)
                    .electrodes("L1.0", -100, "L1.1", 100)).build()));

            Violation violation = onlyViolation(validator.validate(therapy().leads(leadWithCoupling(1.0))
                    .program(program().amplitudeMa(5.1).electrodes("L1.0", -100, "L1.1", 100)).build()),
                    SafetyRule.COMPLIANCE);
            assertThat(violation.value()).contains("needs 12.24 V", "+ 1.02 V on its capacitor");
        }

        @Test
        void usesTheLeadsImpedance() {
            // given 2,000 ohm: 2.9 mA needs 2 x (5.8 + 0.0058) = 11.61 V, 3.0 mA needs 12.01 V
            Therapy at = therapy().leads(lead("L1", 8, 6.0, 2000.0)).program(program().amplitudeMa(2.9)
                    .pulseWidthUs(20)).build();
            Therapy past = therapy().leads(lead("L1", 8, 6.0, 2000.0)).program(program().amplitudeMa(3.0)
                    .pulseWidthUs(20)).build();

            assertSafe(validator.validate(at));
            assertThat(violations(validator.validate(past))).extracting(Violation::rule, Violation::field)
                    .containsExactly(tuple(SafetyRule.COMPLIANCE, "current path L1.0 to L1.1"));
            assertThat(violationOf(validator.validate(past), SafetyRule.COMPLIANCE).value())
                    .contains("12.01 V", "3 mA x 2000 ohm");
        }

        @Test
        void aContactsOwnImpedanceOverridesTheLeads() {
            // given the lead at 800 ohm but L1.0 at 3,000 ohm, 200 us (0.02 V/mA on a capacitor):
            // 2.8 mA: 8.4 + 2.24 + 0.112 = 10.75 V; 3.2 mA: 9.6 + 2.56 + 0.128 = 12.29 V
            var impedances = lead("L1", 8, 6.0, OptionalDouble.of(800.0), Map.of(0, 3000.0));
            assertSafe(validator.validate(therapy().leads(impedances).program(program().amplitudeMa(2.8)).build()));

            Violation violation = onlyViolation(validator.validate(therapy().leads(impedances)
                    .program(program().amplitudeMa(3.2)).build()), SafetyRule.COMPLIANCE);
            assertThat(violation.value()).contains("12.29 V", "L1.0: 3.2 mA x 3000 ohm");
        }

        @Test
        void prefersMeasuredImpedanceOverTheLeadsModel() {
            // given the file says 800 ohm but the impedance check measured 3,000 ohm on L1.0
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 800.0)).program(program().amplitudeMa(3.2)).build();
            SafetyValidator measured = new SafetyValidator(Map.of(contact("L1.0"), 3000.0));

            // when / then
            assertSafe(validator.validate(therapy));
            assertThat(onlyViolation(measured.validate(therapy), SafetyRule.COMPLIANCE).value())
                    .contains("L1.0: 3.2 mA x 3000 ohm");
        }

        @Test
        void holdsTheCaseToTheDefaultImpedance() {
            // given a lead at 500 ohm and the can carrying all 8 mA of anodic current at the default 1,000 ohm:
            // cathodes 4 mA x 500 = 2 V each, the can 8 V: 10 V and the capacitors; 9.1 mA: 2.28 + 9.1 = 11.4 V,
            // 9.7 mA: 2.43 + 9.7 = 12.13 V
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 500.0)).program(program().amplitudeMa(9.7)
                    .pulseWidthUs(20).electrodes("L1.0", -50, "L1.1", -50, "CASE", 100)).build();

            Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.COMPLIANCE);
            assertThat(violation.field()).isEqualTo("current path L1.0 to CASE");
            assertThat(violation.value()).contains("CASE: 9.7 mA x 1000 ohm");
        }

        @Test
        void holdsPathVoltageToATightenedCompliance() {
            // 200 us: 0.02 V per mA on each capacitor; 2.9 mA: 2 x (2.9 + 0.058) = 5.92 V; 3.0 mA: 6.12 V
            var limits = limitsWith("complianceVoltageV", 6.0);
            assertSafe(validator.validate(therapy().limits(limits).program(program().amplitudeMa(2.9)).build()));

            Violation violation = violationOf(validator.validate(therapy().limits(limits)
                    .program(program().amplitudeMa(3.0)).build()), SafetyRule.COMPLIANCE);
            assertThat(violation.limit()).contains("6 V");
        }
    }

    @Nested
    class Impedance {

        @Test
        void acceptsContactsAtTheOpenCircuitThreshold() {
            assertSafe(validator.validate(therapy().leads(lead("L1", 8, 6.0, 4000.0)).program(program()).build()));
        }

        @Test
        void rejectsOpenCircuitContact() {
            // given L1.0 measured just above 4,000 ohm
            var lead = lead("L1", 8, 6.0, OptionalDouble.empty(), Map.of(0, 4001.0));

            Violation violation = onlyViolation(
                    validator.validate(therapy().leads(lead).program(program()).build()), SafetyRule.IMPEDANCE);

            assertThat(violation.field()).isEqualTo("contact L1.0");
            assertThat(violation.value()).contains("4001 ohm", "open");
            assertThat(violation.limit()).contains("at most 4000 ohm");
        }

        @Test
        void acceptsContactsAtTheShortCircuitThreshold() {
            assertSafe(validator.validate(therapy().leads(lead("L1", 8, 6.0, 250.0)).program(program()).build()));
        }

        @Test
        void rejectsShortCircuitContact() {
            var lead = lead("L1", 8, 6.0, OptionalDouble.empty(), Map.of(1, 249.0));

            Violation violation = onlyViolation(
                    validator.validate(therapy().leads(lead).program(program()).build()), SafetyRule.IMPEDANCE);

            assertThat(violation.field()).isEqualTo("contact L1.1");
            assertThat(violation.value()).contains("249 ohm", "short");
            assertThat(violation.limit()).contains("at least 250 ohm");
        }

        @Test
        void acceptsFlaggedContactsThatCarryNoCurrent() {
            // given L1.5 open and L1.6 short, but the program uses L1.0 and L1.1 only
            var lead = lead("L1", 8, 6.0, OptionalDouble.empty(), Map.of(5, 9000.0, 6, 100.0));

            assertSafe(validator.validate(therapy().leads(lead).program(program()).build()));
        }

        @Test
        void rejectsContactFlaggedByTheMeasuredImpedanceCheck() {
            SafetyValidator measured = new SafetyValidator(Map.of(contact("L1.1"), 5000.0));

            Violation violation = violationOf(measured.validate(therapyWith(program())), SafetyRule.IMPEDANCE);

            assertThat(violation.field()).isEqualTo("contact L1.1");
        }

        @Test
        void holdsImpedanceToTightenedThresholds() {
            var open = lead("L1", 8, 6.0, OptionalDouble.empty(), Map.of(0, 3001.0));
            var shorted = lead("L1", 8, 6.0, OptionalDouble.empty(), Map.of(0, 499.0));

            assertThat(onlyViolation(validator.validate(therapy().leads(open).program(program())
                    .limits(limitsWith("openCircuitOhm", 3000.0)).build()), SafetyRule.IMPEDANCE).limit())
                    .contains("3000 ohm");
            assertThat(onlyViolation(validator.validate(therapy().leads(shorted).program(program())
                    .limits(limitsWith("shortCircuitOhm", 500.0)).build()), SafetyRule.IMPEDANCE).limit())
                    .contains("500 ohm");
        }
    }

    @Nested
    class PatientRangeDoses {

        // the lead at 300 ohm: the path at 6.1 mA (1.83 + 6.1 V and the capacitors) stays within the compliance
        private Therapy monopolar(double amplitudeMa, double minMa, double maxMa) {
            return therapy().leads(lead("L1", 8, 6.0, 300.0)).program(program().amplitudeMa(amplitudeMa)
                    .pulseWidthUs(300).electrodes("L1.0", -100, "CASE", 100).patientRange(minMa, maxMa)).build();
        }

        @Test
        void acceptsRangeWhoseMaximumIsAtTheChargeDensityLimit() {
            // given 4 mA today and a range up to 6 mA: 6 mA x 300 us over 6 mm2 = 30 uC/cm2/phase
            assertSafe(validator.validate(monopolar(4.0, 2.0, 6.0)));
        }

        @Test
        void rejectsRangeWhoseMaximumWouldExceedChargeDensity() {
            // given 4 mA today (20 uC/cm2/phase, safe) but a range up to 6.1 mA (30.5)
            Violation violation = onlyViolation(validator.validate(monopolar(4.0, 2.0, 6.1)),
                    SafetyRule.CHARGE_DENSITY);

            assertThat(violation.field()).isEqualTo("contact L1.0 at the patient maximum 6.1 mA");
            assertThat(violation.value()).contains("30.5 uC/cm2/phase");
        }

        @Test
        void rejectsRangeWhoseMaximumWouldExceedContactCurrent() {
            Therapy therapy = therapy().leads(lead("L1", 8, 6.0, 400.0)).program(program().amplitudeMa(4.0)
                    .pulseWidthUs(20).electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50).patientRange(2.0, 12.8))
                    .build();

            assertThat(onlyViolation(validator.validate(therapy), SafetyRule.CONTACT_CURRENT).field())
                    .isEqualTo("contact L1.0 at the patient maximum 12.8 mA");
        }

        @Test
        void rejectsRangeWhoseMaximumWouldExceedCompliance() {
            // 8 mA: 8 + 4 V and the capacitors on the path (see Compliance), over 12 V
            Therapy therapy = therapyWith(program().amplitudeMa(4.0).pulseWidthUs(20)
                    .electrodes("L1.0", -100, "L1.1", 50, "L1.2", 50).patientRange(2.0, 8.0));

            assertThat(onlyViolation(validator.validate(therapy), SafetyRule.COMPLIANCE).field())
                    .isEqualTo("current path L1.0 to L1.1 at the patient maximum 8 mA");
        }

        @Test
        void rejectsRangeWhoseMaximumWouldExceedShannon() {
            Therapy therapy = therapy().leads(lead("L1", 8, 20.0)).program(program().amplitudeMa(2.0)
                    .pulseWidthUs(1000).electrodes("L1.0", -100, "CASE", 100).patientRange(1.0, 3.8)).build();

            assertThat(onlyViolation(validator.validate(therapy), SafetyRule.SHANNON).field())
                    .isEqualTo("contact L1.0 at the patient maximum 3.8 mA");
        }
    }

    @Nested
    class PatientRangeBounds {

        // on 500 ohm contacts, so that no range here reaches the compliance voltage
        private Validation withRange(double amplitudeMa, double minMa, double maxMa) {
            return validator.validate(therapy().leads(lead("L1", 8, 6.0, 500.0)).program(program()
                    .amplitudeMa(amplitudeMa).patientRange(minMa, maxMa)).build());
        }

        @Test
        void acceptsAmplitudeAtEitherEndOfTheRange() {
            assertSafe(withRange(2.0, 2.0, 6.0));
            assertSafe(withRange(6.0, 2.0, 6.0));
        }

        @Test
        void rejectsAmplitudeBelowTheRange() {
            Violation violation = onlyViolation(withRange(4.0, 4.5, 6.0), SafetyRule.PATIENT_RANGE);

            assertThat(violation.field()).isEqualTo("amplitudeMa");
            assertThat(violation.value()).isEqualTo("4 mA");
            assertThat(violation.limit()).contains("4.5 mA", "6 mA");
        }

        @Test
        void rejectsAmplitudeAboveTheRange() {
            assertThat(onlyViolation(withRange(6.0, 2.0, 5.9), SafetyRule.PATIENT_RANGE).field())
                    .isEqualTo("amplitudeMa");
        }

        @Test
        void acceptsRangeUpToTheDeviceMaximum() {
            assertSafe(validator.validate(therapy().leads(lead("L1", 8, 6.0, 500.0)).program(program()
                    .amplitudeMa(4.0).pulseWidthUs(20).electrodes("L1.0", -34, "L1.1", -33, "L1.2", -33, "L1.3", 34,
                            "L1.4", 33, "L1.5", 33).patientRange(2.0, 25.5)).build()));
        }

        @Test
        void rejectsRangeAboveTheDeviceMaximum() {
            Violation violation = onlyViolation(withRange(4.0, 2.0, 25.6), SafetyRule.PATIENT_RANGE);

            assertThat(violation.field()).isEqualTo("patientRange");
            assertThat(violation.value()).isEqualTo("2 mA to 25.6 mA");
            assertThat(violation.limit()).contains("0 to 25.5 mA");
        }

        @Test
        void rejectsRangeAboveATightenedMaximum() {
            Violation violation = onlyViolation(validator.validate(therapy().limits(limitsWith("maxAmplitudeMa", 10.0))
                    .program(program().amplitudeMa(4.0).patientRange(2.0, 10.1)).build()), SafetyRule.PATIENT_RANGE);

            assertThat(violation.limit()).contains("0 to 10 mA");
        }

        @Test
        void rejectsNegativeMinimum() {
            onlyViolation(withRange(4.0, -0.1, 6.0), SafetyRule.PATIENT_RANGE);
        }

        @Test
        void rejectsInvertedRange() {
            assertThat(onlyViolation(withRange(4.0, 5.0, 3.0), SafetyRule.PATIENT_RANGE).field())
                    .isEqualTo("patientRange");
        }

        @Test
        void rejectsRangeOffTheAmplitudeStep() {
            assertThat(onlyViolation(withRange(4.0, 2.05, 6.0), SafetyRule.PATIENT_RANGE).limit())
                    .isEqualTo("multiples of 0.1 mA");
        }
    }
}
