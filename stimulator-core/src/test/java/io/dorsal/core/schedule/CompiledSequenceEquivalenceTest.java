package io.dorsal.core.schedule;

import static io.dorsal.testing.Generators.chance;
import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.longBetween;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Cycle;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scheduler that reads a compiled hyperperiod sequence emits exactly what the cursor emits: the same phases of
 * the same programs, in the same order, at the same times and ramp scales, however it is polled, over many
 * hyperperiods, through a stop (periods under way run to their end, none starts after), a hand-over (a restart at
 * the end of the last period begun) and a seek.
 */
class CompiledSequenceEquivalenceTest {

    /** The most phases a case follows per stretch, so that long hyperperiods stay quick. */
    private static final int MAX_PHASES = 20_000;

    /** A therapy, where it starts, how it is polled, when it stops, and a seek into its second run. */
    record Case(Therapy therapy, long originNs, int hyperperiods, List<Long> pollFractions, int limit,
            long stopFraction, long seekFraction) {
    }

    /** 150 accepted therapies of 1 to 4 programs, tonic, 10 kHz and burst, ramps included. */
    @TestFactory
    Stream<DynamicTest> theCompiledSequenceEmitsWhatTheCursorEmits() {
        return Cases.of((RandomGenerator r) -> new Case(cycling(r, GeneratedTherapies.therapy(r)),
                        chance(r, 0.5) ? 0 : longBetween(r, 0, 10_000_000_000L), intBetween(r, 3, 40),
                        listOf(r, 1, 30, x -> longBetween(x, 0, 1_000_000)), intBetween(r, 1, 6),
                        longBetween(r, 0, 1_000_000), longBetween(r, 0, 1_000_000)))
                .count(150).where(c -> accepted(c.therapy())).maxDiscardRatio(20)
                // most generated therapies (round rates, no cycling) compile to a sequence: the property is not vacuous
                .classify(CompiledSequenceEquivalenceTest::labels)
                .requireAtLeast("compiled", 60)
                // a third cycle (1 to 3 s on and off), and some of those are polled through an off-time and back
                .requireAtLeast("cycling", 20)
                .requireAtLeast("cycling, polled past the first off-time before the stop", 5)
                // and many of them run steady (past every ramp, a step an array read) before the stop
                .requireAtLeast("steady before the stop", 20)
                .check(CompiledSequenceEquivalenceTest::check);
    }

    /**
     * The bundled two-program therapy: 50 Hz with a 2 s ramp cycling 60 s on and 120 s off, beside 100 Hz (a 20 ms
     * hyperperiod). The compiled scheduler steps steady once the ramp is over, decides again in the frame that
     * reaches the off-time, steps steady through the off-time (the 100 Hz program's events alone), decides again
     * from the next on-time through its ramp, and emits what the cursor emits all the way.
     */
    @org.junit.jupiter.api.Test
    void aCyclingProgramBesideASteadyOneIsSteadyInItsOnAndOffTimesAndDecidedAcrossTheirEdges() {
        PulseTable table = PulseTable.compile(validated(TimelineFixtures.readExample("two-programs.json")));
        Follow run = follow(table, 400);

        assertThat(run.steadyAtMs(30_000)).isTrue();
        assertThat(run.steadyAtMs(59_990)).isTrue();
        assertThat(run.steadyAtMs(60_005)).isFalse();
        assertThat(run.steadyAtMs(100_000)).isTrue();
        assertThat(run.steadyAtMs(179_990)).isTrue();
        assertThat(run.steadyAtMs(181_000)).isFalse();
        assertThat(run.steadyAtMs(200_000)).isTrue();
        assertThat(run.steadyAtMs(300_000)).isTrue();
        assertThat(run.phasesOf0Between(61, 180)).isZero();
        assertThat(run.phasesOf0Between(181, 240)).isPositive();
    }

    /**
     * The same 50 Hz program alone: in its off-time nothing runs (the compiled scheduler moves to the first period of
     * the next on-time by a search, not by walking two minutes of events), and it comes back exactly on time.
     */
    @org.junit.jupiter.api.Test
    void aLoneCyclingProgramComesBackAtItsNextOnTime() {
        Therapy both = TimelineFixtures.readExample("two-programs.json");
        Therapy alone = new Therapy(both.leads(), List.of(both.programs().get(0)), both.limits());
        PulseTable table = PulseTable.compile(validated(alone));
        Follow run = follow(table, 400);

        assertThat(run.steadyAtMs(30_000)).isTrue();
        assertThat(run.steadyAtMs(100_000)).isFalse();
        assertThat(run.phasesOf0Between(61, 180)).isZero();
        // the last phase of the on-time is followed directly by the first of the next one
        assertThat(run.firstStartAfterNs(60)).isEqualTo(TimelineFixtures.s(180));
    }

    /**
     * A frame longer than a steady step's 32-bit offsets (about 4.3 s) is compiled and decided event by event, never
     * stepped steady, and still emits what the cursor emits. No therapy the validator accepts has been found with such
     * a frame (two programs whose periods repeat together that rarely share too small a divisor to interleave), so the
     * bound is lowered here to just below the bundled therapy's frame; with the bound at its frame it runs steady.
     */
    @org.junit.jupiter.api.Test
    void aFrameTooLongToPackIsDecidedNeverSteppedSteady() {
        Therapy both = TimelineFixtures.readExample("two-programs.json");
        PulseTable table = PulseTable.compile(validated(both));
        long frameNs = table.sequence().hyperperiodNs();

        Follow unpacked = follow(table, PulseScheduler.packingFramesUpTo(table, 0, frameNs - 1), 100);
        Follow packed = follow(table, PulseScheduler.packingFramesUpTo(table, 0, frameNs), 100);

        assertThat(unpacked.steady).as("steady at any phase").doesNotContain(true);
        assertThat(packed.steadyAtMs(30_000)).isTrue();
        assertThat(unpacked.atNs).isEqualTo(packed.atNs);
    }

    /** The two schedulers followed phase by phase for {@code seconds}, equal at every phase. */
    private static Follow follow(PulseTable table, int seconds) {
        return follow(table, new PulseScheduler(table, 0), seconds);
    }

    private static Follow follow(PulseTable table, PulseScheduler compiled, int seconds) {
        assertThat(table.sequence()).isNotNull();
        PulseScheduler cursor = PulseScheduler.cursor(table, 0);
        long[] expected = new long[3];
        long[] actual = new long[3];
        Follow run = new Follow();
        long endNs = TimelineFixtures.s(seconds);
        while (cursor.nextEventNs() < endNs) {
            long nowNs = cursor.nextEventNs();
            assertThat(compiled.nextEventNs()).as("next event").isEqualTo(nowNs);
            run.atNs.add(nowNs);
            run.steady.add(compiled.steady());
            cursor.poll(nowNs, e -> record(e, expected), 1);
            compiled.poll(nowNs, e -> record(e, actual), 1);
            assertThat(actual).as("the phase at %d ns", nowNs).containsExactly(expected);
            assertThat(compiled.startedPeriodsEndNs()).isEqualTo(cursor.startedPeriodsEndNs());
            if (actual[1] == 0) {
                run.startsOf0.add(nowNs);
            }
        }
        return run;
    }

    private static void record(PhaseEvent e, long[] into) {
        into[0] = e.startNs();
        into[1] = e.program();
        into[2] = e.phase() * 1_000_000L + Math.round(e.amplitudeScale() * 1_000_000);
    }

    /** What a followed run saw: per second whether the compiled scheduler was steady, and program 0's phases. */
    private static final class Follow {
        final List<Long> atNs = new ArrayList<>();
        final List<Boolean> steady = new ArrayList<>();
        final List<Long> startsOf0 = new ArrayList<>();

        /** Whether the compiled scheduler was steady before the first phase at or after {@code ms}. */
        boolean steadyAtMs(long ms) {
            for (int i = 0; i < atNs.size(); i++) {
                if (atNs.get(i) >= ms * TimelineFixtures.NS_PER_MS) {
                    return steady.get(i);
                }
            }
            throw new AssertionError("no phase at or after " + ms + " ms");
        }

        long phasesOf0Between(int fromS, int toS) {
            return startsOf0.stream().filter(t -> t >= TimelineFixtures.s(fromS) && t < TimelineFixtures.s(toS)).count();
        }

        long firstStartAfterNs(int second) {
            return startsOf0.stream().filter(t -> t >= TimelineFixtures.s(second)).findFirst().orElseThrow();
        }
    }

    private static boolean cycles(PulseTable table) {
        for (int p = 0; p < table.programCount(); p++) {
            if (table.cycles(p)) {
                return true;
            }
        }
        return false;
    }

    /** A third of the therapies cycle: every program, or some, 1 to 3 s on and 1 to 3 s off. */
    private static Therapy cycling(RandomGenerator r, Therapy therapy) {
        if (!chance(r, 0.35)) {
            return therapy;
        }
        List<Program> programs = new ArrayList<>();
        for (Program p : therapy.programs()) {
            Optional<Cycle> cycle = chance(r, 0.7) ? Optional.of(new Cycle(intBetween(r, 1, 3), intBetween(r, 1, 3)))
                    : Optional.empty();
            programs.add(new Program(p.name(), p.electrodes(), p.amplitudeMa(), p.pulseWidthUs(), p.pattern(),
                    p.recharge(), p.rampS(), cycle, p.patientRange()));
        }
        return new Therapy(therapy.leads(), programs, therapy.limits());
    }

    private static List<String> labels(Case c) {
        PulseTable table = PulseTable.compile(validated(c.therapy()));
        List<String> labels = new ArrayList<>();
        labels.add(table.sequence() == null ? "cursor" : "compiled");
        if (table.sequence() != null && steadyBeforeStop(table, c)) {
            labels.add("steady before the stop");
        }
        boolean cycles = false;
        long firstOnEndNs = Long.MAX_VALUE;
        for (int p = 0; p < table.programCount(); p++) {
            if (table.cycles(p)) {
                cycles = true;
                firstOnEndNs = Math.min(firstOnEndNs, table.cycleOnNs(p) + table.cycleOffNs(p));
            }
        }
        if (cycles) {
            labels.add("cycling");
            long spanNs = span(table, c);
            long stopNs = spanNs * c.stopFraction() / 1_000_000;
            for (long f : c.pollFractions()) {
                if (spanNs * f / 1_000_000 > firstOnEndNs && spanNs * f / 1_000_000 <= stopNs) {
                    labels.add("cycling, polled past the first off-time before the stop");
                    break;
                }
            }
        }
        return labels;
    }

    /**
     * Whether the first run is polled, before its stop, at or after the start of the first frame from which every
     * period runs at full scale (past each program's first period and its ramp, two periods to spare): the scheduler
     * must then step without deciding anything. (It may turn steady sooner: as it emits the frame before.)
     */
    private static boolean steadyBeforeStop(PulseTable table, Case c) {
        long steadyAfterNs = 0;
        for (int p = 0; p < table.programCount(); p++) {
            steadyAfterNs = Math.max(steadyAfterNs, Math.max(table.offsetNs(p), table.initialRampNs(p))
                    + 2 * table.periodNs(p));
        }
        if (cycles(table)) {
            return false; // a poll may fall in an off-time; the cycling tests below follow steadiness through cycles
        }
        long hyperperiodNs = table.sequence().hyperperiodNs();
        long steadyFrameNs = Math.ceilDiv(steadyAfterNs, hyperperiodNs) * hyperperiodNs;
        long spanNs = span(table, c);
        long stopNs = spanNs * c.stopFraction() / 1_000_000;
        for (long f : c.pollFractions()) {
            long pollNs = spanNs * f / 1_000_000;
            if (pollNs >= steadyFrameNs && pollNs <= stopNs) {
                return true;
            }
        }
        return false;
    }

    private static long span(PulseTable table, Case c) {
        HyperperiodSequence sequence = table.sequence();
        long spanNs = sequence != null ? sequence.hyperperiodNs() * c.hyperperiods() : 40 * table.periodNs(0);
        for (int p = 0; p < table.programCount(); p++) {
            if (table.cycles(p)) {
                // through a few cycles: off-times skipped, on-times ramped again
                spanNs = Math.max(spanNs, 3 * (table.cycleOnNs(p) + table.cycleOffNs(p)));
            }
        }
        return Math.min(spanNs, phasesBound(table));
    }

    private static void check(Case c) {
        PulseTable table = PulseTable.compile(validated(c.therapy()));
        HyperperiodSequence sequence = table.sequence();
        long spanNs = span(table, c);
        PulseScheduler compiled = new PulseScheduler(table, c.originNs());
        PulseScheduler cursor = PulseScheduler.cursor(table, c.originNs());
        assertThat(compiled.compiled()).isEqualTo(sequence != null);
        assertThat(cursor.compiled()).isFalse();
        Pair pair = new Pair(compiled, cursor);

        // run: polled at random times with a random cap, then stopped mid-run
        long origin = c.originNs();
        long stopNs = origin + spanNs * c.stopFraction() / 1_000_000;
        pair.pollAt(origin, spanNs, c.pollFractions(), c.limit(), stopNs);
        if (sequence != null && steadyBeforeStop(table, c)) {
            assertThat(pair.steadySeen).as("steady before the stop").isTrue();
        }
        pair.stop(stopNs);
        assertThat(compiled.steady()).as("steady after a stop").isFalse();
        pair.drain(c.limit());
        assertThat(compiled.finished()).isTrue();
        assertThat(compiled.startedPeriodsEndNs()).isEqualTo(cursor.startedPeriodsEndNs());

        // hand-over: the next therapy (the same table) starts when the last period begun has ended
        long handOverNs = Math.max(stopNs, compiled.startedPeriodsEndNs());
        compiled.restart(handOverNs);
        cursor.restart(handOverNs);
        pair.pollAt(handOverNs, spanNs, c.pollFractions(), c.limit(), Long.MAX_VALUE);

        // seek: into the middle of the second run, then on
        long seekNs = handOverNs + spanNs * c.seekFraction() / 1_000_000;
        compiled.seek(seekNs);
        cursor.seek(seekNs);
        pair.same("after seek");
        pair.pollAt(seekNs, spanNs, List.of(1_000_000L), c.limit(), Long.MAX_VALUE);
        assertThat(pair.compiledPhases).containsExactlyElementsOf(pair.cursorPhases);
        assertThat(pair.compiledPhases).isNotEmpty();
    }

    /** A time span in which the therapy emits no more than {@link #MAX_PHASES} phases. */
    private static long phasesBound(PulseTable table) {
        double phasesPerNs = 0;
        for (int p = 0; p < table.programCount(); p++) {
            phasesPerNs += (table.phaseTo(p) - table.phaseFrom(p)) / (double) table.periodNs(p);
        }
        return (long) (MAX_PHASES / phasesPerNs);
    }

    /** The two schedulers driven alike, each phase they emit written down. */
    private static final class Pair {
        final PulseScheduler compiled;
        final PulseScheduler cursor;
        final List<String> compiledPhases = new ArrayList<>();
        final List<String> cursorPhases = new ArrayList<>();
        boolean steadySeen;

        Pair(PulseScheduler compiled, PulseScheduler cursor) {
            this.compiled = compiled;
            this.cursor = cursor;
            same("at start");
        }

        void pollAt(long fromNs, long spanNs, List<Long> fractions, int limit, long stopNs) {
            List<Long> times = new ArrayList<>();
            for (long f : fractions) {
                times.add(fromNs + spanNs * f / 1_000_000);
            }
            times.add(fromNs + spanNs);
            times.sort(null);
            for (long nowNs : times) {
                if (nowNs > stopNs) {
                    return;
                }
                while (true) {
                    int a = compiled.poll(nowNs, sink(compiledPhases), limit);
                    int b = cursor.poll(nowNs, sink(cursorPhases), limit);
                    assertThat(a).as("phases emitted by one poll at %d", nowNs).isEqualTo(b);
                    same("after a poll at " + nowNs);
                    if (a < limit) {
                        break;
                    }
                }
            }
        }

        void stop(long atNs) {
            compiled.stopStartingAt(atNs);
            cursor.stopStartingAt(atNs);
            same("after a stop at " + atNs);
        }

        void drain(int limit) {
            while (!cursor.finished() || !compiled.finished()) {
                long nowNs = Math.min(compiled.nextEventNs(), cursor.nextEventNs());
                compiled.poll(nowNs, sink(compiledPhases), limit);
                cursor.poll(nowNs, sink(cursorPhases), limit);
                same("draining at " + nowNs);
            }
        }

        void same(String when) {
            steadySeen |= compiled.steady();
            assertThat(compiled.nextEventNs()).as("next event " + when).isEqualTo(cursor.nextEventNs());
            assertThat(compiled.startedPeriodsEndNs()).as("end of the periods begun " + when)
                    .isEqualTo(cursor.startedPeriodsEndNs());
            assertThat(compiledPhases).as("phase count " + when).hasSameSizeAs(cursorPhases);
            int n = compiledPhases.size();
            if (n > 0) {
                // the latest phase each way (the whole lists are compared at the end of the case)
                assertThat(compiledPhases.get(n - 1)).as("latest phase " + when).isEqualTo(cursorPhases.get(n - 1));
            }
        }

        private static PhaseSink sink(List<String> phases) {
            return e -> phases.add(e.startNs() + " p" + e.program() + " #" + e.phase() + " x" + e.amplitudeScale());
        }
    }

    private static boolean accepted(Therapy therapy) {
        return new SafetyValidator().validate(therapy) instanceof Validation.Safe;
    }

    private static io.dorsal.core.safety.ValidatedTherapy validated(Therapy therapy) {
        return ((Validation.Safe) new SafetyValidator().validate(therapy)).therapy();
    }
}
