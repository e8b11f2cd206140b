package io.dorsal.rig.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dorsal.rig.RigFixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Coverage-guided fuzzing of the rig trace reader and its auditor (docs/testing.md, target {@code trace-csv}), the
 * path of {@code stimctl rig audit}: whatever bytes a trace holds, it reads as rows or one problem on one line, and
 * the auditor answers any rows with a report of one-line findings against the example tonic therapy and pin map,
 * never another exception, a hang or an exhausted heap.
 */
class TraceCsvFuzzTest {

    private static final TraceAudit AUDIT = new TraceAudit(RigFixtures.examplePins(),
            RigFixtures.example("rig-tonic.json"), TraceAudit.DEFAULT_BOUND_US);

    @DictionaryFile(resourcePath = "/io/dorsal/rig/audit/trace.dict")
    @FuzzTest
    void readsAnyTraceIntoAnAuditOrOneProblem(byte[] file) {
        List<TraceRow> rows;
        try {
            rows = TraceCsv.parse(new String(file, StandardCharsets.UTF_8).lines().toList());
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n", "\r");
            return;
        }
        AuditReport report = AUDIT.audit(rows);
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.describe()).doesNotContain("\n", "\r"));
    }
}
