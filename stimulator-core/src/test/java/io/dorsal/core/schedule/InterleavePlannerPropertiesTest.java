package io.dorsal.core.schedule;

import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.oneOf;
import static io.dorsal.testing.Generators.weight;
import static io.dorsal.testing.Generators.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.schedule.InterleaveOracle.Shape;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The interleave planner against a brute-force judge ({@link InterleaveOracle}) that lays every phase out on a
 * time line: programs it places never come within the gap of each other; on small hand-made timelines, where a
 * brute force can try every combination of offsets, it refuses exactly when none works and names programs that
 * cannot run together; every set built to be feasible is placed (the planner is complete).
 */
class InterleavePlannerPropertiesTest {

    /** Longest window the judge lays out when the hyperperiod is longer (realistic rates that do not divide). */
    private static final long CAP_US = 4_000_000;

    private static final List<Integer> NICE_RATES_HZ = List.of(4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 400, 500,
            1000);

    /** Programs and the gap between programs. */
    record TonicCase(List<Program> programs, int gapUs) {
    }

    /** Timelines and the gap between programs. */
    record SmallCase(List<ProgramTimeline> timelines, int gapUs) {
    }

    /** 600 cases whose pulses each fit their period (before: 600 drawn, discards included); a quarter placed. */
    @TestFactory
    Stream<DynamicTest> tonicProgramsItPlacesNeverOverlap() {
        return Cases.of(r -> new TonicCase(tonicPrograms(r), intBetween(r, 0, 50))).count(600)
                // given programs whose pulses each fit their own period
                .where(c -> c.programs().stream().map(ProgramTimeline::of).allMatch(ProgramTimeline::fitsPeriod))
                .classify(c -> "placed " + InterleavePlanner.plan(timelines(c.programs()), c.gapUs()).feasible())
                .requireAtLeast("placed true", 25.0)
                .check(c -> {
                    List<Program> programs = c.programs();
                    List<ProgramTimeline> timelines = timelines(programs);

                    // when
                    InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, c.gapUs());

                    // then
                    if (plan.feasible()) {
                        assertThat(plan.offsetsUs()).hasSize(programs.size());
                        for (int j = 0; j < programs.size(); j++) {
                            assertThat(plan.offsetsUs()[j]).isBetween(0L, timelines.get(j).periodUs() - 1);
                        }
                        assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, plan.offsetsUs(), c.gapUs(),
                                CAP_US)).isEmpty();
                    } else {
                        assertThat(plan.outcome()).isEqualTo(InterleavePlanner.Outcome.NO_PLACEMENT);
                        assertThat(plan.colliding()).hasSizeGreaterThanOrEqualTo(2);
                    }
                });
    }

    private static List<ProgramTimeline> timelines(List<Program> programs) {
        return programs.stream().map(ProgramTimeline::of).toList();
    }

    /** 400 cases (as many as before), at least a tenth placed and a tenth refused. */
    @TestFactory
    Stream<DynamicTest> refusesSmallTimelinesOnlyWhenNoCombinationOfOffsetsWorks() {
        return Cases.of(r -> new SmallCase(smallTimelines(r), intBetween(r, 0, 2))).count(400)
                .classify(c -> "placed " + InterleavePlanner.plan(c.timelines(), c.gapUs()).feasible())
                .requireAtLeast("placed true", 10.0).requireAtLeast("placed false", 10.0)
                .check(c -> {
                    List<ProgramTimeline> timelines = c.timelines();
                    int gapUs = c.gapUs();

                    // when
                    InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, gapUs);

                    // then: it places exactly the sets some combination of offsets fits
                    assertThat(plan.feasible()).isEqualTo(someCombinationFits(timelines, gapUs));
                    if (plan.feasible()) {
                        for (int j = 0; j < timelines.size(); j++) {
                            assertThat(plan.offsetsUs()[j]).isBetween(0L, timelines.get(j).periodUs() - 1);
                        }
                        List<Shape> shapes = timelines.stream().map(InterleaveOracle::shapeOf).toList();
                        assertThat(InterleaveOracle.firstOverlap(shapes, plan.offsetsUs(), gapUs, Long.MAX_VALUE))
                                .isEmpty();
                    } else {
                        // and the programs a refusal names cannot run together on their own
                        assertThat(plan.colliding()).hasSizeGreaterThanOrEqualTo(2);
                        assertThat(someCombinationFits(plan.colliding().stream().map(timelines::get).toList(), gapUs))
                                .isFalse();
                    }
                });
    }

    /** Brute force: the first program at 0, every other at every offset of its period, pairs judged by the oracle. */
    private static boolean someCombinationFits(List<ProgramTimeline> timelines, long gapUs) {
        List<Shape> shapes = timelines.stream().map(InterleaveOracle::shapeOf).toList();
        return tryFrom(1, shapes, new long[shapes.size()], gapUs);
    }

    private static boolean tryFrom(int p, List<Shape> shapes, long[] offsets, long gapUs) {
        if (p == shapes.size()) {
            return true;
        }
        for (long o = 0; o < shapes.get(p).periodUs(); o++) {
            if (!clash(shapes, offsets, p, o, gapUs)) {
                offsets[p] = o;
                if (tryFrom(p + 1, shapes, offsets, gapUs)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether program {@code j} at {@code offsetUs} meets any program before it at its offset. */
    private static boolean clash(List<Shape> shapes, long[] planned, int j, long offsetUs, long gapUs) {
        for (int i = 0; i < j; i++) {
            List<Shape> pair = List.of(shapes.get(i), shapes.get(j));
            if (InterleaveOracle.firstOverlap(pair, new long[] {planned[i], offsetUs}, gapUs, Long.MAX_VALUE)
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * 400 sets feasible by construction: a common divisor g of every period is cut into one slot per program (with
     * the gap after each); every phase of program i, folded modulo g, lies inside slot i once the program starts at a
     * hidden offset. Phases are laid out relative to that hidden offset, so the planner has to find offsets of its
     * own, and must, every time.
     */
    @TestFactory
    Stream<DynamicTest> placesEverySetThatIsFeasibleByConstruction() {
        return Cases.of(r -> {
            int gapUs = intBetween(r, 0, 20);
            return new SmallCase(feasibleByConstruction(r, gapUs), gapUs);
        }).count(400).check(c -> {
            List<ProgramTimeline> timelines = c.timelines();

            // when
            InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, c.gapUs());

            // then
            assertThat(plan.feasible()).isTrue();
            long[] offsets = plan.offsetsUs();
            for (int p = 0; p < timelines.size(); p++) {
                assertThat(offsets[p]).isBetween(0L, timelines.get(p).periodUs() - 1);
            }
            List<Shape> shapes = timelines.stream().map(InterleaveOracle::shapeOf).toList();
            assertThat(InterleaveOracle.hyperperiodUs(shapes, CAP_US)).as("the judge sees a whole hyperperiod")
                    .isLessThan(CAP_US);
            assertThat(InterleaveOracle.firstOverlap(shapes, offsets, c.gapUs(), CAP_US)).isEmpty();
        });
    }

    // ----------------------------------------------------------------------------------------------------
    // generators

    static List<Program> tonicPrograms(RandomGenerator random) {
        return listOf(random, 2, 4, r -> {
            int rate = weighted(r, weight(4, x -> oneOf(x, NICE_RATES_HZ)), weight(1, x -> intBetween(x, 2, 1200)));
            int pwTens = intBetween(r, 2, 40);
            Recharge recharge = weighted(r,
                    weight(4, x -> new Recharge.Active(intBetween(x, 0, 100), intBetween(x, 1, 4))),
                    weight(1, x -> new Recharge.Passive(OptionalInt.of(intBetween(x, 20, 2000)))));
            return new Program("p", Map.of(new ContactId("L1", 0), -100, new ContactId("L1", 1), 100), 1.0,
                    pwTens * 10, new Pattern.Tonic(rate), recharge, 0.0, Optional.<Cycle>empty(),
                    Optional.<PatientRange>empty());
        });
    }

    static List<ProgramTimeline> feasibleByConstruction(RandomGenerator random, int gapUs) {
        int n = intBetween(random, 2, 4);
        long[] slotLength = new long[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            slotLength[i] = gapUs + 2 + intBetween(random, 0, 60);
            total += slotLength[i];
        }
        long g = total + intBetween(random, 0, 200);
        List<ProgramTimeline> timelines = new ArrayList<>();
        long slotStart = 0;
        for (int i = 0; i < n; i++) {
            int repetitions = intBetween(random, 1, 6);
            long periodUs = g * repetitions;
            long usable = slotLength[i] - gapUs; // a phase and its gap stay inside the slot
            int phases = Math.min(intBetween(random, 1, 3), repetitions);
            List<long[]> absolute = new ArrayList<>();
            for (int k = 0; k < phases; k++) {
                long m = (long) k * (repetitions / phases);
                long length = intBetween(random, 1, (int) usable);
                long within = intBetween(random, 0, (int) (usable - length));
                absolute.add(new long[] {m * g + slotStart + within, length});
            }
            timelines.add(relativeTo(absolute, random.nextLong(0, periodUs), periodUs));
            slotStart += slotLength[i];
        }
        return timelines;
    }

    /** The phases as a timeline that, started at {@code hiddenUs}, puts them where {@code absolute} says. */
    private static ProgramTimeline relativeTo(List<long[]> absolute, long hiddenUs, long periodUs) {
        List<long[]> shifted = new ArrayList<>();
        for (long[] phase : absolute) {
            shifted.add(new long[] {Math.floorMod(phase[0] - hiddenUs, periodUs), phase[1]});
        }
        if (shifted.stream().anyMatch(p -> p[0] + p[1] > periodUs)) {
            // a phase would wrap past the period's end: start at the first phase instead, where none does
            return relativeTo(absolute, absolute.get(0)[0], periodUs);
        }
        shifted.sort((a, b) -> Long.compare(a[0], b[0]));
        List<PhaseSpec> phases = new ArrayList<>();
        for (long[] p : shifted) {
            phases.add(new PhaseSpec(p[0], p[1], phases.isEmpty() ? PhaseKind.STIM : PhaseKind.RECHARGE, 1.0));
        }
        return new ProgramTimeline(periodUs, phases, 1);
    }

    /**
     * Two to four timelines with short periods that share factors (so that some sets fit together and some do
     * not), each of one to three phases of 1 to 3 us with pauses between them.
     */
    static List<ProgramTimeline> smallTimelines(RandomGenerator random) {
        return listOf(random, 2, 4, r -> {
            int period = oneOf(r, 12, 16, 18, 24, 36, 48);
            List<Integer> lengths = listOf(r, 1, 3, x -> intBetween(x, 1, 3));
            List<Integer> pauses = listOf(r, 3, 3, x -> intBetween(x, 1, 8));
            List<PhaseSpec> phases = new ArrayList<>();
            long at = 0;
            for (int i = 0; i < lengths.size() && at + lengths.get(i) <= period; i++) {
                phases.add(new PhaseSpec(at, lengths.get(i), i == 0 ? PhaseKind.STIM : PhaseKind.RECHARGE, 1.0));
                at += lengths.get(i) + pauses.get(i);
            }
            return new ProgramTimeline(period, phases, 1);
        });
    }
}
