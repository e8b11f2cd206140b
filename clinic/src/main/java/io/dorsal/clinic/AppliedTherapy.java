package io.dorsal.clinic;

/**
 * A therapy as applied to a device: the program file's JSON exactly as sent and its SHA-256 (who, when and why
 * are the row's audit entry).
 */
public record AppliedTherapy(String patientId, String deviceId, String therapyJson, String therapySha256)
        implements ClinicRecord {

    public AppliedTherapy {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Require.text(therapyJson, "therapyJson");
        Require.text(therapySha256, "therapySha256");
    }

    /** The therapy with its hash computed from the JSON. */
    public static AppliedTherapy of(String patientId, String deviceId, String therapyJson) {
        return new AppliedTherapy(patientId, deviceId, therapyJson, Sha256.hex(therapyJson));
    }
}
