package io.dorsal.programmer.records;

import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.RecordsException;
import io.dorsal.clinic.records.Therapies;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The demo patient's past, written once when the demo patient is first registered, so that a first session has a
 * record to look at: a week's trial on an external trial stimulator (diary improving from pain 6 to 3, relief 40 % to
 * 70 %, concluded a success), the implant six weeks ago standing in as the embedded generator, three follow-up
 * impedance checks in which contact L1.5 jumps (a fracture or migration to look into) and the battery falling a
 * few percent a visit. Every row's audit entry says "demo history".
 */
final class DemoHistory {

    /** The contacts of the bundled two-program therapy's leads. */
    private static final int LEADS = 2;
    private static final int CONTACTS = 8;

    private DemoHistory() {
    }

    static void write(PatientRecords records, Patient demo, Clock wallClock, String bundledTherapyJson)
            throws ClinicDatabaseException, RecordsException {
        Change change = new Change(records.clinician(), "demo history");
        LocalDate today = LocalDate.now(wallClock);
        Instant now = wallClock.instant();

        Device trialDevice = records.registry().addDevice(change, demo.patientId(), DeviceKind.TRIAL_STIMULATOR,
                "External trial stimulator", PatientRecords.simulatedSerial(demo, "TRIAL"), today.minusDays(56));
        Trial trial = records.trials().start(change, demo.patientId(), trialDevice.deviceId(),
                Trial.DEFAULT_CRITERION_RELIEF_PERCENT, 7);
        int[] pain = {6, 5, 4, 4, 3, 3, 3};
        double[] relief = {40, 50, 55, 60, 60, 65, 70};
        String[] activity = {"rest after lead placement", "short walk", "walked 20 min", "housework",
                "walked 40 min", "drove to the shops", "slept through the night"};
        for (int day = 0; day < pain.length; day++) {
            records.trials().record(change, new DiaryEntry(trial.trialId(), today.minusDays(55 - day), pain[day],
                    relief[day], activity[day], "low-back, leg", ""));
        }
        records.trials().conclude(change, trial.trialId());
        records.registry().removeDevice(change, trialDevice.deviceId());

        Device implant = records.registry().addDevice(change, demo.patientId(), DeviceKind.IMPLANTED_STIMULATOR,
                PatientRecords.SIMULATED_MODEL, PatientRecords.simulatedSerial(demo, "SIM"), today.minusDays(42));
        int[] visitDaysAgo = {42, 28, 14};
        double[] l15 = {820, 860, 1_480};
        for (int v = 0; v < visitDaysAgo.length; v++) {
            Instant at = now.minus(Duration.ofDays(visitDaysAgo[v]));
            String checkId = UUID.randomUUID().toString();
            List<ImpedanceReading> readings = new ArrayList<>();
            for (int lead = 1; lead <= LEADS; lead++) {
                for (int c = 0; c < CONTACTS; c++) {
                    double ohm = lead == 1 && c == 5 ? l15[v] : 780 + 15 * c + 30 * lead + 10 * v;
                    readings.add(new ImpedanceReading(demo.patientId(), implant.deviceId(), checkId,
                            "L" + lead + "." + c, ohm, at));
                }
            }
            records.database().appendAll(change, readings);
            records.database().append(change, new BatteryReading(demo.patientId(), implant.deviceId(), at,
                    100.0 - 1.6 * (42 - visitDaysAgo[v]) / 14.0 * 2, 0.0));
        }
        new Therapies(records.database()).apply(change, implant.deviceId(), bundledTherapyJson);
    }
}
