package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.therapy.Program;
import io.dorsal.programmer.ProgrammerApp;
import io.dorsal.programmer.model.Fixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The programmer's main flows, driven headless (Monocle) through the real window: a session over a manual
 * embedded generator on a virtual clock, so nothing runs unless the test says so, and no test sleeps.
 */
@ExtendWith(ApplicationExtension.class)
class ProgrammerFlowsTest {

    @TempDir
    Path dir;

    private Fixture f;
    private MainView main;
    private Path chosenFile;

    @Start
    void start(Stage stage) {
        f = new Fixture();
        main = new MainView(f.session, new FileDialogs() {
            @Override
            public Optional<Path> chooseProgramToOpen(Window owner) {
                return Optional.ofNullable(chosenFile);
            }

            @Override
            public Optional<Path> chooseProgramToSave(Window owner) {
                return Optional.ofNullable(chosenFile);
            }

            @Override
            public Optional<Path> chooseReport(Window owner) {
                return Optional.ofNullable(chosenFile);
            }
        });
        Scene scene = new Scene(main, ProgrammerApp.WIDTH, ProgrammerApp.HEIGHT);
        scene.getStylesheets().add(ProgrammerApp.stylesheet());
        main.install(scene);
        // these flows click the contacts' buttons: the leads as a grid (SpineFlowsTest draws them on the spine)
        main.leads().showGrid(true);
        stage.setScene(scene);
        stage.show();
    }

    private <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private String densityCell(FxRobot robot, String contact) {
        var doses = f.programmer().doses();
        return doses.stream().filter(d -> d.contact().toString().equals(contact)).findFirst()
                .map(d -> io.dorsal.core.safety.Figures.format(d.chargeDensityUcPerCm2())).orElse("none");
    }

    private void typeInto(FxRobot robot, String spinnerId, String text) {
        Spinner<?> spinner = node(robot, spinnerId, Spinner.class);
        robot.clickOn(spinner.getEditor());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Program onGenerator(String name) {
        return f.link.status().join().therapy().orElseThrow().therapy().program(name).orElseThrow();
    }

    @Test
    void clickingAContactMakesItACathodeAndThePreviewAndDensityFollow(FxRobot robot) {
        Canvas preview = node(robot, "#preview", Canvas.class);
        assertThat(preview.getAccessibleText()).contains("L1.2 peak 4 mA").doesNotContain("L1.4");
        assertThat(robot.lookup("#doses").queryTableView().getItems()).hasSize(3);
        assertThat(densityCell(robot, "L1.2")).isEqualTo("20");

        robot.clickOn("#contact-L1-4");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(node(robot, "#contact-L1-4", Button.class).getStyleClass()).contains("cathode");
        assertThat(preview.getAccessibleText()).contains("L1.2 peak 2 mA").contains("L1.4 peak 2 mA");
        assertThat(robot.lookup("#doses").queryTableView().getItems()).hasSize(4);
        assertThat(densityCell(robot, "L1.2")).isEqualTo("10");
        assertThat(node(robot, "#percent-L1-4", Spinner.class).isVisible()).isTrue();
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isFalse();
    }

    @Test
    void anUnsafeAmplitudeIsBlockedWithItsMessageAndApplyStaysDisabled(FxRobot robot) {
        typeInto(robot, "#amplitude", "7");

        Label problem = node(robot, "#amplitudeProblem", Label.class);
        assertThat(problem.isVisible()).isTrue();
        assertThat(problem.getText()).contains("7 mA; limit inside the patient range 2 mA to 6 mA (patient range)")
                .contains("L1.2: charge density 35 uC/cm2/phase");
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#violations").queryListView().getItems()).isNotEmpty();
        assertThat(node(robot, "#preview", Canvas.class).getAccessibleText()).contains("stale");

        robot.clickOn("#apply");
        assertThat(onGenerator("low-back").amplitudeMa()).isEqualTo(4.0);
    }

    @Test
    void applySendsASafeEditToTheGenerator(FxRobot robot) {
        typeInto(robot, "#amplitude", "4.5");
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isFalse();

        robot.clickOn("#apply");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(onGenerator("low-back").amplitudeMa()).isEqualTo(4.5);
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isTrue();
        assertThat(node(robot, "#applyNote", Label.class).getText()).isEqualTo("The generator runs this therapy.");
        assertThat(f.session.log().entries()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo("apply");
            assertThat(e.after()).contains("low-back 4.5 mA");
        });
    }

    @Test
    void stopAllStopsEveryOutputAtOnce(FxRobot robot) {
        f.run(20_000_000L);
        assertThat(f.link.stage().phases()).isPositive();

        robot.clickOn("#stopAll");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.link.stage().isSafe()).isTrue();
        assertThat(node(robot, "#mode", Label.class).getText()).isEqualTo("Mode: OFF");
        long delivered = f.link.stage().phases();
        f.run(100_000_000L);
        assertThat(f.link.stage().phases()).isEqualTo(delivered);
    }

    @Test
    void escapeIsStopAllWhereverTheFocusIs(FxRobot robot) {
        robot.clickOn(node(robot, "#amplitude", Spinner.class).getEditor());

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.link.status().join().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(f.link.stage().isSafe()).isTrue();
        assertThat(node(robot, "#therapyOnOff", Button.class).getText()).isEqualTo("Therapy on");
    }

    @Test
    void thePatientStepsOnlyInsideTheRange(FxRobot robot) {
        robot.clickOn("#patientView");
        WaitForAsyncUtils.waitForFxEvents();
        Button up = node(robot, "#patientUp", Button.class);
        Button down = node(robot, "#patientDown", Button.class);

        for (int i = 0; i < 30 && !up.isDisabled(); i++) {
            robot.clickOn(up);
            WaitForAsyncUtils.waitForFxEvents();
        }

        assertThat(onGenerator("low-back").amplitudeMa()).isEqualTo(6.0);
        assertThat(node(robot, "#patientAmplitude", Label.class).getText()).isEqualTo("6 mA");
        assertThat(up.isDisabled()).isTrue();
        assertThat(down.isDisabled()).isFalse();
        robot.interact(() -> f.session.patient().up());
        assertThat(onGenerator("low-back").amplitudeMa()).isEqualTo(6.0);
        assertThat(f.session.log().entries()).anySatisfy(e -> {
            assertThat(e.who()).isEqualTo("patient");
            assertThat(e.after()).isEqualTo("6 mA");
        });
    }

    @Test
    void aBadFileShowsItsErrorInOneLineAndChangesNothing(FxRobot robot) throws IOException {
        chosenFile = dir.resolve("bad.json");
        Files.writeString(chosenFile, "{\n  \"leads\": [\n    {\"name\": \"L1\", \"contacts\": \"eight\", \"contactAreaMm2\": 6}\n  ],\n"
                + "  \"programs\": []\n}\n");
        var before = f.programmer().draft();

        robot.push(KeyCode.CONTROL, KeyCode.O);
        WaitForAsyncUtils.waitForFxEvents();

        Label error = node(robot, "#fileError", Label.class);
        assertThat(error.getParent().isVisible()).isTrue();
        assertThat(error.getText()).startsWith("Cannot open bad.json: line 3, column")
                .contains("leads[0].contacts").contains("Nothing was changed").doesNotContain("\n");
        assertThat(f.programmer().draft()).isSameAs(before);
        assertThat(node(robot, "#contact-L1-2", Button.class).getStyleClass()).contains("cathode");
        assertThat(node(robot, "#undo", Button.class).isDisabled()).isTrue();

        robot.clickOn("#dismissError");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(error.getParent().isVisible()).isFalse();
        assertThat(error.getText()).isEmpty();
    }

    @Test
    void theImpedanceCheckFlagsContactsThatThenCannotBeChosen(FxRobot robot) throws IOException {
        chosenFile = dir.resolve("worn.json");
        Files.writeString(chosenFile, Files.readString(Path.of("..", "examples", "worn-contacts.json")));
        robot.interact(() -> main.open(chosenFile));
        robot.clickOn("#apply");

        robot.interact(main::runImpedance);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(node(robot, "#impedanceSummary", Label.class).getText()).contains("2 flagged")
                .contains("L2.7 open").contains("L1.6 short");
        Button flagged = node(robot, "#contact-L2-7", Button.class);
        assertThat(flagged.isDisabled()).isTrue();
        assertThat(flagged.getStyleClass()).contains("flagged");
        robot.interact(() -> f.programmer().cycleContact(io.dorsal.core.therapy.ContactId.parse("L2.7")));
        assertThat(f.programmer().percentOf(io.dorsal.core.therapy.ContactId.parse("L2.7"))).isZero();
    }

    @Test
    void undoRestoresTheContactAndTheButtonsFollow(FxRobot robot) {
        robot.clickOn("#contact-L1-4");
        robot.clickOn("#undo");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(node(robot, "#contact-L1-4", Button.class).getStyleClass()).contains("off");
        assertThat(node(robot, "#redo", Button.class).isDisabled()).isFalse();
    }

    @Test
    void exportsAnHtmlReport(FxRobot robot) throws IOException {
        chosenFile = dir.resolve("report.html");
        robot.interact(main::runImpedance);

        robot.interact(main::exportReport);

        String html = Files.readString(chosenFile);
        assertThat(html).contains("<h1>Dorsal session report</h1>").contains("low-back").contains("Impedance check")
                .contains("L1.2").contains("IMPEDANCE_CHECK");
    }


    @Test
    void draggingTheAmplitudeSliderRedrawsThePreviewAsItMovesAndIsOneEdit(FxRobot robot) {
        Node thumb = robot.lookup("#amplitudeSlider .thumb").query();
        Canvas preview = node(robot, "#preview", Canvas.class);

        robot.drag(thumb).moveBy(6, 0);
        WaitForAsyncUtils.waitForFxEvents();
        double during = f.programmer().program().amplitudeMa();
        String drawnDuring = preview.getAccessibleText();
        robot.moveBy(6, 0).drop();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(during).isGreaterThan(4.0);
        assertThat(drawnDuring).doesNotContain("L1.2 peak 4 mA");
        assertThat(f.programmer().program().amplitudeMa()).isGreaterThan(during);
        assertThat(f.programmer().undoStack().size()).isEqualTo(1);
        assertThat(f.session.log().entries().stream().filter(e -> e.action().equals("edit")).count()).isEqualTo(1);
    }
}
