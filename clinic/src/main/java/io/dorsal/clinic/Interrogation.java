package io.dorsal.clinic;

/** A device interrogation report (status, event log, settings) as the device gave it, in JSON. */
public record Interrogation(String patientId, String deviceId, String reportJson) implements ClinicRecord {

    public Interrogation {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Require.text(reportJson, "reportJson");
    }
}
