package io.dorsal.clinic.trend;

import io.dorsal.clinic.BatteryReading;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The battery's projected end of service: a least-squares line through the readings (charge against time),
 * extended to {@value #END_OF_SERVICE_PERCENT}% (the elective replacement point, default). Empty when fewer than
 * two readings, or when the charge is not falling (a rechargeable device, or too little data).
 *
 * @param slopePercentPerDay the fitted change of charge per day (negative while it falls)
 */
public record BatteryProjection(int readings, double latestPercent, double slopePercentPerDay,
        Optional<Instant> endOfService) {

    /** The charge at which the device should be replaced (default; an IPG's elective replacement indicator). */
    public static final double END_OF_SERVICE_PERCENT = 10.0;

    private static final double MS_PER_DAY = Duration.ofDays(1).toMillis();

    public static BatteryProjection of(List<BatteryReading> readings) {
        List<BatteryReading> sorted = readings.stream().sorted(Comparator.comparing(BatteryReading::measuredAt)).toList();
        if (sorted.isEmpty()) {
            return new BatteryProjection(0, Double.NaN, Double.NaN, Optional.empty());
        }
        double latest = sorted.getLast().chargePercent();
        if (sorted.size() < 2) {
            return new BatteryProjection(1, latest, Double.NaN, Optional.empty());
        }
        long t0 = sorted.getFirst().measuredAt().toEpochMilli();
        SimpleRegression fit = new SimpleRegression();
        for (BatteryReading r : sorted) {
            fit.addData((r.measuredAt().toEpochMilli() - t0) / MS_PER_DAY, r.chargePercent());
        }
        double slope = fit.getSlope();
        if (!(slope < 0)) {
            return new BatteryProjection(sorted.size(), latest, slope, Optional.empty());
        }
        double days = (END_OF_SERVICE_PERCENT - fit.getIntercept()) / slope;
        return new BatteryProjection(sorted.size(), latest, slope,
                Optional.of(Instant.ofEpochMilli(t0 + Math.round(days * MS_PER_DAY))));
    }

    public String message() {
        if (readings < 2) {
            return readings == 0 ? "battery: no readings" : String.format(Locale.ROOT, "battery: %.0f%% (one reading:"
                    + " no projection yet)", latestPercent);
        }
        return endOfService.map(t -> String.format(Locale.ROOT, "battery: %.0f%%, falling %.3f%%/day over %d"
                + " readings; projected to reach %.0f%% (replace) on %s", latestPercent, -slopePercentPerDay, readings,
                END_OF_SERVICE_PERCENT, t.toString().substring(0, 10)))
                .orElse(String.format(Locale.ROOT, "battery: %.0f%%, not falling over %d readings: no end of service"
                        + " projected", latestPercent, readings));
    }
}
