package io.dorsal.programmer.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.generator.PulseGenerator;
import io.dorsal.core.output.SimulatedOutputStage;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.link.server.LinkServer;
import io.dorsal.link.server.ServerSettings;
import io.dorsal.programmer.model.SessionLog;
import io.dorsal.programmer.pump.PumpField;
import io.dorsal.programmer.pump.PumpModel;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pump workspace over a rig's pump (issue 13, item 4): the same model as over the embedded pump, every command
 * the rig's pump command over a real link server on loopback, validated and checked on the rig.
 */
class RigPumpTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    private final VirtualClock pumpClock = new VirtualClock(0);
    private final PumpFirmware firmware = new PumpFirmware(pumpClock);
    private AuditLog audit;
    private LinkServer server;
    private Identity programmer;
    private int port;

    private void serve(boolean withPump) throws Exception {
        Identity rig = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        audit = AuditLog.open(dir.resolve("audit.log"), System::currentTimeMillis);
        if (withPump) {
            firmware.fill(PrescriptionCodec.read(EXAMPLES.resolve("pump-morphine.json")));
        }
        server = new LinkServer(rig, new PulseGenerator(new VirtualClock(0), new SimulatedOutputStage()), audit,
                ServerSettings.DEFAULTS, System::currentTimeMillis, withPump ? firmware : null);
        port = server.start(InetAddress.getLoopbackAddress(), 0);
        programmer = Identity.openOrCreate(dir.resolve("programmer"), "dr-ada", Role.CLINICIAN);
        LinkClient.pair("127.0.0.1", port, programmer, Pairing.open(rig, Role.CLINICIAN, System.currentTimeMillis())
                .code());
    }

    @AfterEach
    void close() throws Exception {
        if (server != null) {
            server.close();
            audit.close();
        }
    }

    private PumpField field(PumpModel model, String name) {
        return model.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theWorkspaceProgramsTheRigsPumpThroughItsValidatorAndSeesItsState() throws Exception {
        serve(true);
        SessionLog log = new SessionLog(java.time.Clock.systemUTC());
        try (RigPump device = RigPump.connect("127.0.0.1", port, programmer)) {
            PumpModel model = new PumpModel(device, log, "dr-ada");

            assertThat(model.simulated()).isFalse();
            assertThat(model.deviceDescription()).contains("morphine", "the rig at 127.0.0.1:" + port);
            assertThat(model.statusProperty().get().reservoirUl()).isEqualTo(20_000.0);
            field(model, "dosePerDay").valueProperty().set(2);
            model.program();

            assertThat(model.messageProperty().get()).startsWith("Programmed:");
            assertThat(firmware.status().rateUlPerDay()).as("the rig's own pump runs the new dose").isEqualTo(200.0);
            assertThat(model.statusProperty().get().rateUlPerDay()).isEqualTo(200.0);
            model.requestBolus();
            assertThat(model.bolusMessageProperty().get()).startsWith("Bolus given");
            model.requestBolus();
            assertThat(model.bolusMessageProperty().get()).startsWith("Bolus refused").contains("lockout");
            model.suspend();
            assertThat(firmware.status().suspended()).isTrue();
            model.advanceHours(24);
            assertThat(model.messageProperty().get()).as("a rig's pump runs on its own clock")
                    .doesNotContain("h passed");
            assertThat(model.interrogationReport()).contains("interrogation", "SUSPENDED", "morphine");
            assertThat(log.entries()).extracting(e -> e.action()).contains("pump connected", "pump programmed",
                    "pump bolus", "pump suspended");
        }
    }

    @Test
    void aRefillWhoseDrawBackDisagreesIsRefusedByTheRigAndNothingChanges() throws Exception {
        serve(true);
        try (RigPump device = RigPump.connect("127.0.0.1", port, programmer)) {
            PumpModel model = new PumpModel(device, new SessionLog(java.time.Clock.systemUTC()), "dr-ada");
            // nothing delivered yet: 20 mL expected back; 12 mL is a discrepancy on the rig too
            assertThat(device.refill(device.prescription(), 12.0)).hasValueSatisfying(r ->
                    assertThat(r).contains("refill discrepancy"));
            assertThat(firmware.reservoirUl()).isEqualTo(20_000.0);
            model.drawnMlProperty().set(20.0);
            model.checkRefill();
            model.fill();
            assertThat(model.messageProperty().get()).startsWith("Refilled:");
        }
    }

    @Test
    void aRigThatServesNoPumpIsRefusedWithHowToStartOne() throws Exception {
        serve(false);

        assertThatThrownBy(() -> RigPump.connect("127.0.0.1", port, programmer)).isInstanceOf(IOException.class)
                .hasMessageContaining("serves no filled drug pump", "stimctl serve --pump");
    }
}
