package io.dorsal.core.safety;

import static io.dorsal.core.safety.ValidatorFixtures.assertSafe;
import static io.dorsal.core.safety.ValidatorFixtures.lead;
import static io.dorsal.core.safety.ValidatorFixtures.onlyViolation;
import static io.dorsal.core.safety.ValidatorFixtures.program;
import static io.dorsal.core.safety.ValidatorFixtures.therapy;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.ValidatorFixtures.ProgramBuilder;
import io.dorsal.core.schedule.InterleaveOracle;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/** The complete planner seen through the validator: order does not matter, and a refusal says what would fit. */
class InterleavingRefusalTest {

    private final SafetyValidator validator = new SafetyValidator();

    private static ProgramBuilder tonic(String name, int rateHz) {
        return program(name).tonic(rateHz).pulseWidthUs(200).electrodes("L1.0", -100, "L1.1", 100);
    }

    /** The issue's burst: 4 x 500 us at 1 kHz, 50 Hz, a 1,000 us passive window (0.3 mA on 12 mm2). */
    private static ProgramBuilder burst() {
        return program("burst").amplitudeMa(0.3).pulseWidthUs(500).burst(4, 1000, 50).passive(1000)
                .electrodes("L1.2", -100, "L1.3", 100);
    }

    private static Therapy inOrder(List<ProgramBuilder> programs) {
        var builder = therapy().leads(lead("L1", 8, 12.0));
        programs.forEach(builder::program);
        return builder.build();
    }

    @Test
    void placesTheIssuesThreeProgramsInEveryOrder() {
        // the greedy planner refused 125 Hz, 250 Hz and the burst in file order and accepted another order
        List<List<ProgramBuilder>> orders = List.of(
                List.of(tonic("a", 125), tonic("b", 250), burst()),
                List.of(burst(), tonic("a", 125), tonic("b", 250)),
                List.of(tonic("b", 250), burst(), tonic("a", 125)));
        for (List<ProgramBuilder> order : orders) {
            ValidatedTherapy safe = assertSafe(validator.validate(inOrder(order)));

            List<Program> programs = safe.therapy().programs();
            long[] offsets = new long[programs.size()];
            for (int p = 0; p < offsets.length; p++) {
                offsets[p] = safe.offsetUs(p);
            }
            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, offsets,
                    DeviceLimits.DEFAULTS.minProgramGapUs(), 4_000_000)).isEmpty();
        }
    }

    @Test
    void namesTheCollidingProgramsAndRatesThatFit() {
        // 100 Hz and 99 Hz: periods 10,000 and 10,101 us share no factor, so every shift comes round: no placement;
        // 'c' at 20 Hz is clear of both and is not named
        Therapy therapy = inOrder(List.of(tonic("a", 100), tonic("c", 20), tonic("b", 99)));

        Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.INTERLEAVING);

        assertThat(violation.subject()).isEqualTo("program 'b'");
        assertThat(violation.field()).isEqualTo("timing");
        assertThat(violation.value()).startsWith("programs 'a' and 'b' cannot run together");
        // 'a' has no rate near 100 Hz that fits beside both 'b' and 'c'; 'b' has: it fits at 80 and at 100 Hz
        assertThat(violation.limit()).contains("rates that fit: 'b' at 80 or 100 Hz").doesNotContain("'a' at");
        // every rate it names fits, and no rate between it and the program's own does
        assertRatesAreTheNearestThatFit(violation.limit(), "b", 99, List.of(tonic("a", 100), tonic("c", 20)));
    }

    @Test
    void saysWhenNoNearbyRateFits() {
        // two 1 kHz programs busy 420 + 10 and 620 + 10 us of every 1,000: no rate of one makes room beside the other
        Therapy therapy = inOrder(List.of(tonic("a", 1000), program("b").tonic(1000).pulseWidthUs(300)
                .electrodes("L1.2", -100, "L1.3", 100)));

        Violation violation = onlyViolation(validator.validate(therapy), SafetyRule.INTERLEAVING);

        assertThat(violation.value()).startsWith("programs 'a' and 'b' cannot run together");
        assertThat(violation.limit()).contains("no rate within 200 Hz of theirs fits");
    }

    private void assertRatesAreTheNearestThatFit(String limit, String name, int ownRateHz, List<ProgramBuilder> others) {
        Matcher m = java.util.regex.Pattern.compile("'" + name + "' at (\\d+)(?: or (\\d+))? Hz").matcher(limit);
        assertThat(m.find()).as(limit).isTrue();
        List<Integer> named = new ArrayList<>();
        named.add(Integer.parseInt(m.group(1)));
        if (m.group(2) != null) {
            named.add(Integer.parseInt(m.group(2)));
        }
        for (int rate : named) {
            assertThat(fits(name, rate, others)).as("'%s' at %d Hz", name, rate).isTrue();
            int from = Math.min(rate, ownRateHz) + 1;
            int to = Math.max(rate, ownRateHz) - 1;
            for (int between = from; between <= to; between++) {
                assertThat(fits(name, between, others)).as("'%s' at %d Hz, nearer than %d", name, between, rate)
                        .isFalse();
            }
        }
    }

    private boolean fits(String name, int rateHz, List<ProgramBuilder> others) {
        List<ProgramBuilder> all = new ArrayList<>(others);
        all.add(tonic(name, rateHz));
        return validator.validate(inOrder(all)) instanceof Validation.Safe;
    }
}
