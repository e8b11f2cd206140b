package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.safety.SafetyRule;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.link.RigLink;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect to rig, without a robot: a session on an embedded generator, a real link server on loopback, the
 * blocking work done on the test thread and the answers run from a {@link UiQueue}.
 */
class ConnectModelTest {

    @TempDir
    Path dir;

    private final UiQueue ui = new UiQueue();
    private final EmbeddedLink embedded = EmbeddedLink.manual(new VirtualClock(0));
    private final Therapy embeddedTherapy = Fixture.example();
    private RigFixture rig;
    private Session session;
    private ConnectModel connect;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RigFixture(dir);
        embedded.apply(embeddedTherapy, "test").join();
        embedded.start("test").join();
        session = new Session(embedded, ui, Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC),
                "dr-test", embeddedTherapy);
        connect = new ConnectModel(session, Runnable::run, ui);
        connect.addressProperty().set(rig.address());
        connect.identityDirProperty().set(dir.resolve("programmer").toString());
        ui.until(() -> session.generator().programsProperty().get().equals("low-back, left-leg"));
    }

    @AfterEach
    void tearDown() throws Exception {
        session.close();
        rig.close();
    }

    private boolean connected(String code) throws InterruptedException {
        connect.codeProperty().set(code);
        CompletableFuture<Boolean> done = connect.connect();
        ui.until(done::isDone);
        return done.join();
    }

    private boolean logged(String action) {
        return session.log().entries().stream().anyMatch(e -> e.action().equals(action));
    }

    @Test
    void aPairingCodePairsThenConnectsAndTheSessionShowsTheRig() throws Exception {
        session.programmer().fields().amplitudeMaProperty().set(4.5);

        assertThat(connected(rig.openPairing())).isTrue();

        assertThat(session.link()).isInstanceOf(RigLink.class);
        assertThat(session.remoteProperty().get()).isTrue();
        assertThat(session.generator().descriptionProperty().get())
                .isEqualTo("Rig " + rig.address() + " as 'dr-test' (clinician)");
        assertThat(session.generator().programsProperty().get()).isEqualTo("tonic");
        assertThat(session.generator().mode()).isEqualTo(rig.generator.status().mode());
        assertThat(session.programmer().draft().therapy()).isEqualTo(rig.therapy);
        assertThat(session.programmer().handover().dirtyProperty().get()).isFalse();
        assertThat(session.programmer().undoStack().canUndoProperty().get()).isFalse();
        assertThat(connect.codeProperty().get()).isEmpty();
        assertThat(connect.errorProperty().get()).isEmpty();
        assertThat(session.log().entries()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("pair");
            assertThat(e.after()).isEqualTo("paired as clinician");
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("connect");
            assertThat(e.what()).contains("Rig " + rig.address());
            assertThat(e.before()).isEqualTo("Embedded simulated generator");
            assertThat(e.after()).contains("tonic 3 mA");
        });
    }

    @Test
    void oncePairedItConnectsWithoutACode() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();
        session.disconnect();
        ui.until(() -> !session.remoteProperty().get());

        assertThat(connected("")).isTrue();
        assertThat(session.generator().programsProperty().get()).isEqualTo("tonic");
    }

    @Test
    void aWrongCodeIsRefusedInWordsAndNothingChanges() throws Exception {
        rig.openPairing();
        Therapy draftBefore = session.programmer().draft().therapy();

        assertThat(connected("0000-0000")).isFalse();

        assertThat(connect.errorProperty().get()).isEqualTo("The rig refused the pairing: wrong pairing code; the code"
                + " is used up, open a new one. Nothing was changed.");
        assertThat(session.link()).isSameAs(embedded);
        assertThat(session.remoteProperty().get()).isFalse();
        assertThat(session.programmer().draft().therapy()).isEqualTo(draftBefore);
        assertThat(session.generator().programsProperty().get()).isEqualTo("low-back, left-leg");
        assertThat(rig.held()).isEqualTo(rig.therapy);
        assertThat(logged("connect refused")).isTrue();
        assertThat(logged("connect")).isFalse();
    }

    @Test
    void anUnpairedProgrammerWithoutACodeIsToldToPair() throws Exception {
        assertThat(connected("")).isFalse();

        assertThat(connect.errorProperty().get()).startsWith("This programmer has not paired with a rig yet: run "
                + "stimctl pair on the rig");
        assertThat(session.link()).isSameAs(embedded);
    }

    @Test
    void aCodeWhenNoneIsOpenOnTheRigSaysSo() throws Exception {
        assertThat(connected("4972-4ZCZ")).isFalse();

        assertThat(connect.errorProperty().get()).startsWith("The rig has no pairing code open");
        assertThat(session.link()).isSameAs(embedded);
    }

    @Test
    void nothingListeningIsSaidInWords() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();
        session.disconnect();
        ui.until(() -> !session.remoteProperty().get());
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        connect.addressProperty().set("127.0.0.1:" + closedPort);

        assertThat(connected("")).isFalse();

        assertThat(connect.errorProperty().get()).isEqualTo("Nothing accepts connections at 127.0.0.1:" + closedPort
                + " (connection refused): check that stimctl serve runs there, on that port. Nothing was changed.");
        assertThat(session.link()).isSameAs(embedded);
    }

    @Test
    void aBadAddressOrEmptyNameIsSaidBeforeAnythingIsTried() throws Exception {
        connect.addressProperty().set("rig.local");
        assertThat(connected("")).isFalse();
        assertThat(connect.errorProperty().get()).isEqualTo("The rig address must be host:port, for example "
                + "127.0.0.1:7450.");

        connect.addressProperty().set(rig.address());
        connect.nameProperty().set(" ");
        assertThat(connected("")).isFalse();
        assertThat(connect.errorProperty().get()).startsWith("Give this programmer a name");
        assertThat(Files.exists(dir.resolve("programmer"))).isFalse();
    }

    @Test
    void theIdentityIsWhereStimctlRemoteKeepsItByDefault() {
        ConnectModel fresh = new ConnectModel(session, Runnable::run, ui);
        Path home = Path.of(System.getProperty("user.home"));

        assertThat(fresh.identityDirProperty().get()).isEqualTo("~/.dorsal/programmer");
        assertThat(ConnectModel.folder("~/.dorsal/programmer")).isEqualTo(home.resolve(".dorsal/programmer"));
        assertThat(ConnectModel.folder("~")).isEqualTo(home);
        assertThat(ConnectModel.folder(" /srv/id ")).isEqualTo(Path.of("/srv/id"));
        assertThat(fresh.addressProperty().get()).isEqualTo("127.0.0.1:7450");
        assertThat(fresh.nameProperty().get()).isEqualTo("dr-test");
    }

    @Test
    void addressesParse() {
        assertThat(ConnectModel.Address.parse(" 10.0.0.7:7450 ")).hasValue(new ConnectModel.Address("10.0.0.7", 7450));
        assertThat(ConnectModel.Address.parse("[::1]:7451")).hasValueSatisfying(a -> {
            assertThat(a.host()).isEqualTo("::1");
            assertThat(a.toString()).isEqualTo("[::1]:7451");
        });
        assertThat(ConnectModel.Address.parse("host:0")).isEmpty();
        assertThat(ConnectModel.Address.parse("host:70000")).isEmpty();
        assertThat(ConnectModel.Address.parse("host:")).isEmpty();
        assertThat(ConnectModel.Address.parse(":7450")).isEmpty();
    }

    @Test
    void applyGoesToTheRigAndTheRigsOwnRefusalIsShownWithItsRule() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();
        var programmer = session.programmer();

        programmer.fields().amplitudeMaProperty().set(3.5);
        programmer.handover().apply();
        ui.until(() -> logged("apply"));

        assertThat(rig.held().program("tonic").orElseThrow().amplitudeMa()).isEqualTo(3.5);
        ui.until(() -> !programmer.handover().dirtyProperty().get());

        // safe by the programmer's rules, beyond what this rig's sources give: only the rig can refuse it
        programmer.fields().amplitudeMaProperty().set(3.8);
        assertThat(programmer.handover().canApplyProperty().get()).isTrue();
        programmer.handover().apply();
        ui.until(() -> logged("refused by generator"));

        assertThat(programmer.notices().errorProperty().get()).isEqualTo("The generator refused the therapy: tonic, amplitude: "
                + "3.8 mA; limit at most 3.5 mA from this rig's current sources (rule: " + SafetyRule.OUTPUT_STAGE.label()
                + ")");
        assertThat(rig.held().program("tonic").orElseThrow().amplitudeMa()).isEqualTo(3.5);
    }

    @Test
    void stopAllGoesToTheRig() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();

        session.generator().stopAll();
        ui.until(() -> logged("STOP ALL"));

        assertThat(rig.generator.status().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(rig.outputs.isSafe()).isTrue();
        ui.until(() -> session.generator().mode() == GeneratorMode.OFF);
        // the embedded generator was not told anything
        assertThat(embedded.status().join().mode()).isNotEqualTo(GeneratorMode.OFF);
    }

    @Test
    void disconnectGoesBackToTheEmbeddedGenerator() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();

        session.disconnect();
        ui.until(() -> !session.remoteProperty().get());

        assertThat(session.link()).isSameAs(embedded);
        assertThat(session.generator().descriptionProperty().get()).isEqualTo("Embedded simulated generator");
        assertThat(session.generator().programsProperty().get()).isEqualTo("low-back, left-leg");
        assertThat(session.programmer().draft().therapy()).isEqualTo(embeddedTherapy);
        assertThat(logged("disconnect")).isTrue();
        assertThat(rig.held()).isEqualTo(rig.therapy);
    }

    @Test
    void theReportReadsTheRigsEventLogWithoutBlocking() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();
        Path file = dir.resolve("report.html");

        CompletableFuture<Boolean> written = session.exportReport(file);
        assertThat(written).isNotDone();
        ui.until(written::isDone);

        assertThat(written.join()).isTrue();
        assertThat(Files.readString(file)).contains("Stimulator: Rig " + rig.address()).contains("<td>tonic</td>")
                .contains("THERAPY_APPLIED");
    }

    @Test
    void aRigThatStopsAnsweringIsSaidInTheHeaderAndCommandsSayTheyFailed() throws Exception {
        assertThat(connected(rig.openPairing())).isTrue();
        rig.close();

        session.generator().refresh();
        ui.until(() -> !session.generator().linkProblemProperty().get().isEmpty());

        assertThat(session.generator().linkProblemProperty().get()).startsWith("Nothing accepts connections at "
                + rig.address());
        session.generator().stopAll();
        ui.until(() -> logged("STOP ALL failed"));
        assertThat(session.programmer().notices().errorProperty().get()).startsWith("STOP ALL DID NOT REACH THE STIMULATOR: "
                + "Nothing accepts connections at " + rig.address());
    }
}
