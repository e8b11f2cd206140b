package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.describe;
import static io.dorsal.core.schedule.TimelineFixtures.pollAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.therapy.Therapy;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * Which phase comes next is a pure function of the table, the origin and the time: how often the scheduler is
 * polled, how many phases each call may emit, where it is restarted or seeked to do not change what it emits.
 */
class PulseSchedulerPropertiesTest {

    private static final long WINDOW_NS = TimelineFixtures.ms(60);

    @Provide
    Arbitrary<Therapy> therapies() {
        return GeneratedTherapies.therapies();
    }

    @Provide
    Arbitrary<List<Long>> pollTimes() {
        return Arbitraries.longs().between(0, WINDOW_NS).list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 150, maxDiscardRatio = 20, edgeCases = EdgeCasesMode.NONE)
    void emitsTheSamePhasesHoweverThePollsAreSlicedAndCapped(@ForAll("therapies") Therapy therapy,
                                                            @ForAll("pollTimes") List<Long> pollTimesNs,
                                                            @ForAll @IntRange(min = 1, max = 5) int limit) {
        ValidatedTherapy validated = accepted(therapy);
        PulseTable table = PulseTable.compile(validated);
        PulseScheduler sliced = new PulseScheduler(table, 0);
        SimulatedOutputStage recorder = new SimulatedOutputStage();

        long previousNextNs = Long.MIN_VALUE;
        for (long nowNs : pollTimesNs.stream().sorted().toList()) {
            assertThat(sliced.nextEventNs()).as("next event never goes back").isGreaterThanOrEqualTo(previousNextNs);
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
    }

    @Property(tries = 100, maxDiscardRatio = 20, edgeCases = EdgeCasesMode.NONE)
    void seekingThenPollingGivesTheTailOfTheFullRun(@ForAll("therapies") Therapy therapy,
                                                   @ForAll @LongRange(min = 0, max = 40_000_000) long seekNs) {
        PulseTable table = PulseTable.compile(accepted(therapy));
        PulseScheduler seeking = new PulseScheduler(table, 0);

        seeking.seek(seekNs);

        List<String> tail = describe(pollAll(new PulseScheduler(table, 0), WINDOW_NS).stream()
                .filter(p -> p.startNs() >= seekNs).toList());
        assertThat(describe(pollAll(seeking, WINDOW_NS))).containsExactlyElementsOf(tail);
    }

    @Property(tries = 100, maxDiscardRatio = 20, edgeCases = EdgeCasesMode.NONE)
    void restartingAtAnOriginShiftsEveryPhaseByExactlyThatOrigin(@ForAll("therapies") Therapy therapy,
                                                              @ForAll @LongRange(min = 0, max = 10_000_000_000L)
                                                              long originNs,
                                                              @ForAll @Size(max = 3) List<@LongRange(min = 0,
                                                                      max = 30_000_000) Long> pollsBeforeNs) {
        PulseTable table = PulseTable.compile(accepted(therapy));
        PulseScheduler reused = new PulseScheduler(table, 0);
        for (long nowNs : pollsBeforeNs) {
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
    }

    private static ValidatedTherapy accepted(Therapy therapy) {
        Validation validation = new SafetyValidator().validate(therapy);
        Assume.that(validation instanceof Validation.Safe);
        return ((Validation.Safe) validation).therapy();
    }
}
