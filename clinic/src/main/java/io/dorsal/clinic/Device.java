package io.dorsal.clinic;

import java.time.LocalDate;
import java.util.Objects;

/** A device of a patient (trial stimulator, implant, pump), known by its serial; one serial, one patient. */
public record Device(String deviceId, String patientId, DeviceKind kind, String model, String serial,
        LocalDate implantDate, DeviceStatus status) implements ClinicRecord {

    public Device {
        Require.text(deviceId, "deviceId");
        Require.text(patientId, "patientId");
        Objects.requireNonNull(kind, "kind");
        Require.text(model, "model");
        Require.text(serial, "serial");
        Objects.requireNonNull(implantDate, "implantDate");
        Objects.requireNonNull(status, "status");
    }
}
