package io.dorsal.core.safety;

import static io.dorsal.core.safety.ValidatorFixtures.assertSafe;
import static io.dorsal.core.safety.ValidatorFixtures.lead;
import static io.dorsal.core.safety.ValidatorFixtures.leadWithCoupling;
import static io.dorsal.core.safety.ValidatorFixtures.limitsWith;
import static io.dorsal.core.safety.ValidatorFixtures.onlyViolation;
import static io.dorsal.core.safety.ValidatorFixtures.program;
import static io.dorsal.core.safety.ValidatorFixtures.therapy;
import static io.dorsal.core.safety.ValidatorFixtures.therapyWith;
import static io.dorsal.core.safety.ValidatorFixtures.violationOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ValidatorFixtures.ProgramBuilder;
import io.dorsal.core.therapy.DeviceLimits;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules on a program's shape, each at its limit and just past it: pulse width, rates (tonic, high
 * frequency, burst), recharge, ramp, cycling, and the pulse (or burst) fitting its period.
 */
class SafetyValidatorProgramTest {

    private final SafetyValidator validator = new SafetyValidator();

    private Validation validate(ProgramBuilder program) {
        return validator.validate(therapyWith(program));
    }

    private Validation validate(DeviceLimits limits, ProgramBuilder program) {
        return validator.validate(therapy().limits(limits).program(program).build());
    }

    @Nested
    class PulseWidth {

        @ParameterizedTest(name = "{0} us")
        @ValueSource(ints = {20, 1000})
        void acceptsPulseWidthAtEitherLimit(int pulseWidthUs) {
            assertSafe(validate(program().pulseWidthUs(pulseWidthUs)));
        }

        @ParameterizedTest(name = "{0} us")
        @ValueSource(ints = {10, 1010})
        void rejectsPulseWidthOutsideLimits(int pulseWidthUs) {
            Violation violation = onlyViolation(validate(program().pulseWidthUs(pulseWidthUs)), SafetyRule.PULSE_WIDTH);

            assertThat(violation.field()).isEqualTo("pulseWidthUs");
            assertThat(violation.value()).isEqualTo(pulseWidthUs + " us");
            assertThat(violation.limit()).isEqualTo("20 to 1000 us");
        }

        @Test
        void rejectsPulseWidthOffTheTenMicrosecondStep() {
            Violation violation = onlyViolation(validate(program().pulseWidthUs(305)), SafetyRule.PULSE_WIDTH);

            assertThat(violation.limit()).isEqualTo("a multiple of 10 us");
        }

        @Test
        void holdsPulseWidthToTightenedLimits() {
            assertSafe(validate(limitsWith("maxPulseWidthUs", 500), program().pulseWidthUs(500)));
            assertThat(onlyViolation(validate(limitsWith("maxPulseWidthUs", 500), program().pulseWidthUs(510)),
                    SafetyRule.PULSE_WIDTH).limit()).isEqualTo("20 to 500 us");

            assertSafe(validate(limitsWith("minPulseWidthUs", 60), program().pulseWidthUs(60)));
            assertThat(onlyViolation(validate(limitsWith("minPulseWidthUs", 60), program().pulseWidthUs(50)),
                    SafetyRule.PULSE_WIDTH).limit()).isEqualTo("60 to 1000 us");
        }
    }

    @Nested
    class TonicRate {

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {2, 1200})
        void acceptsTonicRateAtEitherLimit(int rateHz) {
            assertSafe(validate(program().tonic(rateHz)));
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {1, 10_001})
        void rejectsTonicRateOutsideLimits(int rateHz) {
            Violation violation = onlyViolation(validate(program().tonic(rateHz)), SafetyRule.RATE);

            assertThat(violation.field()).isEqualTo("rateHz");
            assertThat(violation.value()).isEqualTo(rateHz + " Hz");
            assertThat(violation.limit()).isEqualTo("2 to 1200 Hz");
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {1201, 10_000})
        void aTonicRateThatOnlyHighFrequencyAllowsSaysSo(int rateHz) {
            Violation violation = onlyViolation(validate(program().pulseWidthUs(30).tonic(rateHz)), SafetyRule.RATE);

            assertThat(violation.message()).isEqualTo("program 'p1', rateHz: " + rateHz + " Hz; limit 2 to 1200 Hz"
                    + " for tonic; 1000 to 10000 Hz with pattern highFrequency (rule: rate)");
        }

        @Test
        void aHighFrequencyRateThatOnlyTonicAllowsSaysSo() {
            Violation violation = onlyViolation(validate(program().highFrequency(999)), SafetyRule.RATE);

            assertThat(violation.limit())
                    .isEqualTo("1000 to 10000 Hz for highFrequency; 2 to 1200 Hz with pattern tonic");
        }

        @Test
        void holdsTonicRateToATightenedMaximum() {
            assertThat(onlyViolation(validate(limitsWith("maxTonicRateHz", 100), program().tonic(101)),
                    SafetyRule.RATE).limit()).isEqualTo("2 to 100 Hz");
        }
    }

    @Nested
    class HighFrequencyRate {

        // 10 kHz therapy: 30 us pulses at a few mA; 30 + 20 + 30 us fits the 100 us period
        private ProgramBuilder tenKilohertzStyle(int rateHz) {
            return program().amplitudeMa(3.0).pulseWidthUs(30).highFrequency(rateHz);
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {1000, 10_000})
        void acceptsHighFrequencyRateAtEitherLimit(int rateHz) {
            assertSafe(validate(tenKilohertzStyle(rateHz)));
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {1, 10_001})
        void rejectsHighFrequencyRateOutsideLimits(int rateHz) {
            Violation violation = onlyViolation(validate(tenKilohertzStyle(rateHz)), SafetyRule.RATE);

            assertThat(violation.value()).isEqualTo(rateHz + " Hz");
            assertThat(violation.limit()).isEqualTo("1000 to 10000 Hz");
        }
    }

    @Nested
    class Burst {

        private ProgramBuilder burst(int pulses, int intraRateHz, int burstRateHz) {
            return program().pulseWidthUs(200).burst(pulses, intraRateHz, burstRateHz).passive();
        }

        @Test
        void acceptsBurstDr() {
            // given BurstDR as in examples/burst.json: 40 Hz bursts of 5 pulses at 500 Hz, 1,000 us, passive, on
            // 12 mm2 percutaneous contacts
            assertSafe(validator.validate(therapy().leads(lead("L1", 16, 12.0)).program(program().amplitudeMa(0.8)
                    .pulseWidthUs(1000).electrodes("L1.5", -100, "L1.6", 100).burst(5, 500, 40).passive()).build()));
        }

        @ParameterizedTest(name = "{0} pulses")
        @ValueSource(ints = {2, 10})
        void acceptsPulsesPerBurstAtEitherLimit(int pulses) {
            assertSafe(validate(burst(pulses, 500, 40)));
        }

        @ParameterizedTest(name = "{0} pulses")
        @ValueSource(ints = {1, 11})
        void rejectsPulsesPerBurstOutsideLimits(int pulses) {
            Violation violation = onlyViolation(validate(burst(pulses, 500, 40)), SafetyRule.BURST);

            assertThat(violation.field()).isEqualTo("pattern.pulsesPerBurst");
            assertThat(violation.value()).isEqualTo(pulses + " pulses");
            assertThat(violation.limit()).isEqualTo("2 to 10 pulses");
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {1, 100})
        void acceptsBurstRateAtEitherLimit(int burstRateHz) {
            assertSafe(validate(burst(2, 500, burstRateHz)));
        }

        @ParameterizedTest(name = "{0} Hz")
        @ValueSource(ints = {0, 101})
        void rejectsBurstRateOutsideLimits(int burstRateHz) {
            Violation violation = onlyViolation(validate(burst(2, 500, burstRateHz)), SafetyRule.BURST);

            assertThat(violation.field()).isEqualTo("pattern.burstRateHz");
            assertThat(violation.value()).isEqualTo(burstRateHz + " Hz");
            assertThat(violation.limit()).isEqualTo("1 to 100 Hz");
        }

        @Test
        void acceptsIntraBurstRateAtTheMaximum() {
            assertSafe(validate(program().pulseWidthUs(500).burst(5, 1000, 40).passive()));
        }

        @Test
        void rejectsIntraBurstRateAboveTheMaximum() {
            Violation violation = onlyViolation(validate(program().pulseWidthUs(500).burst(5, 1001, 40).passive()),
                    SafetyRule.BURST);

            assertThat(violation.field()).isEqualTo("pattern.intraBurstRateHz");
            assertThat(violation.value()).startsWith("1001 Hz");
            assertThat(violation.limit()).startsWith("200 to 1000 Hz");
        }

        @Test
        void acceptsIntraBurstRateJustFastEnoughForTheBurstToEndInItsPeriod() {
            // given 5 pulses in a 40 Hz burst: at 5 x 40 = 200 Hz the burst just fits its 25 ms
            assertSafe(validate(burst(5, 5 * 40, 40)));
        }

        @Test
        void rejectsIntraBurstRateTooSlowForTheBurstToEndInItsPeriod() {
            Violation violation = onlyViolation(validate(burst(5, 5 * 40 - 1, 40)), SafetyRule.BURST);

            assertThat(violation.field()).isEqualTo("pattern.intraBurstRateHz");
            assertThat(violation.limit()).startsWith("200 to 1000 Hz");
        }

        @Test
        void holdsPulsesPerBurstToATightenedMaximum() {
            assertThat(onlyViolation(validate(limitsWith("maxPulsesPerBurst", 5), burst(6, 500, 40)),
                    SafetyRule.BURST).limit()).isEqualTo("2 to 5 pulses");
        }
    }

    @Nested
    class RechargeRules {

        @ParameterizedTest(name = "{0} us")
        @ValueSource(ints = {0, 100})
        void acceptsInterphaseGapAtEitherLimit(int gapUs) {
            assertSafe(validate(program().active(gapUs, 1)));
        }

        @Test
        void rejectsInterphaseGapAboveLimit() {
            Violation violation = onlyViolation(validate(program().active(101, 1)), SafetyRule.RECHARGE);

            assertThat(violation.field()).isEqualTo("recharge.interphaseGapUs");
            assertThat(violation.value()).isEqualTo("101 us");
            assertThat(violation.limit()).isEqualTo("0 to 100 us");
        }

        @Test
        void rejectsNegativeInterphaseGap() {
            assertThat(violationOf(validate(program().active(-1, 1)), SafetyRule.RECHARGE).field())
                    .isEqualTo("recharge.interphaseGapUs");
        }

        @ParameterizedTest(name = "ratio {0}")
        @ValueSource(ints = {1, 4})
        void acceptsRechargeRatioAtEitherLimit(int ratio) {
            assertSafe(validate(program().active(20, ratio)));
        }

        @Test
        void rejectsRechargeRatioAboveLimit() {
            Violation violation = onlyViolation(validate(program().active(20, 5)), SafetyRule.RECHARGE);

            assertThat(violation.field()).isEqualTo("recharge.ratio");
            assertThat(violation.value()).isEqualTo("5");
            assertThat(violation.limit()).isEqualTo("1 to 4");
        }

        @Test
        void rejectsRechargeRatioBelowOne() {
            assertThat(violationOf(validate(program().active(20, 0)), SafetyRule.RECHARGE).field())
                    .isEqualTo("recharge.ratio");
        }

        @Test
        void acceptsPassiveWindowAsLongAsThePulse() {
            // on 1 uF coupling capacitors (1 ms time constant) the 200 us window returns 18 % of the charge
            assertSafe(validator.validate(therapy().leads(leadWithCoupling(1.0)).program(program().pulseWidthUs(200)
                    .passive(200)).build()));
        }

        @Test
        void rejectsPassiveWindowShorterThanThePulse() {
            Violation violation = onlyViolation(validator.validate(therapy().leads(leadWithCoupling(1.0))
                    .program(program().pulseWidthUs(200).passive(190)).build()), SafetyRule.RECHARGE);

            assertThat(violation.field()).isEqualTo("recharge.windowUs");
            assertThat(violation.value()).isEqualTo("190 us");
            assertThat(violation.limit()).contains("200 us");
        }

        @Test
        void holdsRechargeToTightenedLimits() {
            assertThat(onlyViolation(validate(limitsWith("maxInterphaseGapUs", 50), program().active(60, 1)),
                    SafetyRule.RECHARGE).limit()).isEqualTo("0 to 50 us");
            assertThat(onlyViolation(validate(limitsWith("maxRechargeRatio", 2), program().active(20, 3)),
                    SafetyRule.RECHARGE).limit()).isEqualTo("1 to 2");
        }
    }

    @Nested
    class Ramp {

        @ParameterizedTest(name = "{0} s")
        @ValueSource(doubles = {0.0, 10.0})
        void acceptsRampAtEitherLimit(double rampS) {
            assertSafe(validate(program().rampS(rampS)));
        }

        @ParameterizedTest(name = "{0} s")
        @ValueSource(doubles = {-0.1, 10.1, Double.NaN})
        void rejectsRampOutsideLimits(double rampS) {
            Violation violation = onlyViolation(validate(program().rampS(rampS)), SafetyRule.RAMP);

            assertThat(violation.field()).isEqualTo("rampS");
            assertThat(violation.limit()).isEqualTo("0 to 10 s");
        }

        @Test
        void holdsRampToATightenedMaximum() {
            assertThat(onlyViolation(validate(limitsWith("maxRampS", 5.0), program().rampS(5.1)), SafetyRule.RAMP)
                    .limit()).isEqualTo("0 to 5 s");
        }
    }

    @Nested
    class Cycling {

        @Test
        void acceptsOnAndOffTimesAtEitherLimit() {
            assertSafe(validate(program().cycle(1, 1)));
            assertSafe(validate(program().cycle(90 * 60, 90 * 60)));
        }

        @ParameterizedTest(name = "on {0} s")
        @ValueSource(ints = {0, 5401})
        void rejectsOnTimeOutsideLimits(int onS) {
            Violation violation = onlyViolation(validate(program().cycle(onS, 60)), SafetyRule.CYCLE);

            assertThat(violation.field()).isEqualTo("cycle.onS");
            assertThat(violation.value()).isEqualTo(onS + " s");
            assertThat(violation.limit()).isEqualTo("1 to 5400 s");
        }

        @ParameterizedTest(name = "off {0} s")
        @ValueSource(ints = {0, 5401})
        void rejectsOffTimeOutsideLimits(int offS) {
            Violation violation = onlyViolation(validate(program().cycle(60, offS)), SafetyRule.CYCLE);

            assertThat(violation.field()).isEqualTo("cycle.offS");
            assertThat(violation.value()).isEqualTo(offS + " s");
        }

        @Test
        void holdsCyclingToTightenedLimits() {
            assertThat(onlyViolation(validate(limitsWith("maxCycleS", 60), program().cycle(61, 60)),
                    SafetyRule.CYCLE).limit()).isEqualTo("1 to 60 s");
            assertThat(onlyViolation(validate(limitsWith("minCycleS", 10), program().cycle(60, 9)),
                    SafetyRule.CYCLE).field()).isEqualTo("cycle.offS");
        }
    }

    @Nested
    class PulseFitsPeriod {

        /** Stimulation, gap and active recharge of one pulse, from the physics. */
        private static long activePulseUs(int pulseWidthUs, int gapUs, int ratio) {
            return pulseWidthUs + gapUs + (long) pulseWidthUs * ratio;
        }

        /** The timer's whole-microsecond period (docs/program-format.md: round(1,000,000 / rate)). */
        private static long periodUs(int rateHz) {
            return Math.round(1_000_000.0 / rateHz);
        }

        @Test
        void rejectsPulseGapAndRechargeLongerThanThePeriod() {
            // given 1,000 us + 20 us + 1,000 us = 2,020 us at 500 Hz (2,000 us)
            long needUs = activePulseUs(1000, 20, 1);
            assertThat(needUs).isGreaterThan(periodUs(500));

            // when
            Violation violation = onlyViolation(validate(program().pulseWidthUs(1000).tonic(500).active(20, 1)),
                    SafetyRule.TIMING);

            // then
            assertThat(violation.field()).isEqualTo("pulseWidthUs");
            assertThat(violation.value()).contains("need " + needUs + " us");
            assertThat(violation.limit()).contains(periodUs(500) + " us");
            assertThat(violation.message()).contains("pulse fits period");
        }

        @Test
        void acceptsPulseGapAndRechargeFillingThePeriodExactly() {
            // given 490 + 20 + 490 = 1,000 us at 1,000 Hz
            assertThat(activePulseUs(490, 20, 1)).isEqualTo(periodUs(1000));

            assertSafe(validate(program().pulseWidthUs(490).tonic(1000).active(20, 1)));
        }

        @Test
        void rejectsPulseOneStepTooLongForThePeriod() {
            assertThat(activePulseUs(500, 20, 1)).isGreaterThan(periodUs(1000));

            onlyViolation(validate(program().pulseWidthUs(500).tonic(1000).active(20, 1)), SafetyRule.TIMING);
        }

        @Test
        void countsTheLongerRechargeOfARatio() {
            // given ratio 4 at 500 Hz: 390 + 20 + 1,560 = 1,970 us fits, 400 + 20 + 1,600 = 2,020 us does not
            assertThat(activePulseUs(390, 20, 4)).isLessThanOrEqualTo(periodUs(500));
            assertThat(activePulseUs(400, 20, 4)).isGreaterThan(periodUs(500));

            assertSafe(validate(program().pulseWidthUs(390).tonic(500).active(20, 4)));
            onlyViolation(validate(program().pulseWidthUs(400).tonic(500).active(20, 4)), SafetyRule.TIMING);
        }

        @Test
        void countsAnExplicitPassiveWindow() {
            // given 200 us then a 1,800 us window fills 500 Hz's 2,000 us; 1,810 us overruns it
            assertSafe(validate(program().pulseWidthUs(200).tonic(500).passive(1800)));
            onlyViolation(validate(program().pulseWidthUs(200).tonic(500).passive(1810)), SafetyRule.TIMING);
        }

        @Test
        void holdsHighFrequencyPulsesToTheirShortPeriod() {
            // given 10 kHz (100 us): 40 + 20 + 40 fits exactly, 50 + 20 + 50 = 120 does not
            assertThat(activePulseUs(40, 20, 1)).isEqualTo(periodUs(10_000));

            assertSafe(validate(program().pulseWidthUs(40).highFrequency(10_000).active(20, 1)));
            onlyViolation(validate(program().pulseWidthUs(50).highFrequency(10_000).active(20, 1)),
                    SafetyRule.TIMING);
        }

        @Test
        void usesTheWholeMicrosecondPeriodOfARateThatDoesNotDivideAMillion() {
            // given 1,200 Hz, whose period the timer rounds to 833 us
            long period = periodUs(1200);
            assertThat(activePulseUs(400, 33, 1)).isEqualTo(period);

            assertSafe(validate(program().pulseWidthUs(400).tonic(1200).active(33, 1)));
            onlyViolation(validate(program().pulseWidthUs(400).tonic(1200).active(34, 1)), SafetyRule.TIMING);
        }

        @Test
        void rejectsBurstWhosePulseAndRechargeOverrunTheNextPulse() {
            // given 5 pulses at 1,000 Hz (1,000 us apart): 490 + 20 + 490 fits between them, 500 + 20 + 500 not
            assertThat(activePulseUs(490, 20, 1)).isEqualTo(periodUs(1000));
            assertSafe(validate(program().pulseWidthUs(490).burst(5, 1000, 40).active(20, 1)));

            // when
            Violation violation = onlyViolation(validate(program().pulseWidthUs(500).burst(5, 1000, 40).active(20, 1)),
                    SafetyRule.TIMING);

            // then
            assertThat(violation.value()).contains("a burst's pulses and recharge");
            assertThat(violation.limit()).contains(periodUs(40) + " us");
        }

        @Test
        void rejectsBurstWhosePassiveWindowOverrunsTheBurstPeriod() {
            // given 10 pulses at 1,000 Hz in 100 Hz bursts: the last ends at 9 x 1,000 + 100 = 9,100 us of 10,000
            long lastPulseEndUs = 9 * periodUs(1000) + 100;
            int fittingWindowUs = (int) (periodUs(100) - lastPulseEndUs);

            // (at 0.4 mA, so that the ten pulses' charge stays within the electrode charge rule)
            assertSafe(validate(program().amplitudeMa(0.4).pulseWidthUs(100).burst(10, 1000, 100)
                    .passive(fittingWindowUs)));
            onlyViolation(validate(program().amplitudeMa(0.4).pulseWidthUs(100).burst(10, 1000, 100)
                    .passive(fittingWindowUs + 10)), SafetyRule.TIMING);
        }
    }
}
