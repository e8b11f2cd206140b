package io.dorsal.clinic.report;

import java.util.List;
import java.util.Locale;

/** The trial report as one HTML page, the diary plotted in inline SVG. */
public final class HtmlTrialReport {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;
    private static final int MARGIN = 40;

    private HtmlTrialReport() {
    }

    public static String render(TrialReport report) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(report.title())).append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #999;padding:2px 6px;text-align:left}"
                        + ".verdict{font-weight:bold}</style></head><body>\n");
        h.append("<h1>").append(esc(report.title())).append("</h1>\n");
        for (String line : report.heading()) {
            h.append("<p>").append(esc(line)).append("</p>\n");
        }
        h.append("<h2>Judgement</h2>\n<p class=\"verdict\" id=\"verdict\">").append(esc(report.judgement().summary()))
                .append("</p>\n");
        h.append("<h2>Diary</h2>\n").append(svg(report.plot())).append('\n');
        h.append("<table id=\"diary\"><tr>");
        for (String c : TrialReport.diaryHeader()) {
            h.append("<th>").append(esc(c)).append("</th>");
        }
        h.append("</tr>\n");
        for (List<String> row : report.diaryRows()) {
            h.append("<tr>");
            for (String c : row) {
                h.append("<td>").append(esc(c)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</table>\n");
        List<String> carry = report.carryoverLines();
        if (!carry.isEmpty()) {
            h.append("<h2>Programs carried to the implant</h2>\n<ul id=\"carryover\">\n");
            for (String line : carry) {
                h.append("<li>").append(esc(line)).append("</li>\n");
            }
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static String svg(DiaryPlot plot) {
        int w = WIDTH - 2 * MARGIN;
        int hgt = HEIGHT - 2 * MARGIN;
        StringBuilder s = new StringBuilder();
        s.append("<svg id=\"diary-plot\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" role=\"img\" aria-label=\"pain score and relief by day\">");
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
                + " stroke=\"#999\"/>", MARGIN, MARGIN, w, hgt));
        double cy = MARGIN + hgt * (1 - plot.criterionY());
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#2a2\""
                + " stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%.1f\" font-size=\"11\" fill=\"#2a2\">criterion</text>",
                MARGIN, cy, MARGIN + w, cy, MARGIN + w - 55, cy - 4));
        s.append(polyline(plot.pain(), "#c33", w, hgt)).append(polyline(plot.relief(), "#33c", w, hgt));
        for (int i = 0; i < plot.dayLabels().size(); i++) {
            double x = MARGIN + w * plot.pain().get(i).x();
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s"
                    + "</text>", x, HEIGHT - MARGIN + 14, esc(plot.dayLabels().get(i))));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"11\" fill=\"#c33\">pain 0-10</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#33c\">relief 0-100%%</text>", MARGIN - 8,
                WIDTH - MARGIN - 80, MARGIN - 8));
        return s.append("</svg>").toString();
    }

    private static String polyline(List<DiaryPlot.Point> points, String colour, int w, int hgt) {
        StringBuilder p = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (DiaryPlot.Point pt : points) {
            double x = MARGIN + w * pt.x();
            double y = MARGIN + hgt * (1 - pt.y());
            p.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            dots.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
                    colour));
        }
        return "<polyline fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\" points=\"" + p.toString().strip()
                + "\"/>" + dots;
    }

    static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
