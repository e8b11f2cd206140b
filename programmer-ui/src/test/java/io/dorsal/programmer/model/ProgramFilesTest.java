package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Program files: a saved draft opens again as the same therapy; a bad file changes nothing and says where. */
class ProgramFilesTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final ProgramFiles files = m.files();

    @Test
    void openingABadFileChangesNothingAndSaysWhereInOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"leads\": [],\n  \"programs\": [ {\"name\": \"x\", \"pulseWidthUs\": \"300us\"} ]\n}");
        Draft before = m.draft();

        assertThat(files.open(bad)).isFalse();

        assertThat(m.draft()).isSameAs(before);
        assertThat(m.notices().errorProperty().get()).startsWith("Cannot open bad.json: line ").contains("column")
                .doesNotContain("\n");
        assertThat(m.undoStack().size()).isZero();
    }

    @Test
    void savedFilesOpenAgainAsTheSameTherapy(@TempDir Path dir) {
        m.fields().amplitudeMaProperty().set(3.5);
        Path file = dir.resolve("session.json");

        assertThat(files.save(file)).isTrue();
        m.fields().amplitudeMaProperty().set(3.0);
        assertThat(files.open(file)).isTrue();

        assertThat(m.program().amplitudeMa()).isEqualTo(3.5);
        assertThat(m.undoStack().size()).isEqualTo(3);
    }

    @Test
    void disabledProgramsAreNotSavedAndTheMessageSaysSo(@TempDir Path dir) throws Exception {
        m.programs().select(1);
        m.fields().enabledProperty().set(false);
        Path file = dir.resolve("one.json");

        assertThat(files.save(file)).isTrue();

        assertThat(m.notices().messageProperty().get())
                .isEqualTo("Saved 1 program(s) to one.json (1 disabled program(s) not saved).");
        assertThat(Files.readString(file)).contains("low-back").doesNotContain("left-leg");
    }
}
