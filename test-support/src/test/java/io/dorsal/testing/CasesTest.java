package io.dorsal.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CasesTest {

    private static List<Integer> drawn(int count) throws Throwable {
        List<Integer> seen = new ArrayList<>();
        runAll(Cases.of(r -> r.nextInt(1_000_000)).count(count).check(seen::add));
        return seen;
    }

    private static void runAll(Stream<DynamicTest> tests) throws Throwable {
        for (DynamicTest test : tests.toList()) {
            Executable executable = test.getExecutable();
            executable.execute();
        }
    }

    @Test
    void drawsTheSameCasesOnEveryRun() throws Throwable {
        List<Integer> first = drawn(200);

        assertThat(first).hasSize(200).doesNotHaveDuplicates();
        assertThat(drawn(200)).isEqualTo(first);
    }

    @Test
    void aFailureNamesTheCaseItsSeedAndHowToReplayIt() {
        Stream<DynamicTest> tests = Cases.of(r -> r.nextInt(100)).count(1000)
                .check(n -> assertThat(n).isLessThan(90));

        assertThatThrownBy(() -> runAll(tests)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("CasesTest#aFailureNamesTheCaseItsSeedAndHowToReplayIt failed on case ")
                .hasMessageContaining("case seed 0x").hasMessageContaining("master seed 0x")
                .hasMessageContaining("-Ddorsal.case=0x").hasMessageContaining("shrink by hand")
                .hasMessageContaining("Expecting actual:");
    }

    @Test
    void replaysTheOneCaseOfASeed() throws Throwable {
        System.setProperty(Cases.CASE_PROPERTY, "0x2a");
        try {
            List<Integer> seen = new ArrayList<>();
            List<DynamicTest> tests = Cases.of(r -> r.nextInt(1_000_000)).count(500).check(seen::add).toList();
            runAll(tests.stream());

            assertThat(tests).hasSize(1);
            assertThat(seen).containsExactly(new java.util.SplittableRandom(42).nextInt(1_000_000));
        } finally {
            System.clearProperty(Cases.CASE_PROPERTY);
        }
    }

    @Test
    void countsOnlyTheCasesThatMeetThePrecondition() throws Throwable {
        List<Integer> seen = new ArrayList<>();
        runAll(Cases.of(r -> r.nextInt(10)).count(300).where(n -> n % 2 == 0).check(seen::add));

        assertThat(seen).hasSize(300).allMatch(n -> n % 2 == 0);
    }

    @Test
    void failsWhenThePreconditionDiscardsTooMany() {
        Stream<DynamicTest> tests = Cases.of(r -> r.nextInt(100)).count(100).where(n -> n == 0).check(n -> { });

        assertThatThrownBy(() -> runAll(tests)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("discarded by the precondition");
    }

    @Test
    void failsWhenTheGeneratorMissesTheCoverageAskedFor() {
        Stream<DynamicTest> tests = Cases.of(r -> r.nextInt(100)).count(1000)
                .classify(n -> n < 5 ? "small" : "large").requireAtLeast("small", 20.0).check(n -> { });

        assertThatThrownBy(() -> runAll(tests)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("small in").hasMessageContaining("below the 20.00 % required");
    }

    @Test
    void numbersStayWithinTheirBoundsAndReachThem() throws Throwable {
        List<Integer> ints = new ArrayList<>();
        List<Double> doubles = new ArrayList<>();
        runAll(Cases.of(r -> Generators.intBetween(r, -3, 7)).count(1000).check(ints::add));
        runAll(Cases.of(r -> Generators.doubleBetween(r, 0.5, 2.5, 2)).count(1000).check(doubles::add));

        assertThat(ints).allMatch(n -> n >= -3 && n <= 7).contains(-3, 7);
        assertThat(doubles).allMatch(d -> d >= 0.5 && d <= 2.5 && java.math.BigDecimal.valueOf(d).scale() <= 2)
                .contains(0.5, 2.5);
    }
}
