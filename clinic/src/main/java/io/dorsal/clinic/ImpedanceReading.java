package io.dorsal.clinic;

import java.time.Instant;
import java.util.Objects;

/** One contact's impedance in one check ({@code checkId} groups the contacts measured together). */
public record ImpedanceReading(String patientId, String deviceId, String checkId, String contact,
        double impedanceOhm, Instant measuredAt) implements ClinicRecord {

    public ImpedanceReading {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Require.text(checkId, "checkId");
        Require.text(contact, "contact");
        Require.finiteAtLeast(impedanceOhm, 0, "impedanceOhm");
        Objects.requireNonNull(measuredAt, "measuredAt");
    }
}
