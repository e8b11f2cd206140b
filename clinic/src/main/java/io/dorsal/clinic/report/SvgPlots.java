package io.dorsal.clinic.report;

import java.util.Locale;

/** A {@link LinePlot} as inline SVG for an HTML report: the box, each series as a polyline, the x labels below. */
public final class SvgPlots {

    private SvgPlots() {
    }

    /** The plot {@code width} x {@code height} pixels, plus room for the labels below. */
    public static String svg(LinePlot plot, int width, int height) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " role=\"img\" aria-label=\"%s\">", width, height + 18, escape(plot.yRange())));
        s.append(String.format(Locale.ROOT, "<rect x=\"0.5\" y=\"0.5\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>", width - 1, height - 1));
        for (LinePlot.Series series : plot.series()) {
            s.append("<polyline fill=\"none\" stroke=\"").append(series.css()).append("\" stroke-width=\"")
                    .append(series.dashed() ? "1\" stroke-dasharray=\"5,3" : "2").append("\" points=\"");
            for (LinePlot.Point p : series.points()) {
                s.append(String.format(Locale.ROOT, "%.1f,%.1f ", p.x() * (width - 1), (1 - p.y()) * (height - 1)));
            }
            s.append("\"><title>").append(escape(series.name())).append("</title></polyline>");
        }
        for (LinePlot.Label label : plot.xLabels()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">",
                    label.x() * (width - 1), height + 13)).append(escape(label.text())).append("</text>");
        }
        return s.append("</svg>").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
