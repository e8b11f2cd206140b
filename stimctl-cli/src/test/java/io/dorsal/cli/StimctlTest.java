package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StimctlTest {

    private static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;



    private Path file(String name, String json) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, json, StandardCharsets.UTF_8);
        return path;
    }

    /** One bipolar program on 500 ohm contacts, so that the current path stays within the compliance up to 6 mA. */
    private static String oneProgram(String leadArea, String amplitudeMa, String pulseWidthUs) {
        return """
                {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": %s, "impedanceOhm": 500}],
                 "programs": [{"name": "trial", "electrodes": {"L1.2": -100, "L1.3": 100},
                   "amplitudeMa": %s, "pulseWidthUs": %s, "rateHz": 50,
                   "pattern": {"type": "tonic"}, "recharge": {"type": "active"}}]}
                """.formatted(leadArea, amplitudeMa, pulseWidthUs);
    }

    @Test
    void checkAcceptsTheExampleAndShowsEveryContactsDose() {
        CliRun run = stimctl("check", EXAMPLES.resolve("two-programs.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("program 'low-back'", "program 'left-leg'", "density uC/cm2/ph", "Shannon k",
                "drive V", "duty %");
        // L1.2 carries the whole 4 mA for 300 us over 6 mm2: 1.2 uC, 20 uC/cm2, k = log10(20) + log10(1.2) = 1.38
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line.trim().split("\\s+"))
                .containsExactly("L1.2", "cathode", "-4", "1.2", "20", "1.38", "3.2", "0.5"));
        assertThat(run.outLines()).anySatisfy(line -> assertThat(line.trim()).startsWith("CASE"));
    }

    @Test
    void checkShowsEveryProgramSetAndWhichRunsNow() {
        CliRun run = stimctl("check", EXAMPLES.resolve("program-sets.json").toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.outLines()).contains("set 'day' (runs now) (the patient may choose it): [low-back, left-leg]",
                "set 'night' (the patient may choose it): [night-burst]", "set 'trial': [low-back]");
        assertThat(run.out()).contains("program 'night-burst': burst 40 Hz");
    }

    @Test
    void checkRefusesAFileOneOfWhoseSetsIsUnsafeAndNamesTheSet() throws IOException {
        String sets = Files.readString(EXAMPLES.resolve("program-sets.json"))
                .replace("{\"name\": \"trial\", \"programs\": [\"low-back\"]}",
                        "{\"name\": \"trial\", \"programs\": [\"low-back\", \"night-burst\"]}");
        CliRun run = stimctl("check", file("sets.json", sets).toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("set 'trial', program 'night-burst', timing: programs 'low-back' and "
                + "'night-burst' cannot run together", "(rule: interleaving)");
    }

    @Test
    void checkAcceptsTheBurstExample() {
        CliRun run = stimctl("check", EXAMPLES.resolve("burst.json").toString());

        assertThat(run.exitCode()).isZero();
        // 0.8 mA x 1000 us = 0.8 uC over 12 mm2 = 6.67 uC/cm2 a phase; the burst's 4 uC held before its window, 33.3
        // uC/cm2, grows to 33.3 / (1 - e^-1.6) = 41.77 in steady state; the path: 2 x (0.8 V + 0.5 V on a capacitor)
        assertThat(run.out()).contains("6.67", "current path L1.5 to L1.6: 2.6 V of the 12 V compliance",
                "electrode charge: up to 41.77 uC/cm2 held (L1.5, periodic steady state) of 100 uC/cm2; each passive "
                        + "window returns 79.8% of it");
    }

    @Test
    void checkRefusesChargeDensityAboveTheLimitWithOneLineNamingEverything() throws IOException {
        // 6.1 mA x 300 us = 1.83 uC over 0.06 cm2 = 30.5 uC/cm2 > 30
        Path unsafe = file("dense.json", oneProgram("6.0", "6.1", "300"));

        CliRun run = stimctl("check", unsafe.toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).anySatisfy(line -> assertThat(line)
                .contains("program 'trial'", "contact L1.2", "30.5 uC/cm2/phase", "at most 30 uC/cm2/phase",
                        "(rule: charge density)"));
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void checkAcceptsChargeDensityExactlyAtTheLimit() throws IOException {
        // 6.0 mA x 300 us = 1.8 uC over 0.06 cm2 = 30 uC/cm2, the limit itself
        CliRun run = stimctl("check", file("edge.json", oneProgram("6.0", "6.0", "300")).toString());

        assertThat(run.exitCode()).isZero();
    }

    @Test
    void checkReportsEveryProblemOfAFileNotJustTheFirst() throws IOException {
        Path unsafe = file("two-problems.json", oneProgram("6.0", "30.0", "1005"));

        CliRun run = stimctl("check", unsafe.toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("(rule: amplitude)", "(rule: pulse width)");
    }

    @Test
    void checkReportsMalformedJsonWithItsLineAndColumn() throws IOException {
        Path broken = file("broken.json", "{\n  \"leads\": [\n    {\"name\": \"L1\",, \"contacts\": 8}\n  ]\n}\n");

        CliRun run = stimctl("check", broken.toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("broken.json: line 3, column").doesNotContain("\tat ");
    }

    @Test
    void checkReportsAFileNotInTheProgramFormWithItsLineAndColumn() throws IOException {
        String json = oneProgram("6.0", "4.0", "\"300us\"");

        CliRun run = stimctl("check", file("form.json", json).toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("line 3, column", "programs[0].pulseWidthUs", "300us"));
    }

    @Test
    void checkSaysSoWhenTheFileIsMissing() {
        CliRun run = stimctl("check", dir.resolve("nowhere.json").toString());

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("nowhere.json", "cannot read the file");
    }

    @Test
    void usageErrorsPrintTheUsageAndExitNonZero() {
        CliRun noCommand = stimctl();
        CliRun unknownOption = stimctl("check", "--frobnicate", "x.json");
        CliRun missingDuration = stimctl("simulate", EXAMPLES.resolve("burst.json").toString());

        assertThat(noCommand.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(noCommand.err()).contains("Usage: stimctl");
        assertThat(unknownOption.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(unknownOption.err()).contains("Usage: stimctl check");
        assertThat(missingDuration.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(missingDuration.err()).contains("--duration-ms", "Usage: stimctl simulate");
    }

    @Test
    void simulateWritesTheCsvInTimeOrderWithBalancedPhases() {
        CliRun run = stimctl("simulate", EXAMPLES.resolve("two-programs.json").toString(), "--duration-ms", "100");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.outLines();
        assertThat(lines.get(0)).isEqualTo("start_us,duration_us,program,phase,contact,current_ua");
        List<String[]> rows = lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
        assertThat(rows).isNotEmpty();
        long previousStart = -1;
        Map<String, Double> phaseSums = new HashMap<>();
        for (String[] row : rows) {
            assertThat(row).hasSize(6);
            long start = Long.parseLong(row[0]);
            assertThat(start).isGreaterThanOrEqualTo(previousStart).isLessThan(100_000);
            previousStart = start;
            assertThat(row[3]).isIn("stim", "recharge");
            phaseSums.merge(row[0] + "/" + row[2] + "/" + row[3], Double.parseDouble(row[5]), Double::sum);
        }
        assertThat(phaseSums.values()).allSatisfy(sum -> assertThat(sum).isCloseTo(0.0,
                org.assertj.core.api.Assertions.within(1e-6)));
        // left-leg has no ramp: its first stim phase drives the full 2.5 mA out of L2.4
        assertThat(rows).anySatisfy(row -> assertThat(Arrays.asList(row)).containsSubsequence("left-leg", "stim", "L2.4",
                "-2500"));
    }

    @Test
    void simulateWritesToAFileWithOut() throws IOException {
        Path csv = dir.resolve("burst.csv");

        CliRun run = stimctl("simulate", EXAMPLES.resolve("burst.json").toString(), "--duration-ms", "25", "--out",
                csv.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEmpty();
        List<String> lines = Files.readAllLines(csv);
        // one burst: 5 stim phases, two contacts each, and one passive window written as the capacitors' decay in
        // 8 rows of 2,000 us per contact
        assertThat(lines).hasSize(1 + 5 * 2 + 8 * 2);
        assertThat(lines.get(lines.size() - 1)).startsWith("23000,2000,burst,recharge,L1.6,-89.401");
    }

    @Test
    void simulateRefusesAnUnsafeFileAndWritesNothing() throws IOException {
        CliRun run = stimctl("simulate", file("dense.json", oneProgram("6.0", "6.1", "300")).toString(),
                "--duration-ms", "10");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_REFUSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("(rule: charge density)");
    }

    @Test
    void simulateRefusesADurationOutsideItsRange() {
        CliRun run = stimctl("simulate", EXAMPLES.resolve("burst.json").toString(), "--duration-ms", "0");

        assertThat(run.exitCode()).isEqualTo(Stimctl.EXIT_USAGE);
        assertThat(run.err()).contains("--duration-ms must be 1 to");
    }
}
