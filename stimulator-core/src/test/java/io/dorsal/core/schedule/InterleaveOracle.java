package io.dorsal.core.schedule;

import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A brute-force judge of interleaving for tests: lays every phase of every program out on a time line and looks
 * for two phases of different programs that come closer than the gap. Shares no code with
 * {@link InterleavePlanner}; its phases come either from a program's parameters (the physics, independent of
 * {@link ProgramTimeline}) or from a timeline given to it.
 */
public final class InterleaveOracle {

    private InterleaveOracle() {
    }

    /**
     * One repeating shape: a period and the busy stretches inside it.
     *
     * @param periodUs the period
     * @param phases   {start, end} of each phase from the start of the period
     */
    public record Shape(long periodUs, List<long[]> phases) {
    }

    /** A busy stretch of one program, already widened by the gap after it. */
    public record Busy(int program, long startUs, long endUs) {
    }

    /** The timer's period of a rate (docs/program-format.md: round(1,000,000 / rate) us). */
    public static long periodUs(int rateHz) {
        return Math.round(1_000_000.0 / rateHz);
    }

    /** The shape of a program worked out from its parameters: pulses, gaps, recharges, bursts. */
    public static Shape shapeOf(Program program) {
        int pw = program.pulseWidthUs();
        List<long[]> phases = new ArrayList<>();
        return switch (program.pattern()) {
            case Pattern.Tonic t -> single(periodUs(t.rateHz()), pw, program.recharge(), phases);
            case Pattern.HighFrequency h -> single(periodUs(h.rateHz()), pw, program.recharge(), phases);
            case Pattern.Burst b -> {
                long burstPeriod = periodUs(b.burstRateHz());
                long spacing = periodUs(b.intraBurstRateHz());
                for (int i = 0; i < b.pulsesPerBurst(); i++) {
                    long start = i * spacing;
                    phases.add(new long[] {start, start + pw});
                    if (program.recharge() instanceof Recharge.Active a) {
                        long rechargeStart = start + pw + a.interphaseGapUs();
                        phases.add(new long[] {rechargeStart, rechargeStart + (long) pw * a.ratio()});
                    }
                }
                if (program.recharge() instanceof Recharge.Passive p) {
                    long lastEnd = (b.pulsesPerBurst() - 1) * spacing + pw;
                    long window = p.windowUs().isPresent() ? p.windowUs().getAsInt() : burstPeriod - lastEnd;
                    phases.add(new long[] {lastEnd, lastEnd + window});
                }
                yield new Shape(burstPeriod, phases);
            }
        };
    }

    private static Shape single(long periodUs, int pw, Recharge recharge, List<long[]> phases) {
        phases.add(new long[] {0, pw});
        switch (recharge) {
            case Recharge.Active a -> phases.add(new long[] {pw + a.interphaseGapUs(),
                pw + a.interphaseGapUs() + (long) pw * a.ratio()});
            case Recharge.Passive p -> phases.add(new long[] {pw,
                pw + (p.windowUs().isPresent() ? p.windowUs().getAsInt() : periodUs - pw)});
        }
        return new Shape(periodUs, phases);
    }

    /** The shape a timeline states, for judging the planner on timelines built by hand. */
    public static Shape shapeOf(ProgramTimeline timeline) {
        List<long[]> phases = new ArrayList<>();
        for (PhaseSpec phase : timeline.phases()) {
            phases.add(new long[] {phase.offsetUs(), phase.endUs()});
        }
        return new Shape(timeline.periodUs(), phases);
    }

    /** Least common multiple, or {@code cap} when it would pass it. */
    public static long hyperperiodUs(List<Shape> shapes, long cap) {
        long lcm = 1;
        for (Shape s : shapes) {
            long g = gcd(lcm, s.periodUs());
            long next = lcm / g;
            if (next > cap / s.periodUs()) {
                return cap;
            }
            lcm = next * s.periodUs();
        }
        return Math.min(lcm, cap);
    }

    static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * Every busy stretch of each shape, placed at its offset and repeated over {@code [fromUs, toUs)}, each
     * widened by {@code gapUs}. Periods are repeated before the offset too (the pattern is periodic both ways),
     * so a window that starts at 0 sees what happens at every shift.
     */
    public static List<Busy> layOut(List<Shape> shapes, long[] offsetsUs, long fromUs, long toUs, long gapUs) {
        List<Busy> busy = new ArrayList<>();
        for (int p = 0; p < shapes.size(); p++) {
            Shape shape = shapes.get(p);
            long period = shape.periodUs();
            long firstK = Math.floorDiv(fromUs - offsetsUs[p], period) - 2;
            long lastK = Math.floorDiv(toUs - offsetsUs[p], period) + 1;
            for (long k = firstK; k <= lastK; k++) {
                long base = offsetsUs[p] + k * period;
                for (long[] phase : shape.phases()) {
                    long start = base + phase[0];
                    long end = base + phase[1] + gapUs;
                    if (end > fromUs && start < toUs) {
                        busy.add(new Busy(p, start, end));
                    }
                }
            }
        }
        return busy;
    }

    /**
     * The first pair of busy stretches of different programs that overlap (half-open intervals, each including
     * the gap after its phase), looking over one hyperperiod (at most {@code capUs}) and a margin either side.
     */
    public static Optional<String> firstOverlap(List<Shape> shapes, long[] offsetsUs, long gapUs, long capUs) {
        long longestPeriod = shapes.stream().mapToLong(Shape::periodUs).max().orElse(0);
        long horizon = hyperperiodUs(shapes, capUs);
        long margin = 2 * longestPeriod + gapUs;
        List<Busy> busy = layOut(shapes, offsetsUs, -margin, horizon + margin, gapUs);
        busy.sort(Comparator.comparingLong(Busy::startUs));
        long[] latestEnd = new long[shapes.size()];
        Busy[] latest = new Busy[shapes.size()];
        Arrays.fill(latestEnd, Long.MIN_VALUE);
        for (Busy b : busy) {
            for (int q = 0; q < shapes.size(); q++) {
                if (q != b.program() && latestEnd[q] > b.startUs()) {
                    return Optional.of("program " + q + " busy " + latest[q].startUs() + ".." + latest[q].endUs()
                            + " us meets program " + b.program() + " busy " + b.startUs() + ".." + b.endUs() + " us");
                }
            }
            if (b.endUs() > latestEnd[b.program()]) {
                latestEnd[b.program()] = b.endUs();
                latest[b.program()] = b;
            }
        }
        return Optional.empty();
    }

    /** Programs judged from their parameters. */
    public static Optional<String> firstOverlapOfPrograms(List<Program> programs, long[] offsetsUs, long gapUs,
                                                          long capUs) {
        return firstOverlap(programs.stream().map(InterleaveOracle::shapeOf).toList(), offsetsUs, gapUs, capUs);
    }
}
