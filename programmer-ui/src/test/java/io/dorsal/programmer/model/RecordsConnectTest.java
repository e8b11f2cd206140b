package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Device;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.records.PatientRecords;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rig is a device of the patient it was first programmed for: connecting to it from another patient's session
 * is refused, with a real link server on loopback and a real SQLite records file.
 */
class RecordsConnectTest {

    @TempDir
    Path dir;

    private final UiQueue ui = new UiQueue();
    private final Clock wall = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
    private RigFixture rig;
    private PatientRecords records;

    @BeforeEach
    void setUp() throws Exception {
        rig = new RigFixture(dir);
        records = new PatientRecords(ClinicDatabase.open(new ClinicLocation.SqliteFile(dir.resolve("records.db")),
                wall::millis), "dr-test", wall, Runnable::run, Runnable::run);
    }

    @AfterEach
    void tearDown() throws Exception {
        records.close();
        rig.close();
    }

    private Session sessionFor(Patient patient) throws Exception {
        EmbeddedLink embedded = EmbeddedLink.manual(new VirtualClock(0));
        Therapy therapy = Fixture.example();
        embedded.apply(therapy, "test").join();
        records.open(patient, Optional.empty());
        Session session = new Session(embedded, ui, wall, "dr-test", therapy);
        session.keepRecords(records);
        return session;
    }

    private static boolean connect(ConnectModel connect, UiQueue ui, String code) throws InterruptedException {
        connect.codeProperty().set(code);
        CompletableFuture<Boolean> done = connect.connect();
        ui.until(done::isDone);
        return done.join();
    }

    @Test
    void aRigFirstProgrammedForOnePatientIsRefusedInAnotherPatientsSession() throws Exception {
        Patient jane = records.register("MRN-4711", "Doe", "Jane", LocalDate.of(1961, 4, 2));
        Patient richard = records.register("MRN-0815", "Roe", "Richard", LocalDate.of(1955, 1, 1));
        Session janes = sessionFor(jane);
        ConnectModel connect = new ConnectModel(janes, Runnable::run, ui);
        connect.addressProperty().set(rig.address());
        connect.identityDirProperty().set(dir.resolve("programmer").toString());
        assertThat(connect(connect, ui, rig.openPairing())).isTrue();
        Device rigDevice = records.stimulatorProperty().get();
        assertThat(rigDevice.serial()).matches("RIG-[0-9A-F]{12}");
        assertThat(rigDevice.patientId()).isEqualTo(jane.patientId());
        janes.close();

        Session richards = sessionFor(richard);
        ConnectModel again = new ConnectModel(richards, Runnable::run, ui);
        again.addressProperty().set(rig.address());
        again.identityDirProperty().set(dir.resolve("programmer").toString());
        Therapy held = rig.held();

        assertThat(connect(again, ui, "")).isFalse();

        assertThat(again.errorProperty().get()).isEqualTo("Stimulator " + rigDevice.serial() + " belongs to another"
                + " patient's record, not to Richard Roe (MRN-0815)'s. Open that patient to program it, or check the"
                + " device. Nothing was changed.");
        assertThat(richards.remoteProperty().get()).isFalse();
        assertThat(richards.link()).isSameAs(richards.home());
        assertThat(records.stimulatorProperty().get().patientId()).isEqualTo(richard.patientId());
        assertThat(rig.held()).isEqualTo(held);
        assertThat(richards.log().entries()).anySatisfy(e -> assertThat(e.action()).isEqualTo("connect refused"));
        richards.close();
    }
}
