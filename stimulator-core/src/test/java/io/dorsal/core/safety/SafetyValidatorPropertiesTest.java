package io.dorsal.core.safety;

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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants of the validator over generated therapies. Expected dose figures are worked out here from the
 * physics (Q = I x PW, D = Q / A, k = log10 D + log10 Q, V = I x Z), in whole numbers where the rule allows,
 * never with the validator's own helpers.
 */
class SafetyValidatorPropertiesTest {

    private static final double TOLERANCE = 1e-6;
    private static final int DEVICE_COMPLIANCE_MV = 12_000;

    private final SafetyValidator validator = new SafetyValidator();

    /**
     * One cathode and one anode of a lead, both carrying the whole amplitude, at a rate slow enough that every
     * pulse fits. With the amplitude {@code a} in tenths of a mA, the pulse width in us and the area {@code A}
     * in tenths of a mm2: the contact current is within 12.7 mA when a <= 127; D = a x PW / A uC/cm2 / 10 ...
     * precisely D <= 30 when a x PW <= 300 x A; the drive voltage a/10 mA x Z is within 12 V when a x Z <= 120,000;
     * Shannon's k has no whole-number form and is computed in doubles, skipping the validator's 1e-6 tolerance band.
     */
    @Property(tries = 2000)
    void acceptsExactlyWhenEveryDoseFigureIsWithinItsLimit(
            @ForAll @IntRange(min = 0, max = 255) int amplitudeTenthsMa,
            @ForAll @IntRange(min = 2, max = 100) int pulseWidthTensUs,
            @ForAll @IntRange(min = 10, max = 200) int areaTenthsMm2,
            @ForAll @IntRange(min = 250, max = 4000) int impedanceOhm) {
        // given
        int pulseWidthUs = pulseWidthTensUs * 10;
        double amplitudeMa = amplitudeTenthsMa / 10.0;
        double chargeUc = amplitudeTenthsMa * pulseWidthUs / 10_000.0;
        double densityUcPerCm2 = chargeUc * 1000.0 / areaTenthsMm2;
        double k = Math.log10(densityUcPerCm2) + Math.log10(chargeUc);
        Assume.that(amplitudeTenthsMa == 0 || Math.abs(k - 1.85) > TOLERANCE);

        Set<SafetyRule> expectedBroken = EnumSet.noneOf(SafetyRule.class);
        if (amplitudeTenthsMa > 127) {
            expectedBroken.add(SafetyRule.CONTACT_CURRENT);
        }
        if ((long) amplitudeTenthsMa * pulseWidthUs > 300L * areaTenthsMm2) {
            expectedBroken.add(SafetyRule.CHARGE_DENSITY);
        }
        if (amplitudeTenthsMa > 0 && k > 1.85) {
            expectedBroken.add(SafetyRule.SHANNON);
        }
        // the bipolar path: 2 x (I x R + I x PW / 10 uF) <= 12 V, with I = a / 10 mA: a x (10 R + PW) <= 600,000
        if ((long) amplitudeTenthsMa * (10L * impedanceOhm + pulseWidthUs) > 600_000L) {
            expectedBroken.add(SafetyRule.COMPLIANCE);
        }
        // with active recharge an electrode holds one phase's charge: Q / A <= 100 uC/cm2, a x PW <= 1,000 x area10
        if ((long) amplitudeTenthsMa * pulseWidthUs > 1_000L * areaTenthsMm2) {
            expectedBroken.add(SafetyRule.ELECTRODE_CHARGE);
        }
        Statistics.label("verdict").collect(expectedBroken.isEmpty() ? "accepted" : "refused");
        Statistics.label("verdict").coverage(c -> {
            c.check("accepted").percentage(p -> p >= 20.0);
            c.check("refused").percentage(p -> p >= 20.0);
        });
        Therapy therapy = new Therapy(
                List.of(new Lead("L1", 8, areaTenthsMm2 / 10.0, OptionalDouble.of(impedanceOhm), Map.of())),
                List.of(ValidatorFixtures.program().amplitudeMa(amplitudeMa).pulseWidthUs(pulseWidthUs).tonic(20)
                        .build()),
                DeviceLimits.DEFAULTS);

        // when
        Validation validation = validator.validate(therapy);

        // then
        Set<SafetyRule> broken = ValidatorFixtures.violations(validation).stream().map(Violation::rule)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(SafetyRule.class)));
        assertThat(broken).isEqualTo(expectedBroken);
        assertThat(validation instanceof Validation.Safe).isEqualTo(expectedBroken.isEmpty());
    }

    /**
     * Whatever the validator accepts keeps every contact of every program within every dose limit, at the
     * programmed amplitude and at the top of its patient range, and its programs never overlap in time.
     */
    @Property(tries = 1500)
    void everyAcceptedTherapyKeepsEveryDoseWithinLimits(@ForAll("therapies") Therapy therapy) {
        // when
        Validation validation = validator.validate(therapy);

        // then
        Statistics.label("verdict").collect(validation instanceof Validation.Safe ? "accepted" : "refused");
        Statistics.label("verdict").coverage(c -> c.check("accepted").percentage(p -> p >= 5.0));
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
     * exception; and nothing it accepts has a figure outside the device's ranges.
     */
    @Property(tries = 1500)
    void answersEveryTherapyWithAVerdict(@ForAll("hostilePrograms") Program program) {
        Therapy therapy = new Therapy(List.of(ValidatorFixtures.baselineLead()), List.of(program),
                DeviceLimits.DEFAULTS);

        Validation validation = validator.validate(therapy);

        assertThat(validation).isNotNull();
        if (validation instanceof Validation.Safe) {
            assertThat(program.amplitudeMa()).isBetween(0.0, 25.5 + TOLERANCE);
            assertThat(program.pulseWidthUs()).isBetween(20, 1000);
            assertThat(program.rampS()).isBetween(0.0, 10.0);
        }
    }

    // ----------------------------------------------------------------------------------------------------
    // generators

    private static final Integer[] NICE_RATES_HZ = {2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 500, 1000};

    @Provide
    Arbitrary<Therapy> therapies() {
        Arbitrary<Lead> leads = Combinators.combine(
                Arbitraries.integers().between(10, 200),
                Arbitraries.integers().between(250, 3000).injectNull(0.3),
                Arbitraries.maps(Arbitraries.integers().between(0, 15), Arbitraries.doubles().between(250, 3000)
                        .ofScale(0)).ofMaxSize(3)
        ).as((areaTenths, ohm, own) -> new Lead("L1", 16, areaTenths / 10.0,
                ohm == null ? OptionalDouble.empty() : OptionalDouble.of(ohm), own));
        Arbitrary<DeviceLimits> limits = Arbitraries.of(
                DeviceLimits.DEFAULTS,
                ValidatorFixtures.limitsWith("maxShannonK", 1.5),
                ValidatorFixtures.limitsWith("maxChargeDensityUcPerCm2", 20.0),
                ValidatorFixtures.limitsWith("complianceVoltageV", 8.0),
                ValidatorFixtures.limitsWith("maxContactCurrentMa", 6.0));
        return Combinators.combine(leads, programs().list().ofMinSize(1).ofMaxSize(3), limits)
                .as((lead, programs, deviceLimits) -> {
                    List<Program> named = new ArrayList<>();
                    for (int i = 0; i < programs.size(); i++) {
                        Program p = programs.get(i);
                        named.add(new Program("p" + i, p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(),
                                p.recharge(), p.rampS(), p.cycle(), p.patientRange()));
                    }
                    return new Therapy(List.of(lead), named, deviceLimits);
                });
    }

    private Arbitrary<Program> programs() {
        Arbitrary<Map<ContactId, Integer>> electrodes = Combinators.combine(
                Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 15).list().uniqueElements().ofSize(6),
                Arbitraries.of(true, false),
                Arbitraries.integers().between(1, 99).set().ofSize(2),
                Arbitraries.integers().between(1, 99).set().ofSize(2)
        ).as((cathodes, anodes, indexes, caseAnode, cathodeCuts, anodeCuts) -> {
            Map<ContactId, Integer> map = new LinkedHashMap<>();
            List<Integer> cathodeShares = shares(cathodeCuts, cathodes);
            for (int i = 0; i < cathodes; i++) {
                map.put(new ContactId("L1", indexes.get(i)), -cathodeShares.get(i));
            }
            if (caseAnode) {
                map.put(ContactId.CASE, 100);
            } else {
                List<Integer> anodeShares = shares(anodeCuts, anodes);
                for (int i = 0; i < anodes; i++) {
                    map.put(new ContactId("L1", indexes.get(3 + i)), anodeShares.get(i));
                }
            }
            return map;
        });
        Arbitrary<Pattern> patterns = Arbitraries.oneOf(
                Arbitraries.of(NICE_RATES_HZ).map(Pattern.Tonic::new),
                Arbitraries.integers().between(2, 1200).map(Pattern.Tonic::new),
                Arbitraries.of(1000, 2000, 5000, 10_000).map(Pattern.HighFrequency::new),
                Combinators.combine(Arbitraries.integers().between(2, 10), Arbitraries.of(500, 1000),
                        Arbitraries.of(10, 20, 40)).as(Pattern.Burst::new));
        Arbitrary<Recharge> recharges = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(0, 100), Arbitraries.integers().between(1, 4))
                        .as(Recharge.Active::new),
                Arbitraries.integers().between(20, 3000).map(w -> new Recharge.Passive(OptionalInt.of(w))));
        Arbitrary<Integer> amplitudeTenths = Arbitraries.integers().between(0, 150);
        Arbitrary<Integer> rangeAboveTenths = Arbitraries.integers().between(0, 60).injectNull(0.5);
        return Combinators.combine(electrodes, amplitudeTenths, Arbitraries.integers().between(2, 50), patterns,
                recharges, rangeAboveTenths).as((map, ampTenths, pwTens, pattern, recharge, above) -> {
                    Optional<PatientRange> range = above == null ? Optional.empty()
                            : Optional.of(new PatientRange(0.0, (ampTenths + above) / 10.0));
                    return new Program("p", map, ampTenths / 10.0, pwTens * 10, pattern, recharge, 0.0,
                            Optional.empty(), range);
                });
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

    @Provide
    Arbitrary<Program> hostilePrograms() {
        Arbitrary<Double> doubles = Arbitraries.oneOf(Arbitraries.doubles().between(-50, 50),
                Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 25.5, 25.6));
        Arbitrary<Integer> ints = Arbitraries.integers().between(-20, 20_000);
        Arbitrary<Pattern> patterns = Arbitraries.oneOf(
                ints.map(Pattern.Tonic::new), ints.map(Pattern.HighFrequency::new),
                Combinators.combine(Arbitraries.integers().between(-2, 12), ints,
                        Arbitraries.integers().between(-2, 120)).as(Pattern.Burst::new));
        Arbitrary<Recharge> recharges = Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers().between(-20, 200), Arbitraries.integers().between(-1, 6))
                        .as(Recharge.Active::new),
                ints.map(w -> new Recharge.Passive(OptionalInt.of(w))),
                Arbitraries.just(Recharge.Passive.restOfPeriod()));
        Arbitrary<Map<ContactId, Integer>> electrodes = Arbitraries.maps(
                Arbitraries.of(new ContactId("L1", 0), new ContactId("L1", 1), new ContactId("L1", 9),
                        new ContactId("L7", 0), ContactId.CASE),
                Arbitraries.integers().between(-150, 150)).ofMaxSize(4);
        return Combinators.combine(electrodes, doubles, Arbitraries.integers().between(-100, 3000), patterns,
                recharges, doubles, doubles.injectNull(0.5)).as((map, amplitude, pw, pattern, recharge, ramp, max) ->
                new Program("p", map, amplitude, pw, pattern, recharge, ramp, Optional.empty(),
                        max == null ? Optional.empty() : Optional.of(new PatientRange(0.0, max))));
    }
}
