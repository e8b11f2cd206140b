package io.dorsal.core.safety;

import io.dorsal.core.schedule.ProgramTimeline;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import java.util.List;

/**
 * A therapy that passed every safety rule, with what the validator worked out on the way: each program's
 * timeline, its place in the interleaving, and the dose on each of its contacts. Only
 * {@link SafetyValidator} makes one, so the scheduler can trust it. Immutable.
 */
public final class ValidatedTherapy {

    private final Therapy therapy;
    private final List<ProgramTimeline> timelines;
    private final long[] offsetsUs;
    private final List<List<ContactDose>> doses;
    private final List<ProgramLoad> loads;

    ValidatedTherapy(Therapy therapy, List<ProgramTimeline> timelines, long[] offsetsUs,
                     List<List<ContactDose>> doses, List<ProgramLoad> loads) {
        this.therapy = therapy;
        this.timelines = List.copyOf(timelines);
        this.offsetsUs = offsetsUs.clone();
        this.doses = doses.stream().map(List::copyOf).toList();
        this.loads = List.copyOf(loads);
    }

    public Therapy therapy() {
        return therapy;
    }

    public int programCount() {
        return therapy.programs().size();
    }

    public Program program(int index) {
        return therapy.programs().get(index);
    }

    public ProgramTimeline timeline(int program) {
        return timelines.get(program);
    }

    /** Where the program's periods start, from therapy start, so that it never overlaps the others. */
    public long offsetUs(int program) {
        return offsetsUs[program];
    }

    /** The dose on each contact of a program at its programmed amplitude, in the file's contact order. */
    public List<ContactDose> doses(int program) {
        return doses.get(program);
    }

    /**
     * The program's contacts as circuits at its programmed amplitude: the voltage of its current path and the charge
     * each electrode holds (the electrode model, docs/safety.md).
     */
    public ProgramLoad load(int program) {
        return loads.get(program);
    }

    /**
     * Fraction of time the program spends in stimulation phases: pulse width x pulses a second, times the
     * fraction of time its cycling is on.
     */
    public double dutyCycle(int program) {
        ProgramTimeline timeline = timelines.get(program);
        double duty = (double) timeline.stimUsPerPeriod() / timeline.periodUs();
        return program(program).cycle()
                .map(c -> duty * c.onS() / (double) (c.onS() + c.offS()))
                .orElse(duty);
    }
}
