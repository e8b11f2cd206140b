package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stimctl simulate FILE --posture SCRIPT}: the file's closed loop on the generator against the simulated cord,
 * one row per pulse (issue 15, item 3).
 */
class StimctlSimulatePostureTest {

    private static final String EXAMPLES = Path.of("..", "examples").toString();

    @Test
    void writesEachPulsesCurrentAndEcapAsTheGeneratorsLoopDeliveredThem(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("pulses.csv");

        CliRun run = CliRun.stimctl("simulate", EXAMPLES + "/closed-loop-tonic.json", "--posture",
                EXAMPLES + "/posture-day.json", "--out", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("closed loop on 'tonic'", "50 lost");
        List<String> rows = Files.readAllLines(csv);
        assertThat(rows.get(0)).isEqualTo("t_s,distance_mm,posture,current_ma,ecap_uv,measured_uv");
        // 100 s at 50 Hz after the 1 s soft start, the last pulse not yet measured when the run ends
        assertThat(rows).hasSize(1 + 4_949);
        assertThat(rows.get(1)).startsWith("1.0000,3.500,sitting,3.0000,");
        assertThat(rows).anySatisfy(r -> assertThat(r).startsWith("85.0000,").endsWith(","));
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (String row : rows.subList(1, rows.size())) {
            double ma = Double.parseDouble(row.split(",")[3]);
            lowest = Math.min(lowest, ma);
            highest = Math.max(highest, ma);
        }
        // the loop moved the current over the patient range as the postures changed, and never out of it
        assertThat(lowest).isGreaterThanOrEqualTo(1.0).isLessThan(1.5);
        assertThat(highest).isLessThanOrEqualTo(4.0).isGreaterThan(3.5);
    }

    @Test
    void aFileWithoutAClosedLoopOrWithoutADurationIsRefusedInOneLine() {
        CliRun noLoop = CliRun.stimctl("simulate", EXAMPLES + "/rig-tonic.json", "--posture",
                EXAMPLES + "/posture-day.json");
        CliRun noDuration = CliRun.stimctl("simulate", EXAMPLES + "/rig-tonic.json");

        assertThat(noLoop.exitCode()).isEqualTo(1);
        assertThat(noLoop.err().strip()).endsWith("--posture needs a closedLoop in the file (its program, recording"
                + " contacts and target; docs/ecap.md)").doesNotContain("\n");
        assertThat(noDuration.exitCode()).isEqualTo(2);
        assertThat(noDuration.err()).contains("--duration-ms is required");
    }
}
