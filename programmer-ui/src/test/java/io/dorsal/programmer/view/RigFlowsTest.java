package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.generator.GeneratorMode;
import io.dorsal.core.therapy.Therapy;
import io.dorsal.core.time.VirtualClock;
import io.dorsal.programmer.ProgrammerApp;
import io.dorsal.programmer.link.EmbeddedLink;
import io.dorsal.programmer.link.RigLink;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.model.RigFixture;
import io.dorsal.programmer.model.Session;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Connect to rig through the real window, headless: a rig served on loopback by a real link server, the
 * session's answers on the JavaFX thread as in the app. Waits are for conditions (WaitForAsyncUtils), never
 * sleeps.
 */
@ExtendWith(ApplicationExtension.class)
class RigFlowsTest {

    @TempDir
    Path dir;

    private final EmbeddedLink embedded = EmbeddedLink.manual(new VirtualClock(0));
    private final Therapy embeddedTherapy = Fixture.example();
    private Session session;
    private RigFixture rig;

    @Start
    void start(Stage stage) throws Exception {
        rig = new RigFixture(dir);
        embedded.apply(embeddedTherapy, "test").join();
        embedded.start("test").join();
        session = new Session(embedded, Platform::runLater, Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"),
                ZoneOffset.UTC), "dr-test", embeddedTherapy);
        MainView main = new MainView(session, FileDialogs.system());
        Scene scene = new Scene(main, ProgrammerApp.WIDTH, ProgrammerApp.HEIGHT);
        scene.getStylesheets().add(ProgrammerApp.stylesheet());
        main.install(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void close(FxRobot robot) throws Exception {
        robot.interact(() -> robot.listWindows().stream().filter(w -> w instanceof Stage s && s.getOwner() != null)
                .forEach(w -> ((Stage) w).close()));
        session.close();
        rig.close();
    }

    private static void waitFor(Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T node(FxRobot robot, String query, Class<T> type) {
        return robot.lookup(query).queryAs(type);
    }

    private String text(FxRobot robot, String labelId) {
        return node(robot, labelId, Label.class).getText();
    }

    private void typeInto(FxRobot robot, String spinnerId, String text) {
        Spinner<?> spinner = node(robot, spinnerId, Spinner.class);
        robot.clickOn(spinner.getEditor());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL);
        robot.write(text);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the dialog from the header and fills it in as a clinician would. */
    private void fillInTheDialog(FxRobot robot, String code) {
        robot.clickOn("#connectRig");
        WaitForAsyncUtils.waitForFxEvents();
        TextField address = node(robot, "#rigAddress", TextField.class);
        assertThat(address.getText()).isEqualTo("127.0.0.1:7450");
        assertThat(node(robot, "#identityName", TextField.class).getText()).isEqualTo("dr-test");
        robot.interact(() -> {
            address.setText(rig.address());
            node(robot, "#identityDir", TextField.class).setText(dir.resolve("programmer").toString());
        });
        robot.clickOn("#pairingCode").write(code);
    }

    private double onRig() {
        return rig.held().program("tonic").orElseThrow().amplitudeMa();
    }

    @Test
    void connectsWithAPairingCodeAndProgramsTheRig(FxRobot robot) throws Exception {
        fillInTheDialog(robot, rig.openPairing());
        robot.clickOn("#connect");
        waitFor(() -> session.remoteProperty().get());

        // the header and the editor show the rig, and the dialog has closed
        assertThat(text(robot, "#link")).isEqualTo("Rig " + rig.address() + " as 'dr-test' (clinician)");
        assertThat(node(robot, "#link", Label.class).getStyleClass()).contains("remote");
        assertThat(text(robot, "#programsRunning")).isEqualTo("Programs: tonic");
        assertThat(text(robot, "#mode")).isEqualTo("Mode: " + rig.generator.status().mode().name());
        assertThat(node(robot, "#name", TextField.class).getText()).isEqualTo("tonic");
        assertThat(node(robot, "#amplitude", Spinner.class).getValue()).isEqualTo(3.0);
        assertThat(node(robot, "#connectRig", Button.class).getText()).isEqualTo("Disconnect");
        assertThat(robot.lookup("#connectDialog").tryQuery()).isEmpty();
        assertThat(session.link()).isInstanceOf(RigLink.class);

        // a change the rig accepts
        typeInto(robot, "#amplitude", "3.5");
        robot.clickOn("#apply");
        waitFor(() -> onRig() == 3.5 && node(robot, "#apply", Button.class).isDisabled());
        assertThat(text(robot, "#fileError")).isEmpty();

        // safe by the programmer's rules, beyond this rig's current sources: the rig refuses it, with its rule
        typeInto(robot, "#amplitude", "3.8");
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isFalse();
        robot.clickOn("#apply");
        waitFor(() -> !text(robot, "#fileError").isEmpty());
        assertThat(text(robot, "#fileError")).isEqualTo("The generator refused the therapy: tonic, amplitude: 3.8 mA;"
                + " limit at most 3.5 mA from this rig's current sources (rule: output stage)");
        assertThat(onRig()).isEqualTo(3.5);

        // unsafe by the rules: blocked with its message, exactly as on the embedded generator
        typeInto(robot, "#amplitude", "5");
        assertThat(text(robot, "#amplitudeProblem")).contains("5 mA; limit inside the patient range 1 mA to 4 mA");
        assertThat(node(robot, "#apply", Button.class).isDisabled()).isTrue();
        robot.clickOn("#apply");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onRig()).isEqualTo(3.5);

        // STOP ALL reaches the rig
        robot.clickOn("#stopAll");
        waitFor(() -> text(robot, "#mode").equals("Mode: OFF"));
        assertThat(rig.generator.status().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(rig.outputs.isSafe()).isTrue();

        // and back to the embedded generator, which was not touched
        robot.clickOn("#connectRig");
        waitFor(() -> !session.remoteProperty().get());
        assertThat(text(robot, "#link")).isEqualTo("Embedded simulated generator");
        assertThat(text(robot, "#programsRunning")).isEqualTo("Programs: low-back, left-leg");
        assertThat(embedded.status().join().mode()).isNotEqualTo(GeneratorMode.OFF);
        assertThat(session.log().entries()).extracting(e -> e.action())
                .contains("pair", "connect", "apply", "refused by generator", "STOP ALL", "disconnect");
    }

    @Test
    void theRigsPumpIsOfferedOnlyOnceConnectedAndARigWithoutOneSaysSo(FxRobot robot) throws Exception {
        javafx.scene.control.MenuItem item = robot.lookup(".menu-bar").queryAs(javafx.scene.control.MenuBar.class)
                .getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow().getItems()
                .stream().filter(i -> "menuRigPump".equals(i.getId())).findFirst().orElseThrow();
        assertThat(item.isDisable()).as("embedded: no rig, no rig pump").isTrue();

        fillInTheDialog(robot, rig.openPairing());
        robot.clickOn("#connect");
        waitFor(() -> session.remoteProperty().get());

        assertThat(item.isDisable()).isFalse();
        robot.interact(item::fire);
        assertThat(text(robot, "#fileError")).contains("No drug pump", "serves no filled drug pump",
                "stimctl serve --pump");
    }

    @Test
    void aWrongCodeShowsItsErrorAndNothingChanges(FxRobot robot) throws Exception {
        rig.openPairing();
        fillInTheDialog(robot, "0000-0000");

        robot.clickOn("#connect");
        waitFor(() -> node(robot, "#connectError", Label.class).isVisible());

        assertThat(text(robot, "#connectError")).isEqualTo("The rig refused the pairing: wrong pairing code; the code "
                + "is used up, open a new one. Nothing was changed.");
        assertThat(node(robot, "#connect", Button.class).isDisabled()).isFalse();
        assertThat(text(robot, "#link")).isEqualTo("Embedded simulated generator");
        assertThat(text(robot, "#programsRunning")).isEqualTo("Programs: low-back, left-leg");
        assertThat(node(robot, "#name", TextField.class).getText()).isEqualTo("low-back");
        assertThat(session.link()).isSameAs(embedded);
        assertThat(rig.held()).isEqualTo(rig.therapy);
    }

    @Test
    void aRigInFaultShowsItsReasonAndStopAllStaysInSight(FxRobot robot) throws Exception {
        fillInTheDialog(robot, rig.openPairing());
        robot.clickOn("#connect");
        waitFor(() -> session.remoteProperty().get());

        rig.generator.fault("a pin action ran 25636 us late; the fault bound is 20000 us");
        robot.interact(session.generator()::refresh);
        waitFor(() -> text(robot, "#mode").startsWith("Mode: FAULT"));

        Label mode = node(robot, "#mode", Label.class);
        assertThat(mode.getTooltip().getText()).isEqualTo("Mode: FAULT (a pin action ran 25636 us late; the fault "
                + "bound is 20000 us)");
        Button stopAll = node(robot, "#stopAll", Button.class);
        double right = stopAll.localToScene(stopAll.getBoundsInLocal()).getMaxX();
        assertThat(right).isLessThanOrEqualTo(stopAll.getScene().getWidth());
        assertThat(node(robot, "#clearFault", Button.class).isVisible()).isTrue();
    }

    @Test
    void escapeInTheDialogIsStillStopAll(FxRobot robot) {
        robot.clickOn("#connectRig");
        robot.clickOn("#rigAddress");

        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(embedded.status().join().mode()).isEqualTo(GeneratorMode.OFF);
        assertThat(embedded.stage().isSafe()).isTrue();
    }
}
