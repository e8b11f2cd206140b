package io.dorsal.rig.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.rig.RigFixtures;
import io.dorsal.rig.output.Pi4jOutputStage;
import io.dorsal.rig.pins.PinMap;
import io.dorsal.rig.pins.Sensing;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RigRun;
import io.dorsal.rig.sense.Mcp3008;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulated load's readings follow what was driven, through the real ADC driver on the simulated SPI bus. */
class SimulatedFrontEndTest {

    private static final PinMap PINS = RigFixtures.examplePins();
    private static final Sensing SENSING = PINS.sensing().orElseThrow();

    private final VirtualClock clock = new VirtualClock();
    private final Context pi4j = RigPlatform.mock();
    private final Pi4jOutputStage stage =
            new Pi4jOutputStage(pi4j, PINS, clock, RigRun.PWM_LEAD_NS, RigRun.MIN_PWM_INTERVAL_NS);
    private final SimulatedFrontEnd frontEnd = SimulatedFrontEnd.attach(pi4j, PINS, clock);
    private final Mcp3008 adc = Mcp3008.open(pi4j, SENSING.chipSelect());

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    private void set(String line, boolean active) {
        int i = PINS.lines().stream().map(l -> l.name()).toList().indexOf(line);
        int level = active ? PINS.lines().get(i).activeLevel() : PINS.lines().get(i).safeLevel();
        pi4j.registry().get("dorsal-" + line, DigitalOutput.class).state(level == 1 ? DigitalState.HIGH : DigitalState.LOW);
    }

    /** Sets a source's current through the stage's DAC, as the stage would (its code from the calibration). */
    private void milliamps(int source, double ma) {
        stage.amplitude(source).set(PINS.sources().get(source).calibration().exactDutyFor(ma * 1_000));
    }

    private double sourceMa(int source) {
        return SENSING.sourceMa(source, adc.read(SENSING.sourceChannel().get(source)));
    }

    @Test
    void currentFlowsOnlyThroughAClosedCathodeAndAnodeWithEnableOn() {
        milliamps(0, 3.0);
        milliamps(1, 3.0);
        set("L1_2_K", true);
        set("L1_3_A", true);

        assertThat(sourceMa(0)).isZero();

        set("ENABLE", true);

        // 3 mA through 1 kOhm + 1 kOhm: 6 V across the path; ADC quantisation is 3.2 uA and 32 mV here
        assertThat(sourceMa(0)).isCloseTo(3.0, within(0.01));
        assertThat(sourceMa(1)).isCloseTo(3.0, within(0.01));
        assertThat(SENSING.pathV(adc.read(SENSING.pathChannel()))).isCloseTo(6.0, within(0.04));
        assertThat(frontEnd.contactMa(ContactId.parse("L1.2"))).isCloseTo(-3.0, within(1e-9));
        assertThat(frontEnd.contactMa(ContactId.parse("L1.3"))).isCloseTo(3.0, within(1e-9));
    }

    @Test
    void theCouplingCapacitorsHoldWhatFlowedAndDischargeGivesItBack() {
        milliamps(0, 3.0);
        milliamps(1, 3.0);
        set("L1_2_K", true);
        set("L1_3_A", true);
        set("ENABLE", true);
        clock.advanceNs(300_000);
        set("ENABLE", false);

        // 3 mA x 300 us = 0.9 uC, cathodic on L1.2 and anodic on L1.3
        assertThat(frontEnd.heldChargeUc(ContactId.parse("L1.2"))).isCloseTo(-0.9, within(1e-9));
        assertThat(frontEnd.heldChargeUc(ContactId.parse("L1.3"))).isCloseTo(0.9, within(1e-9));

        set("DISCHARGE", true);
        clock.advanceNs(10_000_000); // one time constant: 1 kOhm x 10 uF

        assertThat(frontEnd.heldChargeUc(ContactId.parse("L1.2"))).isCloseTo(-0.9 / Math.E, within(1e-9));
    }

    @Test
    void theWeakerSourceSetsThePathCurrent() {
        milliamps(0, 2.0);
        milliamps(1, 5.0);
        set("L1_2_K", true);
        set("L1_3_A", true);
        set("ENABLE", true);

        assertThat(sourceMa(1)).isCloseTo(2.0, within(0.01));
    }
}
