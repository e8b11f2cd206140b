package io.dorsal.clinic.report;

import java.util.List;
import java.util.Objects;

/**
 * A line plot in a unit box (x and y from 0 to 1, y up) that a report draws at its own scale: named series, each a
 * colour and optionally dashed, labels under the x axis at their positions, and the y axis's range in words.
 *
 * @param series  the lines, drawn in order
 * @param xLabels labels under the x axis
 * @param yRange  what the box's bottom and top stand for, for example "0 to 100 %"
 */
public record LinePlot(List<Series> series, List<Label> xLabels, String yRange) {

    public LinePlot {
        series = List.copyOf(series);
        xLabels = List.copyOf(xLabels);
        Objects.requireNonNull(yRange, "yRange");
    }

    /** A point of the unit box. */
    public record Point(double x, double y) {
        public Point {
            if (!(x >= 0 && x <= 1 && y >= 0 && y <= 1)) {
                throw new IllegalArgumentException("a plot's point is inside the unit box: (" + x + ", " + y + ")");
            }
        }
    }

    /** A label under the x axis at {@code x} (0 to 1). */
    public record Label(double x, String text) {
    }

    /**
     * One line.
     *
     * @param name   its name in the legend
     * @param rgb    its colour, 0xRRGGBB
     * @param dashed drawn dashed (a criterion, a limit) rather than solid with marks at its points
     * @param points its points, left to right
     */
    public record Series(String name, int rgb, boolean dashed, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }

        /** Its colour as an HTML/SVG colour: {@code #1f77b4}. */
        public String css() {
            return String.format("#%06x", rgb & 0xffffff);
        }
    }
}
