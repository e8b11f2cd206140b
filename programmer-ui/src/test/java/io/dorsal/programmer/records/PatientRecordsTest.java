package io.dorsal.programmer.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.SessionLog;
import io.dorsal.clinic.TrialState;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicLocation;
import io.dorsal.clinic.trend.ImpedanceFlag;
import io.dorsal.clinic.trend.ImpedanceTrends;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.model.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programmer knows its patient, without a robot: a real SQLite records file, a session over the embedded
 * generator on a virtual clock, writes run on the test's thread.
 */
class PatientRecordsTest {

    @TempDir
    Path dir;

    private final Clock wall = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    private ClinicDatabase database;
    private PatientRecords records;

    @BeforeEach
    void open() throws Exception {
        database = ClinicDatabase.open(new ClinicLocation.SqliteFile(dir.resolve("records.db")),
                () -> wall.millis());
        records = new PatientRecords(database, "dr-test", wall, Runnable::run, Runnable::run);
    }

    @AfterEach
    void close() {
        records.close();
    }

    private Patient jane() throws Exception {
        return records.register("MRN-4711", "Doe", "Jane", LocalDate.of(1961, 4, 2));
    }

    @Test
    void aNewPatientOnTheEmbeddedGeneratorGetsASimulatedImplantOfTheirOwn() throws Exception {
        Patient jane = jane();

        Device device = records.open(jane, Optional.empty());

        assertThat(device.patientId()).isEqualTo(jane.patientId());
        assertThat(device.kind()).isEqualTo(DeviceKind.IMPLANTED_STIMULATOR);
        assertThat(device.model()).isEqualTo(PatientRecords.SIMULATED_MODEL);
        assertThat(device.serial()).startsWith("SIM-").hasSize(12);
        assertThat(records.open(jane, Optional.empty())).as("opened again: the same device, not a second")
                .isEqualTo(device);
        assertThat(records.find("SIM-")).containsExactly(jane);
    }

    @Test
    void everyApplyAndImpedanceCheckOfTheSessionLandsInTheRecordWithWhoDidIt() throws Exception {
        Patient jane = jane();
        Device device = records.open(jane, Optional.empty());
        Fixture f = new Fixture();
        f.session.keepRecords(records);

        f.programmer().fields().amplitudeMaProperty().set(4.5);
        f.programmer().handover().apply();
        f.session.impedance().runCheck();

        List<Entry<AppliedTherapy>> applied = database.where(AppliedTherapy.class, "patient_id", jane.patientId());
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).actor()).isEqualTo("dr-test");
        assertThat(applied.get(0).record().deviceId()).isEqualTo(device.deviceId());
        assertThat(ProgramCodec.read(applied.get(0).record().therapyJson()).programs().get(0).amplitudeMa())
                .isEqualTo(4.5);
        List<Entry<ImpedanceReading>> readings = database.where(ImpedanceReading.class, "patient_id",
                jane.patientId());
        assertThat(readings).hasSize(f.session.impedance().rows().size()).isNotEmpty();
        assertThat(readings).extracting(e -> e.record().checkId()).containsOnly(readings.get(0).record().checkId());
        assertThat(database.where(BatteryReading.class, "patient_id", jane.patientId()))
                .as("the embedded generator starts full every time: its battery is not the patient's").isEmpty();
        assertThat(records.problemProperty().get()).isEmpty();

        f.session.close();
        List<Entry<SessionLog>> logs = database.where(SessionLog.class, "patient_id", jane.patientId());
        assertThat(logs).hasSize(1);
        assertThat(logs.get(0).record().logText()).contains("apply").contains("impedance check")
                .contains("Jane Doe (MRN-4711)");
    }

    @Test
    void aStimulatorOfAnotherPatientIsRefusedWithoutNamingThem() throws Exception {
        Patient jane = jane();
        Patient other = records.register("MRN-0815", "Roe", "Richard", LocalDate.of(1955, 1, 1));
        records.open(other, Optional.of("RIG-0123456789AB"));
        records.open(jane, Optional.empty());

        Optional<String> refusal = records.refusalFor(Optional.of("RIG-0123456789AB"));

        assertThat(refusal).hasValue("Stimulator RIG-0123456789AB belongs to another patient's record, not to"
                + " Jane Doe (MRN-4711)'s. Open that patient to program it, or check the device. Nothing was changed.");
        assertThat(refusal.get()).doesNotContain("Roe").doesNotContain("MRN-0815");
        assertThat(records.refusalFor(Optional.of("RIG-FFFFFFFFFFFF"))).as("a rig nobody has yet").isEmpty();
        assertThat(records.refusalFor(Optional.empty())).as("the embedded generator").isEmpty();
        assertThat(records.stimulatorProperty().get().patientId()).isEqualTo(jane.patientId());
    }

    @Test
    void aTherapyTheRecordsRefuseIsSaidAndTheStimulatorKeepsIt() throws Exception {
        Patient jane = jane();
        records.open(jane, Optional.empty());
        Fixture f = new Fixture();
        f.session.keepRecords(records);
        records.close(); // the records go away under the session: the next write fails

        f.programmer().fields().amplitudeMaProperty().set(4.5);
        f.programmer().handover().apply();

        assertThat(records.problemProperty().get()).startsWith("The apply was not written to the patient's record:");
        assertThat(f.programmer().notices().errorProperty().get()).isEqualTo(records.problemProperty().get());
        assertThat(f.session.generator().therapyProperty().get()).hasValueSatisfying(t ->
                assertThat(t.programs().get(0).amplitudeMa()).isEqualTo(4.5));
        database = ClinicDatabase.open(new ClinicLocation.SqliteFile(dir.resolve("records.db")), () -> wall.millis());
        records = new PatientRecords(database, "dr-test", wall, Runnable::run, Runnable::run);
    }

    @Test
    void theDemoPatientComesWithATrialAnImplantAndAFlaggedContact() throws Exception {
        Patient demo = records.demoPatient();
        Device device = records.open(demo, Optional.empty());

        assertThat(records.demoPatient()).as("registered once").isEqualTo(demo);
        assertThat(device.kind()).isEqualTo(DeviceKind.IMPLANTED_STIMULATOR);
        assertThat(records.trials().trials(demo.patientId())).singleElement()
                .satisfies(t -> assertThat(t.state()).isEqualTo(TrialState.SUCCEEDED));
        List<ImpedanceReading> readings = database.where(ImpedanceReading.class, "patient_id", demo.patientId())
                .stream().map(Entry::record).toList();
        assertThat(ImpedanceTrends.flags(readings, DeviceLimits.DEFAULTS)).extracting(ImpedanceFlag::contact,
                ImpedanceFlag::kind).contains(org.assertj.core.groups.Tuple.tuple("L1.5", ImpedanceFlag.Kind.JUMP));
        assertThat(database.where(AppliedTherapy.class, "device_id", device.deviceId())).hasSize(1);
    }

    @Test
    void aPumpRefillLandsAgainstThePatientsPumpWithWhatWasDrawnAndFilled() throws Exception {
        Patient jane = jane();
        records.open(jane, Optional.empty());
        var pump = new io.dorsal.programmer.pump.PumpModel(io.dorsal.programmer.pump.PumpExample.MORPHINE,
                new io.dorsal.programmer.model.SessionLog(wall), "dr-test");
        pump.onRefilled(r -> records.refilled(r.drug(), r.concentrationMgPerMl(), r.expectedResidualMl(),
                r.drawnMl(), r.filledMl()));
        pump.advanceHours(24 * 10);
        pump.drawnMlProperty().set(12);
        pump.checkRefill();
        pump.fill();
        assertThat(database.all(PumpRefill.class)).as("a draw-back that disagrees fills nothing").isEmpty();

        pump.drawnMlProperty().set(16.9);
        pump.checkRefill();
        pump.fill();

        List<Entry<PumpRefill>> refills = database.where(PumpRefill.class, "patient_id", jane.patientId());
        assertThat(refills).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("dr-test");
            assertThat(e.record().drawnMl()).isEqualTo(16.9);
            assertThat(e.record().expectedResidualMl()).isCloseTo(17.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(e.record().filledMl()).isEqualTo(20.0);
            assertThat(e.record().drug()).isEqualTo("morphine");
        });
        Device pumpDevice = records.registry().device(refills.get(0).record().deviceId());
        assertThat(pumpDevice.kind()).isEqualTo(DeviceKind.IMPLANTED_PUMP);
        assertThat(pumpDevice.serial()).startsWith("SIMP-");
    }

    @Test
    void aSessionFollowsTheRecordToARigAndBack() throws Exception {
        Patient jane = jane();
        Device simulated = records.open(jane, Optional.empty());

        Device rig = records.switchTo(Optional.of("RIG-0123456789AB"));
        assertThat(rig.model()).isEqualTo(PatientRecords.RIG_MODEL);
        assertThat(rig.patientId()).isEqualTo(jane.patientId());
        assertThat(records.switchTo(Optional.empty())).isEqualTo(simulated);
    }

    @Test
    void theRecordOfASessionWithoutPatientStaysEmpty() throws Exception {
        Session session = new Fixture().session;
        assertThat(session.records()).isEmpty();
        records.applied(Fixture.example());
        assertThat(database.all(AppliedTherapy.class)).as("no patient open: nothing written").isEmpty();
    }
}
