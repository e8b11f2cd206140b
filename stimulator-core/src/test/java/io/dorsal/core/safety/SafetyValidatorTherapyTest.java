package io.dorsal.core.safety;

import static io.dorsal.core.safety.ValidatorFixtures.assertSafe;
import static io.dorsal.core.safety.ValidatorFixtures.baselineLead;
import static io.dorsal.core.safety.ValidatorFixtures.lead;
import static io.dorsal.core.safety.ValidatorFixtures.limitsWith;
import static io.dorsal.core.safety.ValidatorFixtures.onlyViolation;
import static io.dorsal.core.safety.ValidatorFixtures.program;
import static io.dorsal.core.safety.ValidatorFixtures.therapy;
import static io.dorsal.core.safety.ValidatorFixtures.therapyWith;
import static io.dorsal.core.safety.ValidatorFixtures.violationOf;
import static io.dorsal.core.safety.ValidatorFixtures.violations;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.ValidatorFixtures.TherapyBuilder;
import io.dorsal.core.schedule.InterleaveOracle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules on the therapy as a whole: names, program and lead counts, contacts, fractionalization, device
 * limits a file may only tighten, and programs interleaving in time without overlap.
 */
class SafetyValidatorTherapyTest {

    private final SafetyValidator validator = new SafetyValidator();

    @Nested
    class Names {

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"L2", "lead_A-2", "x", "Laaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void acceptsLeadNamesOfTheNamePattern(String name) {
            assertThat(name.length()).isLessThanOrEqualTo(SafetyValidator.MAX_NAME_LENGTH);

            assertSafe(validator.validate(therapy().addLead(lead(name, 8, 6.0)).program(program()).build()));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", "2L", "L 2", "L.2", "-L", "CASE", "Laaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void rejectsLeadNamesOutsideTheNamePattern(String name) {
            Violation violation = onlyViolation(validator.validate(therapy().addLead(lead(name, 8, 6.0))
                    .program(program()).build()), SafetyRule.NAMES);

            assertThat(violation.subject()).isEqualTo("lead '" + name + "'");
            assertThat(violation.field()).isEqualTo("name");
        }

        @Test
        void rejectsTwoLeadsOfTheSameName() {
            Violation violation = onlyViolation(validator.validate(therapy().addLead(lead("L1", 8, 6.0))
                    .program(program()).build()), SafetyRule.NAMES);

            assertThat(violation.value()).isEqualTo("'L1' twice");
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"low-back", "Program 2.1_a", "7", "paaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void acceptsProgramNamesOfTheNamePattern(String name) {
            assertSafe(validator.validate(therapyWith(program(name))));
        }

        @ParameterizedTest(name = "\"{0}\"")
        @ValueSource(strings = {"", " left", "-left", "left/right", "links\u00fc", "paaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
        void rejectsProgramNamesOutsideTheNamePattern(String name) {
            Violation violation = onlyViolation(validator.validate(therapyWith(program(name))), SafetyRule.NAMES);

            assertThat(violation.subject()).isEqualTo("program '" + name + "'");
        }

        @Test
        void rejectsTwoProgramsOfTheSameName() {
            Therapy therapy = therapy().program(program("same")).program(program("same")).build();

            assertThat(onlyViolation(validator.validate(therapy), SafetyRule.NAMES).value()).isEqualTo("'same' twice");
        }
    }

    @Nested
    class Counts {

        private TherapyBuilder withPrograms(int count) {
            TherapyBuilder therapy = therapy();
            IntStream.rangeClosed(1, count).forEach(i -> therapy.program(program("p" + i)));
            return therapy;
        }

        @Test
        void rejectsTherapyWithoutPrograms() {
            Violation violation = onlyViolation(validator.validate(withPrograms(0).build()), SafetyRule.PROGRAM_COUNT);

            assertThat(violation.value()).isEqualTo("0 programs");
            assertThat(violation.limit()).startsWith("1 to 4 programs");
        }

        @Test
        void acceptsFourProgramsRunningTogether() {
            assertSafe(validator.validate(withPrograms(4).build()));
        }

        @Test
        void rejectsFivePrograms() {
            assertThat(onlyViolation(validator.validate(withPrograms(5).build()), SafetyRule.PROGRAM_COUNT).value())
                    .isEqualTo("5 programs");
        }

        @Test
        void holdsProgramCountToATightenedMaximum() {
            assertSafe(validator.validate(withPrograms(2).limits(limitsWith("maxPrograms", 2)).build()));
            assertThat(onlyViolation(validator.validate(withPrograms(3).limits(limitsWith("maxPrograms", 2)).build()),
                    SafetyRule.PROGRAM_COUNT).limit()).startsWith("1 to 2 programs");
        }

        @Test
        void rejectsTherapyWithoutLeads() {
            // given no leads at all (the program's contacts then exist nowhere either)
            Therapy therapy = therapy().leads().program(program()).build();

            assertThat(violationOf(validator.validate(therapy), SafetyRule.LEADS).value()).isEqualTo("0 leads");
        }

        @Test
        void acceptsFourLeads() {
            assertSafe(validator.validate(therapy().leads(baselineLead(), lead("L2", 8, 6.0), lead("L3", 16, 6.0),
                    lead("L4", 12, 6.0)).program(program()).build()));
        }

        @Test
        void rejectsFiveLeads() {
            Violation violation = onlyViolation(validator.validate(therapy().leads(baselineLead(), lead("L2", 8, 6.0),
                    lead("L3", 8, 6.0), lead("L4", 8, 6.0), lead("L5", 8, 6.0)).program(program()).build()),
                    SafetyRule.LEADS);

            assertThat(violation.value()).isEqualTo("5 leads");
            assertThat(violation.limit()).isEqualTo("1 to 4 leads");
        }

        @ParameterizedTest(name = "{0} contacts")
        @ValueSource(ints = {1, 32})
        void acceptsLeadsOfOneToThirtyTwoContacts(int contacts) {
            assertSafe(validator.validate(therapy().addLead(lead("L2", contacts, 6.0)).program(program()).build()));
        }

        @ParameterizedTest(name = "{0} contacts")
        @ValueSource(ints = {0, 33})
        void rejectsLeadsOutsideOneToThirtyTwoContacts(int contacts) {
            Violation violation = onlyViolation(validator.validate(therapy().addLead(lead("L2", contacts, 6.0))
                    .program(program()).build()), SafetyRule.LEADS);

            assertThat(violation.field()).isEqualTo("contacts");
        }

        @ParameterizedTest(name = "{0} mm2")
        @ValueSource(doubles = {0.0, -6.0, Double.NaN, Double.POSITIVE_INFINITY, 0.99, 30.01, 1e9})
        void rejectsContactAreaOutsideTheRealisticRange(double areaMm2) {
            Violation violation = onlyViolation(validator.validate(therapy().addLead(lead("L2", 8, areaMm2))
                    .program(program()).build()), SafetyRule.CONTACT_AREA);

            assertThat(violation.subject()).isEqualTo("lead 'L2'");
            assertThat(violation.field()).isEqualTo("contactAreaMm2");
            assertThat(violation.limit()).startsWith("1 mm2 to 30 mm2");
            assertThat(violation.message()).contains("(rule: contact area)");
        }

        @ParameterizedTest(name = "{0} mm2")
        @ValueSource(doubles = {1.0, 30.0})
        void acceptsContactAreaAtEitherEndOfTheRange(double areaMm2) {
            assertSafe(validator.validate(therapy().addLead(lead("L2", 8, areaMm2)).program(program()).build()));
        }

        @Test
        void holdsContactAreaToATightenedRange() {
            var limits = limitsWith(limitsWith("minContactAreaMm2", 4.0), "maxContactAreaMm2", 12.0);
            assertSafe(validator.validate(therapy().limits(limits).addLead(lead("L2", 8, 12.0)).program(program())
                    .build()));

            assertThat(onlyViolation(validator.validate(therapy().limits(limits).addLead(lead("L2", 8, 12.1))
                    .program(program()).build()), SafetyRule.CONTACT_AREA).limit()).startsWith("4 mm2 to 12 mm2");
        }

        @ParameterizedTest(name = "{0} ohm")
        @ValueSource(doubles = {0.0, -800.0, Double.NaN})
        void rejectsLeadImpedanceThatIsNotAPositiveFigure(double ohm) {
            assertThat(onlyViolation(validator.validate(therapy().addLead(lead("L2", 8, 6.0, ohm)).program(program())
                    .build()), SafetyRule.LEADS).field()).isEqualTo("impedanceOhm");
        }

        @Test
        void rejectsContactImpedanceForAContactTheLeadDoesNotHave() {
            var lead = lead("L2", 8, 6.0, OptionalDouble.empty(), Map.of(8, 900.0));

            assertThat(onlyViolation(validator.validate(therapy().addLead(lead).program(program()).build()),
                    SafetyRule.LEADS).field()).isEqualTo("contactImpedanceOhm.8");
        }
    }

    @Nested
    class Contacts {

        @Test
        void acceptsTheLastContactOfALead() {
            assertSafe(validator.validate(therapyWith(program().electrodes("L1.7", -100, "L1.6", 100))));
        }

        @Test
        void rejectsContactPastTheEndOfTheLead() {
            // given L1 has contacts L1.0 to L1.7
            Violation violation = onlyViolation(validator.validate(therapyWith(program()
                    .electrodes("L1.8", -100, "L1.6", 100))), SafetyRule.CONTACTS);

            assertThat(violation.field()).isEqualTo("contact L1.8");
            assertThat(violation.value()).isEqualTo("not on any lead");
            assertThat(violation.limit()).contains("L1 (0 to 7)", "CASE");
        }

        @Test
        void rejectsContactOnALeadThatDoesNotExist() {
            Violation violation = onlyViolation(validator.validate(therapyWith(program()
                    .electrodes("L1.0", -100, "L9.0", 100))), SafetyRule.CONTACTS);

            assertThat(violation.field()).isEqualTo("contact L9.0");
        }
    }

    @Nested
    class Fractions {

        private Validation withElectrodes(Object... electrodes) {
            return validator.validate(therapyWith(program().electrodes(electrodes)));
        }

        @Test
        void acceptsCurrentSteeredOverSeveralCathodesAndAnodes() {
            assertSafe(withElectrodes("L1.2", -60, "L1.3", -40, "L1.1", 70, "L1.4", 30));
        }

        @Test
        void acceptsTheCaseAsAnode() {
            assertSafe(withElectrodes("L1.2", -100, "CASE", 100));
        }

        @Test
        void rejectsCathodesSummingToLessThanTheAmplitude() {
            Violation violation = onlyViolation(withElectrodes("L1.2", -50, "L1.3", -40, "L1.1", 100),
                    SafetyRule.FRACTIONS);

            assertThat(violation.field()).isEqualTo("electrodes");
            assertThat(violation.value()).isEqualTo("cathodes sum to -90%");
            assertThat(violation.limit()).isEqualTo("-100%");
        }

        @Test
        void rejectsAnodesSummingToMoreThanTheAmplitude() {
            Violation violation = onlyViolation(withElectrodes("L1.2", -100, "L1.1", 60, "L1.3", 50),
                    SafetyRule.FRACTIONS);

            assertThat(violation.value()).isEqualTo("anodes sum to +110%");
            assertThat(violation.limit()).isEqualTo("+100%");
        }

        @Test
        void rejectsProgramWithoutACathode() {
            assertThat(onlyViolation(withElectrodes("L1.1", 100), SafetyRule.FRACTIONS).value())
                    .isEqualTo("cathodes sum to 0%");
        }

        @Test
        void rejectsProgramWithoutAnAnode() {
            assertThat(onlyViolation(withElectrodes("L1.1", -100), SafetyRule.FRACTIONS).value())
                    .isEqualTo("anodes sum to +0%");
        }

        @Test
        void rejectsProgramWithoutContacts() {
            assertThat(onlyViolation(withElectrodes(), SafetyRule.FRACTIONS).value()).isEqualTo("no contacts");
        }

        @Test
        void rejectsAContactListedAtZeroPercent() {
            Violation violation = onlyViolation(withElectrodes("L1.2", -100, "L1.1", 100, "L1.3", 0),
                    SafetyRule.FRACTIONS);

            assertThat(violation.field()).isEqualTo("contact L1.3");
            assertThat(violation.value()).isEqualTo("0%");
        }

        @ParameterizedTest(name = "{0}%")
        @ValueSource(ints = {101, -101})
        void rejectsAContactCarryingMoreThanTheWholeAmplitude(int percent) {
            Validation validation = percent > 0
                    ? withElectrodes("L1.2", -100, "L1.1", percent)
                    : withElectrodes("L1.2", percent, "L1.1", 100);

            assertThat(violations(validation)).extracting(Violation::rule).containsOnly(SafetyRule.FRACTIONS);
            assertThat(violations(validation)).extracting(Violation::field)
                    .contains(percent > 0 ? "contact L1.1" : "contact L1.2");
            assertThat(violations(validation)).extracting(Violation::value).contains(percent + "%");
        }

        @Test
        void rejectsTheCaseAsCathode() {
            Violation violation = onlyViolation(withElectrodes("CASE", -100, "L1.1", 100), SafetyRule.FRACTIONS);

            assertThat(violation.field()).isEqualTo("contact CASE");
            assertThat(violation.limit()).contains("anode only");
        }
    }

    @Nested
    class Limits {

        /** For every device limit: a value that loosens it and one that tightens it. */
        static Stream<Arguments> loosenedAndTightened() {
            return Stream.of(
                    Arguments.of("maxAmplitudeMa", 25.6, 20.0),
                    Arguments.of("maxContactCurrentMa", 12.8, 10.0),
                    Arguments.of("minPulseWidthUs", 10, 30),
                    Arguments.of("maxPulseWidthUs", 1010, 900),
                    Arguments.of("minTonicRateHz", 1, 5),
                    Arguments.of("maxTonicRateHz", 1201, 1000),
                    Arguments.of("minHighFrequencyRateHz", 999, 2000),
                    Arguments.of("maxHighFrequencyRateHz", 10_001, 5000),
                    Arguments.of("minPulsesPerBurst", 1, 3),
                    Arguments.of("maxPulsesPerBurst", 11, 8),
                    Arguments.of("maxIntraBurstRateHz", 1001, 800),
                    Arguments.of("minBurstRateHz", 0, 2),
                    Arguments.of("maxBurstRateHz", 101, 80),
                    Arguments.of("maxInterphaseGapUs", 101, 50),
                    Arguments.of("maxRechargeRatio", 5, 2),
                    Arguments.of("maxPrograms", 5, 2),
                    Arguments.of("maxRampS", 10.1, 5.0),
                    Arguments.of("minCycleS", 0, 5),
                    Arguments.of("maxCycleS", 5401, 3600),
                    Arguments.of("maxChargeDensityUcPerCm2", 30.1, 25.0),
                    Arguments.of("maxShannonK", 1.86, 1.5),
                    Arguments.of("complianceVoltageV", 12.1, 10.0),
                    Arguments.of("defaultImpedanceOhm", 999.0, 1200.0),
                    Arguments.of("openCircuitOhm", 4001.0, 3000.0),
                    Arguments.of("shortCircuitOhm", 249.0, 300.0),
                    Arguments.of("minProgramGapUs", 9, 20),
                    Arguments.of("minContactAreaMm2", 0.5, 2.0),
                    Arguments.of("maxContactAreaMm2", 31.0, 20.0),
                    Arguments.of("maxElectrodeChargeUcPerCm2", 101.0, 80.0),
                    Arguments.of("minPassiveReturnPercent", 4.0, 10.0));
        }

        @Test
        void theTableCoversEveryLimitButTheFixedSteps() {
            List<String> inTable = loosenedAndTightened().map(a -> (String) a.get()[0]).toList();
            List<String> components = Arrays.stream(DeviceLimits.class.getRecordComponents())
                    .map(RecordComponent::getName)
                    .filter(n -> !n.equals("amplitudeStepMa") && !n.equals("pulseWidthStepUs"))
                    // not limits a file tightens: the device's coupling capacitor (a range of its own, below) and the
                    // amplitude increase per period, which is already the finest step
                    .filter(n -> !n.equals("couplingCapacitanceUf") && !n.equals("maxAmplitudeIncreasePerPeriodMa"))
                    .toList();

            assertThat(inTable).containsExactlyInAnyOrderElementsOf(components);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("loosenedAndTightened")
        void rejectsLimitsLoosenedPastTheDevice(String limit, Number loosened, Number tightened) {
            // given
            Therapy therapy = therapy().limits(limitsWith(limit, loosened)).program(program()).build();

            // when
            Violation violation = violationOf(validator.validate(therapy), SafetyRule.DEVICE_LIMITS);

            // then
            assertThat(violation.subject()).isEqualTo("therapy");
            assertThat(violation.field()).isEqualTo("limits." + limit);
            assertThat(violation.limit()).contains("never loosen");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("loosenedAndTightened")
        void acceptsLimitsTightenedInsideTheDevice(String limit, Number loosened, Number tightened) {
            assertSafe(validator.validate(therapy().limits(limitsWith(limit, tightened)).program(program()).build()));
        }

        @ParameterizedTest(name = "{0} = {1}")
        @MethodSource("changedSteps")
        void rejectsAnyChangeOfTheFixedSteps(String step, Number value) {
            Violation violation = onlyViolation(validator.validate(therapy().limits(limitsWith(step, value))
                    .program(program()).build()), SafetyRule.DEVICE_LIMITS);

            assertThat(violation.field()).isEqualTo("limits." + step);
        }

        @ParameterizedTest(name = "{0} uF")
        @ValueSource(doubles = {1.0, 4.7, 100.0})
        void acceptsACouplingCapacitorOfOneToAHundredMicrofarads(double uf) {
            assertSafe(validator.validate(therapy().limits(limitsWith("couplingCapacitanceUf", uf)).program(program())
                    .build()));
        }

        @ParameterizedTest(name = "{0} uF")
        @ValueSource(doubles = {0.99, 100.1, 0.0, -10.0})
        void refusesACouplingCapacitorOutsideOneToAHundredMicrofarads(double uf) {
            Violation violation = onlyViolation(validator.validate(therapy().limits(limitsWith("couplingCapacitanceUf",
                    uf)).program(program()).build()), SafetyRule.DEVICE_LIMITS);

            assertThat(violation.field()).isEqualTo("limits.couplingCapacitanceUf");
            assertThat(violation.limit()).startsWith("1 uF to 100 uF");
        }

        @Test
        void refusesAnAmplitudeIncreasePerPeriodAboveOrBelowTheDevicesStep() {
            assertThat(violationOf(validator.validate(therapy().limits(limitsWith("maxAmplitudeIncreasePerPeriodMa",
                    0.2)).program(program()).build()), SafetyRule.DEVICE_LIMITS).limit()).contains("never loosen");
            assertThat(violationOf(validator.validate(therapy().limits(limitsWith("maxAmplitudeIncreasePerPeriodMa",
                    0.05)).program(program()).build()), SafetyRule.DEVICE_LIMITS).field()).isEqualTo("limits");
        }

        static Stream<Arguments> changedSteps() {
            return Stream.of(Arguments.of("amplitudeStepMa", 0.05), Arguments.of("amplitudeStepMa", 0.2),
                    Arguments.of("pulseWidthStepUs", 5), Arguments.of("pulseWidthStepUs", 20));
        }

        static Stream<String> decimalLimits() {
            return Arrays.stream(DeviceLimits.class.getRecordComponents())
                    .filter(c -> c.getType() == double.class).map(RecordComponent::getName);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("decimalLimits")
        void rejectsALimitThatIsNotANumber(String limit) {
            // given a limit of NaN, which compares false with everything and so would let any figure through
            Therapy therapy = therapy().limits(limitsWith(limit, Double.NaN)).program(program()).build();

            assertThat(violationOf(validator.validate(therapy), SafetyRule.DEVICE_LIMITS).field())
                    .isEqualTo("limits." + limit);
        }

        @Test
        void rejectsAnEmptyRange() {
            // given tightened minimum and maximum pulse widths that cross
            DeviceLimits crossed = limitsWith(limitsWith("minPulseWidthUs", 500), "maxPulseWidthUs", 400);

            Violation violation = violationOf(validator.validate(therapy().limits(crossed).program(program()
                    .pulseWidthUs(450)).build()), SafetyRule.DEVICE_LIMITS);

            assertThat(violation.field()).isEqualTo("limits");
        }

        @Test
        void rejectsAFileThatLoosensALimit() throws ProgramFileException {
            // given a file asking for 30 mA programs
            Therapy therapy = ProgramCodec.read("""
                    {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6.0}],
                     "programs": [{"name": "p", "electrodes": {"L1.0": -100, "L1.1": 100}, "amplitudeMa": 1.0,
                       "pulseWidthUs": 200, "rateHz": 50, "pattern": {"type": "tonic"},
                       "recharge": {"type": "active"}}],
                     "limits": {"maxAmplitudeMa": 30}}
                    """);

            // when
            Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.DEVICE_LIMITS);

            // then
            assertThat(violation.field()).isEqualTo("limits.maxAmplitudeMa");
            assertThat(violation.value()).isEqualTo("30 mA");
            assertThat(violation.limit()).contains("25.5 mA");
        }
    }

    @Nested
    class Interleaving {

        private static final long CAP_US = 10_000_000;

        private static void assertPlacedApart(ValidatedTherapy validated, long gapUs) {
            List<Program> programs = validated.therapy().programs();
            long[] offsets = IntStream.range(0, programs.size()).mapToLong(validated::offsetUs).toArray();
            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, offsets, gapUs, CAP_US)).isEmpty();
        }

        @Test
        void placesTwoProgramsThatCanShareTimeApart() {
            // given two 50 Hz programs of 200 us pulses
            Therapy therapy = therapy().program(program("a")).program(program("b")).build();

            // when
            ValidatedTherapy validated = assertSafe(validator.validate(therapy));

            // then
            assertPlacedApart(validated, DeviceLimits.DEFAULTS.minProgramGapUs());
        }

        @Test
        void placesFourProgramsOfDifferentRatesApart() {
            Therapy therapy = therapy()
                    .program(program("a").tonic(50).pulseWidthUs(300))
                    .program(program("b").tonic(100).pulseWidthUs(200).active(0, 2))
                    .program(program("c").tonic(200).pulseWidthUs(100).passive(600))
                    .program(program("d").burst(2, 1000, 40).pulseWidthUs(100).active(20, 1))
                    .build();

            ValidatedTherapy validated = assertSafe(validator.validate(therapy));

            assertPlacedApart(validated, DeviceLimits.DEFAULTS.minProgramGapUs());
        }

        @Test
        void refusesAProgramWhenAnotherLeavesNoRoomForItsPulse() {
            // given a 500 Hz program busy for 900 + 20 + 900 us of its 2,000 us: with 10 us gaps the longest
            // free stretch is 2,000 - 1,830 = 170 us, too short for a 200 us pulse and its gap
            Therapy therapy = therapy()
                    .program(program("busy").tonic(500).pulseWidthUs(900))
                    .program(program("late").tonic(500).pulseWidthUs(200))
                    .build();

            // when
            Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.INTERLEAVING);

            // then
            assertThat(violation.subject()).isEqualTo("program 'late'");
            assertThat(violation.value()).contains("programs 'busy' and 'late' cannot run together");
            assertThat(violation.message()).contains("interleaving");
        }

        @Test
        void refusesProgramsWhosePeriodsDriftThroughEachOther() {
            // given 1,000 us and 1,001 us periods: every shift comes round, so the pulses must collide some day
            Therapy therapy = therapy()
                    .program(program("a").tonic(1000).pulseWidthUs(20))
                    .program(program("b").tonic(999).pulseWidthUs(20))
                    .build();
            assertThat(InterleaveOracle.periodUs(999)).isEqualTo(1001);

            assertThat(onlyViolation(validator.validate(therapy), SafetyRule.INTERLEAVING).subject())
                    .isEqualTo("program 'b'");
        }

        @Test
        void refusesAnyProgramBesideOneWhosePassiveRechargeFillsItsPeriod() {
            Therapy therapy = therapy().program(program("a").passive()).program(program("b")).build();

            onlyViolation(validator.validate(therapy), SafetyRule.INTERLEAVING);
        }

        @Test
        void placesAProgramBesideOneWhosePassiveRechargeIsShortened() {
            Therapy therapy = therapy().program(program("a").passive(600)).program(program("b")).build();

            assertPlacedApart(assertSafe(validator.validate(therapy)), DeviceLimits.DEFAULTS.minProgramGapUs());
        }

        private static Therapy twoKilohertzPrograms(int gapUs) {
            // two 1,000 Hz programs of 200 + 20 + 200 us: with gaps g each needs 420 + g us of the 1,000
            return therapy().limits(limitsWith("minProgramGapUs", gapUs))
                    .program(program("a").tonic(1000).pulseWidthUs(200))
                    .program(program("b").tonic(1000).pulseWidthUs(200))
                    .build();
        }

        @Test
        void placesProgramsThatFitExactlyWithATightenedGap() {
            // given g = 80: 2 x (420 + 80) = 1,000 us, only one offset works, half a period
            ValidatedTherapy validated = assertSafe(validator.validate(twoKilohertzPrograms(80)));

            assertThat(validated.offsetUs(0)).isZero();
            assertThat(validated.offsetUs(1)).isEqualTo(500);
            assertPlacedApart(validated, 80);
        }

        @Test
        void refusesProgramsThatATightenedGapNoLongerFits() {
            // given g = 90: 2 x (420 + 90) = 1,020 us > 1,000 us
            onlyViolation(validator.validate(twoKilohertzPrograms(90)), SafetyRule.INTERLEAVING);
        }

        @Test
        void theOracleSeesTheOverlapOfProgramsPlacedTogether() {
            // guards the judge used above: the same two programs at the same offset must be seen to collide
            List<Program> programs = List.of(program("a").build(), program("b").build());

            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, new long[] {0, 0}, 10, CAP_US)).isPresent();
            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, new long[] {0, 425}, 10, CAP_US)).isPresent();
            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, new long[] {0, 430}, 10, CAP_US)).isEmpty();
        }
    }
}
