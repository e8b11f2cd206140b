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
 * time line: programs it places never come within the gap of each other; on small hand-made timelines, where the
 * judge can try every offset, the offsets it picks are the smallest that work and it refuses only when none does.
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
                        assertThat(plan.unplaceable()).isPresent();
                        assertThat(plan.unplaceable().getAsInt()).isBetween(1, programs.size() - 1);
                    }
                });
    }

    private static List<ProgramTimeline> timelines(List<Program> programs) {
        return programs.stream().map(ProgramTimeline::of).toList();
    }

    /** 400 cases (as many as before), at least a tenth placed and a tenth refused. */
    @TestFactory
    Stream<DynamicTest> placesSmallTimelinesAtTheSmallestOffsetThatWorksAndRefusesOnlyWhenNoneDoes() {
        return Cases.of(r -> new SmallCase(smallTimelines(r), intBetween(r, 0, 2))).count(400)
                .classify(c -> "placed " + InterleavePlanner.plan(c.timelines(), c.gapUs()).feasible())
                .requireAtLeast("placed true", 10.0).requireAtLeast("placed false", 10.0)
                .check(c -> {
                    List<ProgramTimeline> timelines = c.timelines();
                    int gapUs = c.gapUs();

                    // when
                    InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, gapUs);

                    // then
                    List<Shape> shapes = timelines.stream().map(InterleaveOracle::shapeOf).toList();
                    int placed = plan.feasible() ? timelines.size() : plan.unplaceable().getAsInt();
                    assertThat(plan.offsetsUs()[0]).isZero();
                    for (int j = 1; j < placed; j++) {
                        long offset = plan.offsetsUs()[j];
                        assertThat(offset).isBetween(0L, timelines.get(j).periodUs() - 1);
                        assertThat(clash(shapes, plan.offsetsUs(), j, offset, gapUs))
                                .as("program %d at its offset %d", j, offset).isFalse();
                        for (long earlier = 0; earlier < offset; earlier++) {
                            assertThat(clash(shapes, plan.offsetsUs(), j, earlier, gapUs))
                                    .as("program %d would fit at %d, before the offset %d chosen", j, earlier, offset)
                                    .isTrue();
                        }
                    }
                    if (!plan.feasible()) {
                        for (long offset = 0; offset < timelines.get(placed).periodUs(); offset++) {
                            assertThat(clash(shapes, plan.offsetsUs(), placed, offset, gapUs))
                                    .as("refused program %d would fit at %d", placed, offset).isTrue();
                        }
                    }
                });
    }

    /** Whether program {@code j} at {@code offsetUs} meets any program before it at its planned offset. */
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
