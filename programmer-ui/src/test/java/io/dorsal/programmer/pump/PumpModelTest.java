package io.dorsal.programmer.pump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.dorsal.infusion.file.PrescriptionCodec;
import io.dorsal.programmer.model.LogEntry;
import io.dorsal.programmer.model.SessionLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The pump workspace's model over the embedded simulated pump: live validation beside the number that breaks a
 * rule, program, the patient bolus and its lockout, the refill workflow that blocks a fill after a discrepancy,
 * alarms as days pass, suspend. Time is the pump's virtual clock: nothing waits.
 */
class PumpModelTest {

    private final SessionLog log = new SessionLog(Clock.fixed(Instant.parse("2026-12-03T09:00:00Z"), ZoneOffset.UTC));
    private final PumpModel pump;

    PumpModelTest() throws Exception {
        pump = new PumpModel(PumpExample.MORPHINE, log, "dr-ada");
    }

    private PumpField field(String name) {
        return pump.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theEmbeddedExampleIsTheExampleFile() throws Exception {
        assertThat(PrescriptionCodec.read(PumpExample.MORPHINE))
                .isEqualTo(PrescriptionCodec.read(Path.of("..", "examples", "pump-morphine.json")));
    }

    @Test
    void aDoseAboveTheDrugsLimitIsShownBesideItsNumberAndCannotBeProgrammed() {
        field("dosePerDay").valueProperty().set(30);

        assertThat(pump.canProgramProperty().get()).isFalse();
        assertThat(field("dosePerDay").problemProperty().get()).contains("30 mg/day", "15 mg/day", "daily dose");
        assertThat(field("concentrationPerMl").problemProperty().get()).isEmpty();
        assertThat(pump.problems()).anySatisfy(p -> assertThat(p).contains("rule: daily dose"));
        pump.program();
        assertThat(pump.statusProperty().get().rateUlPerDay()).as("nothing programmed").isEqualTo(300.0, within(1e-6));

        field("dosePerDay").valueProperty().set(2);
        assertThat(pump.canProgramProperty().get()).isTrue();
        assertThat(field("dosePerDay").problemProperty().get()).isEmpty();
        assertThat(pump.hourlyRateMlPerDay()).containsOnly(0.2);
        pump.program();

        assertThat(pump.statusProperty().get().rateUlPerDay()).isEqualTo(200.0, within(1e-6));
        assertThat(pump.statusProperty().get().reservoirUl()).as("no refill").isEqualTo(20_000.0);
        assertThat(log.entries()).extracting(LogEntry::action).contains("pump filled", "pump programmed");
    }

    @Test
    void aSecondBolusInsideTheLockoutIsRefusedWithWhenTheNextIsAllowed() {
        pump.requestBolus();
        assertThat(pump.bolusMessageProperty().get()).startsWith("Bolus given: 0.2 mg over 10 min");

        pump.advanceHours(1);
        pump.requestBolus();
        assertThat(pump.bolusMessageProperty().get()).contains("inside the lockout of 120 min", "Next allowed in 60 min");

        pump.advanceHours(1);
        pump.requestBolus();
        assertThat(pump.bolusMessageProperty().get()).startsWith("Bolus given");
    }

    @Test
    void aRefillIsFilledOnlyAfterADrawBackThatAgrees() {
        pump.advanceHours(24 * 10);
        assertThat(pump.statusProperty().get().reservoirUl()).isEqualTo(17_000.0, within(1.0));

        pump.drawnMlProperty().set(12);
        pump.checkRefill();
        assertThat(pump.refillMessageProperty().get()).contains("less returned than expected");
        assertThat(pump.refillCheckedProperty().get()).isFalse();
        pump.fill();
        assertThat(pump.statusProperty().get().reservoirUl()).as("not filled").isEqualTo(17_000.0, within(1.0));

        pump.drawnMlProperty().set(16.9);
        pump.checkRefill();
        assertThat(pump.refillCheckedProperty().get()).isTrue();
        pump.fill();
        assertThat(pump.statusProperty().get().reservoirUl()).isEqualTo(20_000.0);
        assertThat(pump.refillCheckedProperty().get()).as("a new refill needs a new check").isFalse();
        assertThat(log.entries()).extracting(LogEntry::action).contains("pump refill check", "pump refilled");
    }

    @Test
    void theLowReservoirAlarmRisesAsDaysPassAndSuspendStopsDelivery() {
        assertThat(pump.alarms()).isEmpty();
        pump.advanceHours(24 * 61);

        assertThat(pump.alarms()).anySatisfy(a -> assertThat(a).containsIgnoringCase("reservoir"));

        pump.suspend();
        assertThat(pump.statusProperty().get().suspended()).isTrue();
        assertThat(pump.statusProperty().get().delivering()).isFalse();
        assertThat(pump.interrogationReport()).isNotBlank();
    }

    @Test
    void undoSetsTheDraftsNumberBackAndLeavesThePumpAsProgrammedRedoSetsItAgain() {
        double before = field("dosePerDay").valueProperty().get();
        double rate = pump.statusProperty().get().rateUlPerDay();
        field("dosePerDay").valueProperty().set(30);
        field("lockoutMin").valueProperty().set(240);
        assertThat(pump.edits().undoLabelProperty().get()).isEqualTo("Undo Bolus lockout 120 -> 240 min");

        pump.edits().undo();
        pump.edits().undo();

        assertThat(field("dosePerDay").valueProperty().get()).isEqualTo(before);
        assertThat(field("lockoutMin").valueProperty().get()).isEqualTo(120);
        assertThat(pump.canProgramProperty().get()).as("the undone draft is safe again").isTrue();
        assertThat(pump.edits().canUndoProperty().get()).isFalse();
        assertThat(pump.statusProperty().get().rateUlPerDay()).as("the pump runs what it was programmed with")
                .isEqualTo(rate);

        pump.edits().redo();

        assertThat(field("dosePerDay").valueProperty().get()).isEqualTo(30);
        assertThat(pump.canProgramProperty().get()).isFalse();
        assertThat(pump.edits().redoLabelProperty().get()).isEqualTo("Redo Bolus lockout 120 -> 240 min");
        assertThat(log.entries()).extracting(LogEntry::action).containsSubsequence("pump undo", "pump undo", "pump redo");
    }

    @Test
    void aNewEditAfterAnUndoDropsWhatWasUndoneAndUndoWithNothingToUndoDoesNothing() {
        pump.edits().undo();
        assertThat(log.entries()).extracting(LogEntry::action).doesNotContain("pump undo");

        field("fillMl").valueProperty().set(18);
        pump.edits().undo();
        field("lowAlarmMl").valueProperty().set(3);

        assertThat(pump.edits().canRedoProperty().get()).isFalse();
        assertThat(field("fillMl").valueProperty().get()).isEqualTo(20);
        pump.edits().redo();
        assertThat(field("fillMl").valueProperty().get()).as("redo after a new edit does nothing").isEqualTo(20);
    }
}
