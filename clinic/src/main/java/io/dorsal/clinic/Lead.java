package io.dorsal.clinic;

/**
 * A lead on a device: {@code name} is the lead's name in program files (contacts {@code name.0} to
 * {@code name.(contactCount-1)}), {@code level} where its tip lies (a vertebral level such as T8).
 */
public record Lead(String leadId, String deviceId, String name, String model, int contactCount,
        double contactAreaMm2, String level, DeviceStatus status) implements ClinicRecord {

    public Lead {
        Require.text(leadId, "leadId");
        Require.text(deviceId, "deviceId");
        Require.text(name, "name");
        Require.text(model, "model");
        if (contactCount < 1 || contactCount > 32) {
            throw new IllegalArgumentException("contactCount is " + contactCount + ", outside 1 to 32");
        }
        Require.finiteAtLeast(contactAreaMm2, Double.MIN_VALUE, "contactAreaMm2");
        Require.any(level, "level");
        java.util.Objects.requireNonNull(status, "status");
    }
}
