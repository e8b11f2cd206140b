package io.dorsal.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.link.audit.AuditLog;
import io.dorsal.link.client.LinkClient;
import io.dorsal.link.client.LinkRefusedException;
import io.dorsal.link.identity.Identity;
import io.dorsal.link.identity.Pairing;
import io.dorsal.link.identity.Role;
import io.dorsal.link.wire.Messages;
import io.dorsal.link.wire.Messages.Command;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkTest {

    @TempDir
    Path dir;

    LinkFixture rig;

    @BeforeEach
    void start() throws Exception {
        rig = new LinkFixture(dir);
    }

    @AfterEach
    void stop() throws Exception {
        rig.close();
    }

    private List<String> auditLines() throws Exception {
        return Files.readAllLines(rig.audit.file());
    }

    @Test
    void aClinicianPairsWithTheCodeAndThenGetsASessionInItsRole() throws Exception {
        Identity clinician = rig.identity("dr-ada", Role.CLINICIAN);
        Pairing.Ticket ticket = Pairing.open(rig.rig, Role.CLINICIAN, rig.nowMs.get());

        Role granted = LinkClient.pair("127.0.0.1", rig.port, clinician, ticket.code().toLowerCase());

        assertThat(granted).isEqualTo(Role.CLINICIAN);
        assertThat(rig.rig.trustedPeer(clinician.fingerprint())).hasValueSatisfying(p -> assertThat(p.name())
                .isEqualTo("dr-ada"));
        assertThat(clinician.peers()).singleElement().satisfies(p -> {
            assertThat(p.role()).isEqualTo(Role.RIG);
            assertThat(p.fingerprint()).isEqualTo(rig.rig.fingerprint());
        });
        try (LinkClient client = rig.connect(clinician)) {
            assertThat(client.hello().role()).isEqualTo("CLINICIAN");
            Messages.Response status = client.send(new Command.Status());
            assertThat(status.ok()).isTrue();
            assertThat(status.state().programs()).extracting(Messages.ProgramState::name)
                    .containsExactly("low-back", "left-leg");
        }
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\"event\":\"pair\"", "dr-ada", "\"ok\""));
    }

    @Test
    void aWrongCodeIsRefusedAndUsesTheCodeUp() throws Exception {
        Identity intruder = rig.identity("intruder", Role.CLINICIAN);
        Pairing.Ticket ticket = Pairing.open(rig.rig, Role.CLINICIAN, rig.nowMs.get());
        String wrong = ticket.code().startsWith("0") ? "1" + ticket.code().substring(1) : "0" + ticket.code().substring(1);

        assertThatThrownBy(() -> LinkClient.pair("127.0.0.1", rig.port, intruder, wrong))
                .isInstanceOf(LinkRefusedException.class).hasMessageContaining("wrong pairing code");
        assertThatThrownBy(() -> LinkClient.pair("127.0.0.1", rig.port, intruder, ticket.code()))
                .isInstanceOf(LinkRefusedException.class).hasMessageContaining("no pairing code is open");
        assertThat(rig.rig.trustedPeer(intruder.fingerprint())).isEmpty();
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("wrong pairing code", "refused"));
    }

    @Test
    void anExpiredCodeIsRefused() throws Exception {
        Identity late = rig.identity("late", Role.CLINICIAN);
        Pairing.Ticket ticket = Pairing.open(rig.rig, Role.CLINICIAN, rig.nowMs.get());
        rig.nowMs.addAndGet(Pairing.CODE_LIFETIME_MS + 1);

        assertThatThrownBy(() -> LinkClient.pair("127.0.0.1", rig.port, late, ticket.code()))
                .hasMessageContaining("expired");
    }

    @Test
    void anUnpairedCertificateIsRefusedLoggedAndChangesNothing() throws Exception {
        Identity stranger = rig.identity("stranger", Role.CLINICIAN);
        // the stranger pins the rig's certificate (say it copied it) but the rig does not know the stranger
        stranger.addPeer(new io.dorsal.link.identity.Peer("bench-rig", Role.RIG, rig.rig.fingerprint(),
                io.dorsal.link.identity.Certificates.toPem(rig.rig.certificate()), 0, false));
        String before = rig.therapy();

        assertThatThrownBy(() -> rig.connect(stranger)).isInstanceOf(LinkRefusedException.class)
                .hasMessageContaining("unpaired certificate");
        assertThat(rig.therapy()).isEqualTo(before);
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("\"event\":\"refused\"", "unpaired certificate"));
    }

    @Test
    void aClientRefusesARigItDidNotPairWith() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkFixture impostor = new LinkFixture(dir.resolve("other"))) {
            assertThatThrownBy(() -> LinkClient.connect("127.0.0.1", impostor.port, clinician))
                    .isInstanceOf(SSLException.class);
        }
    }

    @Test
    void aRevokedProgrammerIsRefused() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);

        assertThat(rig.rig.revoke("dr-ada")).isTrue();

        assertThatThrownBy(() -> rig.connect(clinician)).isInstanceOf(LinkRefusedException.class)
                .hasMessageContaining("revoked");
    }

    @Test
    void aClinicianAppliesAProgramFileAndSeesTheGeneratorsActualState() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Response applied = client.send(new Command.Apply(LinkFixture.example("burst.json")));

            assertThat(applied.ok()).as(String.valueOf(applied.problems())).isTrue();
            assertThat(applied.state().programs()).extracting(Messages.ProgramState::name).containsExactly("burst");
            assertThat(applied.state().programFile()).isEqualTo(rig.therapy());
        }
        assertThat(auditLines()).anySatisfy(l -> assertThat(l).contains("dr-ada", "CLINICIAN", "apply", "applied"));
    }

    @Test
    void anUnsafeProgramFileIsRefusedWithItsRuleAndTheTherapyIsUnchanged() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        String before = rig.therapy();
        String unsafe = LinkFixture.example("two-programs.json").replace("\"amplitudeMa\": 4.0", "\"amplitudeMa\": 9.0");
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Response refused = client.send(new Command.Apply(unsafe));

            assertThat(refused.ok()).isFalse();
            assertThat(refused.problems()).anySatisfy(p -> assertThat(p).contains("(rule: charge density)"));
            assertThat(refused.state().programFile()).isEqualTo(before);
        }
        assertThat(rig.therapy()).isEqualTo(before);
    }

    @Test
    void aPatientMayStepAmplitudeInsideItsRangeButNotChangeThePrograms() throws Exception {
        Identity patient = rig.paired("remote-7", Role.PATIENT);
        try (LinkClient client = rig.connect(patient)) {
            String before = rig.therapy();
            Messages.Response program = client.send(new Command.Apply(LinkFixture.example("burst.json")));
            assertThat(program.ok()).isFalse();
            assertThat(program.problems()).singleElement().satisfies(p -> assertThat(p).contains("role patient may not apply"));
            assertThat(rig.therapy()).isEqualTo(before);

            Messages.Response up = client.send(new Command.Amplitude("low-back", 0.5));
            assertThat(up.ok()).isTrue();
            assertThat(up.state().programs().get(0).amplitudeMa()).isEqualTo(4.5);

            // the patient range of low-back is 2 to 6 mA
            Messages.Response tooFar = client.send(new Command.Amplitude("low-back", 2.0));
            assertThat(tooFar.ok()).isFalse();
            assertThat(tooFar.problems()).anySatisfy(p -> assertThat(p).contains("(rule: patient range)"));
            assertThat(tooFar.state().programs().get(0).amplitudeMa()).isEqualTo(4.5);

            Messages.Response off = client.send(new Command.Stop());
            assertThat(off.ok()).isTrue();
            assertThat(off.state().mode()).isEqualTo(GeneratorMode.OFF.name());
        }
    }

    @Test
    void aReplayedRequestIsRefusedAndTheConnectionClosed() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Request step = new Messages.Request(client.hello().sessionId(), 1,
                    new Command.Amplitude("left-leg", 0.1));
            assertThat(client.send(step).ok()).isTrue();
            String after = rig.therapy();

            Messages.Response replay = client.send(step);

            assertThat(replay.ok()).isFalse();
            assertThat(replay.problems()).singleElement().satisfies(p -> assertThat(p)
                    .contains("replayed or out-of-order", "seq 1", "expected", "seq 2"));
            assertThat(rig.therapy()).isEqualTo(after);
        }
    }

    @Test
    void aRequestFromAnotherSessionOrOutOfOrderIsRefused() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        String oldSession;
        try (LinkClient first = rig.connect(clinician)) {
            oldSession = first.hello().sessionId();
        }
        try (LinkClient second = rig.connect(clinician)) {
            Messages.Response stale = second.send(new Messages.Request(oldSession, 1, new Command.Stop()));
            assertThat(stale.ok()).isFalse();
        }
        try (LinkClient third = rig.connect(clinician)) {
            Messages.Response skipped = third.send(new Messages.Request(third.hello().sessionId(), 3, new Command.Stop()));
            assertThat(skipped.ok()).isFalse();
        }
        assertThat(rig.generator.mode(0)).isNotEqualTo(GeneratorMode.OFF);
    }

    @Test
    void anExpiredSessionIsRefused() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            rig.nowMs.addAndGet(3_600_000L);

            Messages.Response late = client.send(new Command.Stop());

            assertThat(late.ok()).isFalse();
            assertThat(late.problems()).singleElement().satisfies(p -> assertThat(p).contains("session expired"));
        }
        assertThat(rig.generator.mode(0)).isNotEqualTo(GeneratorMode.OFF);
    }

    @Test
    void aMalformedRequestIsRefusedWithoutTouchingTherapy() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        String before = rig.therapy();
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Response answer = client.sendFrame("{\"sessionId\": 12, \"seq\": \"x\"".getBytes(StandardCharsets.UTF_8));

            assertThat(answer.ok()).isFalse();
            assertThat(answer.problems()).singleElement().satisfies(p -> assertThat(p).contains("malformed request"));
        }
        assertThat(rig.therapy()).isEqualTo(before);
    }

    @Test
    void anOversizedFrameIsRefusedBeforeItIsRead() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician);
             RawLink raw = RawLink.open(rig, clinician)) {
            DataOutputStream out = new DataOutputStream(raw.socket().getOutputStream());
            out.writeInt(100 * 1024 * 1024);
            out.flush();

            Messages.Response answer = raw.response();

            assertThat(answer.problems()).singleElement().satisfies(p -> assertThat(p).contains("104857600 bytes"));
            // another client is still served
            assertThat(client.send(new Command.Status()).ok()).isTrue();
        }
    }

    @Test
    void aClientThatDisconnectsMidCommandChangesNothingAndOthersAreStillServed() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        String before = rig.therapy();
        try (RawLink raw = RawLink.open(rig, clinician)) {
            DataOutputStream out = new DataOutputStream(raw.socket().getOutputStream());
            out.writeInt(500);
            out.write("{\"sessionId\": \"".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        try (LinkClient client = rig.connect(clinician)) {
            assertThat(client.send(new Command.Status()).ok()).isTrue();
        }
        assertThat(rig.therapy()).isEqualTo(before);
    }

    @Test
    void aFloodingClientIsDropped() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Response last = null;
            for (int i = 0; i < 51; i++) {
                last = client.send(new Command.Status());
            }
            assertThat(last.ok()).isFalse();
            assertThat(last.problems()).singleElement().satisfies(p -> assertThat(p).contains("flooding"));
        }
    }

    @Test
    void theAuditChainHoldsAndATamperedEntryIsDetected() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            client.send(new Command.Amplitude("left-leg", 0.1));
            client.send(new Command.Stop());
        }
        rig.close();
        Path log = rig.audit.file();

        AuditLog.Verification intact = AuditLog.verify(log);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.entries()).isGreaterThanOrEqualTo(5);

        List<String> lines = Files.readAllLines(log);
        int victim = lines.size() / 2;
        lines.set(victim, lines.get(victim).replace("\"ok\"", "\"OK\"").replace("applied", "refused"));
        Files.write(log, lines);
        AuditLog.Verification tampered = AuditLog.verify(log);
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.badLine()).isEqualTo(victim + 1);
        assertThat(tampered.problem()).contains("altered");
        rig = new LinkFixture(dir.resolve("fresh"));
    }

    @Test
    void refusalsCarryEachViolationFieldByField() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        try (LinkClient client = rig.connect(clinician)) {
            Messages.Response refused = client.send(new Command.Amplitude("low-back", 3.0));

            assertThat(refused.ok()).isFalse();
            assertThat(refused.details()).anySatisfy(p -> {
                assertThat(p.rule()).isEqualTo("charge density");
                assertThat(p.field()).isEqualTo("contact L1.2");
                assertThat(p.subject()).isEqualTo("program 'low-back'");
            });
        }
    }

    @Test
    void aClinicianRunsTheImpedanceCheckAndReadsTheEventLogButAPatientMayNot() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        Identity patient = rig.paired("remote-7", Role.PATIENT);
        try (LinkClient doctor = rig.connect(clinician); LinkClient remote = rig.connect(patient)) {
            Messages.Response impedance = doctor.send(new Command.Impedance());
            Messages.Response events = doctor.send(new Command.Events());
            Messages.Response refused = remote.send(new Command.Impedance());

            // two 8-contact leads and the can; L1 is modelled at 800 ohm
            assertThat(impedance.impedance()).hasSize(17)
                    .anySatisfy(c -> assertThat(c).isEqualTo(new Messages.ContactImpedance("L1.0", 800.0, "OK")))
                    // a generator without a meter gives the file's figures, and says so
                    .allSatisfy(c -> assertThat(c.wasMeasured()).isFalse());
            assertThat(events.events()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("IMPEDANCE_CHECK"));
            assertThat(refused.ok()).isFalse();
            assertThat(refused.details()).singleElement().satisfies(p -> assertThat(p.rule()).isEqualTo("role"));
        }
    }

    @Test
    void pairingAgainWhenAlreadyPairedSaysSoInsteadOfBlamingTheCode() throws Exception {
        Identity clinician = rig.paired("dr-ada", Role.CLINICIAN);
        Pairing.Ticket ticket = Pairing.open(rig.rig, Role.CLINICIAN, rig.nowMs.get());

        assertThatThrownBy(() -> LinkClient.pair("127.0.0.1", rig.port, clinician, ticket.code()))
                .isInstanceOf(LinkRefusedException.class).hasMessageContaining("already paired");
        try (LinkClient client = rig.connect(clinician)) {
            assertThat(client.hello().protocol()).isEqualTo(Messages.PROTOCOL);
        }
    }
}
