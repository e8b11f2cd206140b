package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Role;
import io.dorsal.rig.RigFixturesForCli;
import io.dorsal.rig.platform.RigPlatform;
import io.dorsal.rig.runtime.RunnerSettings;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench engineer pairs with a served mock rig and drives it from the command line, as docs/security.md shows. */
class StimctlLinkTest {

    private static final String EXAMPLES = Path.of("..", "examples").toString();

    @TempDir
    Path dir;

    private RigService rig;
    private String address;



    @BeforeEach
    void serve() throws Exception {
        Identity identity = Identity.openOrCreate(dir.resolve("rig"), "bench-rig", Role.RIG);
        AuditLog audit = AuditLog.open(dir.resolve("rig/audit.log"), System::currentTimeMillis);
        rig = new RigService(RigPlatform.mock(), RigFixturesForCli.pins(), identity, audit,
                Optional.of(RigFixturesForCli.therapy("rig-tonic.json")), InetAddress.getLoopbackAddress(), 0,
                RunnerSettings.DEFAULTS.withFaultLatenessNs(60_000_000_000L).withOverrunBoundNs(60_000_000_000L));
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
        List<String> args = new java.util.ArrayList<>(List.of("remote", "--connect", address, "--identity",
                dir.resolve(identity).toString(), "--name", identity));
        args.addAll(List.of(command));
        return stimctl(args.toArray(String[]::new));
    }

    @Test
    void aClinicianPairsThenStepsAmplitudeAndSeesTheRigsState() {
        CliRun paired = remote("dr-ada", "pair", pairingCode("clinician"));
        assertThat(paired.exitCode()).as(paired.err()).isZero();
        assertThat(paired.out()).contains("role clinician");

        CliRun down = remote("dr-ada", "amplitude", "tonic", "-0.5");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("tonic", "2.5 mA");
        assertThat(rig.generator().therapy().orElseThrow().therapy().program("tonic").orElseThrow().amplitudeMa())
                .isEqualTo(2.5);
    }

    @Test
    void theServedRigsImpedanceCheckMeasuresThroughItsSensingAndNeverWhileStimulating() {
        // the example rig has a sensing front end, so the check is wired to measure; with therapy on it must not
        var report = rig.generator().checkImpedance("dr-ada");

        assertThat(report.contacts()).isNotEmpty().allSatisfy(c -> assertThat(c.measured()).isFalse());
        assertThat(rig.generator().log().entries().getLast().message())
                .contains("not measured while stimulation is on");
    }

    @Test
    void anUnsafeStepIsRefusedWithItsRuleAndTheRigKeepsItsTherapy() {
        remote("dr-ada", "pair", pairingCode("clinician"));

        CliRun up = remote("dr-ada", "amplitude", "tonic", "+5");

        assertThat(up.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(up.err()).contains("(rule: charge density)");
        assertThat(up.out()).contains("3.0 mA");
    }

    @Test
    void aFileThatCannotBeSentIsRefusedWithItsNameBeforeConnecting() throws Exception {
        remote("dr-ada", "pair", pairingCode("clinician"));
        Path notUtf8 = java.nio.file.Files.write(dir.resolve("latin1.json"), new byte[] {'{', (byte) 0xE9, '}'});
        Path large = java.nio.file.Files.writeString(dir.resolve("large.json"), " ".repeat(64 * 1024 + 1));

        CliRun missing = remote("dr-ada", "apply", dir.resolve("missing.json").toString());
        CliRun latin1 = remote("dr-ada", "apply", notUtf8.toString());
        CliRun tooLarge = remote("dr-ada", "pump-program", large.toString());

        assertThat(missing.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(missing.err().strip()).startsWith(dir.resolve("missing.json") + ": cannot read the file: no such file")
                .doesNotContain("\n");
        assertThat(latin1.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(latin1.err()).contains("latin1.json: cannot read the file: io (not UTF-8 text)");
        assertThat(tooLarge.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(tooLarge.err()).contains("large.json: the file is larger than 65,536 bytes; limit 65,536 bytes");
        assertThat(rig.generator().therapy().orElseThrow().therapy().program("tonic")).isPresent();
    }

    @Test
    void aClinicianSendsProgramSetsAndThePatientSwitchesOnlyToTheSetsAllowed() {
        remote("dr-ada", "pair", pairingCode("clinician"));
        remote("remote-7", "pair", pairingCode("patient"));

        CliRun sent = remote("dr-ada", "apply", EXAMPLES + "/rig-program-sets.json");
        CliRun night = remote("remote-7", "select-set", "night");
        CliRun clinic = remote("remote-7", "select-set", "clinic");

        assertThat(sent.exitCode()).as(sent.err()).isZero();
        assertThat(sent.out()).contains("set day", "running, the patient may choose it", "set clinic");
        assertThat(night.exitCode()).as(night.err()).isZero();
        assertThat(night.out()).contains("set night", "running");
        assertThat(rig.generator().therapy().orElseThrow().therapy().program("burst")).isPresent();
        assertThat(clinic.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(clinic.err()).contains("set 'clinic'", "not allowed");
        assertThat(rig.generator().programSets().orElseThrow().activeSet()).isEqualTo("night");
    }

    @Test
    void aPatientRemoteMayNotApplyAProgramFile() {
        remote("remote-7", "pair", pairingCode("patient"));

        CliRun apply = remote("remote-7", "apply", EXAMPLES + "/rig-burst.json");

        assertThat(apply.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(apply.err()).contains("role patient may not apply");
    }

    @Test
    void anUnpairedProgrammerIsRefusedAndEveryConnectionIsInTheVerifiedAuditLog() throws Exception {
        remote("dr-ada", "pair", pairingCode("clinician"));
        remote("dr-ada", "stop");

        CliRun stranger = remote("stranger", "status");

        assertThat(stranger.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(stranger.err()).contains("has not paired");
        assertThat(rig.generator().mode(System.nanoTime())).isEqualTo(GeneratorMode.OFF);
        CliRun verify = stimctl("log", "verify", dir.resolve("rig/audit.log").toString());
        assertThat(verify.exitCode()).isZero();
        assertThat(verify.out()).contains("intact");
        assertThat(Files.readString(dir.resolve("rig/audit.log"))).contains("\"event\":\"pair\"", "\"detail\":\"stop\"");
    }

    @Test
    void aTamperedAuditLogFailsVerification() throws Exception {
        remote("dr-ada", "pair", pairingCode("clinician"));
        Path log = dir.resolve("rig/audit.log");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(log));
        lines.set(0, lines.get(0).replace("serving on", "serving at"));
        Files.write(log, lines);

        CliRun verify = stimctl("log", "verify", log.toString());

        assertThat(verify.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(verify.err()).contains("NOT intact at line 1", "altered");
    }

    @Test
    void aRevokedProgrammerIsRefused() {
        remote("dr-ada", "pair", pairingCode("clinician"));

        CliRun revoke = stimctl("peers", "--identity", dir.resolve("rig").toString(), "revoke", "dr-ada");
        CliRun after = remote("dr-ada", "status");

        assertThat(revoke.exitCode()).isZero();
        assertThat(after.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(after.err()).contains("revoked");
    }
}
