package io.dorsal.clinic;

import java.time.Instant;
import java.util.Objects;

/** A battery reading of a device: its charge (0 to 100%) and voltage. */
public record BatteryReading(String patientId, String deviceId, Instant measuredAt, double chargePercent,
        double voltageV) implements ClinicRecord {

    public BatteryReading {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Objects.requireNonNull(measuredAt, "measuredAt");
        Require.between(chargePercent, 0, 100, "chargePercent");
        Require.finiteAtLeast(voltageV, 0, "voltageV");
    }
}
