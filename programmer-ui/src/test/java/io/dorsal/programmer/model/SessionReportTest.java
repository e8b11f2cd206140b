package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionReportTest {

    @Test
    void holdsProgramsDosesImpedancesAndTheChangeLog(@TempDir Path dir) throws Exception {
        Fixture f = new Fixture();
        f.session.impedance().runCheck();
        f.programmer().fields().amplitudeMaProperty().set(4.5);
        f.programmer().handover().apply();
        Path file = dir.resolve("report.html");

        f.session.exportReport(file);

        String html = Files.readString(file);
        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<td>low-back</td>").contains("L1.2 -100%, L1.1 +50%, L1.3 +50%")
                .contains("<td>4.5 mA</td>")
                .contains("<h2>Impedance check</h2>").contains("<td>L2.7</td>")
                .contains("amplitude of low-back").contains("<td>4 mA</td>")
                .contains("2026-01-02 10:00:00").contains("dr-test")
                .contains("THERAPY_APPLIED");
    }

    @Test
    void aPatientsReportIsAPdfWithTheBeforeAndAfterTheChangesAndTheirImpedanceTrend(@TempDir Path dir)
            throws Exception {
        java.time.Clock wall = java.time.Clock.fixed(java.time.Instant.parse("2026-01-02T10:00:00Z"),
                java.time.ZoneOffset.UTC);
        var records = new io.dorsal.programmer.records.PatientRecords(io.dorsal.clinic.db.ClinicDatabase.open(
                new io.dorsal.clinic.db.ClinicLocation.SqliteFile(dir.resolve("records.db")), wall::millis), "dr-test",
                wall, Runnable::run, Runnable::run);
        records.open(records.demoPatient(), java.util.Optional.empty());
        Fixture f = new Fixture();
        f.session.keepRecords(records);
        f.programmer().fields().amplitudeMaProperty().set(4.5);
        f.programmer().handover().apply();
        Path pdf = dir.resolve("report.pdf");
        Path html = dir.resolve("report.html");

        f.session.exportReport(pdf);
        f.session.exportReport(html);

        String text;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.toFile())) {
            text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(doc.getDocumentInformation().getTitle()).isEqualTo(
                    "Dorsal session report - Patient Demo (DEMO-0001), born 1970-01-01");
        }
        assertThat(text).contains("Patient Demo (DEMO-0001), born 1970-01-01")
                .contains("At the session's start: low-back 4 mA").contains("On the generator now: low-back 4.5 mA")
                .contains("amplitude of low-back | 4 mA -> 4.5 mA")
                .contains("Impedance per contact over the checks")
                .contains("FLAG contact L1.5: jump")
                .contains("Trial (succeeded): criterion 50% relief or better: MET");
        assertThat(Files.readString(html)).contains("<h2>Patient</h2>").contains("<svg")
                .contains("<h2>Before and after</h2>").contains("contact L1.5: jump");
        records.close();
    }

    @Test
    void escapesWhatPeopleTyped() {
        assertThat(SessionReport.esc("<b>'x' & \"y\"</b>")).isEqualTo("&lt;b&gt;&#39;x&#39; &amp; &quot;y&quot;&lt;/b&gt;");
    }
}
