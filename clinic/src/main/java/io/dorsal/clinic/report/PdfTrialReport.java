package io.dorsal.clinic.report;

import java.io.IOException;
import java.util.List;

/**
 * The trial report as a PDF a clinic can file (A4, PDFBox 3), the diary plotted as vector lines. Text is set in
 * Helvetica; characters it cannot show become '?'. Pages are added as the text needs.
 */
public final class PdfTrialReport {

    private PdfTrialReport() {
    }

    public static byte[] render(TrialReport report) throws IOException {
        try (PdfPages w = new PdfPages(report.title())) {
            w.text(report.title(), PdfPages.TITLE, true);
            w.gap();
            for (String line : report.heading()) {
                w.text(line, PdfPages.BODY, false);
            }
            w.gap();
            w.text("Judgement", PdfPages.HEADING, true);
            w.text(report.judgement().summary(), PdfPages.BODY, false);
            w.gap();
            w.text("Diary: pain score 0-10 (red), reported relief 0-100% (blue), criterion (green, dashed)",
                    PdfPages.HEADING, true);
            w.plot(report.plot().asLinePlot());
            w.text(String.join(" | ", TrialReport.diaryHeader()), PdfPages.BODY, true);
            for (List<String> row : report.diaryRows()) {
                w.text(String.join(" | ", row), PdfPages.BODY, false);
            }
            List<String> carry = report.carryoverLines();
            if (!carry.isEmpty()) {
                w.gap();
                w.text("Programs carried to the implant", PdfPages.HEADING, true);
                for (String line : carry) {
                    w.text(line, PdfPages.BODY, false);
                }
            }
            return w.finish();
        }
    }

    /** Latin-1 printable text on one line ({@link PdfPages#printable}). */
    static String printable(String text) {
        return PdfPages.printable(text);
    }
}
