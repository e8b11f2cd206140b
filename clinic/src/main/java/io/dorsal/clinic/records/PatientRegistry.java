package io.dorsal.clinic.records;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.Lead;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Patients and their devices and leads: registered, found (by name, clinic number or device serial) and kept
 * straight: one clinic number per patient, one serial per patient. Thread safe as the database is.
 */
public final class PatientRegistry {

    private final ClinicDatabase records;
    private final Supplier<String> ids;

    public PatientRegistry(ClinicDatabase records) {
        this(records, () -> UUID.randomUUID().toString());
    }

    PatientRegistry(ClinicDatabase records, Supplier<String> ids) {
        this.records = records;
        this.ids = ids;
    }

    public ClinicDatabase records() {
        return records;
    }

    /** Registers a new patient; refuses a clinic number another patient has. */
    public Patient register(Change change, String clinicNumber, String familyName, String givenName,
            LocalDate birthDate) throws ClinicDatabaseException, RecordsException {
        Optional<Patient> holder = byClinicNumber(clinicNumber);
        if (holder.isPresent()) {
            throw new RecordsException("clinic number " + clinicNumber + " is already patient "
                    + holder.get().patientId() + "; open that patient instead");
        }
        Patient patient = new Patient(ids.get(), clinicNumber, familyName, givenName, birthDate);
        return records.append(change, patient).record();
    }

    /** A corrected patient (same id): a new row, the old one stays as history. */
    public Patient correct(Change change, Patient corrected) throws ClinicDatabaseException, RecordsException {
        patient(corrected.patientId());
        return records.append(change, corrected).record();
    }

    /** Every patient as now. */
    public List<Patient> patients() throws ClinicDatabaseException {
        return Latest.of(records.all(Patient.class), Patient::patientId);
    }

    /** The patient with this id (as now), or a refusal naming it. */
    public Patient patient(String patientId) throws ClinicDatabaseException, RecordsException {
        return Latest.of(records.where(Patient.class, "patient_id", patientId), Patient::patientId).stream()
                .findFirst()
                .orElseThrow(() -> new RecordsException("no patient " + patientId));
    }

    public Optional<Patient> byClinicNumber(String clinicNumber) throws ClinicDatabaseException {
        return patients().stream().filter(p -> p.clinicNumber().equalsIgnoreCase(clinicNumber)).findFirst();
    }

    /**
     * Patients whose name, clinic number or device serial contains {@code query} (any case), or whose id is
     * {@code query}.
     */
    public List<Patient> find(String query) throws ClinicDatabaseException {
        String q = query.strip().toLowerCase(Locale.ROOT);
        List<Device> devices = Latest.of(records.all(Device.class), Device::deviceId);
        List<Patient> found = new ArrayList<>();
        for (Patient p : patients()) {
            boolean byName = (p.familyName() + ", " + p.givenName() + " " + p.givenName() + " " + p.familyName())
                    .toLowerCase(Locale.ROOT).contains(q);
            boolean byNumber = p.clinicNumber().toLowerCase(Locale.ROOT).contains(q) || p.patientId().equals(query);
            boolean bySerial = devices.stream().anyMatch(d -> d.patientId().equals(p.patientId())
                    && d.serial().toLowerCase(Locale.ROOT).contains(q));
            if (byName || byNumber || bySerial) {
                found.add(p);
            }
        }
        return found;
    }

    /** A patient's devices as now, removed ones included. */
    public List<Device> devices(String patientId) throws ClinicDatabaseException {
        return Latest.of(records.where(Device.class, "patient_id", patientId), Device::deviceId);
    }

    public Device device(String deviceId) throws ClinicDatabaseException, RecordsException {
        return Latest.of(records.where(Device.class, "device_id", deviceId), Device::deviceId).stream().findFirst()
                .orElseThrow(() -> new RecordsException("no device " + deviceId));
    }

    /** The device with this serial as now, if any patient has it. */
    public Optional<Device> bySerial(String serial) throws ClinicDatabaseException {
        return Latest.of(records.all(Device.class), Device::deviceId).stream()
                .filter(d -> d.serial().equalsIgnoreCase(serial))
                .findFirst();
    }

    /**
     * Refuses to work on {@code serial} for {@code patientId} when the serial belongs to another patient (a
     * programmer connected to the wrong patient's device).
     */
    public void checkSerialBelongsTo(String serial, String patientId) throws ClinicDatabaseException,
            RecordsException {
        Optional<Device> device = bySerial(serial);
        if (device.isPresent() && !device.get().patientId().equals(patientId)) {
            throw new RecordsException("device " + serial + " belongs to another patient (" + device.get()
                    .patientId() + "), not to " + patientId + "; nothing was done. Open that patient, or check the"
                    + " device");
        }
    }

    /** Records a device of a patient; refuses a serial that another patient's device has. */
    public Device addDevice(Change change, String patientId, DeviceKind kind, String model, String serial,
            LocalDate implantDate) throws ClinicDatabaseException, RecordsException {
        patient(patientId);
        checkSerialBelongsTo(serial, patientId);
        if (bySerial(serial).isPresent()) {
            throw new RecordsException("device " + serial + " is already recorded for this patient");
        }
        Device device = new Device(ids.get(), patientId, kind, model, serial, implantDate, DeviceStatus.ACTIVE);
        return records.append(change, device).record();
    }

    /** Marks a device removed (explanted, or a trial device taken back); its history stays. */
    public Device removeDevice(Change change, String deviceId) throws ClinicDatabaseException, RecordsException {
        Device d = device(deviceId);
        return records.append(change, new Device(d.deviceId(), d.patientId(), d.kind(), d.model(), d.serial(),
                d.implantDate(), DeviceStatus.REMOVED)).record();
    }

    /** Records a lead on a device; refuses a lead name the device already has. */
    public Lead addLead(Change change, String deviceId, String name, String model, int contactCount,
            double contactAreaMm2, String level) throws ClinicDatabaseException, RecordsException {
        device(deviceId);
        if (leads(deviceId).stream().anyMatch(l -> l.name().equals(name) && l.status() == DeviceStatus.ACTIVE)) {
            throw new RecordsException("device " + deviceId + " already has a lead " + name);
        }
        return records.append(change, new Lead(ids.get(), deviceId, name, model, contactCount, contactAreaMm2, level,
                DeviceStatus.ACTIVE)).record();
    }

    /** A device's leads as now. */
    public List<Lead> leads(String deviceId) throws ClinicDatabaseException {
        return Latest.of(records.where(Lead.class, "device_id", deviceId), Lead::leadId);
    }
}
