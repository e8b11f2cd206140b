package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** stimctl rig safe: what the service unit runs after serve ends, however it ended. */
class RigSafeTest {

    @Test
    void drivesEveryLineSafeAndSaysSo() {
        CliRun run = CliRun.stimctl("rig", "safe", "--pins", "../examples/rig-pins.json", "--mock");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.outLines()).singleElement().asString().startsWith("every line at its safe level (Dorsal bench rig");
    }

    @Test
    void aMissingPinMapIsRefusedAndTouchesNoPin() {
        CliRun run = CliRun.stimctl("rig", "safe", "--pins", "no-such-map.json", "--mock");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no-such-map.json").contains("no pin was touched");
        assertThat(run.out()).isEmpty();
    }
}
