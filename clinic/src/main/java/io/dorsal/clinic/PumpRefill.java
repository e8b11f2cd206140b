package io.dorsal.clinic;

import java.time.Instant;
import java.util.Objects;

/**
 * A pump refill: what the prescription said should be left ({@code expectedResidualMl}), what was drawn out
 * ({@code drawnMl}) and what was put in ({@code filledMl}).
 */
public record PumpRefill(String patientId, String deviceId, Instant refilledAt, String drug,
        double concentrationMgPerMl, double expectedResidualMl, double drawnMl, double filledMl)
        implements ClinicRecord {

    public PumpRefill {
        Require.text(patientId, "patientId");
        Require.text(deviceId, "deviceId");
        Objects.requireNonNull(refilledAt, "refilledAt");
        Require.text(drug, "drug");
        Require.finiteAtLeast(concentrationMgPerMl, 0, "concentrationMgPerMl");
        Require.finiteAtLeast(expectedResidualMl, 0, "expectedResidualMl");
        Require.finiteAtLeast(drawnMl, 0, "drawnMl");
        Require.finiteAtLeast(filledMl, 0, "filledMl");
    }

    /** Drawn minus expected: negative when less came out than the prescription leaves (a pump that over-delivered). */
    public double discrepancyMl() {
        return drawnMl - expectedResidualMl;
    }
}
