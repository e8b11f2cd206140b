package io.dorsal.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.schedule.InterleaveOracle.Shape;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.PatientRange;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * The interleave planner against a brute-force judge ({@link InterleaveOracle}) that lays every phase out on a
 * time line: programs it places never come within the gap of each other; on small hand-made timelines, where the
 * judge can try every offset, the offsets it picks are the smallest that work and it refuses only when none does.
 */
class InterleavePlannerPropertiesTest {

    /** Longest window the judge lays out when the hyperperiod is longer (realistic rates that do not divide). */
    private static final long CAP_US = 4_000_000;

    private static final Integer[] NICE_RATES_HZ = {4, 5, 8, 10, 20, 25, 40, 50, 100, 125, 200, 250, 400, 500, 1000};

    @Property(tries = 600)
    void tonicProgramsItPlacesNeverOverlap(@ForAll("tonicPrograms") List<Program> programs,
                                           @ForAll @IntRange(min = 0, max = 50) int gapUs) {
        // given programs whose pulses each fit their own period
        List<ProgramTimeline> timelines = programs.stream().map(ProgramTimeline::of).toList();
        Assume.that(timelines.stream().allMatch(ProgramTimeline::fitsPeriod));

        // when
        InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, gapUs);

        // then
        Statistics.label("placed").collect(plan.feasible());
        Statistics.label("programs").collect(programs.size());
        if (plan.feasible()) {
            assertThat(plan.offsetsUs()).hasSize(programs.size());
            for (int j = 0; j < programs.size(); j++) {
                assertThat(plan.offsetsUs()[j]).isBetween(0L, timelines.get(j).periodUs() - 1);
            }
            assertThat(InterleaveOracle.firstOverlapOfPrograms(programs, plan.offsetsUs(), gapUs, CAP_US)).isEmpty();
        } else {
            assertThat(plan.unplaceable()).isPresent();
            assertThat(plan.unplaceable().getAsInt()).isBetween(1, programs.size() - 1);
        }
        Statistics.label("placed").coverage(c -> c.check(true).percentage(p -> p >= 25.0));
    }

    @Property(tries = 400)
    void placesSmallTimelinesAtTheSmallestOffsetThatWorksAndRefusesOnlyWhenNoneDoes(
            @ForAll("smallTimelines") List<ProgramTimeline> timelines,
            @ForAll @IntRange(min = 0, max = 2) int gapUs) {
        // when
        InterleavePlanner.Plan plan = InterleavePlanner.plan(timelines, gapUs);

        // then
        Statistics.label("placed").collect(plan.feasible());
        List<Shape> shapes = timelines.stream().map(InterleaveOracle::shapeOf).toList();
        int placed = plan.feasible() ? timelines.size() : plan.unplaceable().getAsInt();
        assertThat(plan.offsetsUs()[0]).isZero();
        for (int j = 1; j < placed; j++) {
            long offset = plan.offsetsUs()[j];
            assertThat(offset).isBetween(0L, timelines.get(j).periodUs() - 1);
            assertThat(clash(shapes, plan.offsetsUs(), j, offset, gapUs)).as("program %d at its offset %d", j, offset)
                    .isFalse();
            for (long earlier = 0; earlier < offset; earlier++) {
                assertThat(clash(shapes, plan.offsetsUs(), j, earlier, gapUs))
                        .as("program %d would fit at %d, before the offset %d chosen", j, earlier, offset).isTrue();
            }
        }
        if (!plan.feasible()) {
            for (long offset = 0; offset < timelines.get(placed).periodUs(); offset++) {
                assertThat(clash(shapes, plan.offsetsUs(), placed, offset, gapUs))
                        .as("refused program %d would fit at %d", placed, offset).isTrue();
            }
        }
        Statistics.label("placed").coverage(c -> {
            c.check(true).percentage(p -> p >= 10.0);
            c.check(false).percentage(p -> p >= 10.0);
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

    @Provide
    Arbitrary<List<Program>> tonicPrograms() {
        Arbitrary<Integer> rates = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(NICE_RATES_HZ)),
                Tuple.of(1, Arbitraries.integers().between(2, 1200)));
        Arbitrary<Recharge> recharges = Arbitraries.frequencyOf(
                Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 100),
                        Arbitraries.integers().between(1, 4)).as(Recharge.Active::new)),
                Tuple.of(1, Arbitraries.integers().between(20, 2000)
                        .map(w -> new Recharge.Passive(OptionalInt.of(w)))));
        Arbitrary<Program> program = Combinators.combine(rates, Arbitraries.integers().between(2, 40), recharges)
                .as((rate, pwTens, recharge) -> new Program("p", Map.of(new ContactId("L1", 0), -100,
                        new ContactId("L1", 1), 100), 1.0, pwTens * 10, new Pattern.Tonic(rate), recharge, 0.0,
                        Optional.<Cycle>empty(), Optional.<PatientRange>empty()));
        return program.list().ofMinSize(2).ofMaxSize(4);
    }

    /**
     * Two to four timelines with short periods that share factors (so that some sets fit together and some do
     * not), each of one to three phases of 1 to 3 us with pauses between them.
     */
    @Provide
    Arbitrary<List<ProgramTimeline>> smallTimelines() {
        Arbitrary<ProgramTimeline> timeline = Combinators.combine(
                Arbitraries.of(12, 16, 18, 24, 36, 48),
                Arbitraries.integers().between(1, 3).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(1, 8).list().ofSize(3)
        ).as((period, lengths, pauses) -> {
            List<PhaseSpec> phases = new ArrayList<>();
            long at = 0;
            for (int i = 0; i < lengths.size() && at + lengths.get(i) <= period; i++) {
                phases.add(new PhaseSpec(at, lengths.get(i), i == 0 ? PhaseKind.STIM : PhaseKind.RECHARGE, 1.0));
                at += lengths.get(i) + pauses.get(i);
            }
            return new ProgramTimeline(period, phases, 1);
        });
        return timeline.list().ofMinSize(2).ofMaxSize(4);
    }
}
