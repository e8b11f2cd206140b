package io.dorsal.clinic.report;

import io.dorsal.clinic.DiaryEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * The diary as a plot in a unit box (x and y from 0 to 1, y up), drawn by each report format at its own scale:
 * pain score (0 to 10) and reported relief (0 to 100%) by day, and the trial's criterion as a level line.
 */
record DiaryPlot(List<Point> pain, List<Point> relief, double criterionY, List<String> dayLabels) {

    record Point(double x, double y) {
    }

    static DiaryPlot of(List<DiaryEntry> diary, double criterionReliefPercent) {
        List<Point> pain = new ArrayList<>();
        List<Point> relief = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        int n = diary.size();
        for (int i = 0; i < n; i++) {
            DiaryEntry e = diary.get(i);
            double x = n == 1 ? 0.5 : (double) i / (n - 1);
            pain.add(new Point(x, e.painScore() / (double) DiaryEntry.MAX_PAIN_SCORE));
            relief.add(new Point(x, e.reliefPercent() / 100.0));
            labels.add(e.day().toString().substring(5));
        }
        return new DiaryPlot(pain, relief, criterionReliefPercent / 100.0, labels);
    }

    /** The same plot as a report's line plot: pain red, relief blue, the criterion green and dashed. */
    LinePlot asLinePlot() {
        List<LinePlot.Label> labels = new ArrayList<>();
        for (int i = 0; i < dayLabels.size(); i++) {
            labels.add(new LinePlot.Label(pain.get(i).x(), dayLabels.get(i)));
        }
        return new LinePlot(List.of(
                new LinePlot.Series("criterion", 0x26992a, true, List.of(new LinePlot.Point(0, criterionY),
                        new LinePlot.Point(1, criterionY))),
                new LinePlot.Series("pain score 0-10", 0xcc3333, false, unit(pain)),
                new LinePlot.Series("relief %", 0x3333cc, false, unit(relief))), labels, "0 to 10 pain, 0 to 100 % relief");
    }

    private static List<LinePlot.Point> unit(List<Point> points) {
        return points.stream().map(p -> new LinePlot.Point(p.x(), p.y())).toList();
    }
}
