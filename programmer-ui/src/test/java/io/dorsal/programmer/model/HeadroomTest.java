package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.testing.Cases;
import io.dorsal.testing.Generators;
import io.dorsal.core.therapy.Program;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The headroom marks on the amplitude, pulse width and rate sliders: each where core's validator first refuses its
 * rule for the draft with that one value changed, judged here by asking the validator again around each mark.
 */
class HeadroomTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();

    /** The dose rules the validator refuses for low-back (program 1) when {@code change} makes it. */
    private Set<SafetyRule> refused(DoubleFunction<Program> change, double value, Map<ContactId, Double> measured) {
        Draft d = m.draft().withProgram(0, change.apply(value));
        return new SafetyValidator(measured).validate(d.therapy()) instanceof Validation.Unsafe u
                ? u.violations().stream().filter(v -> v.subject().equals("program 'low-back'"))
                        .map(v -> v.rule()).filter(Headroom.DOSE_RULES::contains).collect(Collectors.toSet())
                : Set.of();
    }

    private void assertEachMarkIsWhereItsRuleFirstBreaks(List<Headroom.Mark> marks, DoubleFunction<Program> change,
            double step, Map<ContactId, Double> measured) {
        for (Headroom.Mark mark : marks) {
            assertThat(refused(change, mark.value(), measured)).as("at %s", mark).contains(mark.rule());
            assertThat(refused(change, mark.value() - step, measured)).as("a step under %s", mark)
                    .doesNotContain(mark.rule());
        }
    }

    @Test
    void theAmplitudeMarksSitWhereDensityAndShannonFirstBreakAboveTheDraftedAmplitude() {
        List<Headroom.Mark> marks = m.headroom().marksProperty(Field.AMPLITUDE).get();
        Program p = m.program();

        assertThat(marks).extracting(Headroom.Mark::rule).contains(SafetyRule.CHARGE_DENSITY, SafetyRule.SHANNON);
        assertEachMarkIsWhereItsRuleFirstBreaks(marks, p::withAmplitudeMa, 0.1, Map.of());
        // the drafted 4 mA is safe, so every mark lies above it; 7 mA breaks both (the guide's unsafe edit)
        assertThat(marks).allSatisfy(mark -> assertThat(mark.value()).isGreaterThan(p.amplitudeMa()));
        assertThat(marks).filteredOn(mark -> mark.rule() == SafetyRule.CHARGE_DENSITY || mark.rule() == SafetyRule.SHANNON)
                .hasSize(2).allSatisfy(mark -> assertThat(mark.value()).isLessThanOrEqualTo(7.0));
        assertThat(marks).isSortedAccordingTo(java.util.Comparator.comparingDouble(Headroom.Mark::value));
        assertThat(marks.getFirst().describe("mA")).matches("(Shannon limit|charge density) from \\d+(\\.\\d)? mA");
    }

    @Test
    void thePulseWidthMarksCountThePatientMaximumToo() {
        List<Headroom.Mark> marks = m.headroom().marksProperty(Field.PULSE_WIDTH).get();
        Program p = m.program();

        assertThat(marks).extracting(Headroom.Mark::rule).contains(SafetyRule.CHARGE_DENSITY);
        assertEachMarkIsWhereItsRuleFirstBreaks(marks, w -> Programs.withPulseWidth(p, (int) w), 10, Map.of());
    }

    @Test
    void anEditMovesTheOtherSlidersMarks() {
        m.fields().patientRangeOnProperty().set(false);
        double densityWidth = mark(Field.PULSE_WIDTH, SafetyRule.CHARGE_DENSITY);

        m.fields().amplitudeMaProperty().set(5.0);

        // more current per pulse: density is reached at a shorter pulse
        assertThat(mark(Field.PULSE_WIDTH, SafetyRule.CHARGE_DENSITY)).isLessThan(densityWidth);
        Program p = m.program();
        assertEachMarkIsWhereItsRuleFirstBreaks(m.headroom().marksProperty(Field.PULSE_WIDTH).get(),
                w -> Programs.withPulseWidth(p, (int) w), 10, Map.of());
    }

    @Test
    void aMeasuredImpedanceBringsTheComplianceMarkCloser() {
        double compliance = mark(Field.AMPLITUDE, SafetyRule.COMPLIANCE);
        Map<ContactId, Double> worn = Map.of(ContactId.parse("L1.2"), 1_500.0);

        m.check().useImpedances(worn, Set.of());

        // a higher impedance needs more voltage for the same current: compliance is reached at less current
        assertThat(mark(Field.AMPLITUDE, SafetyRule.COMPLIANCE)).isLessThan(compliance);
        List<Headroom.Mark> marks = m.headroom().marksProperty(Field.AMPLITUDE).get();
        assertEachMarkIsWhereItsRuleFirstBreaks(marks, m.program()::withAmplitudeMa, 0.1, worn);
    }

    @Test
    void theMarksWaitWhileASliderIsDraggedAndFollowWhenItIsLetGo() {
        m.fields().patientRangeOnProperty().set(false);
        List<Headroom.Mark> before = m.headroom().marksProperty(Field.PULSE_WIDTH).get();

        m.edits().adjustingProperty().set(true);
        m.fields().amplitudeMaProperty().set(5.5);
        assertThat(m.headroom().marksProperty(Field.PULSE_WIDTH).get()).isEqualTo(before);

        m.edits().adjustingProperty().set(false);
        assertThat(m.headroom().marksProperty(Field.PULSE_WIDTH).get()).isNotEqualTo(before);
    }

    @Test
    void theRateSliderMarksNothingWhenNoDoseRuleDependsOnIt() {
        // charge density, Shannon and compliance are per pulse: the rate changes none of them here
        assertThat(m.headroom().marksProperty(Field.RATE).get()).extracting(Headroom.Mark::rule)
                .doesNotContain(SafetyRule.CHARGE_DENSITY, SafetyRule.SHANNON, SafetyRule.COMPLIANCE);
    }

    /** A drafted low-back: any amplitude, pulse width, pattern and rate, a patient range or none, a worn L1.2 or not. */
    record Drafted(Draft draft, Map<ContactId, Double> measuredOhm, long sampleSeed) {
    }

    private static Drafted draw(java.util.random.RandomGenerator r) {
        Draft d = Draft.of(Fixture.example());
        Program p = d.program(0);
        p = p.withAmplitudeMa(Generators.doubleBetween(r, 0.5, 9, 1));
        p = Programs.withPulseWidth(p, 10 * Generators.intBetween(r, 3, 60));
        Pattern pattern = switch (Generators.intBetween(r, 0, 2)) {
            case 0 -> new Pattern.Tonic(Generators.intBetween(r, 2, 1200));
            case 1 -> new Pattern.HighFrequency(Generators.intBetween(r, 1000, 10_000));
            default -> new Pattern.Burst(5, 500, Generators.intBetween(r, 1, 100));
        };
        p = Programs.withPattern(p, pattern);
        if (Generators.chance(r, 0.5)) {
            p = Programs.withPatientRange(p, java.util.Optional.empty());
        }
        Map<ContactId, Double> measured = Generators.chance(r, 0.5) ? Map.of()
                : Map.of(ContactId.parse("L1.2"), Generators.doubleBetween(r, 300, 3000, 0));
        return new Drafted(d.withProgram(0, p), measured, r.nextLong());
    }

    @org.junit.jupiter.api.TestFactory
    java.util.stream.Stream<org.junit.jupiter.api.DynamicTest> everyMarkIsWhereItsRuleFirstBreaksAndStaysBroken() {
        return Cases.of(HeadroomTest::draw).count(60).classify(c -> "marks on amplitude: "
                + !Headroom.marks(c.draft(), 0, Field.AMPLITUDE, c.measuredOhm()).isEmpty()).check(c -> {
            SafetyValidator validator = new SafetyValidator(c.measuredOhm());
            java.util.SplittableRandom samples = new java.util.SplittableRandom(c.sampleSeed());
            for (Field slider : Headroom.SLIDERS) {
                Headroom.Steps steps = Headroom.Steps.of(slider, c.draft().program(0), c.draft().limits());
                for (Headroom.Mark mark : Headroom.marks(c.draft(), 0, slider, c.measuredOhm())) {
                    int at = (int) Math.round((mark.value() - steps.first()) / steps.step());
                    assertThat(Headroom.brokenDoseRules(validator, c.draft(), 0, slider, steps.value(at)))
                            .as("%s at %s", slider, mark).contains(mark.rule());
                    // below the mark the rule holds, from it up it stays broken (sampled): the search's premise
                    for (int k = 0; k < 3; k++) {
                        int below = samples.nextInt(0, at);
                        assertThat(Headroom.brokenDoseRules(validator, c.draft(), 0, slider, steps.value(below)))
                                .as("%s at %s, under %s", slider, steps.value(below), mark).doesNotContain(mark.rule());
                        int above = samples.nextInt(at, steps.count());
                        assertThat(Headroom.brokenDoseRules(validator, c.draft(), 0, slider, steps.value(above)))
                                .as("%s at %s, over %s", slider, steps.value(above), mark).contains(mark.rule());
                    }
                    assertThat(Headroom.brokenDoseRules(validator, c.draft(), 0, slider, steps.value(at - 1)))
                            .as("%s a step under %s", slider, mark).doesNotContain(mark.rule());
                }
            }
        });
    }

    private double mark(Field slider, SafetyRule rule) {
        return m.headroom().marksProperty(slider).get().stream().filter(mark -> mark.rule() == rule).findFirst()
                .orElseThrow(() -> new AssertionError("no " + rule + " mark on " + slider)).value();
    }
}
