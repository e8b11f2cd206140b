package io.dorsal.core.generator;

import static io.dorsal.core.generator.GeneratorBench.CLINICIAN;
import static io.dorsal.core.generator.GeneratorBench.onLeads;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.schedule.GeneratedTherapies;
import io.dorsal.core.schedule.PhaseKind;
import io.dorsal.core.schedule.TimelineFixtures.ProgramBuilder;
import io.dorsal.core.therapy.Program;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 10, item 5: a change to one program hands over that program alone, at the end of its own period under way;
 * the others keep their phases, at the same times, without a gap. A change that would move the others (or needs a
 * soft start) hands over all programs together, as before, and says so.
 */
class PerProgramHandoverTest {

    /** 200 Hz on L1 (5 ms periods), 100 us, 3 mA. */
    private static ProgramBuilder fast() {
        return program("fast").contact("L1.2", -100).contact("L1.3", 100).amplitudeMa(3.0).pulseWidthUs(100)
                .tonic(200).active(20);
    }

    /** 2 Hz on L2 (500 ms periods), 300 us, 2 mA. */
    private static ProgramBuilder slow() {
        return program("slow").contact("L2.4", -100).contact("L2.5", 100).amplitudeMa(2.0).pulseWidthUs(300)
                .tonic(2).active(20);
    }

    private static List<DeliveredPhase> of(List<DeliveredPhase> phases, String program) {
        return phases.stream().filter(p -> p.program().equals(program)).toList();
    }

    @Test
    void aSmallAmplitudeChangeToTheFastProgramLeavesTheSlowOneUntouchedAndTheFastOneWithoutAGap() {
        GeneratorBench changed = new GeneratorBench().running(onLeads(fast(), slow()));
        GeneratorBench reference = new GeneratorBench().running(onLeads(fast(), slow()));
        changed.runTo(ms(1_001));
        reference.runTo(ms(1_001));

        ApplyResult result = changed.generator.apply(onLeads(fast().amplitudeMa(2.9), slow()), CLINICIAN);
        changed.runTo(ms(2_600), us(100));
        reference.runTo(ms(2_600), us(100));

        assertThat(result.applied()).isTrue();
        assertThat(result.toString()).contains("'fast' takes over at the end of its period under way",
                "the other programs keep their phases");
        // the slow program: the very same phases at the very same times as without the change
        assertThat(of(changed.delivered(), "slow")).usingRecursiveFieldByFieldElementComparator()
                .isEqualTo(of(reference.delivered(), "slow"));
        List<DeliveredPhase> fastStims = GeneratorBench.stims(of(changed.delivered(), "fast"));
        for (int i = 1; i < fastStims.size(); i++) {
            assertThat(fastStims.get(i).startNs() - fastStims.get(i - 1).startNs()).as("stim %d", i)
                    .isEqualTo(ms(5));
        }
        // the old amplitude until the end of the fast program's period under way at 1,001 ms, the new one after
        long handover = ms(1_005) + fastStims.get(0).startNs();
        assertThat(fastStims).filteredOn(p -> p.startNs() < handover)
                .allSatisfy(p -> assertThat(p.currentsUa()[0]).isEqualTo(-3_000.0));
        assertThat(fastStims).filteredOn(p -> p.startNs() >= handover).isNotEmpty()
                .allSatisfy(p -> assertThat(p.currentsUa()[0]).isEqualTo(-2_900.0));
        assertNoOverlap(changed.delivered());
    }

    @Test
    void aChangeOfPulseWidthNeedsASoftStartSoEveryProgramHandsOverTogetherAsBefore() {
        GeneratorBench bench = new GeneratorBench().running(onLeads(fast(), slow()));
        bench.runTo(ms(1_001));

        ApplyResult result = bench.generator.apply(onLeads(fast().pulseWidthUs(120), slow()), CLINICIAN);
        bench.runTo(ms(2_600), us(100));

        assertThat(result.applied()).isTrue();
        assertThat(result.toString()).contains("takes over at the next pulse boundary, all programs together");
        // the fast program pauses until the slow program's period under way has ended (1,500 ms)
        List<DeliveredPhase> fastStims = GeneratorBench.stims(of(bench.delivered(), "fast"));
        long longestGap = 0;
        for (int i = 1; i < fastStims.size(); i++) {
            longestGap = Math.max(longestGap, fastStims.get(i).startNs() - fastStims.get(i - 1).startNs());
        }
        assertThat(longestGap).isGreaterThan(ms(400));
        assertNoOverlap(bench.delivered());
    }

    @Test
    void aStopDuringAPendingHandOverEndsEveryProgramAtItsPeriodBoundary() {
        GeneratorBench bench = new GeneratorBench().running(onLeads(fast(), slow()));
        bench.runTo(ms(1_001));

        bench.generator.apply(onLeads(fast().amplitudeMa(2.9), slow()), CLINICIAN);
        bench.generator.stop(CLINICIAN);
        bench.runTo(ms(2_600), us(100));

        assertThat(bench.deliveredFrom(ms(1_600))).isEmpty();
        assertThat(bench.stage.delivered().stream().filter(p -> p.kind() == PhaseKind.STIM).count())
                .isEqualTo(bench.stage.delivered().stream().filter(p -> p.kind() == PhaseKind.RECHARGE).count());
        assertNoOverlap(bench.delivered());
    }

    /** A change applied at a random time to one program of a generated therapy: a small amplitude step down. */
    record Case(Therapy therapy, int changed, long atNs) {
    }

    private static Case draw(RandomGenerator r) {
        Therapy therapy = GeneratedTherapies.therapy(r, 4);
        int changed = r.nextInt(therapy.programs().size());
        return new Case(therapy, changed, ms(200) + r.nextLong(ms(1_500)));
    }

    private static Therapy stepDown(Therapy therapy, int index) {
        List<Program> programs = new ArrayList<>(therapy.programs());
        Program p = programs.get(index);
        double lower = Math.max(0.1, Math.round((p.amplitudeMa() - 0.1) * 10) / 10.0);
        programs.set(index, new Program(p.name(), p.electrodes(), lower, p.pulseWidthUs(), p.pattern(), p.recharge(),
                p.rampS(), p.cycle(), p.patientRange()));
        return new Therapy(therapy.leads(), programs, therapy.limits());
    }

    /**
     * Over generated therapies of one to four programs: whichever way the change hands over, no two phases overlap, the
     * delivered stimulation balances its recharge per program, and when it hands over alone, every other program's
     * phases are exactly those of the run without the change.
     */
    @TestFactory
    Stream<DynamicTest> aChangeToOneProgramNeverOverlapsAndLeavesTheOthersUntouchedWhenItHandsOverAlone() {
        return Cases.of(PerProgramHandoverTest::draw).count(80).maxDiscardRatio(20)
                .where(c -> new SafetyValidator().validate(c.therapy()) instanceof Validation.Safe
                        && new SafetyValidator().validate(stepDown(c.therapy(), c.changed())) instanceof Validation.Safe)
                .classify(c -> List.of(c.therapy().programs().size() + " program(s)"))
                .requireAtLeast("2 program(s)", 10)
                .check(c -> {
                    GeneratorBench changed = new GeneratorBench().running(c.therapy());
                    GeneratorBench reference = new GeneratorBench().running(c.therapy());
                    changed.runTo(c.atNs(), us(500));
                    reference.runTo(c.atNs(), us(500));
                    ApplyResult result = changed.generator.apply(stepDown(c.therapy(), c.changed()), CLINICIAN);
                    long end = c.atNs() + ms(3_000);
                    changed.runTo(end, us(500));
                    reference.runTo(end, us(500));

                    assertThat(result.applied()).isTrue();
                    CHECKED.incrementAndGet();
                    assertNoOverlap(changed.delivered());
                    if (result.toString().contains("takes over at the end of its period under way")) {
                        if (c.therapy().programs().size() > 1) {
                            ALONE_AMONG_OTHERS.incrementAndGet();
                        }
                        for (int p = 0; p < c.therapy().programs().size(); p++) {
                            if (p == c.changed()) {
                                continue;
                            }
                            String name = c.therapy().programs().get(p).name();
                            assertThat(of(changed.delivered(), name)).as("program %s", name)
                                    .usingRecursiveFieldByFieldElementComparator()
                                    .isEqualTo(of(reference.delivered(), name));
                        }
                    }
                });
    }

    /** Generated changes that handed over alone while other programs ran: the property must have seen some. */
    private static final java.util.concurrent.atomic.AtomicInteger ALONE_AMONG_OTHERS =
            new java.util.concurrent.atomic.AtomicInteger();
    private static final java.util.concurrent.atomic.AtomicInteger CHECKED = new java.util.concurrent.atomic.AtomicInteger();

    @org.junit.jupiter.api.AfterAll
    static void somePerProgramHandOversAmongOtherProgramsWereChecked() {
        // 34 of the 80 with seed-free draws when this was written; fewer than 5 means the property checks nothing
        if (CHECKED.get() > 0) {
            assertThat(ALONE_AMONG_OTHERS.get()).isGreaterThanOrEqualTo(5);
        }
    }

    private static void assertNoOverlap(List<DeliveredPhase> phases) {
        List<DeliveredPhase> sorted = phases.stream().sorted(Comparator.comparingLong(DeliveredPhase::startNs)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            assertThat(sorted.get(i).startNs()).as("%s starts before %s ends", sorted.get(i), sorted.get(i - 1))
                    .isGreaterThanOrEqualTo(sorted.get(i - 1).endNs());
        }
    }
}
