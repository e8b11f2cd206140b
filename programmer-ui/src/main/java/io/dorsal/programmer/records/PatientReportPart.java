package io.dorsal.programmer.records;

import io.dorsal.clinic.report.LinePlot;
import io.dorsal.programmer.records.PatientRecordModel.Point;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the session report says of the patient, from their record: who, which device, the latest trial's judgement,
 * the impedance trend plotted with its flags, and the battery's projection.
 *
 * @param patientLine    {@code Jane Doe (MRN-4711), born 1961-04-02}
 * @param deviceLine     the device the session programmed
 * @param trialLine      the latest trial's judgement, if any
 * @param impedanceTrend impedance per contact over the checks, if there were at least two checks
 * @param impedanceFlags a line per jump, drift, open or short
 * @param batteryLine    the battery's projection
 */
public record PatientReportPart(String patientLine, String deviceLine, Optional<String> trialLine,
                                Optional<LinePlot> impedanceTrend, List<String> impedanceFlags, String batteryLine) {

    public PatientReportPart {
        impedanceFlags = List.copyOf(impedanceFlags);
    }

    /** The part as the record reads now. */
    public static PatientReportPart of(PatientRecordModel record, ZoneId zone) {
        record.reload();
        return new PatientReportPart(record.patientLineProperty().get(), record.deviceLineProperty().get(),
                record.trialProperty().get().map(j -> "Trial (" + j.trial().state().name().toLowerCase(
                        java.util.Locale.ROOT) + "): " + j.summary()),
                impedancePlot(record.impedanceProperty().get(), zone), List.copyOf(record.impedanceFlags()),
                record.batteryProjectionProperty().get());
    }

    /** Each contact's impedance over the checks, time across, 0 to the highest reading (and 10 % more) up. */
    static Optional<LinePlot> impedancePlot(Map<String, List<Point>> byContact, ZoneId zone) {
        TreeSet<Instant> checks = new TreeSet<>();
        double top = 0;
        for (List<Point> points : byContact.values()) {
            for (Point p : points) {
                checks.add(p.at());
                top = Math.max(top, p.value());
            }
        }
        if (checks.size() < 2 || top <= 0) {
            return Optional.empty();
        }
        double from = checks.first().toEpochMilli();
        double span = checks.last().toEpochMilli() - from;
        double yTop = top * 1.1;
        List<LinePlot.Series> series = new ArrayList<>();
        int colour = 0;
        for (Map.Entry<String, List<Point>> e : byContact.entrySet()) {
            List<LinePlot.Point> points = e.getValue().stream().map(p -> new LinePlot.Point(
                    (p.at().toEpochMilli() - from) / span, p.value() / yTop)).toList();
            series.add(new LinePlot.Series(e.getKey(), LinePlot.seriesRgb(colour++), false, points));
        }
        List<LinePlot.Label> labels = checks.stream().map(at -> new LinePlot.Label((at.toEpochMilli() - from) / span,
                at.atZone(zone).toLocalDate().toString().substring(5))).toList();
        return Optional.of(new LinePlot(series, labels, String.format(java.util.Locale.ROOT, "0 to %.0f ohm", yTop)));
    }
}
