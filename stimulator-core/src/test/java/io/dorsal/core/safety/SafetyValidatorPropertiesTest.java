package io.dorsal.core.safety;

import static io.dorsal.testing.Generators.chance;
import static io.dorsal.testing.Generators.distinct;
import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.oneOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.schedule.InterleaveOracle;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Lead;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Invariants of the validator over generated therapies. Expected dose figures are worked out here from the
 * physics (Q = I x PW, D = Q / A, k = log10 D + log10 Q, V = I x Z), in whole numbers where the rule allows,
 * never with the validator's own helpers.
 */
class SafetyValidatorPropertiesTest {

    private static final double TOLERANCE = 1e-6;
    private static final int DEVICE_COMPLIANCE_MV = 12_000;

    private final SafetyValidator validator = new SafetyValidator();

    /** Amplitude in tenths of a mA, pulse width in tens of us, contact area in tenths of a mm2, impedance. */
    record DoseCase(int amplitudeTenthsMa, int pulseWidthTensUs, int areaTenthsMm2, int impedanceOhm) {

        /** Half of the amplitudes low (4 mA at most: within the compliance of most paths), so that a good share pass. */
        static DoseCase draw(RandomGenerator random) {
            return new DoseCase(intBetween(random, 0, random.nextBoolean() ? 40 : 255), intBetween(random, 2, 100),
                    intBetween(random, 10, 200), intBetween(random, 250, 4000));
        }

        int pulseWidthUs() {
            return pulseWidthTensUs * 10;
        }

        double shannonK() {
            double chargeUc = amplitudeTenthsMa * pulseWidthUs() / 10_000.0;
            double densityUcPerCm2 = chargeUc * 1000.0 / areaTenthsMm2;
            return Math.log10(densityUcPerCm2) + Math.log10(chargeUc);
        }

        /** The rules this case breaks, worked out in whole numbers (Shannon in doubles, off its tolerance band). */
        Set<SafetyRule> expectedBroken() {
            Set<SafetyRule> broken = EnumSet.noneOf(SafetyRule.class);
            if (amplitudeTenthsMa > 127) {
                broken.add(SafetyRule.CONTACT_CURRENT);
            }
            if ((long) amplitudeTenthsMa * pulseWidthUs() > 300L * areaTenthsMm2) {
                broken.add(SafetyRule.CHARGE_DENSITY);
            }
            if (amplitudeTenthsMa > 0 && shannonK() > 1.85) {
                broken.add(SafetyRule.SHANNON);
            }
            // the bipolar path: 2 x (I x R + I x PW / 10 uF) <= 12 V, with I = a / 10 mA: a x (10 R + PW) <= 600,000
            if ((long) amplitudeTenthsMa * (10L * impedanceOhm + pulseWidthUs()) > 600_000L) {
                broken.add(SafetyRule.COMPLIANCE);
            }
            // with active recharge an electrode holds one phase's charge: Q / A <= 100 uC/cm2, a x PW <= 1,000 x area10
            if ((long) amplitudeTenthsMa * pulseWidthUs() > 1_000L * areaTenthsMm2) {
                broken.add(SafetyRule.ELECTRODE_CHARGE);
            }
            return broken;
        }
    }

    /**
     * One cathode and one anode of a lead, both carrying the whole amplitude, at a rate slow enough that every
     * pulse fits. With the amplitude {@code a} in tenths of a mA, the pulse width in us and the area {@code A}
     * in tenths of a mm2: the contact current is within 12.7 mA when a <= 127; D = a x PW / A uC/cm2 / 10 ...
     * precisely D <= 30 when a x PW <= 300 x A; the drive voltage a/10 mA x Z is within 12 V when a x Z <= 120,000;
     * Shannon's k has no whole-number form and is computed in doubles, skipping the validator's 1e-6 tolerance band.
     * 2000 cases (as many as before), at least a fifth of them accepted and a fifth refused.
     */
    @TestFactory
    Stream<DynamicTest> acceptsExactlyWhenEveryDoseFigureIsWithinItsLimit() {
        return Cases.of(DoseCase::draw).count(2000)
                .where(c -> c.amplitudeTenthsMa() == 0 || Math.abs(c.shannonK() - 1.85) > TOLERANCE)
                .classify(c -> c.expectedBroken().isEmpty() ? "accepted" : "refused")
                .requireAtLeast("accepted", 20.0).requireAtLeast("refused", 20.0)
                .check(c -> {
                    // given
                    Therapy therapy = new Therapy(
                            List.of(new Lead("L1", 8, c.areaTenthsMm2() / 10.0, OptionalDouble.of(c.impedanceOhm()),
                                    Map.of())),
                            List.of(ValidatorFixtures.program().amplitudeMa(c.amplitudeTenthsMa() / 10.0)
                                    .pulseWidthUs(c.pulseWidthUs()).tonic(20).build()),
                            DeviceLimits.DEFAULTS);

                    // when
                    Validation validation = validator.validate(therapy);

                    // then
                    Set<SafetyRule> broken = ValidatorFixtures.violations(validation).stream().map(Violation::rule)
                            .collect(Collectors.toCollection(() -> EnumSet.noneOf(SafetyRule.class)));
                    assertThat(broken).isEqualTo(c.expectedBroken());
                    assertThat(validation instanceof Validation.Safe).isEqualTo(c.expectedBroken().isEmpty());
                });
    }

    /**
     * Whatever the validator accepts keeps every contact of every program within every dose limit, at the
     * programmed amplitude and at the top of its patient range, and its programs never overlap in time. 1500
     * cases (as many as before), at least 5 % of them accepted.
     */
    @TestFactory
    Stream<DynamicTest> everyAcceptedTherapyKeepsEveryDoseWithinLimits() {
        return Cases.of(SafetyValidatorPropertiesTest::therapy).count(1500)
                .classify(t -> validator.validate(t) instanceof Validation.Safe ? "accepted" : "refused")
                .requireAtLeast("accepted", 5.0)
                .check(this::keepsEveryDoseWithinLimitsIfAccepted);
    }

    private void keepsEveryDoseWithinLimitsIfAccepted(Therapy therapy) {
        // when
        Validation validation = validator.validate(therapy);

        // then
        if (!(validation instanceof Validation.Safe safe)) {
            return;
        }
        DeviceLimits limits = therapy.limits();
        ValidatedTherapy validated = safe.therapy();
        for (int p = 0; p < therapy.programs().size(); p++) {
            Program program = therapy.programs().get(p);
            List<Double> amplitudes = new ArrayList<>(List.of(program.amplitudeMa()));
            program.patientRange().map(PatientRange::maxMa).ifPresent(amplitudes::add);
            for (double amplitudeMa : amplitudes) {
                for (Map.Entry<ContactId, Integer> e : program.electrodes().entrySet()) {
                    Dose dose = Dose.of(therapy, e.getKey(), amplitudeMa, e.getValue(), program.pulseWidthUs());
                    assertThat(dose.currentMa()).as("current on %s", e.getKey())
                            .isLessThanOrEqualTo(limits.maxContactCurrentMa() + TOLERANCE);
                    assertThat(dose.densityUcPerCm2()).as("density on %s", e.getKey())
                            .isLessThanOrEqualTo(limits.maxChargeDensityUcPerCm2() + TOLERANCE);
                    if (dose.chargeUc() > 0) {
                        assertThat(dose.shannonK()).as("k on %s", e.getKey())
                                .isLessThanOrEqualTo(limits.maxShannonK() + TOLERANCE);
                    }
                    assertThat(dose.driveVoltageV()).as("drive voltage on %s", e.getKey())
                            .isLessThanOrEqualTo(limits.complianceVoltageV() + TOLERANCE);
                }
            }
            // and what the validator reports for the programmed amplitude is the same physics
            List<ContactDose> reported = validated.doses(p);
            assertThat(reported).extracting(ContactDose::contact)
                    .containsExactlyElementsOf(program.electrodes().keySet());
            for (ContactDose r : reported) {
                Dose dose = Dose.of(therapy, r.contact(), program.amplitudeMa(), program.electrodes().get(r.contact()),
                        program.pulseWidthUs());
                assertThat(r.chargeUc()).isCloseTo(dose.chargeUc(), within(1e-9));
                assertThat(r.chargeDensityUcPerCm2()).isCloseTo(dose.densityUcPerCm2(), within(1e-9));
                assertThat(r.driveVoltageV()).isCloseTo(dose.driveVoltageV(), within(1e-9));
            }
        }
        long[] offsets = IntStream.range(0, therapy.programs().size()).mapToLong(validated::offsetUs).toArray();
        assertThat(InterleaveOracle.firstOverlapOfPrograms(therapy.programs(), offsets, limits.minProgramGapUs(),
                10_000_000L)).isEmpty();
    }

    /** The dose of one contact worked out from the physics, at the device's resolution of 1 uA. */
    private record Dose(double currentMa, double chargeUc, double densityUcPerCm2, double shannonK,
                        double driveVoltageV) {

        static Dose of(Therapy therapy, ContactId contact, double amplitudeMa, int percent, int pulseWidthUs) {
            long microamps = Math.abs(Math.round(Math.round(amplitudeMa * 1000) * percent / 100.0));
            double currentMa = microamps / 1000.0;
            double areaMm2 = contact.isCase() ? 2000.0 : therapy.lead(contact.lead()).orElseThrow().contactAreaMm2();
            double ohm = contact.isCase() ? therapy.limits().defaultImpedanceOhm()
                    : therapy.lead(contact.lead()).orElseThrow().impedanceOhmOf(contact.index())
                    .orElse(therapy.limits().defaultImpedanceOhm());
            double chargeUc = microamps * pulseWidthUs / 1_000_000.0;
            double density = chargeUc / (areaMm2 / 100.0);
            double k = Math.log10(density) + Math.log10(chargeUc);
            return new Dose(currentMa, chargeUc, density, k, microamps * ohm / 1_000_000.0);
        }
    }

    /**
     * The validator answers every therapy, however hostile its figures, with a verdict rather than an
     * exception; and nothing it accepts has a figure outside the device's ranges. 1500 cases (as many as before).
     */
    @TestFactory
    Stream<DynamicTest> answersEveryTherapyWithAVerdict() {
        return Cases.of(SafetyValidatorPropertiesTest::hostileProgram).count(1500).check(program -> {
            Therapy therapy = new Therapy(List.of(ValidatorFixtures.baselineLead()), List.of(program),
                    DeviceLimits.DEFAULTS);

            Validation validation = validator.validate(therapy);

            assertThat(validation).isNotNull();
            if (validation instanceof Validation.Safe) {
                assertThat(program.amplitudeMa()).isBetween(0.0, 25.5 + TOLERANCE);
                assertThat(program.pulseWidthUs()).isBetween(20, 1000);
                assertThat(program.rampS()).isBetween(0.0, 10.0);
            }
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // generators

    private static final List<Integer> NICE_RATES_HZ = List.of(2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250,
            500, 1000);
    private static final List<DeviceLimits> LIMITS = List.of(
            DeviceLimits.DEFAULTS,
            ValidatorFixtures.limitsWith("maxShannonK", 1.5),
            ValidatorFixtures.limitsWith("maxChargeDensityUcPerCm2", 20.0),
            ValidatorFixtures.limitsWith("complianceVoltageV", 8.0),
            ValidatorFixtures.limitsWith("maxContactCurrentMa", 6.0));

    static Therapy therapy(RandomGenerator random) {
        int areaTenths = intBetween(random, 10, 200);
        OptionalDouble ohm = chance(random, 0.3) ? OptionalDouble.empty()
                : OptionalDouble.of(intBetween(random, 250, 3000));
        Map<Integer, Double> own = new LinkedHashMap<>();
        int ownCount = intBetween(random, 0, 3);
        for (int i = 0; i < ownCount; i++) {
            own.put(intBetween(random, 0, 15), (double) intBetween(random, 250, 3000));
        }
        Lead lead = new Lead("L1", 16, areaTenths / 10.0, ohm, own);
        List<Program> programs = listOf(random, 1, 3, SafetyValidatorPropertiesTest::program);
        List<Program> named = new ArrayList<>();
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            named.add(new Program("p" + i, p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(),
                    p.recharge(), p.rampS(), p.cycle(), p.patientRange()));
        }
        return new Therapy(List.of(lead), named, oneOf(random, LIMITS));
    }

    private static Program program(RandomGenerator random) {
        int cathodes = intBetween(random, 1, 3);
        int anodes = intBetween(random, 1, 3);
        List<Integer> indexes = distinct(random, 6, r -> intBetween(r, 0, 15));
        boolean caseAnode = random.nextBoolean();
        Map<ContactId, Integer> map = new LinkedHashMap<>();
        List<Integer> cathodeShares = shares(cuts(random), cathodes);
        for (int i = 0; i < cathodes; i++) {
            map.put(new ContactId("L1", indexes.get(i)), -cathodeShares.get(i));
        }
        if (caseAnode) {
            map.put(ContactId.CASE, 100);
        } else {
            List<Integer> anodeShares = shares(cuts(random), anodes);
            for (int i = 0; i < anodes; i++) {
                map.put(new ContactId("L1", indexes.get(3 + i)), anodeShares.get(i));
            }
        }
        Pattern pattern = switch (random.nextInt(4)) {
            case 0 -> new Pattern.Tonic(oneOf(random, NICE_RATES_HZ));
            case 1 -> new Pattern.Tonic(intBetween(random, 2, 1200));
            case 2 -> new Pattern.HighFrequency(oneOf(random, 1000, 2000, 5000, 10_000));
            default -> new Pattern.Burst(intBetween(random, 2, 10), oneOf(random, 500, 1000), oneOf(random, 10, 20, 40));
        };
        Recharge recharge = random.nextBoolean()
                ? new Recharge.Active(intBetween(random, 0, 100), intBetween(random, 1, 4))
                : new Recharge.Passive(OptionalInt.of(intBetween(random, 20, 3000)));
        // half of the amplitudes low enough for the compliance of a bipolar path, so that a good share pass
        int ampTenths = intBetween(random, 0, random.nextBoolean() ? 50 : 150);
        int pwTens = intBetween(random, 2, 50);
        Optional<PatientRange> range = random.nextBoolean() ? Optional.empty()
                : Optional.of(new PatientRange(0.0, (ampTenths + intBetween(random, 0, 60)) / 10.0));
        return new Program("p", map, ampTenths / 10.0, pwTens * 10, pattern, recharge, 0.0, Optional.empty(), range);
    }

    /** Two distinct cut points in 1 to 99. */
    private static Set<Integer> cuts(RandomGenerator random) {
        return Set.copyOf(distinct(random, 2, r -> intBetween(r, 1, 99)));
    }

    /** Splits 100 at the given cut points into {@code parts} positive whole shares. */
    private static List<Integer> shares(Set<Integer> cuts, int parts) {
        List<Integer> points = cuts.stream().sorted().limit(parts - 1L)
                .collect(Collectors.toCollection(ArrayList::new));
        points.add(0, 0);
        points.add(100);
        List<Integer> result = new ArrayList<>();
        for (int i = 1; i < points.size(); i++) {
            result.add(points.get(i) - points.get(i - 1));
        }
        return result;
    }

    private static final List<ContactId> HOSTILE_CONTACTS = List.of(new ContactId("L1", 0), new ContactId("L1", 1),
            new ContactId("L1", 9), new ContactId("L7", 0), ContactId.CASE);

    static Program hostileProgram(RandomGenerator random) {
        Map<ContactId, Integer> map = new LinkedHashMap<>();
        int contacts = intBetween(random, 0, 4);
        for (int i = 0; i < contacts; i++) {
            map.put(oneOf(random, HOSTILE_CONTACTS), intBetween(random, -150, 150));
        }
        Pattern pattern = switch (random.nextInt(3)) {
            case 0 -> new Pattern.Tonic(hostileInt(random));
            case 1 -> new Pattern.HighFrequency(hostileInt(random));
            default -> new Pattern.Burst(intBetween(random, -2, 12), hostileInt(random), intBetween(random, -2, 120));
        };
        Recharge recharge = switch (random.nextInt(3)) {
            case 0 -> new Recharge.Active(intBetween(random, -20, 200), intBetween(random, -1, 6));
            case 1 -> new Recharge.Passive(OptionalInt.of(hostileInt(random)));
            default -> Recharge.Passive.restOfPeriod();
        };
        double amplitude = hostileDouble(random);
        int pw = intBetween(random, -100, 3000);
        double ramp = hostileDouble(random);
        Optional<PatientRange> range = random.nextBoolean() ? Optional.empty()
                : Optional.of(new PatientRange(0.0, hostileDouble(random)));
        return new Program("p", map, amplitude, pw, pattern, recharge, ramp, Optional.empty(), range);
    }

    private static int hostileInt(RandomGenerator random) {
        return intBetween(random, -20, 20_000);
    }

    private static double hostileDouble(RandomGenerator random) {
        return random.nextBoolean() ? random.nextDouble(-50, 50)
                : oneOf(random, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0, -50.0, 50.0,
                        25.5, 25.6);
    }
}
