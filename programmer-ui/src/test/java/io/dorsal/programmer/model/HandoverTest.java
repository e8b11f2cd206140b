package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.generator.GeneratorStatus;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Apply sends a safe draft to the generator, says what it will do to running programs, and never in FAULT. */
class HandoverTest {

    private static final ContactId L1_4 = ContactId.parse("L1.4");

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();
    private final Handover handover = m.handover();

    @Test
    void theDraftOfWhatTheGeneratorRunsHasNothingToApply() {
        assertThat(handover.dirtyProperty().get()).isFalse();
        assertThat(handover.canApplyProperty().get()).isFalse();
    }

    @Test
    void aSafeEditCanBeAppliedAndTheGeneratorTakesIt() {
        m.fields().amplitudeMaProperty().set(4.5);
        assertThat(handover.canApplyProperty().get()).isTrue();

        handover.apply();
        f.run(50_000_000L);
        f.session.generator().refresh();

        Program onGenerator = f.link.status().join().therapy().orElseThrow().therapy().program("low-back").orElseThrow();
        assertThat(onGenerator.amplitudeMa()).isEqualTo(4.5);
        assertThat(handover.dirtyProperty().get()).isFalse();
        assertThat(handover.canApplyProperty().get()).isFalse();
        assertThat(f.session.log().entries()).anySatisfy(e -> assertThat(e.action()).isEqualTo("apply"));
        assertThat(m.notices().messageProperty().get()).startsWith("Applied: ");
    }

    @Test
    void changingContactsOfARunningProgramSaysItWillRampBackFromZero() {
        m.contacts().cycleContact(L1_4);

        assertThat(handover.applyNoteProperty().get()).contains("low-back restarts from 0 mA and ramps back over 2 s");
    }

    @Test
    void afterStopAllAChangedContactNoLongerWarnsOfARampBack() {
        m.contacts().cycleContact(L1_4);
        assertThat(handover.applyNoteProperty().get()).isNotEmpty();

        f.session.generator().stopAll();

        assertThat(handover.applyNoteProperty().get()).isEmpty();
    }

    @Test
    void stopAllStopsTheGeneratorAndApplyIsStillPossibleAfterwards() {
        f.run(10_000_000L);
        assertThat(f.link.stage().phases()).isPositive();

        f.session.generator().stopAll();

        assertThat(f.session.generator().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(f.link.stage().isSafe()).isTrue();
        long delivered = f.link.stage().phases();
        f.run(50_000_000L);
        assertThat(f.link.stage().phases()).isEqualTo(delivered);
        m.fields().amplitudeMaProperty().set(4.5);
        assertThat(handover.canApplyProperty().get()).isTrue();
    }

    @Test
    void aFaultedGeneratorTakesNoApplyUntilTheFaultIsCleared() {
        m.fields().amplitudeMaProperty().set(4.5);
        assertThat(handover.canApplyProperty().get()).isTrue();

        f.session.generator().show(faulted());

        assertThat(handover.canApplyProperty().get()).isFalse();
    }

    @Test
    void startingOverOnAnotherStimulatorTakesItsTherapyAndForgetsHistoryAndImpedances() {
        m.fields().amplitudeMaProperty().set(4.5);
        m.check().useImpedances(java.util.Map.of(L1_4, 5000.0), java.util.Set.of(L1_4));
        m.programs().select(1);

        handover.startOver(Optional.of(Fixture.example()));

        assertThat(m.draft().therapy()).isEqualTo(Fixture.example());
        assertThat(m.edits().selected()).isZero();
        assertThat(m.undoStack().size()).isZero();
        assertThat(m.check().flagged()).isEmpty();
    }

    private GeneratorStatus faulted() {
        var now = f.link.status().join();
        return new GeneratorStatus(now.timeNs(), GeneratorMode.FAULT, now.therapy(), now.batteryFraction(),
                now.batteryDaysLeft(), now.batteryLow(), Optional.of("test fault"), now.deliveredUc());
    }
}
