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

    private Fixture f;

    @Start
    void start(Stage stage) {
        f = new Fixture();
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

    @Test
    @SuppressWarnings("unchecked")
    void closingTheLoopLiveDrawsWhatTheGeneratorDoesAndClosingTheWindowOpensIt(FxRobot robot) {
        Stage[] ecap = new Stage[1];
        robot.interact(() -> ecap[0] = main.openEcap());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Live on the generator");
        robot.clickOn("#liveClose");
        EcapView view = (EcapView) ecap[0].getScene().getRoot();
        for (int i = 0; i < 20; i++) {
            f.run(250_000_000L);
            robot.interact(view::sampleLive);
        }

        assertThat(robot.lookup("#liveStatus").queryAs(Label.class).getText()).startsWith("Closed at 5.0 s, sitting");
        javafx.scene.chart.LineChart<Number, Number> current = robot.lookup("#liveCurrentStrip")
                .queryAs(javafx.scene.chart.LineChart.class);
        // one point per reading that found the generator's clock moved: each of the 20 steps, and any the window's
        // own sampler took in between
        var points = current.getData().get(0).getData();
        assertThat(points).hasSizeGreaterThanOrEqualTo(20);
        for (int i = 1; i < points.size(); i++) {
            assertThat(points.get(i).getXValue().doubleValue()).isGreaterThan(points.get(i - 1).getXValue().doubleValue());
        }
        javafx.scene.chart.LineChart<Number, Number> ecapStrip = robot.lookup("#liveEcapStrip")
                .queryAs(javafx.scene.chart.LineChart.class);
        assertThat(ecapStrip.getData()).extracting(s -> s.getName()).containsExactly("ECAP measured", "target 60 uV");
        assertThat(f.link.closedLoopState().join()).isPresent();

        robot.interact(() -> ecap[0].hide());

        assertThat(f.link.closedLoopState().join()).as("closing the window opened the loop").isEmpty();
    }
}
