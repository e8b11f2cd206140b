package io.dorsal.rig.runtime;

import io.dorsal.rig.sim.SimulatedSpiProvider;
import static org.assertj.core.api.Assertions.assertThat;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.FaultyMockDigitalOutputProvider;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.pins.PinMap;
import java.util.List;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.rig.pins.GpioLine;
import io.dorsal.rig.pins.LineRole;
import io.dorsal.rig.pins.SyncOutput;
import org.junit.jupiter.api.Test;

class SelfTestTest {

    private static final PinMap PINS = RigFixtures.examplePins();

    @Test
    void exercisesEveryLineAndSourceOnceAndReportsThemOk() {
        Context pi4j = RigFixtures.platform(PINS);
        try {
            List<SelfTest.LineResult> results = SelfTest.run(pi4j, PINS, new VirtualClock());

            // every line (the example rig's sync output too) and source exercised, then (the example rig has
            // sensing) the measured checks
            int exercised = PINS.lines().size() + PINS.sources().size() + 1;
            assertThat(results).hasSizeGreaterThan(exercised);
            assertThat(results).allSatisfy(r -> assertThat(r.ok()).as(r.line() + ": " + r.detail()).isTrue());
            assertThat(results.subList(0, exercised)).extracting(SelfTest.LineResult::line)
                    .contains(PINS.sync().orElseThrow().name());
            // the enable line is exercised last, once every contact line is back at its safe level
            assertThat(results.get(exercised - 1).line()).isEqualTo("ENABLE");
            assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }

    @Test
    void reportsASyncOutputThatDoesNotMarkAndLeavesItSafe() {
        SyncOutput sync = PINS.sync().orElseThrow();
        // its pulse-level write fails once: an oscilloscope would see no marks
        assertOnlyFailingLineReportedAndAllSafe(sync.name(), sync.bcm(), sync.activeLevel());
    }

    @Test
    void waitsOnARealClockAsTheRunnerDoesAndMovesAVirtualOne() {
        assertThat(SelfTest.idleFor(io.dorsal.core.time.SystemClock.INSTANCE))
                .isInstanceOf(ParkThenSpinIdleStrategy.class);
        assertThat(SelfTest.idleFor(new VirtualClock())).isInstanceOf(VirtualTimeIdleStrategy.class);
    }

    @Test
    void reportsALineThatFailsAndStillLeavesEveryLineSafe() {
        // an active-high contact line whose switch-on write fails; the measured part (the simulated load behind the
        // simulated SPI bus, which the DAC needs) then finds its switch working
        GpioLine failing = PINS.lines().get(PINS.lineOf(ContactId.parse("L1.2"), LineRole.CATHODE));
        assertOnlyFailingLineReportedAndAllSafe(failing.name(), failing.bcm(), 1);
    }

    /** The self-test with one write of {@code level} to GPIO {@code bcm} failing: that line alone fails, all end safe. */
    private static void assertOnlyFailingLineReportedAndAllSafe(String name, int bcm, int level) {
        FaultyMockDigitalOutputProvider outputs = new FaultyMockDigitalOutputProvider();
        Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(outputs, MockPwmProvider.newInstance(),
                new SimulatedSpiProvider()).build();
        try {
            outputs.failWrites(bcm, level, 1);

            List<SelfTest.LineResult> results = SelfTest.run(pi4j, PINS, new VirtualClock());

            assertThat(results).filteredOn(r -> !r.ok()).extracting(SelfTest.LineResult::line).containsExactly(name);
            assertThat(RigFixtures.linesNotSafe(pi4j, PINS)).isEmpty();
        } finally {
            pi4j.shutdown();
        }
    }
}
