package io.dorsal.link.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the audit log's check (docs/testing.md, target {@code audit-log}), the path of
 * {@code stimctl log verify}: whatever a log file holds (it may have been tampered with), the check answers intact
 * or not, with the first bad line and one line of why, never an exception. An intact answer counts every line.
 */
class AuditLogFuzzTest {

    @DictionaryFile(resourcePath = "/io/dorsal/link/audit/audit-log.dict")
    @FuzzTest
    void verifiesAnyLogIntoAVerdict(byte[] file) {
        var lines = new String(file, StandardCharsets.UTF_8).lines().toList();
        AuditLog.Verification check = AuditLog.verify(lines);
        if (check.intact()) {
            assertThat(check.entries()).isEqualTo(lines.size());
            assertThat(check.problem()).isEmpty();
        } else {
            assertThat(check.badLine()).isBetween(1L, (long) lines.size());
            assertThat(check.problem()).isNotBlank().doesNotContain("\n", "\r");
        }
    }
}
