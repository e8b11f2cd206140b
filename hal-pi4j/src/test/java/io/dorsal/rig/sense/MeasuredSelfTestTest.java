package io.dorsal.rig.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.core.electrode.SeriesRcLoad;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.SelfTest;
import io.dorsal.rig.runtime.SelfTest.LineResult;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The self-test measures through the example rig's ADC against a simulated load (1 kOhm and 10 uF per contact, the
 * fixture's 1 kOhm declared in the pin map): a healthy rig passes line by line, and each injected fault fails by name.
 */
class MeasuredSelfTestTest {

    private static final PinMap PINS = RigFixtures.examplePins();

    private final VirtualClock clock = new VirtualClock();
    private final Context pi4j = RigPlatform.mock();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private List<LineResult> selfTest(UnaryOperator<SimulatedFrontEnd> faults) {
        Pi4jOutputStage stage = new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
        faults.apply(SimulatedFrontEnd.attach(pi4j, PINS, clock));
        return SelfTest.run(pi4j, stage, PINS, clock, new VirtualTimeIdleStrategy(clock));
    }

    private static List<LineResult> failed(List<LineResult> results) {
        return results.stream().filter(r -> !r.ok()).toList();
    }

    @Test
    void aHealthyRigPassesEveryLineSourceAndPathAndEndsSafeAndDischarged() {
        SimulatedFrontEnd[] frontEnd = new SimulatedFrontEnd[1];

        List<LineResult> results = selfTest(f -> frontEnd[0] = f);

        assertThat(failed(results)).isEmpty();
        // every contact line was measured through the fixture: 1 mA on a 2 kOhm path
        assertThat(results).filteredOn(r -> r.line().equals("L1_2_K")).hasSize(2)
                .anySatisfy(r -> assertThat(r.detail()).contains("1.006 mA, path 2003 Ohm"));
        assertThat(results).anySatisfy(r -> assertThat(r.line()).isEqualTo("source B"));
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        // each probe pulse's charge was bled back: under 1 % of one pulse's 0.02 uC left on any contact
        for (ContactId contact : PINS.contacts()) {
            assertThat(frontEnd[0].heldChargeUc(contact)).as(contact.toString()).isCloseTo(0, within(2e-4));
        }
    }

    @Test
    void findsASwitchThatNeverClosesByItsLine() {
        assertThat(failed(selfTest(f -> f.openSwitch("L1_3_K")))).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("L1_3_K");
            assertThat(r.detail()).contains("no current through it", "switch does not close");
        });
    }

    @Test
    void findsALineStuckClosedByItsLine() {
        assertThat(failed(selfTest(f -> f.stuckClosed("L1_4_K")))).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("L1_4_K");
            assertThat(r.detail()).contains("stuck closed");
        });
    }

    @Test
    void findsAMiscalibratedSourceByItsName() {
        assertThat(failed(selfTest(f -> f.sourceGain("B", 0.8)))).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo("source B");
            assertThat(r.detail()).contains("0.8", "calibration says 1 mA", "recalibrate");
        });
    }

    @Test
    void passesASourceJustInsideItsToleranceAndFailsOneJustPast() {
        assertThat(failed(selfTest(f -> f.sourceGain("A", 1.08)))).isEmpty();
    }

    @Test
    void failsASourceJustPastItsTolerance() {
        assertThat(failed(selfTest(f -> f.sourceGain("A", 1.13))))
                .anySatisfy(r -> assertThat(r.line()).isEqualTo("source A"));
    }

    @Test
    void findsAnEnableThatDoesNotGate() {
        assertThat(failed(selfTest(SimulatedFrontEnd::enableStuck)))
                .anySatisfy(r -> {
                    assertThat(r.line()).isEqualTo("ENABLE");
                    assertThat(r.detail()).contains("flows with ENABLE off");
                });
    }

    @Test
    void findsAContactWhoseLoadIsNotTheFixture() {
        // a 3 kOhm load on L1.6 (a wire to the wrong resistor, or a partly open switch)
        List<LineResult> failures = failed(selfTest(f -> f.load(ContactId.parse("L1.6"), new SeriesRcLoad(3_000, 10))));

        assertThat(failures).extracting(LineResult::line).containsExactlyInAnyOrder("L1_6_K", "L1_6_A");
        assertThat(failures).allSatisfy(r -> assertThat(r.detail()).contains("fixture gives 2000 Ohm"));
    }
}
