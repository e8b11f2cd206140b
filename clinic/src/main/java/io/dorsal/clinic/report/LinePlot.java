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

    /**
     * The colour of a plot's {@code index}th series (0xRRGGBB), different for every series a plot can hold: hues a
     * golden angle (137.5 degrees) apart, so that neighbours differ most, and every other series darker. A fixed
     * palette repeats (ten colours drew the case, L1.7 and L2.7 of seventeen contacts alike).
     */
    public static int seriesRgb(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("a series' index is 0 or more: " + index);
        }
        float hue = (float) ((index * 137.508) % 360 / 360);
        return java.awt.Color.HSBtoRGB(hue, 0.8f, index % 2 == 0 ? 0.85f : 0.6f) & 0xffffff;
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
