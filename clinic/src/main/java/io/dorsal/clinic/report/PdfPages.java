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
 * A report as A4 pages a clinic can file (PDFBox 3): lines of text down the page, wrapped, a new page when one is
 * full, and line plots as vector drawings. Text is set in Helvetica; characters it cannot show become '?'. The
 * trial report and the programmer's session report are written with it. Not thread safe; one per document.
 */
public final class PdfPages implements AutoCloseable {

    /** The body text's size, in points. */
    public static final float BODY = 9.5f;
    /** A section heading's size, in points. */
    public static final float HEADING = 12;
    /** The title's size, in points. */
    public static final float TITLE = 15;

    private static final float MARGIN = 50;
    private static final float LINE = 13;
    private static final float PLOT_HEIGHT = 170;
    private static final int WRAP_CHARS = 105;

    private final PDDocument doc = new PDDocument();
    private final PDType1Font regular = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    private final PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
    private PDPageContentStream page;
    private float y;

    /** A document with {@code title} in its properties (not yet on the page: write it with {@link #text}). */
    public PdfPages(String title) throws IOException {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(printable(title));
        info.setCreator("Dorsal");
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

    /** Half a line of space. */
    public void gap() {
        y -= LINE / 2;
    }

    /** {@code text} at {@code size} points, wrapped at about 105 characters a line. */
    public void text(String text, float size, boolean isBold) throws IOException {
        for (String line : wrap(printable(text))) {
            room(LINE + size - BODY);
            y -= LINE + size - BODY;
            page.beginText();
            page.setFont(isBold ? bold : regular, size);
            page.newLineAtOffset(MARGIN, y);
            page.showText(line);
            page.endText();
        }
    }

    /** The plot across the page's width, with its x labels below and a legend line under them. */
    public void plot(LinePlot plot) throws IOException {
        float width = PDRectangle.A4.getWidth() - 2 * MARGIN;
        room(PLOT_HEIGHT + 3 * LINE);
        y -= LINE / 2;
        float bottom = y - PLOT_HEIGHT;
        page.setStrokingColor(0.6f, 0.6f, 0.6f);
        page.setLineWidth(0.5f);
        page.addRect(MARGIN, bottom, width, PLOT_HEIGHT);
        page.stroke();
        for (LinePlot.Series s : plot.series()) {
            series(s, width, bottom);
        }
        page.setNonStrokingColor(0f, 0f, 0f);
        for (LinePlot.Label label : plot.xLabels()) {
            float x = MARGIN + (float) label.x() * width;
            page.beginText();
            page.setFont(regular, 7);
            page.newLineAtOffset(Math.max(MARGIN, Math.min(MARGIN + width - 20, x - 8)), bottom - 9);
            page.showText(printable(label.text()));
            page.endText();
        }
        y = bottom - LINE;
        text("y: " + plot.yRange(), 7.5f, false);
        legend(plot, width);
        gap();
    }

    /** Each series' colour as a short line and its name, left to right, wrapping at the page's width. */
    private void legend(LinePlot plot, float width) throws IOException {
        float size = 7.5f;
        float x = MARGIN;
        room(LINE);
        y -= LINE;
        for (LinePlot.Series s : plot.series()) {
            String name = printable(s.name()) + (s.dashed() ? " (dashed)" : "");
            float itemWidth = 16 + regular.getStringWidth(name) / 1000 * size + 10;
            if (x + itemWidth > MARGIN + width && x > MARGIN) {
                room(LINE);
                y -= LINE;
                x = MARGIN;
            }
            page.setStrokingColor(((s.rgb() >> 16) & 0xff) / 255f, ((s.rgb() >> 8) & 0xff) / 255f,
                    (s.rgb() & 0xff) / 255f);
            page.setLineWidth(2f);
            page.setLineDashPattern(s.dashed() ? new float[] {3, 2} : new float[] {}, 0);
            page.moveTo(x, y + 2.5f);
            page.lineTo(x + 12, y + 2.5f);
            page.stroke();
            page.setLineDashPattern(new float[] {}, 0);
            page.setNonStrokingColor(0f, 0f, 0f);
            page.beginText();
            page.setFont(regular, size);
            page.newLineAtOffset(x + 16, y);
            page.showText(name);
            page.endText();
            x += itemWidth;
        }
    }

    private void series(LinePlot.Series s, float width, float bottom) throws IOException {
        float r = ((s.rgb() >> 16) & 0xff) / 255f;
        float g = ((s.rgb() >> 8) & 0xff) / 255f;
        float b = (s.rgb() & 0xff) / 255f;
        page.setStrokingColor(r, g, b);
        page.setNonStrokingColor(r, g, b);
        page.setLineWidth(s.dashed() ? 1f : 1.5f);
        page.setLineDashPattern(s.dashed() ? new float[] {5, 3} : new float[] {}, 0);
        List<LinePlot.Point> points = s.points();
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
        page.setLineDashPattern(new float[] {}, 0);
        if (!s.dashed()) {
            for (LinePlot.Point p : points) {
                page.addRect(MARGIN + (float) p.x() * width - 2, bottom + (float) p.y() * PLOT_HEIGHT - 2, 4, 4);
                page.fill();
            }
        }
    }

    /** Closes the last page and gives the document's bytes. */
    public byte[] finish() throws IOException {
        page.close();
        page = null;
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        if (page != null) {
            page.close();
        }
        doc.close();
    }

    /** Latin-1 printable text on one line (Helvetica's WinAnsi encoding shows no more). */
    public static String printable(String text) {
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
