package io.dorsal.core.schedule;

import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Recharge;
import java.util.ArrayList;
import java.util.List;

/**
 * A program's phases within one period (one pulse, or one burst), in microseconds: the shape that repeats.
 * Rates become whole-microsecond periods, the generator's timer tick ({@link #periodUs(int)}).
 *
 * @param periodUs        the repeating period: 1 / rate, or 1 / burst rate
 * @param phases          the phases of one period in time order
 * @param stimPhasesPerPeriod number of stimulation phases in one period
 */
public record ProgramTimeline(long periodUs, List<PhaseSpec> phases, int stimPhasesPerPeriod) {

    public ProgramTimeline {
        phases = List.copyOf(phases);
    }

    /** The period of a rate, rounded to the timer's whole microsecond (exact for 50 Hz, 500 Hz, 10 kHz ...). */
    public static long periodUs(int rateHz) {
        return Math.round(1_000_000.0 / rateHz);
    }

    /**
     * The timeline of a program whose rates are positive; whether it fits its period is checked by
     * {@link #fitsPeriod()}, not here.
     */
    public static ProgramTimeline of(Program program) {
        int pw = program.pulseWidthUs();
        List<PhaseSpec> phases = new ArrayList<>();
        return switch (program.pattern()) {
            case Pattern.Tonic t -> single(periodUs(t.rateHz()), pw, program.recharge(), phases);
            case Pattern.HighFrequency h -> single(periodUs(h.rateHz()), pw, program.recharge(), phases);
            case Pattern.Burst b -> burst(b, pw, program.recharge(), phases);
        };
    }

    private static ProgramTimeline single(long periodUs, int pw, Recharge recharge, List<PhaseSpec> phases) {
        phases.add(new PhaseSpec(0, pw, PhaseKind.STIM, 1.0));
        switch (recharge) {
            case Recharge.Active a -> phases.add(new PhaseSpec(pw + a.interphaseGapUs(), (long) pw * a.ratio(),
                    PhaseKind.RECHARGE, -1.0 / a.ratio()));
            case Recharge.Passive p -> {
                long window = p.windowUs().isPresent() ? p.windowUs().getAsInt() : periodUs - pw;
                phases.add(new PhaseSpec(pw, window, PhaseKind.RECHARGE, -(double) pw / window));
            }
        }
        return new ProgramTimeline(periodUs, phases, 1);
    }

    private static ProgramTimeline burst(Pattern.Burst b, int pw, Recharge recharge, List<PhaseSpec> phases) {
        long burstPeriodUs = periodUs(b.burstRateHz());
        long intraPeriodUs = periodUs(b.intraBurstRateHz());
        for (int i = 0; i < b.pulsesPerBurst(); i++) {
            long start = i * intraPeriodUs;
            phases.add(new PhaseSpec(start, pw, PhaseKind.STIM, 1.0));
            if (recharge instanceof Recharge.Active a) {
                phases.add(new PhaseSpec(start + pw + a.interphaseGapUs(), (long) pw * a.ratio(),
                        PhaseKind.RECHARGE, -1.0 / a.ratio()));
            }
        }
        if (recharge instanceof Recharge.Passive p) {
            long lastEnd = (b.pulsesPerBurst() - 1) * intraPeriodUs + pw;
            long window = p.windowUs().isPresent() ? p.windowUs().getAsInt() : burstPeriodUs - lastEnd;
            long chargeUs = (long) b.pulsesPerBurst() * pw;
            phases.add(new PhaseSpec(lastEnd, window, PhaseKind.RECHARGE, -(double) chargeUs / window));
        }
        return new ProgramTimeline(burstPeriodUs, phases, b.pulsesPerBurst());
    }

    /**
     * Whether every phase has a positive length, no two phases overlap, two stimulation phases never touch (the
     * pulses of a burst would merge into one long phase) and the last phase ends inside the period.
     */
    public boolean fitsPeriod() {
        long previousEnd = 0;
        PhaseKind previousKind = null;
        for (PhaseSpec phase : phases) {
            boolean merges = previousKind == PhaseKind.STIM && phase.kind() == PhaseKind.STIM
                    && phase.offsetUs() <= previousEnd;
            if (phase.durationUs() <= 0 || phase.offsetUs() < previousEnd || merges) {
                return false;
            }
            previousEnd = phase.endUs();
            previousKind = phase.kind();
        }
        return previousEnd <= periodUs;
    }

    /** The latest end of a phase: how much of the period the program occupies from its start. */
    public long busyUntilUs() {
        return phases.stream().mapToLong(PhaseSpec::endUs).max().orElse(0);
    }

    /** Time spent in stimulation phases per period. */
    public long stimUsPerPeriod() {
        return phases.stream().filter(p -> p.kind() == PhaseKind.STIM).mapToLong(PhaseSpec::durationUs).sum();
    }
}
