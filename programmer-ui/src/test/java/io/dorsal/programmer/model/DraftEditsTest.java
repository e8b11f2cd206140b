package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every edit can be undone and redone, and the session log records it with its value before and after. */
class DraftEditsTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final DraftEdits edits = m.edits();

    @Test
    void undoAndRedoReplayEditsAndTheLogRecordsBeforeAndAfter() {
        m.fields().amplitudeMaProperty().set(4.5);
        m.fields().pulseWidthUsProperty().set(250);

        edits.undo();
        assertThat(m.program().pulseWidthUs()).isEqualTo(300);
        assertThat(m.program().amplitudeMa()).isEqualTo(4.5);
        edits.undo();
        assertThat(m.program().amplitudeMa()).isEqualTo(4.0);
        assertThat(m.fields().amplitudeMaProperty().get()).isEqualTo(4.0);
        edits.redo();
        assertThat(m.program().amplitudeMa()).isEqualTo(4.5);

        assertThat(f.session.log().entries()).anySatisfy(e -> {
            assertThat(e.who()).isEqualTo("dr-test");
            assertThat(e.what()).isEqualTo("amplitude of low-back");
            assertThat(e.before()).isEqualTo("4 mA");
            assertThat(e.after()).isEqualTo("4.5 mA");
        });
    }

    @Test
    void aSliderDragIsOneUndoableEditLoggedOnce() {
        edits.adjustingProperty().set(true);
        m.fields().amplitudeMaProperty().set(4.1);
        m.fields().amplitudeMaProperty().set(4.2);
        m.fields().amplitudeMaProperty().set(4.3);
        edits.adjustingProperty().set(false);

        assertThat(m.undoStack().size()).isEqualTo(1);
        assertThat(f.session.log().entries().stream().filter(e -> e.action().equals("edit")).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.before()).isEqualTo("4 mA");
                    assertThat(e.after()).isEqualTo("4.3 mA");
                });
        edits.undo();
        assertThat(m.program().amplitudeMa()).isEqualTo(4.0);
    }

    @Test
    void anEditThatChangesNothingIsNoEdit() {
        int revision = edits.revisionProperty().get();

        m.fields().amplitudeMaProperty().set(4.0);
        m.fields().setName("  low-back ");

        assertThat(m.undoStack().size()).isZero();
        assertThat(edits.revisionProperty().get()).isEqualTo(revision);
    }
}
