package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.describe;
import static io.dorsal.core.schedule.TimelineFixtures.lead;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.pollAll;
import static io.dorsal.core.schedule.TimelineFixtures.program;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static io.dorsal.core.schedule.TimelineFixtures.therapy;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.safety.ValidatedTherapy;
import io.dorsal.core.therapy.ContactId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scheduler as a cursor over time. The pair used throughout (worked out in GoldenTimelineTest):
 * a = 100 Hz, stim [0, 200) us, recharge [220, 420) us; b = 1 kHz at offset 430 us, stim [430, 480), recharge
 * [480, 580) us at half current.
 */
class PulseSchedulerTest {

    private final ValidatedTherapy pair = validated(therapy(List.of(lead("L1", 16, 6.0)),
            program("a").contact("L1.0", -100).contact("L1.1", 100).amplitudeMa(2.0).pulseWidthUs(200)
                    .tonic(100).active(20).build(),
            program("b").contact("L1.8", -100).contact("L1.9", 100).amplitudeMa(1.0).pulseWidthUs(50)
                    .highFrequency(1000).active(0, 2).build()));
    private final PulseTable table = PulseTable.compile(pair);

    @Test
    void emitsNothingBeforeTheFirstPhaseAndNamesItsTime() {
        long originNs = ms(5);
        PulseScheduler scheduler = new PulseScheduler(table, originNs);

        int emitted = scheduler.poll(originNs - 1, event -> { }, Integer.MAX_VALUE);

        assertThat(emitted).isZero();
        assertThat(scheduler.nextEventNs()).isEqualTo(originNs);
        assertThat(scheduler.originNs()).isEqualTo(originNs);
    }

    @Test
    void emitsEveryPhaseStartingAtOrBeforeNowAndNoLaterOne() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        List<Long> starts = new ArrayList<>();

        int first = scheduler.poll(us(430) - 1, event -> starts.add(event.startNs()), Integer.MAX_VALUE);
        int second = scheduler.poll(us(430), event -> starts.add(event.startNs()), Integer.MAX_VALUE);

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(1);
        assertThat(starts).containsExactly(0L, us(220), us(430));
        assertThat(scheduler.nextEventNs()).isEqualTo(us(480));
    }

    @Test
    void emitsBothProgramsInTimeOrder() {
        List<DeliveredPhase> phases = pollAll(new PulseScheduler(table, 0), us(2480));

        assertThat(phases).extracting(DeliveredPhase::program, DeliveredPhase::startNs).containsExactly(
                tuple("a", 0L),
                tuple("a", us(220)),
                tuple("b", us(430)),
                tuple("b", us(480)),
                tuple("b", us(1430)),
                tuple("b", us(1480)),
                tuple("b", us(2430)),
                tuple("b", us(2480)));
    }

    @Test
    void capsTheWorkOfOneCallAtTheLimitAndCarriesOnNextCall() {
        PulseScheduler capped = new PulseScheduler(table, 0);
        SimulatedOutputStage recorder = new SimulatedOutputStage();

        int firstCall = capped.poll(ms(3), recorder, 3);
        int secondCall = capped.poll(ms(3), recorder, Integer.MAX_VALUE);

        assertThat(firstCall).isEqualTo(3);
        assertThat(secondCall).isPositive();
        assertThat(describe(recorder.delivered())).containsExactlyElementsOf(
                describe(pollAll(new PulseScheduler(table, 0), ms(3))));
    }

    @Test
    void reusesOnePhaseEventForEveryPhase() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        Map<PhaseEvent, Boolean> seen = new IdentityHashMap<>();

        int emitted = scheduler.poll(ms(10), event -> seen.put(event, true), Integer.MAX_VALUE);

        assertThat(emitted).isGreaterThan(1);
        assertThat(seen).hasSize(1);
    }

    @Test
    void describesThePhaseThroughTheEventDuringTheCall() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.poll(us(220), event -> { }, Integer.MAX_VALUE);
        List<String> seen = new ArrayList<>();

        scheduler.poll(us(430), event -> {
            seen.add(event.table().programName(event.program()));
            assertThat(event.startNs()).isEqualTo(us(430));
            assertThat(event.durationNs()).isEqualTo(us(50));
            assertThat(event.endNs()).isEqualTo(us(480));
            assertThat(event.kind()).isEqualTo(PhaseKind.STIM);
            assertThat(event.phase()).isEqualTo(table.phaseFrom(1));
            assertThat(event.amplitudeScale()).isEqualTo(1.0);
            assertThat(event.channelCount()).isEqualTo(2);
            assertThat(event.table().contact(event.contact(0))).isEqualTo(ContactId.parse("L1.8"));
            assertThat(event.table().contact(event.contact(1))).isEqualTo(ContactId.parse("L1.9"));
            assertThat(event.currentUa(0)).isEqualTo(-1000.0);
            assertThat(event.currentUa(1)).isEqualTo(1000.0);
        }, Integer.MAX_VALUE);

        assertThat(seen).containsExactly("b");
    }

    @Test
    void restartMovesTheWholeTimelineToTheNewOrigin() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.poll(ms(1), event -> { }, Integer.MAX_VALUE);

        scheduler.restart(ms(50));

        List<DeliveredPhase> after = pollAll(scheduler, ms(53));
        List<DeliveredPhase> fresh = pollAll(new PulseScheduler(table, 0), ms(3));
        assertThat(after).hasSameSizeAs(fresh);
        for (int i = 0; i < fresh.size(); i++) {
            assertThat(after.get(i).startNs()).isEqualTo(fresh.get(i).startNs() + ms(50));
            assertThat(after.get(i).currentsUa()).containsExactly(fresh.get(i).currentsUa());
        }
    }

    @Test
    void restartClearsAPendingStop() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        scheduler.stopStartingAt(0);
        assertThat(scheduler.finished()).isTrue();

        scheduler.restart(ms(1));

        assertThat(scheduler.finished()).isFalse();
        assertThat(scheduler.nextEventNs()).isEqualTo(ms(1));
    }

    @Test
    void seekSkipsToTheFirstPhaseAtOrAfterTheTimeWithoutEmittingEarlierOnes() {
        PulseScheduler seeking = new PulseScheduler(table, 0);

        seeking.seek(us(1450));

        assertThat(seeking.nextEventNs()).isEqualTo(us(1480));
        List<String> fromSeek = describe(pollAll(seeking, ms(25)));
        List<String> fullRunFromThere = describe(pollAll(new PulseScheduler(table, 0), ms(25)).stream()
                .filter(p -> p.startNs() >= us(1450)).toList());
        assertThat(fromSeek).isNotEmpty().containsExactlyElementsOf(fullRunFromThere);
    }

    @Test
    void stopLetsTheBurstUnderWayFinishWithItsRechargeThenStops() {
        // burst.json: pulses at 0, 2000, 4000, 6000, 8000 us; recharge at 9000 us; next burst would be at 25000 us
        PulseScheduler scheduler = new PulseScheduler(PulseTable.compile(validated(readExample("burst.json"))), 0);
        List<DeliveredPhase> before = pollAll(scheduler, ms(3));

        scheduler.stopStartingAt(ms(3));

        List<DeliveredPhase> after = pollAll(scheduler, s(1));
        assertThat(before).extracting(DeliveredPhase::startNs).containsExactly(0L, us(2000));
        assertThat(after).extracting(DeliveredPhase::startNs)
                .containsExactly(us(4000), us(6000), us(8000), us(9000));
        assertThat(after.get(after.size() - 1).kind()).isEqualTo(PhaseKind.RECHARGE);
        assertThat(scheduler.finished()).isTrue();
        assertThat(scheduler.nextEventNs()).isEqualTo(PulseScheduler.NO_EVENT);
    }

    @Test
    void stopAtAPeriodsStartDoesNotStartThatPeriod() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        pollAll(scheduler, us(420));

        scheduler.stopStartingAt(us(430));

        // program a's next period (10000 us) and b's first (430 us) both start at or after the stop
        assertThat(pollAll(scheduler, s(1))).isEmpty();
        assertThat(scheduler.finished()).isTrue();
    }

    @Test
    void stopJustAfterAPeriodsStartDeliversThatWholePeriod() {
        PulseScheduler scheduler = new PulseScheduler(table, 0);
        pollAll(scheduler, us(420));

        scheduler.stopStartingAt(us(430) + 1);

        assertThat(pollAll(scheduler, s(1))).extracting(DeliveredPhase::program, DeliveredPhase::startNs)
                .containsExactly(tuple("b", us(430)),
                        tuple("b", us(480)));
    }
}
