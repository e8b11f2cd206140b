package io.dorsal.clinic.db;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.BatteryReading;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.Interrogation;
import io.dorsal.clinic.Lead;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.PumpRefill;
import io.dorsal.clinic.SessionLog;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.TrialKind;
import io.dorsal.clinic.TrialState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One record of every type, as a follow-up visit would write them. */
final class Samples {

    static final String PATIENT = "p-0001";
    static final String DEVICE = "d-0001";

    private Samples() {
    }

    static Patient patient() {
        return new Patient(PATIENT, "MRN-4711", "Doe", "Jane\nQuoted \\ name", LocalDate.of(1961, 4, 2));
    }

    /** Records of the version 1 schema. */
    static List<ClinicRecord> version1() {
        Instant t = Instant.ofEpochMilli(1_780_000_000_123L);
        return List.of(
                patient(),
                new Device(DEVICE, PATIENT, DeviceKind.IMPLANTED_STIMULATOR, "Dorsal IPG 1", "SN-100", LocalDate.of(2026,
                        11, 2), DeviceStatus.ACTIVE),
                new Lead("l-1", DEVICE, "L1", "8-contact percutaneous", 8, 12.0, "T8", DeviceStatus.ACTIVE),
                AppliedTherapy.of(PATIENT, DEVICE, "{\"programs\":[]}"),
                new ImpedanceReading(PATIENT, DEVICE, "c-1", "L1.0", 812.5, t),
                new BatteryReading(PATIENT, DEVICE, t, 87.25, 3.91),
                new PumpRefill(PATIENT, DEVICE, t, "morphine", 10.0, 2.4, 2.1, 20.0),
                new Interrogation(PATIENT, DEVICE, "{\"mode\":\"THERAPY\"}"),
                new SessionLog(PATIENT, DEVICE, "08:00 applied\n08:05 check"));
    }

    /** Records of the version 2 schema (the trials). */
    static List<ClinicRecord> version2() {
        return List.of(
                new Trial("t-1", PATIENT, DEVICE, TrialKind.STIMULATION, 50.0, 8, TrialState.RUNNING),
                new DiaryEntry("t-1", LocalDate.of(2026, 11, 3), 4, 55.0, "walked 2 km", "P1", "slept well"));
    }

    static List<ClinicRecord> all() {
        return java.util.stream.Stream.concat(version1().stream(), version2().stream()).toList();
    }
}
