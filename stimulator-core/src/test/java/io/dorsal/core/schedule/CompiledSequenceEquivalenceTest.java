package io.dorsal.core.schedule;

import static io.dorsal.testing.Generators.chance;
import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.longBetween;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.List;
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
        return Cases.of((RandomGenerator r) -> new Case(GeneratedTherapies.therapy(r),
                        chance(r, 0.5) ? 0 : longBetween(r, 0, 10_000_000_000L), intBetween(r, 3, 40),
                        listOf(r, 1, 30, x -> longBetween(x, 0, 1_000_000)), intBetween(r, 1, 6),
                        longBetween(r, 0, 1_000_000), longBetween(r, 0, 1_000_000)))
                .count(150).where(c -> accepted(c.therapy())).maxDiscardRatio(20)
                // most generated therapies (round rates, no cycling) compile to a sequence: the property is not vacuous
                .classify(CompiledSequenceEquivalenceTest::labels)
                .requireAtLeast("compiled", 60)
                // and many of them run steady (past every ramp, a step an array read) before the stop
                .requireAtLeast("steady before the stop", 20)
                .check(CompiledSequenceEquivalenceTest::check);
    }

    private static List<String> labels(Case c) {
        PulseTable table = PulseTable.compile(validated(c.therapy()));
        if (table.sequence() == null) {
            return List.of("cursor");
        }
        return steadyBeforeStop(table, c) ? List.of("compiled", "steady before the stop") : List.of("compiled");
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
