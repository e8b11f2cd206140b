package io.dorsal.programmer.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Pattern;
import io.dorsal.core.therapy.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgrammerModelTest {

    private final Fixture f = new Fixture();
    private final ProgrammerModel m = f.programmer();

    private static final ContactId L1_2 = ContactId.parse("L1.2");
    private static final ContactId L1_4 = ContactId.parse("L1.4");

    private double densityOn(ContactId contact) {
        return m.doses().stream().filter(d -> d.contact().equals(contact)).mapToDouble(ContactDose::chargeDensityUcPerCm2)
                .findFirst().orElseThrow();
    }

    @Test
    void opensOnTheGeneratorsTherapyWithNothingToApply() {
        assertThat(m.program().name()).isEqualTo("low-back");
        assertThat(m.safeProperty().get()).isTrue();
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(m.canApplyProperty().get()).isFalse();
        assertThat(m.amplitudeMaProperty().get()).isEqualTo(4.0);
    }

    @Test
    void anAmplitudeAboveThePatientRangeIsShownBesideAmplitudeAndBlocksApply() {
        m.amplitudeMaProperty().set(7.0);

        assertThat(m.safeProperty().get()).isFalse();
        assertThat(m.canApplyProperty().get()).isFalse();
        assertThat(m.messageFor(Field.AMPLITUDE).get()).contains("7 mA").contains("limit inside the patient range 2 mA to 6 mA")
                .contains("(patient range)");
        assertThat(m.violations()).isNotEmpty();
    }

    @Test
    void aChargeDensityBreachNamesTheContactValueLimitAndRule() {
        m.patientRangeOnProperty().set(false);
        m.amplitudeMaProperty().set(5.0);

        assertThat(m.messageFor(Field.AMPLITUDE).get()).isEmpty();
        assertThat(m.safeProperty().get()).isTrue();

        m.amplitudeMaProperty().set(6.5);

        assertThat(m.messageFor(Field.AMPLITUDE).get())
                .contains("L1.2: charge density 32.5 uC/cm2/phase").contains("limit at most 30 uC/cm2/phase")
                .contains("(charge density)");
        assertThat(m.canApplyProperty().get()).isFalse();
    }

    @Test
    void aSafeEditCanBeAppliedAndTheGeneratorTakesIt() {
        m.amplitudeMaProperty().set(4.5);
        assertThat(m.canApplyProperty().get()).isTrue();

        m.apply();
        f.run(50_000_000L);
        f.session.generator().refresh();

        Program onGenerator = f.link.status().join().therapy().orElseThrow().therapy().program("low-back").orElseThrow();
        assertThat(onGenerator.amplitudeMa()).isEqualTo(4.5);
        assertThat(m.dirtyProperty().get()).isFalse();
        assertThat(m.canApplyProperty().get()).isFalse();
        assertThat(f.session.log().entries()).anySatisfy(e -> assertThat(e.action()).isEqualTo("apply"));
    }

    @Test
    void changingContactsOfARunningProgramSaysItWillRampBackFromZero() {
        m.cycleContact(L1_4);

        assertThat(m.applyNoteProperty().get()).contains("low-back restarts from 0 mA and ramps back over 2 s");
    }

    @Test
    void clickingAnOffContactMakesItACathodeSharingTheCurrentAndHalvesTheDensity() {
        double before = densityOn(L1_2);

        m.cycleContact(L1_4);

        assertThat(m.percentOf(L1_4)).isEqualTo(-50);
        assertThat(m.percentOf(L1_2)).isEqualTo(-50);
        assertThat(densityOn(L1_2)).isEqualTo(before / 2);
        assertThat(m.safeProperty().get()).isTrue();
    }

    @Test
    void aHandTypedPercentageThatBreaksTheSumIsShownBesideTheContacts() {
        m.setPercent(L1_2, 90);

        assertThat(m.fractionsOkProperty().get()).isFalse();
        assertThat(m.messageFor(Field.CONTACTS).get()).contains("cathodes sum to -90%").contains("(fractions)");
        assertThat(m.canApplyProperty().get()).isFalse();
    }

    @Test
    void undoAndRedoReplayEditsAndTheLogRecordsBeforeAndAfter() {
        m.amplitudeMaProperty().set(4.5);
        m.pulseWidthUsProperty().set(250);

        m.undo();
        assertThat(m.program().pulseWidthUs()).isEqualTo(300);
        assertThat(m.program().amplitudeMa()).isEqualTo(4.5);
        m.undo();
        assertThat(m.program().amplitudeMa()).isEqualTo(4.0);
        assertThat(m.amplitudeMaProperty().get()).isEqualTo(4.0);
        m.redo();
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
        m.adjustingProperty().set(true);
        m.amplitudeMaProperty().set(4.1);
        m.amplitudeMaProperty().set(4.2);
        m.amplitudeMaProperty().set(4.3);
        m.adjustingProperty().set(false);

        assertThat(m.undoStack().size()).isEqualTo(1);
        assertThat(f.session.log().entries().stream().filter(e -> e.action().equals("edit")).toList())
                .singleElement().satisfies(e -> {
                    assertThat(e.before()).isEqualTo("4 mA");
                    assertThat(e.after()).isEqualTo("4.3 mA");
                });
        m.undo();
        assertThat(m.program().amplitudeMa()).isEqualTo(4.0);
    }

    @Test
    void addDuplicateAndDeletePrograms() {
        m.addProgram();
        assertThat(m.draft().size()).isEqualTo(3);
        assertThat(m.program().name()).isEqualTo("Program 3");
        assertThat(m.messageFor(Field.CONTACTS).get()).contains("no contacts");

        m.select(0);
        m.duplicateProgram();
        assertThat(m.draft().size()).isEqualTo(4);
        assertThat(m.program().name()).isEqualTo("low-back copy");
        assertThat(m.canAddProgram()).isFalse();
        m.addProgram();
        assertThat(m.draft().size()).isEqualTo(4);

        m.deleteProgram();
        assertThat(m.draft().slots()).extracting(s -> s.program().name())
                .containsExactly("low-back", "left-leg", "Program 3");
    }

    @Test
    void aDisabledProgramIsNotSent() {
        m.select(1);
        m.enabledProperty().set(false);

        assertThat(m.draft().therapy().programs()).extracting(Program::name).containsExactly("low-back");
        assertThat(m.canApplyProperty().get()).isTrue();
    }

    @Test
    void switchingToBurstStartsFromBurstDrAndTheValidatorJudgesIt() {
        m.patternTypeProperty().set(PatternType.BURST);

        assertThat(m.program().pattern()).isEqualTo(new Pattern.Burst(5, 500, 40));
        assertThat(m.program().pulseWidthUs()).isEqualTo(1000);
        // 4 mA for 1,000 us on 6 mm2 is 66.7 uC/cm2: the validator says so beside the pulse width
        assertThat(m.messageFor(Field.PULSE_WIDTH).get()).contains("charge density");
    }

    @Test
    void openingABadFileChangesNothingAndSaysWhereInOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\n  \"leads\": [],\n  \"programs\": [ {\"name\": \"x\", \"pulseWidthUs\": \"300us\"} ]\n}");
        Draft before = m.draft();

        assertThat(m.open(bad)).isFalse();

        assertThat(m.draft()).isSameAs(before);
        assertThat(m.errorProperty().get()).startsWith("Cannot open bad.json: line ").contains("column")
                .doesNotContain("\n");
        assertThat(m.undoStack().size()).isZero();
    }

    @Test
    void savedFilesOpenAgainAsTheSameTherapy(@TempDir Path dir) {
        m.amplitudeMaProperty().set(3.5);
        Path file = dir.resolve("session.json");

        assertThat(m.save(file)).isTrue();
        m.amplitudeMaProperty().set(3.0);
        assertThat(m.open(file)).isTrue();

        assertThat(m.program().amplitudeMa()).isEqualTo(3.5);
    }

    @Test
    void flaggedContactsCannotBeChosen() {
        m.useImpedances(java.util.Map.of(L1_4, 5000.0), java.util.Set.of(L1_4));

        m.cycleContact(L1_4);

        assertThat(m.percentOf(L1_4)).isZero();
        assertThat(m.messageProperty().get()).contains("L1.4 is flagged");
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
    }

    @Test
    void aFaultedGeneratorTakesNoApplyUntilTheFaultIsCleared() {
        m.amplitudeMaProperty().set(4.5);
        assertThat(m.canApplyProperty().get()).isTrue();

        f.link.status().join();
        f.session.generator().show(faulted());

        assertThat(m.canApplyProperty().get()).isFalse();
    }

    private io.dorsal.core.generator.GeneratorStatus faulted() {
        var now = f.link.status().join();
        return new io.dorsal.core.generator.GeneratorStatus(now.timeNs(), GeneratorMode.FAULT, now.therapy(),
                now.batteryFraction(), now.batteryDaysLeft(), now.batteryLow(), java.util.Optional.of("test fault"),
                now.deliveredUc());
    }

    @Test
    void afterStopAllAChangedContactNoLongerWarnsOfARampBack() {
        m.cycleContact(L1_4);
        assertThat(m.applyNoteProperty().get()).isNotEmpty();

        f.session.generator().stopAll();

        assertThat(m.applyNoteProperty().get()).isEmpty();
    }

    @Test
    void highFrequencyStartsAtTenKilohertzAndCannotRunBesideATonicProgram() {
        m.select(1);

        m.patternTypeProperty().set(PatternType.HIGH_FREQUENCY);

        assertThat(m.program().pattern()).isEqualTo(new Pattern.HighFrequency(10_000));
        assertThat(m.program().pulseWidthUs()).isEqualTo(30);
        assertThat(m.rateHzProperty().get()).isEqualTo(10_000);
        assertThat(m.violations()).anySatisfy(line -> assertThat(line).contains("(rule: interleaving)"));
        assertThat(m.canApplyProperty().get()).isFalse();

        m.select(0);
        m.enabledProperty().set(false);
        assertThat(m.canApplyProperty().get()).isTrue();
    }
}
