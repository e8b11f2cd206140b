package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.ProgrammerApp;
import io.dorsal.programmer.model.Fixture;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View → Closed loop: the posture day run from the workspace draws both loops and says how they did. */
@ExtendWith(ApplicationExtension.class)
class EcapFlowsTest {

    private MainView main;

    @Start
    void start(Stage stage) {
        Fixture f = new Fixture();
        main = new MainView(f.session, new FileDialogs() {
            @Override
            public Optional<Path> chooseProgramToOpen(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseProgramToSave(Window owner) {
                return Optional.empty();
            }

            @Override
            public Optional<Path> chooseReport(Window owner) {
                return Optional.empty();
            }
        });
        Scene scene = new Scene(main, ProgrammerApp.WIDTH, ProgrammerApp.HEIGHT);
        scene.getStylesheets().add(ProgrammerApp.stylesheet());
        stage.setScene(scene);
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runningThePostureDayDrawsBothLoopsAndTheirFigures(FxRobot robot) {
        robot.interact(() -> main.openEcap());
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn("#ecapRun");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#ecapMessage").queryAs(Label.class).getText()).startsWith("In the window")
                .contains("closed loop used");
        javafx.scene.chart.LineChart<Number, Number> strip = robot.lookup("#ecapStrip")
                .queryAs(javafx.scene.chart.LineChart.class);
        assertThat(strip.getData()).extracting(s -> s.getName()).contains("open loop", "closed loop");
        assertThat(strip.getData().get(0).getData()).hasSize(500);
        assertThat(robot.lookup("#curve-sitting").queryAs(Label.class).getText())
                .isEqualTo("sitting: threshold 2.50 mA, slope 40 uV/mA");
    }
}
