package io.dorsal.rig.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.rig.sim.SimulatedBalance;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rig pump's measured output (issue 13, item 3): a laboratory balance on a serial line, read through Pi4J's mock
 * serial provider, its lines in the formats balances print, and the run's delivery judged against it.
 */
class BalanceTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final long NS_PER_HOUR = 3_600_000_000_000L;
    private static final BalanceSettings SETTINGS = new BalanceSettings("/dev/ttyUSB0", 9_600, 1.0);

    private final VirtualClock clock = new VirtualClock();
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform())
            .add(MockDigitalOutputProvider.newInstance()).build();

    @AfterEach
    void shutdown() {
        pi4j.shutdown();
    }

    @Test
    void readsTheWeightInEachCommonFormatAndSkipsUnstableOrUnreadableLines() throws IOException {
        assertThat(LabBalance.parseGrams("+    12.3456 g")).hasValue(12.3456);
        assertThat(LabBalance.parseGrams("ST,+00012.3456  g")).hasValue(12.3456);
        assertThat(LabBalance.parseGrams("N     +12.3456 g")).hasValue(12.3456);
        assertThat(LabBalance.parseGrams("   12.3456 g")).hasValue(12.3456);
        assertThat(LabBalance.parseGrams("12345.6 mg").getAsDouble()).isCloseTo(12.3456, within(1e-9));
        assertThat(LabBalance.parseGrams("-     0.0021 g")).hasValue(-0.0021);
        assertThat(LabBalance.parseGrams("US,+00012.3456  g")).isEmpty();
        assertThat(LabBalance.parseGrams("+    12.34?? g")).isEmpty();
        assertThat(LabBalance.parseGrams("OL")).isEmpty();

        SimulatedBalance line = new SimulatedBalance(0, 1, 1);
        LabBalance balance = new LabBalance(line);
        line.send("+   10.0000 g\r\nUS,+00011.0000  g\r\nE\r\n+   10.25");
        OptionalDouble first = balance.grams();
        line.send("00 g\r\n");

        assertThat(first).as("the unstable line and the unfinished one are not taken").hasValue(10.0);
        assertThat(balance.grams()).hasValue(10.25);
        assertThat(balance.unreadableLines()).isEqualTo(2);
    }

    private BalanceCheck dayOfMorphine(double deliveredFraction) throws Exception {
        PumpPins pins = PumpPins.read(EXAMPLES.resolve("rig-pump-pins.json"));
        StepperPump stepper = new StepperPump(pi4j, pins, clock);
        RigPumpRun run = new RigPumpRun(new PumpFirmware(clock), stepper, pins,
                PrescriptionCodec.read(EXAMPLES.resolve("pump-morphine.json")));
        SimulatedBalance scale = new SimulatedBalance(50.0, deliveredFraction, 1.0);
        LabBalance balance = new LabBalance(scale);
        scale.print(0);
        run.weighWith(balance, SETTINGS.densityGPerMl());
        for (int hour = 1; hour <= 24; hour++) {
            clock.setNs(hour * NS_PER_HOUR);
            run.tick();
            scale.print(run.pumpedUl());
        }
        run.stop();
        return run.balanceCheck().orElseThrow();
    }

    @Test
    void aPumpThatDeliversWhatItsCalibrationSaysAgreesWithTheBalance() throws Exception {
        BalanceCheck check = dayOfMorphine(1.0);

        // 3 mg/day at 10 mg/mL: 300 uL pumped, 0.300 g on the balance
        assertThat(check.pumpedUl()).isCloseTo(300.0, within(0.5));
        assertThat(check.measuredUl()).isCloseTo(300.0, within(0.5));
        assertThat(check.within()).isTrue();
        assertThat(check.describe()).contains("300.0 uL measured against 300.0 uL pumped", "agrees");
    }

    @Test
    void aPartialOcclusionShowsAsLessOnTheBalanceWithItsLikelyCauses() throws Exception {
        BalanceCheck check = dayOfMorphine(0.8);

        assertThat(check.measuredUl()).isCloseTo(240.0, within(0.5));
        assertThat(check.within()).isFalse();
        assertThat(check.describe()).contains("-20.0 %", "LESS than pumped", "occlusion", "calibration");
    }

    @Test
    void theToleranceHoldsAtItsEdgeAndNotPastIt() {
        // 10 % of 300 uL plus 5 uL: 35 uL either way
        assertThat(new BalanceCheck(300, 335).within()).isTrue();
        assertThat(new BalanceCheck(300, 265).within()).isTrue();
        assertThat(new BalanceCheck(300, 335.1).within()).isFalse();
        assertThat(new BalanceCheck(300, 264.9).within()).isFalse();
        assertThat(new BalanceCheck(300, 336).describe()).contains("MORE than pumped");
    }

    @Test
    void aPinMapBalanceIsReadAndCheckedLikeEveryField() throws IOException {
        String pins = """
                {"stepBcm": 23, "dirBcm": 24, "enableBcm": 4, "forwardLevel": 1, "ulPerStep": 0.5,
                 "maxStepRateHz": 2000, "stepPulseUs": 2,
                 "balance": {"device": "/dev/ttyUSB0", "baud": 9600, "densityGPerMl": 1.0}}""";

        assertThat(PumpPins.read(pins).balance()).isEqualTo(SETTINGS);
        assertThatThrownBy(() -> PumpPins.read(pins.replace("9600", "300"))).isInstanceOf(IOException.class)
                .hasMessageContaining("balance.baud must be 1200 to 115200: 300");
        assertThatThrownBy(() -> PumpPins.read(pins.replace("\"densityGPerMl\": 1.0", "\"densityGPerMl\": 5.0")))
                .isInstanceOf(IOException.class).hasMessageContaining("densityGPerMl must be 0.5 to 2.0");
        assertThat(PumpPins.read(EXAMPLES.resolve("rig-pump-pins.json")).balance()).as("optional").isNull();
    }
}
