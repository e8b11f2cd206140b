package io.dorsal.core.generator;

import static io.dorsal.core.schedule.TimelineFixtures.lead;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.TimelineFixtures.ProgramBuilder;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import java.util.Arrays;
import java.util.List;

/**
 * A generator on a virtual clock with a recording output stage, driven like the rig's runner: the clock moves in
 * steps and the generator is polled at each. Nothing sleeps.
 */
final class GeneratorBench {

    static final String CLINICIAN = "clinician";
    static final String PATIENT = "patient";
    static final ContactId L2_4 = ContactId.parse("L2.4");

    final VirtualClock clock = new VirtualClock();
    final SimulatedOutputStage stage = new SimulatedOutputStage();
    final EventLog log = new EventLog();
    final PulseGenerator generator;

    GeneratorBench() {
        this(BatteryModel.DEFAULT);
    }

    GeneratorBench(BatteryModel battery) {
        generator = new PulseGenerator(clock, stage, battery, log);
    }

    /**
     * The left-leg program of examples/two-programs.json on its own: 100 Hz (10 ms periods), 200 us, 2.5 mA,
     * active recharge after 20 us (stim [0, 200), recharge [220, 420) us), L2.4 -100 %, CASE +100 %.
     */
    static ProgramBuilder leftLeg() {
        return leftLegOn("L2.4");
    }

    /** {@link #leftLeg()} with its cathode on another contact. */
    static ProgramBuilder leftLegOn(String cathode) {
        return program("left-leg").contact(cathode, -100).contact("CASE", 100).amplitudeMa(2.5).pulseWidthUs(200)
                .tonic(100).active(20);
    }

    static Therapy onLeads(ProgramBuilder... programs) {
        return therapy(List.of(lead("L1", 8, 6.0), lead("L2", 8, 6.0)),
                Arrays.stream(programs).map(ProgramBuilder::build).toArray(Program[]::new));
    }

    /** Applies and starts a therapy at the clock's time; fails if either is refused. */
    GeneratorBench running(Therapy therapy) {
        ApplyResult applied = generator.apply(therapy, CLINICIAN);
        if (!applied.applied()) {
            throw new AssertionError("fixture therapy refused: " + applied);
        }
        ApplyResult started = generator.start(CLINICIAN);
        if (!started.applied()) {
            throw new AssertionError("fixture start refused: " + started);
        }
        return this;
    }

    /** Moves the clock to {@code untilNs} in steps of {@code stepNs}, polling the generator at every step. */
    void runTo(long untilNs, long stepNs) {
        long now = clock.nanoTime();
        generator.poll(now, Integer.MAX_VALUE);
        while (now < untilNs) {
            now = Math.min(now + stepNs, untilNs);
            clock.setNs(now);
            generator.poll(now, Integer.MAX_VALUE);
        }
    }

    /** {@link #runTo(long, long)} in 1 ms steps, the simulation's tick. */
    void runTo(long untilNs) {
        runTo(untilNs, ms(1));
    }

    List<DeliveredPhase> delivered() {
        return stage.delivered();
    }

    List<DeliveredPhase> deliveredFrom(long fromNs) {
        return stage.delivered().stream().filter(p -> p.startNs() >= fromNs).toList();
    }

    List<DeliveredPhase> deliveredBefore(long beforeNs) {
        return stage.delivered().stream().filter(p -> p.startNs() < beforeNs).toList();
    }

    static List<DeliveredPhase> stims(List<DeliveredPhase> phases) {
        return phases.stream().filter(p -> p.kind() == PhaseKind.STIM).toList();
    }
}
