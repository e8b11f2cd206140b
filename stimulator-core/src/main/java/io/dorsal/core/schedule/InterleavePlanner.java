package io.dorsal.core.schedule;

import java.util.List;
import java.util.OptionalInt;
import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * Places programs in time so that no phase of one ever overlaps a phase of another, for all time.
 *
 * <p>Two programs repeating with periods P1 and P2 meet at every shift that differs from their start
 * offset difference by a multiple of g = gcd(P1, P2) (Bezout), so they never overlap if and only if their
 * busy intervals, folded modulo g, are disjoint. The planner keeps the first program at offset 0 and gives
 * each next program the smallest offset in [0, its period) that is disjoint from every program placed
 * before it, jumping past each conflict rather than trying every microsecond.
 */
public final class InterleavePlanner {

    private InterleavePlanner() {
    }

    /**
     * The start offsets of each program in microseconds, or the index of the first program that cannot be
     * placed.
     *
     * @param timelines the programs' timelines, each fitting its own period
     * @param gapUs     quiet time required after every phase before another program's phase
     */
    public static Plan plan(List<ProgramTimeline> timelines, long gapUs) {
        long[] offsetsUs = new long[timelines.size()];
        for (int j = 0; j < timelines.size(); j++) {
            OptionalInt blocker = OptionalInt.empty();
            long offset = 0;
            boolean placed = false;
            while (offset < timelines.get(j).periodUs()) {
                Conflict conflict = firstConflict(timelines, offsetsUs, j, offset, gapUs);
                if (conflict == null) {
                    placed = true;
                    break;
                }
                if (conflict.advanceUs == Long.MAX_VALUE) {
                    blocker = OptionalInt.of(conflict.otherProgram);
                    break;
                }
                blocker = OptionalInt.of(conflict.otherProgram);
                offset += conflict.advanceUs;
            }
            if (!placed) {
                return new Plan(offsetsUs, OptionalInt.of(j), blocker);
            }
            offsetsUs[j] = offset;
        }
        return new Plan(offsetsUs, OptionalInt.empty(), OptionalInt.empty());
    }

    private record Conflict(int otherProgram, long advanceUs) {
    }

    private static Conflict firstConflict(List<ProgramTimeline> timelines, long[] offsetsUs, int j, long offsetUs,
                                          long gapUs) {
        ProgramTimeline mine = timelines.get(j);
        for (int i = 0; i < j; i++) {
            ProgramTimeline other = timelines.get(i);
            long g = ArithmeticUtils.gcd(other.periodUs(), mine.periodUs());
            for (PhaseSpec a : other.phases()) {
                long lenA = a.durationUs() + gapUs;
                for (PhaseSpec b : mine.phases()) {
                    long lenB = b.durationUs() + gapUs;
                    if (lenA + lenB > g) {
                        return new Conflict(i, Long.MAX_VALUE);
                    }
                    long x = Math.floorMod(offsetUs + b.offsetUs() - (offsetsUs[i] + a.offsetUs()), g);
                    if (x < lenA) {
                        return new Conflict(i, lenA - x);
                    }
                    if (x > g - lenB) {
                        return new Conflict(i, g - x + lenA);
                    }
                }
            }
        }
        return null;
    }

    /**
     * The outcome of planning.
     *
     * @param offsetsUs    start offset of each program placed (0 for those not reached)
     * @param unplaceable  the first program that could not be placed, if any
     * @param blockedBy    the program it collided with last, if any
     */
    public record Plan(long[] offsetsUs, OptionalInt unplaceable, OptionalInt blockedBy) {

        public boolean feasible() {
            return unplaceable.isEmpty();
        }
    }
}
