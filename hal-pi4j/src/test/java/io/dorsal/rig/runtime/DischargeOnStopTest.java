package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.sim.SimulatedFrontEnd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stop or a fault in the middle of a burst leaves the pulses' charge on the coupling capacitors; the safe state
 * closes the discharge line long enough to give it back. Measured on the simulated load (1 kOhm and 10 uF a contact).
 */
class DischargeOnStopTest {

    private static final PinMap PINS = RigFixtures.examplePins();
    private static final ContactId L1_5 = ContactId.parse("L1.5");
    private static final long MS = 1_000_000L;

    private final VirtualClock clock = new VirtualClock(0);
    private final Context pi4j = RigPlatform.mock();
    private final Pi4jOutputStage stage =
            new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
    private final SimulatedFrontEnd load = SimulatedFrontEnd.attach(pi4j, PINS, clock);
    private final PulseGenerator generator = new PulseGenerator(clock, stage);

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    /** Runs the burst example and does something once the virtual clock passes a time; returns the charge then. */
    private double[] runAndActAt(long atNs, Runnable action) {
        assertThat(generator.apply(RigFixtures.example("rig-burst.json").therapy(), "test").applied()).isTrue();
        generator.start("test");
        VirtualTimeIdleStrategy virtual = new VirtualTimeIdleStrategy(clock);
        double[] heldAtAction = new double[1];
        boolean[] done = {false};
        RealtimeRunner runner = new RealtimeRunner(generator, stage, clock, (now, deadline) -> {
            if (!done[0] && now >= atNs) {
                done[0] = true;
                heldAtAction[0] = load.heldChargeUc(L1_5);
                action.run();
            }
            virtual.idle(now, Math.min(deadline, done[0] ? deadline : atNs));
        }, RunnerSettings.DEFAULTS);
        runner.endAt(1_000 * MS);
        runner.run();
        return new double[] {heldAtAction[0], load.heldChargeUc(L1_5)};
    }

    @Test
    void stopAllMidBurstBleedsTheBurstsChargeBeforeLeavingEveryLineSafe() {
        // after four of the five 0.8 mA x 1,000 us pulses: about 3.2 uC held on the cathode L1.5
        double[] held = runAndActAt(500_000 + 7 * MS + 500_000, () -> generator.stopAll("test"));

        assertThat(held[0]).isLessThan(-3.0);
        // five time constants of the 2 kOhm path... of each contact's own 1 kOhm and 10 uF: e^-10, nothing left
        assertThat(held[1]).isCloseTo(0, within(Math.abs(held[0]) * 0.01));
        assertThat(stage.bleeding()).isFalse();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aFaultMidBurstBleedsTooAndTheRunEndsDischarged() {
        double[] held = runAndActAt(500_000 + 5 * MS + 200_000, () -> generator.fault("test fault"));

        assertThat(held[0]).isLessThan(-2.0);
        assertThat(held[1]).isCloseTo(0, within(Math.abs(held[0]) * 0.01));
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }

    @Test
    void aStageThatNeverSwitchedAPhaseOnDoesNotBleed() {
        stage.safe();

        assertThat(stage.bleeding()).isFalse();
        assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
    }
}
