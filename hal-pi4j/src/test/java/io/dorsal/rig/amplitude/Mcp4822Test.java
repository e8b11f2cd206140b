package io.dorsal.rig.amplitude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.context.Context;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.sim.SimulatedMcp4822;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The MCP4822 driver on Pi4J's SPI (the simulated provider behind the mock platform): the words it sends are the
 * part's write commands (DS22249A register 5-1), decoded as the part decodes them.
 */
class Mcp4822Test {

    private final Context pi4j = RigPlatform.mock();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void setsEachDacToItsCodeAtItsGainAndLeavesTheOtherAlone() {
        SimulatedMcp4822 part = SimulatedMcp4822.attach(pi4j, 0);
        Mcp4822 dac = Mcp4822.open(pi4j, 0, 2);

        dac.write(0, 1234);
        dac.write(1, Mcp4822.MAX_CODE);

        assertThat(part.code(0)).isEqualTo(1234);
        assertThat(part.code(1)).isEqualTo(4095);
        // gain 2: 1 mV per code from the 2.048 V reference
        assertThat(part.outputV(0)).isCloseTo(1.234, within(1e-9));
        assertThat(part.outputV(1)).isCloseTo(4.095, within(1e-9));
        assertThat(part.writes()).isEqualTo(2);
        assertThat(part.malformed()).isZero();
    }

    @Test
    void gainOneHalvesTheFullScale() {
        SimulatedMcp4822 part = SimulatedMcp4822.attach(pi4j, 0);

        Mcp4822.open(pi4j, 0, 1).write(1, 2048);

        assertThat(part.outputV(1)).isCloseTo(1.024, within(1e-9));
    }

    @Test
    void shutdownTakesTheOutputToZeroWhateverTheCode() {
        SimulatedMcp4822 part = SimulatedMcp4822.attach(pi4j, 0);
        Mcp4822 dac = Mcp4822.open(pi4j, 0, 2);
        dac.write(0, 3000);

        dac.shutdown(0);

        assertThat(part.outputV(0)).isZero();
    }

    @Test
    void aDacOnOneChipSelectDoesNotSeeWritesToTheOther() {
        SimulatedMcp4822 ce0 = SimulatedMcp4822.attach(pi4j, 0);
        SimulatedMcp4822 ce1 = SimulatedMcp4822.attach(pi4j, 1);

        Mcp4822.open(pi4j, 1, 2).write(0, 777);

        assertThat(ce1.code(0)).isEqualTo(777);
        assertThat(ce0.writes()).isZero();
    }

    @Test
    void refusesCodesAndChannelsThePartDoesNotHaveAtAndPastTheEdge() {
        SimulatedMcp4822.attach(pi4j, 0);
        Mcp4822 dac = Mcp4822.open(pi4j, 0, 2);

        dac.write(0, 0);
        dac.write(1, 4095);
        assertThatThrownBy(() -> dac.write(0, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dac.write(0, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dac.write(2, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Mcp4822(null, 3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAmplitudeOutputWritesTheCodeAndRemembersIt() {
        SimulatedMcp4822 part = SimulatedMcp4822.attach(pi4j, 0);
        AmplitudeOutput b = new DacAmplitude(Mcp4822.open(pi4j, 0, 2), 1);

        b.set(2500);

        assertThat(b.setting()).isEqualTo(2500);
        assertThat(b.steps()).isEqualTo(4095);
        assertThat(part.code(1)).isEqualTo(2500);
    }
}
