package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.describe;
import static io.dorsal.core.schedule.TimelineFixtures.pollAll;
import static io.dorsal.testing.Generators.intBetween;
import static io.dorsal.testing.Generators.listOf;
import static io.dorsal.testing.Generators.longBetween;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.testing.Cases;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Which phase comes next is a pure function of the table, the origin and the time: how often the scheduler is
 * polled, how many phases each call may emit, where it is restarted or seeked to do not change what it emits.
 */
class PulseSchedulerPropertiesTest {

    private static final long WINDOW_NS = TimelineFixtures.ms(60);

    /** A therapy the validator accepts, polled at up to 40 times with up to {@code limit} phases per poll. */
    record SlicedCase(Therapy therapy, List<Long> pollTimesNs, int limit) {
    }

    record SeekCase(Therapy therapy, long seekNs) {
    }

    record RestartCase(Therapy therapy, long originNs, List<Long> pollsBeforeNs) {
    }

    /** 150 accepted therapies (before: 150 drawn, discards included). */
    @TestFactory
    Stream<DynamicTest> emitsTheSamePhasesHoweverThePollsAreSlicedAndCapped() {
        return Cases.of((RandomGenerator r) -> new SlicedCase(GeneratedTherapies.therapy(r),
                        listOf(r, 1, 40, x -> longBetween(x, 0, WINDOW_NS)), intBetween(r, 1, 5)))
                .count(150).where(c -> accepted(c.therapy())).maxDiscardRatio(20)
                .check(c -> {
                    int limit = c.limit();
                    PulseTable table = PulseTable.compile(validated(c.therapy()));
                    PulseScheduler sliced = new PulseScheduler(table, 0);
                    SimulatedOutputStage recorder = new SimulatedOutputStage();

                    long previousNextNs = Long.MIN_VALUE;
                    for (long nowNs : c.pollTimesNs().stream().sorted().toList()) {
                        assertThat(sliced.nextEventNs()).as("next event never goes back")
                                .isGreaterThanOrEqualTo(previousNextNs);
                        previousNextNs = sliced.nextEventNs();
                        int emitted = sliced.poll(nowNs, recorder, limit);
                        assertThat(emitted).isBetween(0, limit);
                    }
                    while (sliced.poll(WINDOW_NS, recorder, limit) == limit) {
                        assertThat(sliced.nextEventNs()).isGreaterThanOrEqualTo(previousNextNs);
                        previousNextNs = sliced.nextEventNs();
                    }

                    List<DeliveredPhase> atOnce = pollAll(new PulseScheduler(table, 0), WINDOW_NS);
                    assertThat(describe(recorder.delivered())).containsExactlyElementsOf(describe(atOnce));
                    assertThat(sliced.nextEventNs()).isGreaterThan(WINDOW_NS);
                });
    }

    /** 100 accepted therapies (before: 100 drawn, discards included). */
    @TestFactory
    Stream<DynamicTest> seekingThenPollingGivesTheTailOfTheFullRun() {
        return Cases.of((RandomGenerator r) -> new SeekCase(GeneratedTherapies.therapy(r),
                        longBetween(r, 0, 40_000_000)))
                .count(100).where(c -> accepted(c.therapy())).maxDiscardRatio(20)
                .check(c -> {
                    long seekNs = c.seekNs();
                    PulseTable table = PulseTable.compile(validated(c.therapy()));
                    PulseScheduler seeking = new PulseScheduler(table, 0);

                    seeking.seek(seekNs);

                    List<String> tail = describe(pollAll(new PulseScheduler(table, 0), WINDOW_NS).stream()
                            .filter(p -> p.startNs() >= seekNs).toList());
                    assertThat(describe(pollAll(seeking, WINDOW_NS))).containsExactlyElementsOf(tail);
                });
    }

    /** 100 accepted therapies (before: 100 drawn, discards included). */
    @TestFactory
    Stream<DynamicTest> restartingAtAnOriginShiftsEveryPhaseByExactlyThatOrigin() {
        return Cases.of((RandomGenerator r) -> new RestartCase(GeneratedTherapies.therapy(r),
                        longBetween(r, 0, 10_000_000_000L), listOf(r, 0, 3, x -> longBetween(x, 0, 30_000_000))))
                .count(100).where(c -> accepted(c.therapy())).maxDiscardRatio(20)
                .check(c -> {
                    long originNs = c.originNs();
                    PulseTable table = PulseTable.compile(validated(c.therapy()));
                    PulseScheduler reused = new PulseScheduler(table, 0);
                    for (long nowNs : c.pollsBeforeNs()) {
                        reused.poll(nowNs, event -> { }, Integer.MAX_VALUE);
                    }
                    reused.stopStartingAt(TimelineFixtures.ms(5));

                    reused.restart(originNs);

                    List<DeliveredPhase> shifted = pollAll(reused, originNs + WINDOW_NS);
                    List<DeliveredPhase> fromZero = pollAll(new PulseScheduler(table, 0), WINDOW_NS);
                    assertThat(shifted).hasSameSizeAs(fromZero);
                    for (int i = 0; i < fromZero.size(); i++) {
                        assertThat(shifted.get(i).startNs() - originNs).isEqualTo(fromZero.get(i).startNs());
                        assertThat(shifted.get(i).program()).isEqualTo(fromZero.get(i).program());
                        assertThat(shifted.get(i).currentsUa()).containsExactly(fromZero.get(i).currentsUa());
                    }
                });
    }

    private static boolean accepted(Therapy therapy) {
        return new SafetyValidator().validate(therapy) instanceof Validation.Safe;
    }

    private static ValidatedTherapy validated(Therapy therapy) {
        return ((Validation.Safe) new SafetyValidator().validate(therapy)).therapy();
    }
}
