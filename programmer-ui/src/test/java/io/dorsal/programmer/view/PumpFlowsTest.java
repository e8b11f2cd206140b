package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.model.Fixture;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View → Drug pump: an unsafe dose is named beside its field and cannot be programmed; the patient's bolus. */
@ExtendWith(ApplicationExtension.class)
class PumpFlowsTest {

    private MainView main;

    @Start
    void start(Stage stage) {
        Fixture f = new Fixture();
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anUnsafeDoseIsNamedBesideItsFieldAndABolusIsGivenThenLockedOut(FxRobot robot) {
        robot.clickOn("View");
        robot.clickOn("#menuPump");
        WaitForAsyncUtils.waitForFxEvents();

        Spinner<Double> dose = robot.lookup("#pump-mode-dosePerDay").queryAs(Spinner.class);
        robot.interact(() -> dose.getValueFactory().setValue(30.0));
        WaitForAsyncUtils.waitForFxEvents();
        Label problem = robot.lookup("#pump-problem-dosePerDay").queryAs(Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("daily dose");
        assertThat(robot.lookup("#pumpProgram").queryAs(Button.class).isDisabled()).isTrue();

        robot.interact(() -> dose.getValueFactory().setValue(2.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(problem.isVisible()).isFalse();
        assertThat(robot.lookup("#pumpProgram").queryAs(Button.class).isDisabled()).isFalse();

        robot.clickOn("#pumpBolus");
        assertThat(robot.lookup("#pumpBolusResult").queryAs(Label.class).getText()).startsWith("Bolus given");
        robot.clickOn("#pumpBolus");
        assertThat(robot.lookup("#pumpBolusResult").queryAs(Label.class).getText()).contains("inside the lockout");
    }

    @Test
    @SuppressWarnings("unchecked")
    void ctrlZInThePumpsWindowUndoesTheLastNumberAndCtrlYRedoesIt(FxRobot robot) {
        robot.clickOn("View");
        robot.clickOn("#menuPump");
        WaitForAsyncUtils.waitForFxEvents();
        Spinner<Double> dose = robot.lookup("#pump-mode-dosePerDay").queryAs(Spinner.class);
        double before = dose.getValue();
        robot.interact(() -> dose.getValueFactory().setValue(30.0));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#pumpProgram").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#pumpUndo").queryAs(Button.class).getText()).contains("Dose per day", "-> 30");

        Button undo = robot.lookup("#pumpUndo").queryAs(Button.class);
        robot.interact(() -> {
            undo.getScene().getWindow().requestFocus();
            undo.requestFocus();
        });
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Z)
                .release(javafx.scene.input.KeyCode.Z, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dose.getValue()).isEqualTo(before);
        assertThat(robot.lookup("#pumpProgram").queryAs(Button.class).isDisabled()).as("safe again").isFalse();
        assertThat(robot.lookup("#pumpRedo").queryAs(Button.class).isDisabled()).isFalse();

        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.Y)
                .release(javafx.scene.input.KeyCode.Y, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(dose.getValue()).isEqualTo(30.0);
        assertThat(robot.lookup("#pumpProgram").queryAs(Button.class).isDisabled()).isTrue();
    }
}
