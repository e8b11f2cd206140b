package io.dorsal.core.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.core.json.InputBounds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader's bounds (docs/program-format.md, "Bounds"), each at its edge and one past it: a file of 256 KiB,
 * 16 levels of nesting, strings of 1,024 characters, numbers of 64, field names of 256, 256 entries in a list or
 * an object. At the bound the file is read (and judged on its content); past it, it is refused with one line
 * naming the bound.
 */
class ProgramCodecBoundsTest {

    private static final String BURST = """
            {"leads": [{"name": "L1", "contacts": 16, "contactAreaMm2": 12.0}],
             "programs": [{"name": "NAME", "electrodes": {"L1.5": -100, "L1.6": 100},
               "amplitudeMa": 0.8, "pulseWidthUs": 1000,
               "pattern": {"type": "burst", "pulsesPerBurst": 5, "intraBurstRateHz": 500, "burstRateHz": 40},
               "recharge": {"type": "passive"}}]}
            """;

    private static String burstNamed(String name) {
        return BURST.replace("NAME", name);
    }

    private static String problem(String json) {
        try {
            ProgramCodec.read(json);
        } catch (ProgramFileException e) {
            return e.describe();
        }
        throw new AssertionError("read without a problem");
    }

    @Test
    void readsAFileOfExactly256KibAndRefusesOneByteMore(@TempDir Path dir) throws Exception {
        String json = burstNamed("burst");
        Path atBound = dir.resolve("at.json");
        Path past = dir.resolve("past.json");
        Files.writeString(atBound, json + " ".repeat(InputBounds.FILE.maxBytes() - json.length()));
        Files.writeString(past, json + " ".repeat(InputBounds.FILE.maxBytes() - json.length() + 1));

        assertThat(Files.size(atBound)).isEqualTo(262_144);
        assertThat(ProgramCodec.read(atBound).programs()).hasSize(1);
        assertThatThrownBy(() -> ProgramCodec.read(past)).isInstanceOf(ProgramFileException.class)
                .hasMessage("the file is larger than 262,144 bytes; limit 262,144 bytes");
        assertThat(problem(json + " ".repeat(InputBounds.FILE.maxBytes() - json.length() + 1)))
                .isEqualTo("the program file is larger than 262,144 bytes; limit 262,144 bytes");
    }

    @Test
    void refusesADeviceThatNeverEndsWithoutReadingItAll() {
        Path endless = Path.of("/dev/zero");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(endless), "a system with /dev/zero");

        assertThatThrownBy(() -> ProgramCodec.read(endless)).isInstanceOf(ProgramFileException.class)
                .hasMessageContaining("larger than 262,144 bytes");
    }

    @Test
    void refusesAFileThatIsNotUtf8(@TempDir Path dir) throws IOException {
        Path latin1 = dir.resolve("latin1.json");
        Files.write(latin1, burstNamed("caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ProgramCodec.read(latin1)).isInstanceOf(ProgramFileException.class)
                .hasMessageContaining("not UTF-8 text");
    }

    @Test
    void nestingOf16LevelsIsJudgedOnItsContentAnd17IsRefused() {
        // "leads" holds lists in lists: the root object is level 1
        String sixteen = "{\"leads\": " + "[".repeat(15) + "]".repeat(15) + "}";
        String seventeen = "{\"leads\": " + "[".repeat(16) + "]".repeat(16) + "}";

        assertThat(problem(sixteen)).doesNotContain("levels");
        assertThat(problem(seventeen)).startsWith("line 1, column 44: leads[0]")
                .endsWith(": nested more than 16 levels deep; limit 16 levels");
    }

    @Test
    void aStringOf1024CharactersIsReadAndOf1025IsRefused() throws ProgramFileException {
        assertThat(ProgramCodec.read(burstNamed("n".repeat(1024))).programs().get(0).name()).hasSize(1024);
        assertThat(problem(burstNamed("n".repeat(1025))))
                .endsWith("a string longer than 1,024 characters; limit 1,024 characters");
    }

    @Test
    void aNumberOf64CharactersIsReadAndOf65IsRefused() throws ProgramFileException {
        String sixtyFour = "0.8" + "0".repeat(61);

        assertThat(ProgramCodec.read(BURST.replace("0.8", sixtyFour).replace("NAME", "b")).programs().get(0)
                .amplitudeMa()).isEqualTo(0.8);
        assertThat(problem(BURST.replace("0.8", sixtyFour + "0").replace("NAME", "b")))
                .endsWith("a number longer than 64 characters; limit 64 characters");
    }

    @Test
    void aFieldNameOf256CharactersIsJudgedAndOf257IsRefused() {
        assertThat(problem(BURST.replace("\"name\": \"NAME\"", "\"name\": \"b\", \"" + "f".repeat(256) + "\": 1")))
                .contains("unknown field").doesNotContain("limit 256 characters");
        assertThat(problem(BURST.replace("\"name\": \"NAME\"", "\"name\": \"b\", \"" + "f".repeat(257) + "\": 1")))
                .endsWith("a field name longer than 256 characters; limit 256 characters");
    }

    @Test
    void anObjectOf256EntriesIsReadAndOf257IsRefused() throws ProgramFileException {
        assertThat(ProgramCodec.read(withElectrodes(256)).programs().get(0).electrodes()).hasSize(256);
        assertThat(problem(withElectrodes(257)))
                .endsWith("programs[0].electrodes.L9.254: an object of more than 256 entries; limit 256 entries");
    }

    @Test
    void aListOf256EntriesIsReadAndOf257IsRefused() throws ProgramFileException {
        assertThat(ProgramCodec.read(withLeads(256)).leads()).hasSize(256);
        assertThat(problem(withLeads(257))).endsWith("leads[256]: a list of more than 256 entries; limit 256 entries");
    }

    /** The burst program with its two contacts and {@code count - 2} more on lead L9, each at 0 %. */
    private static String withElectrodes(int count) {
        StringBuilder more = new StringBuilder();
        for (int i = 0; i < count - 2; i++) {
            more.append(", \"L9.").append(i).append("\": 0");
        }
        return BURST.replace("NAME", "b").replace("\"L1.6\": 100", "\"L1.6\": 100" + more);
    }

    /** The burst program's file with {@code count} leads. */
    private static String withLeads(int count) {
        StringBuilder leads = new StringBuilder("{\"name\": \"L1\", \"contacts\": 16, \"contactAreaMm2\": 12.0}");
        for (int i = 2; i <= count; i++) {
            leads.append(", {\"name\": \"X").append(i).append("\", \"contacts\": 1, \"contactAreaMm2\": 12.0}");
        }
        return BURST.replace("NAME", "b").replace("{\"name\": \"L1\", \"contacts\": 16, \"contactAreaMm2\": 12.0}",
                leads.toString());
    }
}
