package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.therapy.Program;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.model.PatternType;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The common tasks, each in at most three actions (a click, a key or shortcut, a typed value: one each), counted by
 * {@link Actions} and driven through the real window. Moving the cathode one contact up is {@link SpineFlowsTest}.
 */
@ExtendWith(ApplicationExtension.class)
class StepsFlowsTest {

    private static final int MOST_ACTIONS = 3;
    private static final KeyCode SHORTCUT = KeyCode.CONTROL;

    private Fixture f;
    private MainView main;

    @Start
    void start(Stage stage) {
        f = new Fixture();
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
    }

    private Program onGenerator(String name) {
        return f.link.status().join().therapy().orElseThrow().therapy().program(name).orElseThrow();
    }

    @Test
    void raisingProgramOnesAmplitudeByHalfAMilliampAndApplyingTakesThreeKeys(FxRobot robot) {
        // from anywhere: the second program selected, the focus elsewhere
        robot.interact(() -> f.programmer().programs().select(1));
        double before = onGenerator("low-back").amplitudeMa();
        Actions actions = new Actions(robot);

        actions.keys(SHORTCUT, KeyCode.DIGIT1)   // program 1, the keys in its amplitude
                .keys(KeyCode.PAGE_UP)           // + 0.5 mA
                .keys(SHORTCUT, KeyCode.ENTER);  // Apply

        assertThat(onGenerator("low-back").amplitudeMa()).isEqualTo(before + 0.5);
        assertThat(actions.count()).isLessThanOrEqualTo(MOST_ACTIONS);
    }

    @Test
    void switchingAProgramTo10KHzTakesTwoClicks(FxRobot robot) {
        Actions actions = new Actions(robot);

        actions.click("#pattern").click(PatternType.HIGH_FREQUENCY.toString());

        assertThat(f.programmer().program().name()).isEqualTo("low-back");
        assertThat(f.programmer().fields().patternTypeProperty().get()).isEqualTo(PatternType.HIGH_FREQUENCY);
        assertThat(f.programmer().fields().rateHzProperty().get()).isEqualTo(10_000);
        assertThat(robot.lookup("#rate").queryAs(Spinner.class).getEditor().getText()).isEqualTo("10000");
        assertThat(actions.count()).isLessThanOrEqualTo(MOST_ACTIONS);
    }

    @Test
    void runningTheImpedanceCheckAndReadingItsResultTakesOneShortcut(FxRobot robot) {
        Actions actions = new Actions(robot);

        actions.keys(SHORTCUT, KeyCode.I);

        // the result is in sight: the Impedance tab selected, its summary and its table filled
        TabPane tabs = robot.lookup("#bottomTabs").queryAs(TabPane.class);
        assertThat(tabs.getSelectionModel().getSelectedItem().getId()).isEqualTo("impedanceTab");
        assertThat(robot.lookup("#impedanceSummary").queryAs(Label.class).getText()).contains("contacts checked");
        assertThat(robot.lookup("#impedanceSummary").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#impedanceTable").queryTableView().getItems()).isNotEmpty();
        assertThat(actions.count()).isLessThanOrEqualTo(MOST_ACTIONS);
    }

    @Test
    void stoppingEverythingTakesOneKeyWhereverTheFocusIs(FxRobot robot) {
        f.run(20_000_000L);
        robot.clickOn(robot.lookup("#pulseWidth").queryAs(Spinner.class).getEditor());
        Actions actions = new Actions(robot);

        actions.keys(KeyCode.ESCAPE);

        assertThat(f.link.status().join().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(f.link.stage().isSafe()).isTrue();
        assertThat(actions.count()).isLessThanOrEqualTo(MOST_ACTIONS);
    }

    @Test
    void theArrowKeysStepAmplitudePulseWidthAndRateInTheirSteps(FxRobot robot) {
        var fields = f.programmer().fields();
        double amplitude = fields.amplitudeMaProperty().get();
        int width = fields.pulseWidthUsProperty().get();
        int rate = fields.rateHzProperty().get();
        Actions actions = new Actions(robot);

        actions.click(robot.lookup("#amplitude").queryAs(Spinner.class).getEditor())
                .keys(KeyCode.UP).keys(KeyCode.UP).keys(KeyCode.PAGE_DOWN);
        assertThat(fields.amplitudeMaProperty().get()).isCloseTo(amplitude + 0.2 - 0.5, org.assertj.core.data.Offset.offset(1e-9));

        actions.click(robot.lookup("#pulseWidth").queryAs(Spinner.class).getEditor())
                .keys(KeyCode.PAGE_UP).keys(KeyCode.DOWN);
        assertThat(fields.pulseWidthUsProperty().get()).isEqualTo(width + 50 - 10);

        actions.click(robot.lookup("#rate").queryAs(Spinner.class).getEditor()).keys(KeyCode.PAGE_UP).keys(KeyCode.UP);
        assertThat(fields.rateHzProperty().get()).isEqualTo(rate + 10 + 1);

        // each key press was one edit: undo walks them back one by one
        robot.interact(() -> f.programmer().edits().undo());
        assertThat(fields.rateHzProperty().get()).isEqualTo(rate + 10);
    }
}
