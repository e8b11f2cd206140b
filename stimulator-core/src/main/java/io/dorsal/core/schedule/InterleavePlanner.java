package io.dorsal.core.schedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.util.ArithmeticUtils;

/**
 * Places programs in time so that no phase of one ever overlaps a phase of another, for all time, whenever such a
 * placement exists.
 *
 * <p>Two programs repeating with periods P1 and P2 meet at every shift that differs from their start offset
 * difference by a multiple of g = gcd(P1, P2) (Bezout), so they never overlap if and only if their busy intervals
 * (each phase and the gap after it), folded modulo g, are disjoint. A program's offset therefore matters only modulo
 * the lcm of its gcds with the others.
 *
 * <p>The search is complete. Take any placement that works, fix one program, and slide all the others together
 * towards earlier times until one of them touches (ends a gap exactly where) a fixed one; fix that one too and repeat.
 * Sliding keeps every pair that moves together as it was, so the result still works, and in it every program but the
 * first starts exactly where one of the programs fixed before it leaves off. So it is enough to try, program by
 * program in every order, the offsets where its feasible stretches (against the programs already placed) begin:
 * depth-first, with a program that has no feasible offset left cutting the branch. With at most four programs that is
 * at most six orders, and the search counts every offset it tries against {@link #MAX_CANDIDATES}; beyond it, it
 * gives up and says so (docs/safety.md states the bound).
 *
 * <p>Stateless; every call works on its own arrays. Not for the real-time path (it allocates).
 */
public final class InterleavePlanner {

    /**
     * Most candidate offsets one search tries before it gives up. A search over four realistic programs tries a
     * few hundred; this bound keeps a pathological file to well under a second.
     */
    public static final int MAX_CANDIDATES = 1_000_000;

    private InterleavePlanner() {
    }

    /**
     * The start offsets of each program in microseconds, when a placement exists.
     *
     * @param timelines the programs' timelines, each fitting its own period
     * @param gapUs     quiet time required after every phase before another program's phase
     */
    public static Plan plan(List<ProgramTimeline> timelines, long gapUs) {
        long[] free = new long[timelines.size()];
        Arrays.fill(free, FREE);
        return plan(timelines, gapUs, free);
    }

    /** Marks a program whose offset the search may choose, in {@link #plan(List, long, long[])}. */
    public static final long FREE = -1;

    /**
     * The start offsets of each program, keeping the offsets of programs already running: {@code pinnedOffsetsUs}
     * holds an offset in [0, period) for each program that must keep its phases where they are, and {@link #FREE}
     * for each the search may place (a program handed over alone, say).
     */
    public static Plan plan(List<ProgramTimeline> timelines, long gapUs, long[] pinnedOffsetsUs) {
        if (pinnedOffsetsUs.length != timelines.size()) {
            throw new IllegalArgumentException("one pinned offset (or FREE) per program: " + pinnedOffsetsUs.length
                    + " for " + timelines.size());
        }
        return plan(timelines, gapUs, pinnedOffsetsUs, new long[] {MAX_CANDIDATES});
    }

    private static Plan plan(List<ProgramTimeline> timelines, long gapUs, long[] pinnedOffsetsUs, long[] budget) {
        int n = timelines.size();
        Search search = new Search(timelines, gapUs, budget);
        long[] offsets = new long[n];
        boolean[] placed = new boolean[n];
        boolean anyPinned = false;
        for (int p = 0; p < n; p++) {
            if (pinnedOffsetsUs[p] != FREE) {
                offsets[p] = pinnedOffsetsUs[p];
                placed[p] = true;
                anyPinned = true;
            }
        }
        for (int p = 0; p < n; p++) {
            if (placed[p] && !search.clearOfPlaced(p, offsets[p], offsets, placed)) {
                return search.refused(Outcome.NO_PLACEMENT, pinnedIndices(pinnedOffsetsUs));
            }
        }
        if (!anyPinned) {
            // a set that cannot be placed usually has a smaller set inside it that cannot either, and the smaller set's
            // offsets matter over shorter spans: answering it first is quick, and names the programs that collide
            List<Integer> colliding = smallestCollidingSubset(timelines, gapUs, budget);
            if (!colliding.isEmpty()) {
                return search.refused(Outcome.NO_PLACEMENT, colliding);
            }
            if (n > 0) {
                placed[0] = true; // any placement may be shifted so that one program starts at 0
            }
        }
        if (search.place(offsets, placed)) {
            return new Plan(offsets, Outcome.PLACED, List.of(), search.used());
        }
        if (search.exhausted) {
            return search.refused(Outcome.SEARCH_BOUND, List.of());
        }
        return search.refused(Outcome.NO_PLACEMENT, allIndices(n));
    }

    /**
     * The smallest proper subset (two programs, then three ...) that cannot be placed, in index order; empty when
     * every proper subset can (or the search bound cut a subset's search short).
     */
    private static List<Integer> smallestCollidingSubset(List<ProgramTimeline> timelines, long gapUs, long[] budget) {
        int n = timelines.size();
        for (int size = 2; size < n; size++) {
            for (int mask = 0; mask < (1 << n); mask++) {
                if (Integer.bitCount(mask) != size) {
                    continue;
                }
                List<ProgramTimeline> subset = new ArrayList<>();
                List<Integer> indices = new ArrayList<>();
                for (int p = 0; p < n; p++) {
                    if ((mask & (1 << p)) != 0) {
                        subset.add(timelines.get(p));
                        indices.add(p);
                    }
                }
                Search probe = new Search(subset, gapUs, budget);
                long[] offsets = new long[size];
                boolean[] placed = new boolean[size];
                placed[0] = true;
                if (!probe.place(offsets, placed) && !probe.exhausted) {
                    return List.copyOf(indices);
                }
            }
        }
        return List.of();
    }

    private static List<Integer> pinnedIndices(long[] pinnedOffsetsUs) {
        List<Integer> pinned = new ArrayList<>();
        for (int p = 0; p < pinnedOffsetsUs.length; p++) {
            if (pinnedOffsetsUs[p] != FREE) {
                pinned.add(p);
            }
        }
        return List.copyOf(pinned);
    }

    private static List<Integer> allIndices(int n) {
        List<Integer> all = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            all.add(p);
        }
        return List.copyOf(all);
    }

    /** One depth-first search over candidate offsets. */
    private static final class Search {
        /** What a {@link PhasePair} answers to go on to the next pair. */
        private static final long GO_ON = -1;

        /** One pair of phases, seen by {@link #eachPhasePair}: an answer, or {@link #GO_ON}. */
        @FunctionalInterface
        private interface PhasePair {
            long at(long lenA, long lenB, long g, long x);
        }

        private final List<ProgramTimeline> timelines;
        private final long gapUs;
        private final long[] spanUs;
        private final Set<String> visited = new HashSet<>();
        private final long[] budget;
        private boolean exhausted;

        Search(List<ProgramTimeline> timelines, long gapUs, long[] budget) {
            this.timelines = timelines;
            this.gapUs = gapUs;
            this.budget = budget;
            int n = timelines.size();
            spanUs = new long[n];
            for (int t = 0; t < n; t++) {
                long lcm = 1;
                for (int k = 0; k < n; k++) {
                    if (k != t) {
                        lcm = ArithmeticUtils.lcm(lcm, ArithmeticUtils.gcd(timelines.get(t).periodUs(),
                                timelines.get(k).periodUs()));
                    }
                }
                spanUs[t] = lcm;
            }
        }

        Plan refused(Outcome outcome, List<Integer> colliding) {
            return new Plan(new long[timelines.size()], outcome, colliding, used());
        }

        /** Candidates tried by every search sharing this one's budget. */
        int used() {
            return (int) (MAX_CANDIDATES - Math.max(0, budget[0]));
        }

        boolean place(long[] offsets, boolean[] placed) {
            int unplaced = 0;
            for (boolean p : placed) {
                unplaced += p ? 0 : 1;
            }
            if (unplaced == 0) {
                return true;
            }
            if (!visited.add(Arrays.toString(offsets) + Arrays.toString(placed))) {
                return false;
            }
            if (unplaced == 1) {
                // the last program needs one clear offset, not all of them
                int last = 0;
                while (placed[last]) {
                    last++;
                }
                long[] first = starts(last, offsets, placed, true);
                if (first == null || first.length == 0) {
                    return false;
                }
                offsets[last] = first[0];
                placed[last] = true;
                return true;
            }
            List<long[]> options = new ArrayList<>();
            for (int t = 0; t < timelines.size(); t++) {
                if (placed[t]) {
                    continue;
                }
                long[] starts = starts(t, offsets, placed, false);
                if (starts == null || starts.length == 0) {
                    return false; // exhausted, or a program that no longer fits anywhere: this branch is dead
                }
                options.add(prepend(t, starts));
            }
            // try the most constrained program first: the search stays complete, it only finds dead ends sooner
            options.sort((a, b) -> Integer.compare(a.length, b.length));
            for (long[] option : options) {
                int t = (int) option[0];
                for (int i = 1; i < option.length; i++) {
                    offsets[t] = option[i];
                    placed[t] = true;
                    if (place(offsets, placed)) {
                        return true;
                    }
                    placed[t] = false;
                    offsets[t] = 0;
                    if (exhausted) {
                        return false;
                    }
                }
            }
            return false;
        }

        private static long[] prepend(int t, long[] starts) {
            long[] out = new long[starts.length + 1];
            out[0] = t;
            System.arraycopy(starts, 0, out, 1, starts.length);
            return out;
        }

        /**
         * The offsets in [0, span) where program t's feasible stretches against the placed programs begin (0 when
         * nothing constrains it yet), or only the first of them; null when the search bound is reached.
         */
        long[] starts(int t, long[] offsets, boolean[] placed, boolean firstOnly) {
            boolean constrained = false;
            for (int s = 0; s < placed.length; s++) {
                constrained |= placed[s] && s != t;
            }
            if (!constrained) {
                return new long[] {0};
            }
            List<Long> found = new ArrayList<>();
            long span = spanUs[t];
            long o = 0;
            while (o < span) {
                if (--budget[0] < 0) {
                    exhausted = true;
                    return null;
                }
                long advance = conflictAdvance(t, o, offsets, placed);
                if (advance == Long.MAX_VALUE) {
                    return new long[0]; // a pair that can never share time
                }
                if (advance > 0) {
                    o += advance;
                    continue;
                }
                found.add(o);
                if (firstOnly) {
                    break;
                }
                o += runLength(t, o, offsets, placed);
            }
            return found.stream().mapToLong(Long::longValue).toArray();
        }

        /** Whether program t at offset o is clear of every other placed program. */
        boolean clearOfPlaced(int t, long o, long[] offsets, boolean[] placed) {
            return conflictAdvance(t, o, offsets, placed) == 0;
        }

        /**
         * 0 when program t at offset o is clear of every placed program; else how far to move it to clear the first
         * conflict found, or {@link Long#MAX_VALUE} when two programs can never share time.
         */
        private long conflictAdvance(int t, long o, long[] offsets, boolean[] placed) {
            long advance = eachPhasePair(t, o, offsets, placed, (lenA, lenB, g, x) -> {
                if (lenA + lenB > g) {
                    return Long.MAX_VALUE;
                }
                if (x < lenA) {
                    return lenA - x;
                }
                if (x > g - lenB) {
                    return g - x + lenA;
                }
                return GO_ON;
            });
            return advance == GO_ON ? 0 : advance;
        }

        /** How many offsets from a clear offset o stay clear: up to the first that meets a placed program. */
        private long runLength(int t, long o, long[] offsets, boolean[] placed) {
            long[] run = {Long.MAX_VALUE};
            eachPhasePair(t, o, offsets, placed, (lenA, lenB, g, x) -> {
                run[0] = Math.min(run[0], g - lenB - x + 1);
                return GO_ON;
            });
            return Math.max(1, run[0]);
        }

        /**
         * Shows {@code pair} every phase a of every other placed program s beside every phase b of program t at
         * offset o, as the two phases' lengths with the gap ({@code lenA}, {@code lenB}), the gcd g of the two periods
         * and where b starts after a, modulo g ({@code x}); stops at the first answer other than {@link #GO_ON} and
         * gives it, or gives {@link #GO_ON} when every pair was shown.
         */
        private long eachPhasePair(int t, long o, long[] offsets, boolean[] placed, PhasePair pair) {
            ProgramTimeline mine = timelines.get(t);
            for (int s = 0; s < placed.length; s++) {
                if (!placed[s] || s == t) {
                    continue;
                }
                ProgramTimeline other = timelines.get(s);
                long g = ArithmeticUtils.gcd(other.periodUs(), mine.periodUs());
                for (PhaseSpec a : other.phases()) {
                    long lenA = a.durationUs() + gapUs;
                    for (PhaseSpec b : mine.phases()) {
                        long lenB = b.durationUs() + gapUs;
                        long x = Math.floorMod(o + b.offsetUs() - (offsets[s] + a.offsetUs()), g);
                        long answer = pair.at(lenA, lenB, g, x);
                        if (answer != GO_ON) {
                            return answer;
                        }
                    }
                }
            }
            return GO_ON;
        }
    }

    /** How a search ended. */
    public enum Outcome {
        /** every program has an offset */
        PLACED,
        /** no placement exists: the programs named in {@link Plan#colliding()} cannot run together */
        NO_PLACEMENT,
        /** the search tried {@link #MAX_CANDIDATES} offsets without an answer */
        SEARCH_BOUND
    }

    /**
     * The outcome of planning.
     *
     * @param offsetsUs  start offset of each program when placed (zeros otherwise)
     * @param outcome    placed, no placement, or the search bound reached
     * @param colliding  when no placement exists, the smallest set of programs (indices) that cannot run together
     * @param candidates how many candidate offsets the search tried
     */
    public record Plan(long[] offsetsUs, Outcome outcome, List<Integer> colliding, int candidates) {

        public Plan {
            offsetsUs = offsetsUs.clone();
            colliding = List.copyOf(colliding);
        }

        public boolean feasible() {
            return outcome == Outcome.PLACED;
        }

        @Override
        public long[] offsetsUs() {
            return offsetsUs.clone();
        }
    }
}
