package io.dorsal.core.safety;

import io.dorsal.core.schedule.InterleavePlanner;
import io.dorsal.core.schedule.ProgramTimeline;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The words of an interleaving refusal: which programs collide, and for each of them the nearest rates (burst rates
 * for a burst) at which the whole therapy would fit, found by planning again at each rate tried. Stateless.
 */
final class InterleaveAdvice {

    /** Rates tried on each side of a program's rate before giving up on a suggestion. */
    static final int MAX_RATE_STEPS = 200;
    /** Candidate offsets all the suggestion searches of one refusal may try together. */
    static final long MAX_ADVICE_CANDIDATES = 2_000_000;

    private InterleaveAdvice() {
    }

    static Violation violation(Therapy therapy, List<ProgramTimeline> timelines, InterleavePlanner.Plan plan,
                               DeviceLimits limits) {
        if (plan.outcome() == InterleavePlanner.Outcome.SEARCH_BOUND) {
            return new Violation("therapy", "timing", "the search for start offsets gave up after "
                    + InterleavePlanner.MAX_CANDIDATES + " candidates without an answer",
                    "programs running together never overlap (a placement found within the search bound)",
                    SafetyRule.INTERLEAVING);
        }
        List<Integer> colliding = plan.colliding();
        List<String> names = new ArrayList<>();
        List<String> busy = new ArrayList<>();
        for (int p : colliding) {
            names.add("'" + therapy.programs().get(p).name() + "'");
            long busyUs = timelines.get(p).phases().stream()
                    .mapToLong(s -> s.durationUs() + limits.minProgramGapUs()).sum();
            busy.add(busyUs + " us every " + timelines.get(p).periodUs() + " us");
        }
        Program last = therapy.programs().get(colliding.get(colliding.size() - 1));
        List<String> suggestions = new ArrayList<>();
        long[] budget = {MAX_ADVICE_CANDIDATES};
        for (int p : colliding) {
            String nearest = nearestRates(therapy, timelines, p, limits, budget);
            if (!nearest.isEmpty()) {
                suggestions.add(nearest);
            }
        }
        String fit = suggestions.isEmpty() ? "no rate within " + MAX_RATE_STEPS + " Hz of theirs fits"
                : "rates that fit: " + String.join("; ", suggestions);
        return new Violation("program '" + last.name() + "'", "timing",
                "programs " + join(names) + " cannot run together: no start offsets keep their phases ("
                        + join(busy) + ", each with " + limits.minProgramGapUs() + " us gaps) apart",
                "programs running together never overlap; " + fit
                        + "; or lower a pulse width, or shorten passive recharge with recharge.windowUs",
                SafetyRule.INTERLEAVING);
    }

    private static String join(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** "'b' at 124 or 130 Hz": the nearest rates below and above at which every program fits, if any. */
    private static String nearestRates(Therapy therapy, List<ProgramTimeline> timelines, int p, DeviceLimits limits,
                                       long[] budget) {
        Program program = therapy.programs().get(p);
        int rate = rateOf(program.pattern());
        OptionalInt below = OptionalInt.empty();
        OptionalInt above = OptionalInt.empty();
        for (int step = 1; step <= MAX_RATE_STEPS && budget[0] > 0 && (below.isEmpty() || above.isEmpty()); step++) {
            if (below.isEmpty() && fitsAt(timelines, p, program, rate - step, limits, budget)) {
                below = OptionalInt.of(rate - step);
            }
            if (above.isEmpty() && fitsAt(timelines, p, program, rate + step, limits, budget)) {
                above = OptionalInt.of(rate + step);
            }
        }
        if (below.isEmpty() && above.isEmpty()) {
            return "";
        }
        String which = program.pattern() instanceof Pattern.Burst ? " bursts at " : " at ";
        String rates = below.isPresent() && above.isPresent() ? below.getAsInt() + " or " + above.getAsInt()
                : String.valueOf(below.isPresent() ? below.getAsInt() : above.getAsInt());
        return "'" + program.name() + "'" + which + rates + " Hz";
    }

    private static boolean fitsAt(List<ProgramTimeline> timelines, int p, Program program, int rateHz,
                                  DeviceLimits limits, long[] budget) {
        Pattern pattern = withRate(program.pattern(), rateHz, limits);
        if (pattern == null) {
            return false;
        }
        ProgramTimeline timeline = ProgramTimeline.of(new Program(program.name(), program.electrodes(),
                program.amplitudeMa(), program.pulseWidthUs(), pattern, program.recharge(), program.rampS(),
                program.cycle(), program.patientRange()));
        if (!timeline.fitsPeriod()) {
            return false;
        }
        List<ProgramTimeline> changed = new ArrayList<>(timelines);
        changed.set(p, timeline);
        InterleavePlanner.Plan plan = InterleavePlanner.plan(changed, limits.minProgramGapUs());
        budget[0] -= plan.candidates();
        return plan.feasible();
    }

    private static int rateOf(Pattern pattern) {
        return switch (pattern) {
            case Pattern.Tonic t -> t.rateHz();
            case Pattern.HighFrequency h -> h.rateHz();
            case Pattern.Burst b -> b.burstRateHz();
        };
    }

    /** The pattern at another rate, or null when the device does not allow that rate for it. */
    private static Pattern withRate(Pattern pattern, int rateHz, DeviceLimits limits) {
        return switch (pattern) {
            case Pattern.Tonic t -> rateHz >= limits.minTonicRateHz() && rateHz <= limits.maxTonicRateHz()
                    ? new Pattern.Tonic(rateHz) : null;
            case Pattern.HighFrequency h -> rateHz >= limits.minHighFrequencyRateHz()
                    && rateHz <= limits.maxHighFrequencyRateHz() ? new Pattern.HighFrequency(rateHz) : null;
            case Pattern.Burst b -> rateHz >= limits.minBurstRateHz() && rateHz <= limits.maxBurstRateHz()
                    && (long) rateHz * b.pulsesPerBurst() <= b.intraBurstRateHz()
                    ? new Pattern.Burst(b.pulsesPerBurst(), b.intraBurstRateHz(), rateHz) : null;
        };
    }

}
