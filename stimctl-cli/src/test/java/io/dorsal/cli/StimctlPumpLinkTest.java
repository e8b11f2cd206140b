package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.time.SystemClock;
import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.infusion.firmware.PumpFirmware;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.rig.RigFixturesForCli;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RunnerSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stimctl remote pump-...} against a rig that serves a drug pump, as a clinician and as a patient. */
class StimctlPumpLinkTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;

    private RigService rig;
    private String address;

    @BeforeEach
    void serve() throws Exception {
        Identity identity = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        AuditLog audit = AuditLog.open(dir.resolve("rig/audit.log"), System::currentTimeMillis);
        PumpFirmware pump = new PumpFirmware(SystemClock.INSTANCE);
        pump.fill(PrescriptionCodec.read(EXAMPLES.resolve("pump-morphine.json")));
        rig = new RigService(RigPlatform.mock(), RigFixturesForCli.pins(), identity, audit, Optional.empty(),
                InetAddress.getLoopbackAddress(), 0,
                RunnerSettings.DEFAULTS.withFaultLatenessNs(60_000_000_000L).withOverrunBoundNs(60_000_000_000L), pump);
        address = "127.0.0.1:" + rig.port();
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private String pairingCode(String role) {
        CliRun pair = stimctl("pair", "--identity", dir.resolve("rig").toString(), "--role", role);
        assertThat(pair.exitCode()).isZero();
        return pair.out().lines().filter(l -> l.startsWith("pairing code ")).findFirst().orElseThrow().split(" ")[2];
    }

    private CliRun remote(String identity, String... command) {
        List<String> args = new ArrayList<>(List.of("remote", "--connect", address, "--identity",
                dir.resolve(identity).toString(), "--name", identity));
        args.addAll(List.of(command));
        return stimctl(args.toArray(String[]::new));
    }

    @Test
    void aPatientGetsOneBolusThenTheLockoutAndMayNotReprogram() {
        assertThat(remote("pat", "pair", pairingCode("patient")).exitCode()).isZero();

        CliRun status = remote("pat", "pump-status");
        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(status.out()).contains("pump morphine 10 mg/mL  reservoir 20.00 mL  rate 0.300 mL/day", "delivering");

        assertThat(remote("pat", "pump-bolus").exitCode()).isZero();
        CliRun again = remote("pat", "pump-bolus");
        assertThat(again.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(again.err()).contains("refused: ", "inside the lockout of 120 min");

        CliRun program = remote("pat", "pump-program", EXAMPLES.resolve("pump-morphine.json").toString());
        assertThat(program.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(program.err()).contains("may only read the pump and request a bolus");
    }

    @Test
    void aClinicianSuspendsAndResumesAndAMalformedVolumeIsAUsageError() {
        assertThat(remote("dr", "pair", pairingCode("clinician")).exitCode()).isZero();

        CliRun suspended = remote("dr", "pump-suspend");
        assertThat(suspended.exitCode()).as(suspended.err()).isZero();
        assertThat(suspended.out()).contains("SUSPENDED");
        assertThat(remote("dr", "pump-resume").out()).contains("delivering");

        CliRun bad = remote("dr", "pump-refill", EXAMPLES.resolve("pump-morphine.json").toString(), "lots");
        assertThat(bad.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(bad.err()).contains("the volume drawn back is in mL");
    }
}
