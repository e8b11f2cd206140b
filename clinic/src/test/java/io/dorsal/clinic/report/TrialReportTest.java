package io.dorsal.clinic.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Device;
import io.dorsal.clinic.DeviceKind;
import io.dorsal.clinic.DeviceStatus;
import io.dorsal.clinic.DiaryEntry;
import io.dorsal.clinic.Patient;
import io.dorsal.clinic.Trial;
import io.dorsal.clinic.TrialKind;
import io.dorsal.clinic.TrialState;
import io.dorsal.clinic.trial.Judgement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The trial report says the verdict with its data and plots every diary day, in HTML and in PDF. */
class TrialReportTest {

    private static final Trial TRIAL = new Trial("t-1", "p-1", "d-1", TrialKind.STIMULATION, 50, 8,
            TrialState.SUCCEEDED);

    private static TrialReport report(int days) {
        List<DiaryEntry> diary = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            diary.add(new DiaryEntry("t-1", LocalDate.of(2026, 11, 3).plusDays(i), 3 + i % 3, 55 + i % 4 * 5,
                    "walked <2 km> & slept", "low-back", i == 0 ? "first night: <b>better</b>\nthan before" : ""));
        }
        return new TrialReport(new Patient("p-1", "MRN-4711", "Doe", "Jane", LocalDate.of(1961, 4, 2)),
                new Device("d-1", "p-1", DeviceKind.TRIAL_STIMULATOR, "Dorsal ETS", "ETS-77", LocalDate.of(2026, 11, 2),
                        DeviceStatus.ACTIVE),
                Judgement.of(TRIAL, diary), null, "2026-12-03 09:00 UTC");
    }

    @Test
    void theHtmlReportShowsTheVerdictTheDiaryAndItsPlot() {
        String html = HtmlTrialReport.render(report(5));
        assertThat(html).contains("<title>Trial report: Doe, Jane (MRN-4711)</title>",
                "criterion 50% relief or better: MET", "serial ETS-77", "<svg id=\"diary-plot\"");
        assertThat(html).contains("walked &lt;2 km&gt; &amp; slept", "first night: &lt;b&gt;better&lt;/b&gt;")
                .doesNotContain("<b>better</b>");
        // two series of five points each, and five rows
        assertThat(html.split("<circle ", -1)).hasSize(11);
        assertThat(html.split("<tr>", -1)).hasSize(7);
    }

    @Test
    void thePdfReportCarriesTheSameTextOverAsManyPagesAsItNeeds() throws Exception {
        byte[] pdf = PdfTrialReport.render(report(5));
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(1);
            String text = new PDFTextStripper().getText(doc);
            assertThat(text).contains("Trial report: Doe, Jane (MRN-4711)", "criterion 50% relief or better: MET",
                    "2026-11-03 | 3 | 55 | walked <2 km> & slept | low-back | first night: <b>better</b> than before");
        }
        try (PDDocument doc = Loader.loadPDF(PdfTrialReport.render(report(90)))) {
            assertThat(doc.getNumberOfPages()).isGreaterThan(1);
            assertThat(new PDFTextStripper().getText(doc)).contains("2027-01-31 |");
        }
        Path out = Path.of("target", "trial-report-sample.pdf");
        Files.createDirectories(out.getParent());
        Files.write(out, pdf);
    }

    @Test
    void textHelveticaCannotShowBecomesAQuestionMark() {
        assertThat(PdfTrialReport.printable("Zoë → Łódź\tok")).isEqualTo("Zoë ? ?ód? ok");
    }
}
