package io.dorsal.rig.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.plugin.mock.platform.MockPlatform;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.infusion.prescription.InfusionMode;
import io.dorsal.infusion.prescription.Prescription;
import io.dorsal.rig.FaultyMockDigitalOutputProvider;
import io.dorsal.rig.output.LineTrace;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RigPumpRunTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final long NS_PER_HOUR = 3_600_000_000_000L;

    private final VirtualClock clock = new VirtualClock();
    private final FaultyMockDigitalOutputProvider outputs = new FaultyMockDigitalOutputProvider();
    private final Context pi4j = Pi4J.newContextBuilder().add(new MockPlatform()).add(outputs).build();

    @AfterEach
    void shutdown() {
        outputs.failWrites(-1, -1, 0);
        pi4j.shutdown();
    }

    private static PumpPins pins() throws IOException {
        return PumpPins.read(EXAMPLES.resolve("rig-pump-pins.json"));
    }

    private static Prescription morphine() throws Exception {
        return PrescriptionCodec.read(EXAMPLES.resolve("pump-morphine.json"));
    }

    @Test
    void provisionsTheDriverDisabledAndStepsTheFirmwaresVolumeAtTheCalibration() throws Exception {
        StepperPump stepper = new StepperPump(pi4j, pins(), clock);
        assertThat(stepper.enabled()).isFalse();
        RigPumpRun run = new RigPumpRun(new PumpFirmware(clock), stepper, pins(), morphine());
        for (int hour = 1; hour <= 24; hour++) {
            clock.setNs(hour * NS_PER_HOUR);
            run.tick();
        }
        // 3 mg/day at 10 mg/mL: 300 uL, 600 steps of 0.5 uL, within one step of what the firmware delivered
        assertThat(run.firmware().deliveredUl()).isCloseTo(300.0, within(0.25));
        assertThat(run.pumpedUl()).isCloseTo(run.firmware().deliveredUl(), within(0.5));
        assertThat(stepper.steps()).isEqualTo(600);
        assertThat(stepper.enabled()).isTrue();
        run.stop();
        assertThat(stepper.enabled()).isFalse();
    }

    @Test
    void aFailedWriteLeavesTheDriverDisabledAndStopsTheFirmware() throws Exception {
        StepperPump stepper = new StepperPump(pi4j, pins(), clock);
        LineTrace trace = new LineTrace(StepperPump.traceLineNames(), 0, 100_000);
        stepper.startTrace(trace);
        RigPumpRun run = new RigPumpRun(new PumpFirmware(clock), stepper, pins(), morphine());
        clock.setNs(NS_PER_HOUR);
        run.tick();
        outputs.failWrites(pins().stepBcm(), 1, 1);
        clock.setNs(2 * NS_PER_HOUR);
        assertThat(run.tick()).isZero();
        assertThat(stepper.faulted()).isTrue();
        assertThat(stepper.enabled()).isFalse();
        assertThat(run.firmware().delivering()).isFalse();
        StringWriter csv = new StringWriter();
        trace.writeCsv(csv);
        assertThat(csv.toString().strip().lines().reduce((a, b) -> b).orElseThrow()).contains("ENABLE");
    }

    @Test
    void anUnsafePrescriptionMovesNothing() throws Exception {
        StepperPump stepper = new StepperPump(pi4j, pins(), clock);
        Prescription overdose = morphine().withMode(new InfusionMode.SimpleContinuous(30_000));
        assertThatThrownBy(() -> new RigPumpRun(new PumpFirmware(clock), stepper, pins(), overdose))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stepper.steps()).isZero();
        assertThat(stepper.enabled()).isFalse();
    }

    @Test
    void refusesAPinMapWithSharedLinesOrNoCalibration(@TempDir Path dir) throws IOException {
        String good = Files.readString(EXAMPLES.resolve("rig-pump-pins.json"));
        Path shared = dir.resolve("shared.json");
        Files.writeString(shared, good.replace("\"dirBcm\": 24", "\"dirBcm\": 23"));
        assertThatThrownBy(() -> PumpPins.read(shared)).hasMessageContaining("three different lines");
        Path uncalibrated = dir.resolve("zero.json");
        Files.writeString(uncalibrated, good.replace("\"ulPerStep\": 0.5", "\"ulPerStep\": 0"));
        assertThatThrownBy(() -> PumpPins.read(uncalibrated)).hasMessageContaining("ulPerStep must be above 0");
        Path bootHigh = dir.resolve("enable.json");
        Files.writeString(bootHigh, good.replace("\"enableBcm\": 4", "\"enableBcm\": 17"));
        assertThatThrownBy(() -> PumpPins.read(bootHigh)).hasMessageContaining("pulled high at boot");
    }

    @Test
    void refusesAPinMapPastItsSizeOrNotInItsFormOnOneLineWithWhere(@TempDir Path dir) throws IOException {
        String good = Files.readString(EXAMPLES.resolve("rig-pump-pins.json"));
        Path atBound = dir.resolve("at.json");
        Files.writeString(atBound, good + " ".repeat(PumpPins.MAX_FILE_BYTES - good.length()));
        assertThat(PumpPins.read(atBound).stepBcm()).isEqualTo(23);
        Path past = dir.resolve("past.json");
        Files.writeString(past, good + " ".repeat(PumpPins.MAX_FILE_BYTES - good.length() + 1));
        assertThatThrownBy(() -> PumpPins.read(past)).hasMessage("the file is larger than 16,384 bytes; limit 16,384 bytes");
        assertThatThrownBy(() -> PumpPins.read(good.replace("\"ulPerStep\": 0.5", "\"ulPerStep\": 0.5,\n  \"step\\nRate\": 1")))
                .hasMessageStartingWith("line 7, column 3: step\\nRate: unknown field 'step\\nRate'; expected one of [")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> PumpPins.read(good.replace("\"stepPulseUs\": 2", "\"stepPulseUs\": 2.5")))
                .hasMessageContaining("stepPulseUs: expected a whole number, found 2.5");
        assertThatThrownBy(() -> PumpPins.read(good.replace("\"stepBcm\": 23", "\"stepBcm\": \"23\"")))
                .hasMessageContaining("stepBcm: expected a whole number, found \"23\"");
        assertThatThrownBy(() -> PumpPins.read(good.replace("\"stepBcm\": 23", "\"stepBcm\": 23, \"stepBcm\": 22")))
                .hasMessageContaining("Duplicate field 'stepBcm'");
    }
}
