package io.dorsal.clinic.records;

import io.dorsal.clinic.AppliedTherapy;
import io.dorsal.clinic.Change;
import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.ImpedanceReading;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.trial.TrialLimits;
import io.dorsal.core.file.ProgramCodec;
import io.dorsal.core.file.ProgramFileException;
import io.dorsal.core.safety.SafetyValidator;
import io.dorsal.core.safety.Validation;
import io.dorsal.core.safety.Violation;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.core.therapy.Therapy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Therapies recorded as applied to a device, each one first validated by stimulator-core's validator against
 * that device's limits (a trial stimulator's or the implant's, {@link TrialLimits}) and its latest measured
 * impedances: an unsafe therapy is never recorded as applied.
 */
public final class Therapies {

    private final ClinicDatabase records;
    private final PatientRegistry registry;

    public Therapies(ClinicDatabase records) {
        this.records = records;
        this.registry = new PatientRegistry(records);
    }

    /** Validates {@code therapyJson} for the device and records it as applied; refuses it with every violation. */
    public AppliedTherapy apply(Change change, String deviceId, String therapyJson) throws ClinicDatabaseException,
            RecordsException {
        Device device = registry.device(deviceId);
        if (device.kind().pump() || device.status() != DeviceStatus.ACTIVE) {
            throw new RecordsException("device " + device.serial() + " is " + device.kind() + " (" + device.status()
                    + "): stimulation programs go to an active stimulator");
        }
        Therapy file;
        try {
            file = ProgramCodec.read(therapyJson);
        } catch (ProgramFileException e) {
            throw new RecordsException("the program file cannot be read: " + e.describe());
        }
        DeviceLimits limits = TrialLimits.forDevice(device.kind());
        Therapy onDevice = new Therapy(file.leads(), file.programs(), limits);
        if (new SafetyValidator(limits, latestImpedances(deviceId)).validate(onDevice)
                instanceof Validation.Unsafe unsafe) {
            List<String> lines = unsafe.violations().stream().map(Violation::message).toList();
            throw new RecordsException("refused for " + device.serial() + " (" + device.kind() + "), nothing was"
                    + " recorded: " + String.join("; ", lines));
        }
        return records.append(change, AppliedTherapy.of(device.patientId(), deviceId, ProgramCodec.write(onDevice)))
                .record();
    }

    /** The latest reading of each contact of a device. */
    public Map<ContactId, Double> latestImpedances(String deviceId) throws ClinicDatabaseException {
        Map<ContactId, Double> out = new HashMap<>();
        for (Entry<ImpedanceReading> e : records.where(ImpedanceReading.class, "device_id", deviceId)) {
            try {
                out.put(ContactId.parse(e.record().contact()), e.record().impedanceOhm());
            } catch (IllegalArgumentException ignored) {
                // a reading of a contact name the validator does not know cannot matter to it
            }
        }
        return out;
    }
}
