package io.dorsal.rig.sense;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.core.ecap.ClosedLoopSettings;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.PinMapCodec;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.runtime.RunnerSettings;
import io.dorsal.rig.runtime.VirtualTimeIdleStrategy;
import io.dorsal.rig.sim.SimulatedResponseCircuit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ECAP loop on the bench, on the mock: the generator's loop reads the simulated response circuit's peak hold through
 * the rig's ADC once a period and holds the target, whatever the "distance" potentiometer says; a saturated amplifier
 * is a lost recording, and the loop falls back to the programmed amplitude.
 */
class RigClosedLoopTest {

    private static final double SLOPE = SimulatedResponseCircuit.DEFAULT_SLOPE_UV_PER_MA;

    private static PinMap pins() throws Exception {
        return PinMapCodec.read(RigFixtures.EXAMPLES.resolve("rig-pins-ecap.json"));
    }

    private static ClosedLoopSettings settings() throws Exception {
        return ProgramCodec.readClosedLoop(RigFixtures.EXAMPLES.resolve("closed-loop-tonic.json")).orElseThrow();
    }

    private static RigRun.Outcome run(ClosedLoopSettings loop, double distanceFactor) throws Exception {
        PinMap pins = pins();
        Context pi4j = RigFixtures.platform(pins);
        VirtualClock clock = new VirtualClock(0);
        try {
            RigRun.Outcome outcome = RigRun.run(RigFixtures.example("closed-loop-tonic.json"), pins, pi4j, clock,
                    new RigRun.Options(4_000_000_000L, RunnerSettings.DEFAULTS, new VirtualTimeIdleStrategy(clock),
                            false, 1_000_000_000L).closedLoop(loop, SLOPE, distanceFactor), line -> { });
            assertThat(outcome.everyLineSafe()).isTrue();
            return outcome;
        } finally {
            pi4j.shutdown();
        }
    }

    /** The current that gives the target through the simulated circuit at a distance factor. */
    private static double onTargetMa(double targetUv, double factor) {
        return SimulatedResponseCircuit.DEFAULT_THRESHOLD_MA + targetUv / (SLOPE * factor);
    }

    @Test
    void theLoopHoldsTheTargetTheAdcReadsAtTheReferenceAndNearerTheCord() throws Exception {
        ClosedLoopSettings loop = settings();

        RigRun.LoopOutcome reference = run(loop, 1.0).loop().orElseThrow();
        RigRun.LoopOutcome nearer = run(loop, 1.5).loop().orElseThrow();

        assertThat(reference.state().openLoop()).isFalse();
        assertThat(reference.readings()).as("once a period after the soft start, 4 s at 50 Hz").isBetween(140L, 200L);
        assertThat(reference.saturated() + reference.failed()).isZero();
        // 25 uV over 40 uV/mA above 2.5 mA: 3.125 mA; an ADC code is 0.32 uV, a loop step 0.1 mA at most
        assertThat(reference.state().currentMa()).isCloseTo(onTargetMa(loop.targetUv(), 1.0), within(0.05));
        assertThat(reference.state().lastEcapUv()).isCloseTo(loop.targetUv(), within(2.0));
        assertThat(nearer.state().currentMa()).as("nearer the cord: less current for the same response")
                .isCloseTo(onTargetMa(loop.targetUv(), 1.5), within(0.05))
                .isLessThan(reference.state().currentMa() - 0.1);
    }

    @Test
    void aSaturatedAmplifierIsALostRecordingAndTheLoopFallsBack() throws Exception {
        // far too near: even the threshold's first 0.1 mA drives the amplifier past the ADC's full scale
        RigRun.LoopOutcome saturated = run(settings(), 500).loop().orElseThrow();

        assertThat(saturated.saturated()).isPositive();
        assertThat(saturated.state().openLoop()).as("fallen back to the programmed amplitude").isTrue();
        assertThat(saturated.state().currentMa()).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void aPinMapWithoutTheResponseCircuitRefusesTheLoop() throws Exception {
        PinMap plain = RigFixtures.examplePins();
        Context pi4j = RigFixtures.platform(plain);
        VirtualClock clock = new VirtualClock(0);
        try {
            assertThatThrownBy(() -> RigRun.run(RigFixtures.example("closed-loop-tonic.json"), plain, pi4j, clock,
                    new RigRun.Options(1_000_000_000L, RunnerSettings.DEFAULTS, new VirtualTimeIdleStrategy(clock),
                            false, 1_000_000_000L).closedLoop(settings(), SLOPE, 1.0), line -> { }))
                    .hasMessageContaining("\"ecap\" input");
            assertThat(RigFixtures.linesNotSafe(pi4j, plain)).isEqualTo(List.of());
        } finally {
            pi4j.shutdown();
        }
    }
}
