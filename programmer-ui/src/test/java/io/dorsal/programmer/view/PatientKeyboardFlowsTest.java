package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.model.Fixture;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The patient remote with the keyboard alone: + steps the amplitude inside the range, Tab reaches therapy off and
 * Space presses it, and "therapy off" is then said in large words; the steps do nothing while it is off.
 */
@ExtendWith(ApplicationExtension.class)
class PatientKeyboardFlowsTest {

    private Fixture f;
    private MainView main;
    private Stage remote;

    @Start
    void start(Stage stage) {
        f = new Fixture();
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
    }

    private double amplitudeOnGenerator() {
        return f.link.status().join().therapy().orElseThrow().therapy().program("low-back").orElseThrow()
                .amplitudeMa();
    }

    @Test
    void theRemoteWorksWithTheKeyboardAlone(FxRobot robot) {
        robot.interact(() -> remote = main.openPatientView());
        WaitForAsyncUtils.waitForFxEvents();
        double before = amplitudeOnGenerator();
        assertThat(robot.lookup("#patientOffBanner").queryAs(Label.class).isVisible()).isFalse();

        robot.type(KeyCode.ADD);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(amplitudeOnGenerator()).isEqualTo(before + 0.1, org.assertj.core.data.Offset.offset(1e-9));

        // Tab to "Turn therapy off" and press it with Space
        for (int i = 0; i < 10 && !robot.lookup("#patientOnOff").query().isFocused(); i++) {
            robot.type(KeyCode.TAB);
        }
        assertThat(robot.lookup("#patientOnOff").query().isFocused()).as("reached by Tab").isTrue();
        robot.type(KeyCode.SPACE);
        f.run(100_000_000L);
        robot.interact(() -> f.session.generator().refresh());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#patientOffBanner").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#patientOffBanner").queryAs(Label.class).getText()).isEqualTo("THERAPY OFF");
        double off = amplitudeOnGenerator();
        robot.type(KeyCode.ADD);
        assertThat(amplitudeOnGenerator()).as("no steps while therapy is off").isEqualTo(off);
        robot.interact(remote::hide);
    }
}
