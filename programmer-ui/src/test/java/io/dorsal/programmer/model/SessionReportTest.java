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
    void escapesWhatPeopleTyped() {
        assertThat(SessionReport.esc("<b>'x' & \"y\"</b>")).isEqualTo("&lt;b&gt;&#39;x&#39; &amp; &quot;y&quot;&lt;/b&gt;");
    }
}
