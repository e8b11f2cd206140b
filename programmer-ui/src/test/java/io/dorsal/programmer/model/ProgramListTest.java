package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The program chooser: add, duplicate and delete programs, at most four and at least one. */
class ProgramListTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final ProgramList programs = m.programs();

    @Test
    void addDuplicateAndDeletePrograms() {
        programs.addProgram();
        assertThat(m.draft().size()).isEqualTo(3);
        assertThat(m.program().name()).isEqualTo("Program 3");
        assertThat(m.check().messageFor(Field.CONTACTS).get()).contains("no contacts");

        programs.select(0);
        programs.duplicateProgram();
        assertThat(m.draft().size()).isEqualTo(4);
        assertThat(m.program().name()).isEqualTo("low-back copy");
        assertThat(programs.canAddProgram()).isFalse();
        programs.addProgram();
        assertThat(m.draft().size()).isEqualTo(4);
        assertThat(m.notices().messageProperty().get()).isEqualTo("A generator runs at most 4 programs.");

        programs.deleteProgram();
        assertThat(m.draft().slots()).extracting(s -> s.program().name())
                .containsExactly("low-back", "left-leg", "Program 3");
    }

    @Test
    void theLastProgramCannotBeDeleted() {
        programs.deleteProgram();
        assertThat(programs.canDeleteProgram()).isFalse();

        programs.deleteProgram();

        assertThat(m.draft().size()).isEqualTo(1);
        assertThat(m.notices().messageProperty().get()).isEqualTo("A therapy keeps at least one program.");
    }

    @Test
    void aNewProgramStartsAtZeroMilliampsTonic() {
        programs.addProgram();

        assertThat(m.program()).isEqualTo(ProgramStarts.newProgram("Program 3"));
        assertThat(m.program().amplitudeMa()).isZero();
    }
}
