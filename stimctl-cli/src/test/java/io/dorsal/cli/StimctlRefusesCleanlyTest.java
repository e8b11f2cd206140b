package io.dorsal.cli;

import static io.dorsal.cli.CliRun.stimctl;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No file or argument makes a command print a stack trace, hang or run out of memory: one line naming the problem,
 * exit 1 for a file (2 for usage, with the usage), nothing run (docs/stimctl.md).
 */
class StimctlRefusesCleanlyTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final String TONIC = """
            {"leads": [{"name": "L1", "contacts": 8, "contactAreaMm2": 6, "impedanceOhm": 500}],
             "programs": [{"name": "trial", "electrodes": {"L1.2": -100, "L1.3": 100},
               "amplitudeMa": 1, "pulseWidthUs": 30, "rateHz": RATE,
               "pattern": {"type": "tonic"}, "recharge": {"type": "active"}}]}
            """;

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path path = dir.resolve(name);
        Files.writeString(path, text, StandardCharsets.UTF_8);
        return path;
    }

    private static void refusedInOneLine(CliRun run, int exitCode) {
        assertThat(run.exitCode()).isEqualTo(exitCode);
        assertThat(run.err()).doesNotContain("\tat ", "Exception", "internal error");
        if (exitCode == Stimctl.EXIT_REFUSED) {
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void anUnknownCommandPrintsTheUsage() {
        CliRun run = stimctl("frobnicate");

        refusedInOneLine(run, Stimctl.EXIT_USAGE);
        assertThat(run.err()).startsWith("stimctl: Unmatched argument at index 0: 'frobnicate'")
                .contains("Usage: stimctl", "check", "simulate", "rig");
    }

    @Test
    void anUnknownSubcommandPrintsItsParentsUsage() {
        CliRun run = stimctl("rig", "frobnicate");

        refusedInOneLine(run, Stimctl.EXIT_USAGE);
        assertThat(run.err()).contains("'frobnicate'", "Usage: stimctl rig");
    }

    @Test
    void aNumberTooLargeForItsOptionIsAUsageError() {
        CliRun run = stimctl("simulate", EXAMPLES.resolve("burst.json").toString(), "--duration-ms",
                "99999999999999999999");

        refusedInOneLine(run, Stimctl.EXIT_USAGE);
        assertThat(run.err()).contains("--duration-ms", "Usage: stimctl simulate");
    }

    @Test
    void aTonicRateOnlyHighFrequencyAllowsSaysWhichPatternAllowsIt() throws IOException {
        CliRun run = stimctl("check", file("fast.json", TONIC.replace("RATE", "10000")).toString());

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("program 'trial', rateHz: 10000 Hz; limit 2 to 1200 Hz for tonic; 1000 to"
                + " 10000 Hz with pattern highFrequency (rule: rate)");
    }

    @Test
    void aFileLargerThan256KibIsRefusedUnread() throws IOException {
        String tonic = TONIC.replace("RATE", "50");
        Path large = file("large.json", tonic + " ".repeat(256 * 1024 - tonic.length() + 1));

        CliRun run = stimctl("check", large.toString());

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err().strip()).isEqualTo(large + ": the file is larger than 262,144 bytes; limit 262,144 bytes");
    }

    @Test
    void aDeviceThatNeverEndsIsRefusedWithoutHangingOrExhaustingMemory() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(Path.of("/dev/zero")), "a system with /dev/zero");

        CliRun run = stimctl("check", "/dev/zero");

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("/dev/zero: the file is larger than 262,144 bytes");
    }

    @Test
    void aDirectoryIsRefusedInOneLine() {
        CliRun run = stimctl("check", dir.toString());

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("cannot read the file");
    }

    @Test
    void aFileNestedTooDeepIsRefusedInOneLine() throws IOException {
        Path deep = file("deep.json", "{\"leads\": " + "[".repeat(5_000) + "]".repeat(5_000) + "}");

        CliRun run = stimctl("check", deep.toString());

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err().lines()).hasSize(1).first().asString()
                .endsWith("nested more than 16 levels deep; limit 16 levels");
    }

    @Test
    void aPinMapBeyondTheBoundsIsRefusedInOneLine() throws IOException {
        Path pins = file("pins.json", "{\"name\": \"" + "n".repeat(2_000) + "\"}");

        CliRun run = stimctl("check", EXAMPLES.resolve("rig-tonic.json").toString(), "--pins", pins.toString());

        refusedInOneLine(run, Stimctl.EXIT_REFUSED);
        assertThat(run.err()).contains("a string longer than 1,024 characters; limit 1,024 characters");
    }
}
