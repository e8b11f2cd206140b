package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Patient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A programmer killed in the middle of writing (SIGKILL, no shutdown) loses nothing it had committed, and the
 * file opens intact with its chain unbroken.
 */
class CrashTest {

    private static final int COMMITS_BEFORE_KILL = 40;

    @TempDir
    Path folder;

    @Test
    void aKilledWriterLosesNothingCommitted() throws Exception {
        Path file = folder.resolve("records.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process writer = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), file.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long lastAcknowledged = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lastAcknowledged = Long.parseLong(line.substring("committed ".length()));
                if (lastAcknowledged >= COMMITS_BEFORE_KILL) {
                    writer.destroyForcibly();
                    break;
                }
            }
        } finally {
            writer.destroyForcibly();
            assertThat(writer.waitFor(1, TimeUnit.MINUTES)).isTrue();
        }
        assertThat(lastAcknowledged).as("commits acknowledged before the kill").isGreaterThanOrEqualTo(
                COMMITS_BEFORE_KILL);

        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), () -> 0L)) {
            ChainCheck check = records.verify();
            assertThat(check.intact()).as(check.problem()).isTrue();
            assertThat(check.entries()).isGreaterThanOrEqualTo(lastAcknowledged);
            List<Entry<Patient>> patients = records.all(Patient.class);
            assertThat(patients).hasSize((int) check.entries());
            for (long seq = 1; seq <= lastAcknowledged; seq++) {
                assertThat(patients.get((int) seq - 1).seq()).isEqualTo(seq);
            }
        }
    }
}
