package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code stimctl loop report}: open against closed loop on the documented posture script (issue 15, item 3). */
class StimctlLoopTest {

    private static final String EXAMPLES = Path.of("..", "examples").toString();

    @Test
    void reportsTimeInWindowAndDeviationForBothLoopsAndWritesEveryPulse(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("loop.csv");

        CliRun run = CliRun.stimctl("loop", "report", EXAMPLES + "/rig-tonic.json", "--posture",
                EXAMPLES + "/posture-day.json", "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("program 'tonic', 5000 pulses over 100 s", "target 20.0 uV",
                "window 10.0 to 40.0 uV", "loop envelope 1.00 to 4.00 mA", "open          39.0 %",
                "closed        92.3 %", "lost the recording for 50 pulse(s)");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows).hasSize(1 + 2 * 5_000);
        assertThat(rows.get(0)).isEqualTo("t_s,distance_mm,loop,current_ma,ecap_uv,measured_uv");
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("85.000,").contains(",closed,").endsWith(","));
    }

    @Test
    void aBurstProgramOrAnUnreadableScriptIsRefusedInOneLine(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), "{\"segments\": [{\"posture\": \"flying\"}]}");

        CliRun burst = CliRun.stimctl("loop", "report", EXAMPLES + "/rig-burst.json", "--posture",
                EXAMPLES + "/posture-day.json");
        CliRun unreadable = CliRun.stimctl("loop", "report", EXAMPLES + "/rig-tonic.json", "--posture", bad.toString());

        assertThat(burst.exitCode()).isEqualTo(1);
        assertThat(burst.err().strip()).endsWith("the closed-loop model runs tonic programs").doesNotContain("\n");
        assertThat(unreadable.exitCode()).isEqualTo(1);
        assertThat(unreadable.err()).contains("bad.json: posture script:").doesNotContain("Exception");
    }

    @Test
    void aFilesClosedLoopIsCheckedWithTheTherapyAndItsTargetIsTheOneHeld(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.json"), Files.readString(Path.of(EXAMPLES, "closed-loop-tonic.json"))
                .replace("[\"L1.6\", \"L1.7\"]", "[\"L1.3\"]"));

        CliRun check = CliRun.stimctl("check", EXAMPLES + "/closed-loop-tonic.json");
        CliRun refused = CliRun.stimctl("check", bad.toString());
        CliRun report = CliRun.stimctl("loop", "report", EXAMPLES + "/closed-loop-tonic.json", "--posture",
                EXAMPLES + "/posture-day.json");

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("closedLoop", "recordingContacts", "L1.3 carries current in 'tonic'",
                "closed loop", "nothing was run");
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("target 25.0 uV (the file's closedLoop)");
    }
}
