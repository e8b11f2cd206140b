package io.dorsal.clinic.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

/**
 * The trial report as a PDF a clinic can file (A4, PDFBox 3), the diary plotted as vector lines. Text is set in
 * Helvetica; characters it cannot show become '?'. Pages are added as the text needs.
 */
public final class PdfTrialReport {

    private static final float MARGIN = 50;
    private static final float LINE = 13;
    private static final float PLOT_HEIGHT = 170;
    private static final float BODY_SIZE = 9.5f;
    private static final int WRAP_CHARS = 105;

    private PdfTrialReport() {
    }

    public static byte[] render(TrialReport report) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = doc.getDocumentInformation();
            info.setTitle(report.title());
            info.setCreator("Dorsal");
            Writer w = new Writer(doc);
            try {
                w.text(report.title(), 15, true);
                w.gap();
                for (String line : report.heading()) {
                    w.text(line, BODY_SIZE, false);
                }
                w.gap();
                w.text("Judgement", 12, true);
                w.text(report.judgement().summary(), BODY_SIZE, false);
                w.gap();
                w.text("Diary: pain score 0-10 (red), reported relief 0-100% (blue), criterion (green, dashed)", 12,
                        true);
                w.plot(report.plot());
                w.text(String.join(" | ", TrialReport.diaryHeader()), BODY_SIZE, true);
                for (List<String> row : report.diaryRows()) {
                    w.text(String.join(" | ", row), BODY_SIZE, false);
                }
                List<String> carry = report.carryoverLines();
                if (!carry.isEmpty()) {
                    w.gap();
                    w.text("Programs carried to the implant", 12, true);
                    for (String line : carry) {
                        w.text(line, BODY_SIZE, false);
                    }
                }
            } finally {
                w.close();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** Writes lines down the page, starting a new page when one is full. */
    private static final class Writer implements AutoCloseable {
        private final PDDocument doc;
        private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
        private PDPageContentStream page;
        private float y;

        Writer(PDDocument doc) throws IOException {
            this.doc = doc;
            newPage();
        }

        private void newPage() throws IOException {
            if (page != null) {
                page.close();
            }
            PDPage p = new PDPage(PDRectangle.A4);
            doc.addPage(p);
            page = new PDPageContentStream(doc, p);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        private void room(float height) throws IOException {
            if (y - height < MARGIN) {
                newPage();
            }
        }

        void gap() {
            y -= LINE / 2;
        }

        void text(String text, float size, boolean isBold) throws IOException {
            for (String line : wrap(printable(text))) {
                room(LINE + size - BODY_SIZE);
                y -= LINE + size - BODY_SIZE;
                page.beginText();
                page.setFont(isBold ? bold : regular, size);
                page.newLineAtOffset(MARGIN, y);
                page.showText(line);
                page.endText();
            }
        }

        void plot(DiaryPlot plot) throws IOException {
            float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
            room(PLOT_HEIGHT + 2 * LINE);
            y -= LINE / 2;
            float bottom = y - PLOT_HEIGHT;
            page.setStrokingColor(0.6f, 0.6f, 0.6f);
            page.setLineWidth(0.5f);
            page.addRect(MARGIN, bottom, width, PLOT_HEIGHT);
            page.stroke();
            page.setStrokingColor(0.15f, 0.6f, 0.15f);
            page.setLineDashPattern(new float[] {5, 3}, 0);
            float cy = bottom + (float) plot.criterionY() * PLOT_HEIGHT;
            page.moveTo(MARGIN, cy);
            page.lineTo(MARGIN + width, cy);
            page.stroke();
            page.setLineDashPattern(new float[] {}, 0);
            series(plot.pain(), 0.8f, 0.2f, 0.2f, width, bottom);
            series(plot.relief(), 0.2f, 0.2f, 0.8f, width, bottom);
            page.setNonStrokingColor(0f, 0f, 0f);
            for (int i = 0; i < plot.dayLabels().size(); i++) {
                float x = MARGIN + (float) plot.pain().get(i).x() * width;
                page.beginText();
                page.setFont(regular, 7);
                page.newLineAtOffset(Math.max(MARGIN, x - 8), bottom - 9);
                page.showText(plot.dayLabels().get(i));
                page.endText();
            }
            y = bottom - 2 * LINE;
        }

        private void series(List<DiaryPlot.Point> points, float r, float g, float b, float width, float bottom)
                throws IOException {
            page.setStrokingColor(r, g, b);
            page.setNonStrokingColor(r, g, b);
            page.setLineWidth(1.5f);
            for (int i = 0; i < points.size(); i++) {
                float x = MARGIN + (float) points.get(i).x() * width;
                float py = bottom + (float) points.get(i).y() * PLOT_HEIGHT;
                if (i == 0) {
                    page.moveTo(x, py);
                } else {
                    page.lineTo(x, py);
                }
            }
            if (points.size() > 1) {
                page.stroke();
            }
            for (DiaryPlot.Point p : points) {
                page.addRect(MARGIN + (float) p.x() * width - 2, bottom + (float) p.y() * PLOT_HEIGHT - 2, 4, 4);
                page.fill();
            }
        }

        @Override
        public void close() throws IOException {
            page.close();
        }
    }

    /** Latin-1 printable text on one line (Helvetica's WinAnsi encoding shows no more). */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c < 0x20 || (c > 0x7e && c < 0xa0) || c > 0xff) {
                out.append('?');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        String rest = text;
        while (rest.length() > WRAP_CHARS) {
            int cut = rest.lastIndexOf(' ', WRAP_CHARS);
            if (cut <= 0) {
                cut = WRAP_CHARS;
            }
            lines.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        lines.add(rest);
        return lines;
    }
}
