package io.dorsal.clinic;

/** The log of one programming session, as the programmer wrote it. */
public record SessionLog(String patientId, String deviceId, String logText) implements ClinicRecord {

    public SessionLog {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Require.any(logText, "logText");
    }
}
