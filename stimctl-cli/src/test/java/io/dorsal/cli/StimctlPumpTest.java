package io.dorsal.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StimctlPumpTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String MORPHINE = EXAMPLES.resolve("pump-morphine.json").toString();

    @Test
    void checkPrintsTheDoseTableAndTheReservoirDates() {
        CliRun run = CliRun.stimctl("pump", "check", MORPHINE);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("morphine        10 mg/mL       3 mg             3.8 mg                  15 mg"
                + "          0.3 mL/day")
                .contains("low reservoir   47.4 days (2027-01-17), with every patient bolus taken")
                .contains("empty           52.6 days (2027-01-22)")
                .contains("next refill     2027-01-10 (filled 2026-12-01)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void checkRefusesAnUnsafePrescriptionWithOneLinePerProblem(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("over.json");
        Files.writeString(file, Files.readString(EXAMPLES.resolve("pump-morphine.json"))
                .replace("\"dosePerDay\": 3", "\"dosePerDay\": 16"));
        CliRun run = CliRun.stimctl("pump", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).first().asString().isEqualTo(file + ": prescription, dosePerDay: 16.8 mg/day"
                + " (16 mg/day from the mode + 4 patient boluses of 0.2 mg); limit at most 15 mg/day (PACC 2017)"
                + " (rule: daily dose)");
        assertThat(run.errLines()).last().asString().endsWith("nothing was run");
    }

    @Test
    void checkReportsAMalformedFileWithItsPlace(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{ \"pump\": 3 }");
        CliRun run = CliRun.stimctl("pump", "check", file.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith(file + ": line 1").doesNotContain("Exception");
    }

    @Test
    void simulateWritesAnHourlyDeliveryRowAndEveryOtherEvent(@TempDir Path dir) throws IOException {
        Path requests = dir.resolve("requests.csv");
        Files.writeString(requests, "time_s\n3600\n3700\n");
        Path out = dir.resolve("sim.csv");
        CliRun run = CliRun.stimctl("pump", "simulate", MORPHINE, "--days", "2", "--bolus-requests",
                requests.toString(), "--out", out.toString());
        assertThat(run.exitCode()).isZero();
        List<String> rows = Files.readAllLines(out);
        assertThat(rows.get(0)).isEqualTo("time_s,event,volume_ul,drug_ug,reservoir_ul");
        assertThat(rows.get(1)).isEqualTo("0.000,filled,20000.000,0.000,20000.000");
        assertThat(rows).filteredOn(r -> r.contains(",delivery,")).hasSize(48);
        // an event at the end of an hour comes before that hour's delivery row, which it does not touch;
        // an hour at 0.3 mL/day is 12.5 uL: 50 strokes, 125 mcg
        assertThat(rows.get(2)).isEqualTo("3600.000,bolus,20.000,200.000,19987.500");
        assertThat(rows.get(3)).isEqualTo("3600.000,delivery,12.500,125.000,19987.500");
        assertThat(rows.get(4)).startsWith("3700.000,bolus_refused,");
        assertThat(rows.get(5)).isEqualTo("7200.000,delivery,32.500,325.000,19955.000");
    }

    @Test
    void simulateRefusesABadRequestFileAndADayCountOutOfRange(@TempDir Path dir) throws IOException {
        Path requests = dir.resolve("requests.csv");
        Files.writeString(requests, "time_s\nsoon\n");
        CliRun bad = CliRun.stimctl("pump", "simulate", MORPHINE, "--days", "1", "--bolus-requests", requests.toString());
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("line 2: expected a time in seconds, found \"soon\"");
        CliRun usage = CliRun.stimctl("pump", "simulate", MORPHINE, "--days", "0");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("--days must be 1 to 3650, was 0");
    }

    @Test
    void refillComparesTheDrawnBackVolumeAndChecksTheNewFill() {
        // 30 days at 0.3 mL/day: 11 mL expected
        CliRun ok = CliRun.stimctl("pump", "refill", MORPHINE, "--elapsed-days", "30", "--drawn-ml", "10.6",
                "--new", MORPHINE);
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).contains("expected 11 mL, drawn back 10.6 mL").contains("within tolerance")
                .contains("next refill     2027-01-10");
        CliRun none = CliRun.stimctl("pump", "refill", MORPHINE, "--elapsed-days", "30", "--drawn-ml", "0");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).contains("nothing returned").contains("pocket fill");
    }

    @Test
    void reportPrintsTheInterrogation() {
        CliRun run = CliRun.stimctl("pump", "report", MORPHINE, "--days", "50");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Dorsal drug pump: interrogation report")
                .contains("reservoir (expected) 5 mL").contains("battery");
    }

    @Test
    void rigPumpRunStepsTheStepperOnTheMockAndLeavesItDisabled(@TempDir Path dir) throws IOException {
        Path trace = dir.resolve("trace.csv");
        CliRun run = CliRun.stimctl("rig", "pump", "run", MORPHINE, "--pins", EXAMPLES.resolve("rig-pump-pins.json")
                .toString(), "--mock", "--duration-s", "86400", "--trace", trace.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        // a day of 0.3 mL at 0.5 uL a step
        assertThat(run.out()).contains("600 steps, 300.000 uL pumped by the calibration (0.5000 uL/step)");
        List<String> lines = Files.readAllLines(trace);
        assertThat(lines.get(lines.size() - 1)).contains("ENABLE").endsWith(",1");
    }

    @Test
    void rigPumpRunRefusesAnUnsafePrescription(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("over.json");
        Files.writeString(file, Files.readString(EXAMPLES.resolve("pump-morphine.json"))
                .replace("\"dosePerDay\": 3", "\"dosePerDay\": 16"));
        CliRun run = CliRun.stimctl("rig", "pump", "run", file.toString(), "--pins",
                EXAMPLES.resolve("rig-pump-pins.json").toString(), "--mock", "--duration-s", "10");
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("(rule: daily dose)");
    }

    @Test
    void aBalanceInThePinMapWeighsTheDayAndAPartialOcclusionFailsTheRunWithItsLikelyCauses() {
        String pins = EXAMPLES.resolve("rig-pump-pins-balance.json").toString();

        CliRun good = CliRun.stimctl("rig", "pump", "run", MORPHINE, "--pins", pins, "--mock", "--duration-s", "86400");
        CliRun occluded = CliRun.stimctl("rig", "pump", "run", MORPHINE, "--pins", pins, "--mock", "--duration-s",
                "86400", "--mock-delivered-fraction", "0.8");

        assertThat(good.exitCode()).as(good.err()).isZero();
        assertThat(good.out()).contains("balance: 300.0 uL measured against 300.0 uL pumped", "agrees");
        assertThat(occluded.exitCode()).isEqualTo(1);
        assertThat(occluded.out()).contains("240.0 uL measured against 300.0 uL pumped", "-20.0 %", "LESS than pumped",
                "occlusion");
    }
}
