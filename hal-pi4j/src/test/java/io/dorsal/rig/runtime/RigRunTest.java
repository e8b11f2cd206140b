package io.dorsal.rig.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.context.Context;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.pins.PinMap;
import org.junit.jupiter.api.Test;

class RigRunTest {

    private static final PinMap PINS = RigFixtures.examplePins();

    @Test
    void runsATherapyForItsDurationOnItsOwnThreadAndEndsWithEveryLineSafe() {
        Context pi4j = RigFixtures.platform(PINS);
        VirtualClock clock = new VirtualClock(0);
        StringBuilder progress = new StringBuilder();
        try {
            RigRun.Outcome outcome = RigRun.run(RigFixtures.example("rig-tonic.json"), PINS, pi4j, clock,
                    new RigRun.Options(2_000_000_000L, RunnerSettings.DEFAULTS, new VirtualTimeIdleStrategy(clock), true,
                            1_000_000_000L), progress::append);

            // 50 Hz for 2 s: 100 pulses of a stim and a recharge phase, each with a switch-on and a switch-off
            assertThat(outcome.report().phases()).isEqualTo(200);
            assertThat(outcome.report().actions()).isGreaterThanOrEqualTo(400);
            assertThat(outcome.report().fault()).isEmpty();
            assertThat(outcome.report().stopReason()).isEqualTo("duration reached");
            assertThat(outcome.everyLineSafe()).isTrue();
            assertThat(outcome.trace()).hasValueSatisfying(t -> assertThat(t.dropped()).isZero());
            assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void findsATherapyToWarmUpWithThatTheRigRenders() {
        var therapy = RigRun.warmUpTherapy(PINS);

        assertThat(therapy).hasValueSatisfying(t -> {
            assertThat(RigRun.renderProblems(t, PINS)).isEmpty();
            assertThat(t.program(0).electrodes()).hasSize(2);
        });
    }
}
