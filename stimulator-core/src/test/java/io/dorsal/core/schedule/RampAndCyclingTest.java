package io.dorsal.core.schedule;

import static io.dorsal.core.schedule.TimelineFixtures.NS_PER_MS;
import static io.dorsal.core.schedule.TimelineFixtures.ms;
import static io.dorsal.core.schedule.TimelineFixtures.ofKind;
import static io.dorsal.core.schedule.TimelineFixtures.ofProgram;
import static io.dorsal.core.schedule.TimelineFixtures.pollAll;
import static io.dorsal.core.schedule.TimelineFixtures.readExample;
import static io.dorsal.core.schedule.TimelineFixtures.s;
import static io.dorsal.core.schedule.TimelineFixtures.scheduler;
import static io.dorsal.core.schedule.TimelineFixtures.simulate;
import static io.dorsal.core.schedule.TimelineFixtures.us;
import static io.dorsal.core.schedule.TimelineFixtures.validated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.core.output.DeliveredPhase;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Therapy;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Soft start and cycling of examples/two-programs.json's low-back program: 4.0 mA, 50 Hz (20 ms), 300 us, gap
 * 20 us, L1.2 -100 %, L1.1 and L1.3 +50 %, a 2 s ramp and 60 s on / 120 s off.
 *
 * <p>The ramp by hand: 4000 uA over 2 s is 2 uA per ms; in whole 100 uA steps that is one step every 50 ms, so the
 * period starting at t drives min(4000, 100 x floor(t / 50 ms)) uA: 0 uA at 0, 20 and 40 ms, 100 uA at 60 ms,
 * 3900 uA at 1.98 s and the full 4000 uA from the period at 2.00 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RampAndCyclingTest {

    private static final ContactId CATHODE = ContactId.parse("L1.2");
    private static final ContactId ANODE_1 = ContactId.parse("L1.1");
    private static final ContactId ANODE_3 = ContactId.parse("L1.3");

    private List<DeliveredPhase> rampWindow;

    @BeforeAll
    void simulateTheFirstTwoAndAHalfSeconds() {
        rampWindow = ofProgram(simulate(validated(readExample("two-programs.json")), ms(2500)), "low-back");
    }

    private static int handRampUa(long periodStartNs) {
        return (int) Math.min(4000, 100 * (periodStartNs / (50 * NS_PER_MS)));
    }

    @Test
    void everyPulseOfTheRampDrivesTheHandWorkedStep() {
        List<DeliveredPhase> stims = ofKind(rampWindow, PhaseKind.STIM);

        assertThat(stims).hasSize(125);
        for (DeliveredPhase stim : stims) {
            int ua = handRampUa(stim.startNs());
            assertThat(stim.currentUa(CATHODE)).as("cathode at %d ns", stim.startNs()).isCloseTo(-ua, within(1e-9));
            assertThat(stim.currentUa(ANODE_1)).as("anode L1.1 at %d ns", stim.startNs())
                    .isCloseTo(ua / 2.0, within(1e-9));
            assertThat(stim.currentUa(ANODE_3)).as("anode L1.3 at %d ns", stim.startNs())
                    .isCloseTo(ua / 2.0, within(1e-9));
        }
    }

    @Test
    void climbsThroughEveryStepOfOneHundredMicroampsWithoutSkippingOrFallingBack() {
        List<Double> cathodeUa = ofKind(rampWindow, PhaseKind.STIM).stream().map(p -> -p.currentUa(CATHODE)).toList();

        assertThat(cathodeUa).isSorted();
        List<Double> steps = cathodeUa.stream().distinct().toList();
        assertThat(steps).hasSize(41);
        for (int i = 0; i < steps.size(); i++) {
            assertThat(steps.get(i)).isCloseTo(100.0 * i, within(1e-9));
        }
    }

    @Test
    void reachesFullAmplitudeWithThePeriodStartingAtTwoSeconds() {
        List<DeliveredPhase> stims = ofKind(rampWindow, PhaseKind.STIM);

        DeliveredPhase firstFull = stims.stream().filter(p -> p.currentUa(CATHODE) <= -4000 + 1e-9).findFirst()
                .orElseThrow();
        DeliveredPhase lastBelow = stims.get(stims.indexOf(firstFull) - 1);
        assertThat(firstFull.startNs()).isEqualTo(s(2));
        assertThat(lastBelow.startNs()).isEqualTo(ms(1980));
        assertThat(lastBelow.currentUa(CATHODE)).isCloseTo(-3900, within(1e-9));
    }

    @Test
    void everyRechargeReturnsExactlyTheChargeOfItsRampedStimulation() {
        List<DeliveredPhase> stims = ofKind(rampWindow, PhaseKind.STIM);
        List<DeliveredPhase> recharges = ofKind(rampWindow, PhaseKind.RECHARGE);

        assertThat(recharges).hasSameSizeAs(stims);
        for (int i = 0; i < stims.size(); i++) {
            DeliveredPhase stim = stims.get(i);
            DeliveredPhase recharge = recharges.get(i);
            assertThat(recharge.startNs()).isEqualTo(stim.startNs() + us(320));
            assertThat(recharge.durationNs()).isEqualTo(stim.durationNs());
            for (ContactId contact : List.of(CATHODE, ANODE_1, ANODE_3)) {
                assertThat(recharge.currentUa(contact)).as("%s recharge at %d ns", contact, recharge.startNs())
                        .isCloseTo(-stim.currentUa(contact), within(1e-9));
            }
        }
    }

    @Test
    void cyclingDeliversNothingInTheOffTimeAndRampsAgainAtTheNextOnTime() {
        Therapy example = readExample("two-programs.json");
        Therapy lowBackOnly = new Therapy(example.leads(), List.of(example.program("low-back").orElseThrow()),
                example.limits());

        List<DeliveredPhase> phases = pollAll(scheduler(validated(lowBackOnly)), s(183));

        List<DeliveredPhase> firstOn = phases.stream().filter(p -> p.startNs() < s(60)).toList();
        List<DeliveredPhase> inOff = phases.stream().filter(p -> p.startNs() >= s(60) && p.startNs() < s(180))
                .toList();
        List<DeliveredPhase> secondOn = ofKind(phases.stream().filter(p -> p.startNs() >= s(180)).toList(),
                PhaseKind.STIM);
        // 60 s of 20 ms periods: 3000 whole periods, the last starting at 59.98 s and ending well before 60 s
        assertThat(ofKind(firstOn, PhaseKind.STIM)).hasSize(3000);
        assertThat(ofKind(firstOn, PhaseKind.RECHARGE)).hasSize(3000);
        assertThat(firstOn.get(firstOn.size() - 1).endNs()).isLessThanOrEqualTo(s(60));
        assertThat(inOff).isEmpty();
        assertThat(secondOn.get(0).startNs()).isEqualTo(s(180));
        for (DeliveredPhase stim : secondOn) {
            assertThat(stim.currentUa(CATHODE)).as("cathode at %d ns", stim.startNs())
                    .isCloseTo(-handRampUa(stim.startNs() - s(180)), within(1e-9));
        }
        assertThat(secondOn.get(secondOn.size() - 1).currentUa(CATHODE)).isCloseTo(-4000, within(1e-9));
    }
}
