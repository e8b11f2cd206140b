package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.ProgrammerApp;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.model.RigFixture;
import io.dorsal.programmer.model.Session;
import io.dorsal.programmer.records.PatientRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A rig that is another patient's device, refused through the real Connect window: a real link server on loopback,
 * a real SQLite records file in which the rig's serial is registered to Jane, and Richard's session open. The
 * refusal names the serial, not Jane, and the session goes on where it was.
 */
@ExtendWith(ApplicationExtension.class)
class PatientRigFlowsTest {

    @TempDir
    Path dir;

    private final Clock wall = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
    private final EmbeddedLink embedded = EmbeddedLink.manual(new VirtualClock(0));
    private final Therapy embeddedTherapy = Fixture.example();
    private RigFixture rig;
    private PatientRecords records;
    private Session session;
    private Patient richard;
    private String rigSerial;

    @Start
    void start(Stage stage) throws Exception {
        rig = new RigFixture(dir);
        records = new PatientRecords(ClinicDatabase.open(new ClinicLocation.SqliteFile(dir.resolve("records.db")),
                wall::millis), "dr-test", wall, Runnable::run, Runnable::run);
        Patient jane = records.register("MRN-4711", "Doe", "Jane", LocalDate.of(1961, 4, 2));
        richard = records.register("MRN-0815", "Roe", "Richard", LocalDate.of(1955, 1, 1));
        // the serial the programmer reads from the rig's pinned certificate (RigLink.serial)
        rigSerial = "RIG-" + rig.rig.fingerprint().replace(":", "").substring(0, 12).toUpperCase(Locale.ROOT);
        records.registry().addDevice(new Change("dr-test", "first programmed for Jane"), jane.patientId(),
                DeviceKind.IMPLANTED_STIMULATOR, PatientRecords.RIG_MODEL, rigSerial, LocalDate.of(2025, 12, 1));
        records.open(richard, Optional.empty());

        embedded.apply(embeddedTherapy, "test").join();
        embedded.start("test").join();
        session = new Session(embedded, Platform::runLater, wall, "dr-test", embeddedTherapy);
        session.keepRecords(records);
        MainView main = new MainView(session, FileDialogs.system());
        Scene scene = new Scene(main, ProgrammerApp.WIDTH, ProgrammerApp.HEIGHT);
        scene.getStylesheets().add(ProgrammerApp.stylesheet());
        main.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() != null)
                .forEach(w -> ((Stage) w).close()));
        session.close();
        records.close();
        rig.close();
    }

    private String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    @Test
    void anotherPatientsRigIsRefusedNamingItsSerialAndTheSessionStaysWhereItWas(FxRobot robot) throws Exception {
        assertThat(robot.lookup("#recordButton").queryAs(Button.class).getText()).isEqualTo("Roe, R. · MRN-0815");
        Device before = records.stimulatorProperty().get();
        Therapy onRig = rig.held();

        robot.clickOn("#connectRig");
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            robot.lookup("#rigAddress").queryAs(TextField.class).setText(rig.address());
            robot.lookup("#identityDir").queryAs(TextField.class).setText(dir.resolve("programmer").toString());
        });
        robot.clickOn("#pairingCode").write(rig.openPairing());
        robot.clickOn("#connect");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#connectError").queryAs(Label.class)
                .isVisible());
        WaitForAsyncUtils.waitForFxEvents();

        String refusal = text(robot, "#connectError");
        assertThat(refusal).isEqualTo("Stimulator " + rigSerial + " belongs to another patient's record, not to"
                + " Richard Roe (MRN-0815)'s. Open that patient to program it, or check the device. Nothing was"
                + " changed.");
        assertThat(refusal).doesNotContain("Jane", "Doe", "MRN-4711");
        assertThat(session.link()).isSameAs(embedded);
        assertThat(session.remoteProperty().get()).isFalse();
        assertThat(text(robot, "#link")).isEqualTo("Embedded simulated generator");
        assertThat(text(robot, "#programsRunning")).isEqualTo("Programs: low-back, left-leg");
        assertThat(records.stimulatorProperty().get()).isEqualTo(before);
        assertThat(records.registry().devices(richard.patientId())).extracting(Device::serial)
                .doesNotContain(rigSerial);
        assertThat(rig.held()).isEqualTo(onRig);
    }
}
