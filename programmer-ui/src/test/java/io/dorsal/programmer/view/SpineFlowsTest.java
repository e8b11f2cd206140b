package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Program;
import io.dorsal.programmer.model.Fixture;
import java.util.Map;
import javafx.geometry.Point2D;
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
 * The leads over the spine, through the real window: a click on a drawn contact cycles it, the keyboard alone
 * reaches and cycles a contact, and moving the cathode one contact up and applying it takes two actions; at the
 * lead's tip the move is refused in words and nothing changes.
 */
@ExtendWith(ApplicationExtension.class)
class SpineFlowsTest {

    private static final int MOST_ACTIONS = 3;

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

    private Point2D onScreen(ContactId contact) {
        SpineView spine = main.leads().spine();
        double[] at = spine.centreOf(contact).orElseThrow();
        return spine.localToScreen(at[0], at[1]);
    }

    @Test
    void theLeadsAreOnTheSpineByDefaultAndAClickOnAContactCyclesIt(FxRobot robot) {
        assertThat(robot.lookup("#spineCanvas").tryQuery()).isPresent();
        assertThat(robot.lookup("#spinePlaceNote").queryAs(Label.class).getText())
                .isEqualTo("The file gives no lead positions: drawn at T8, side by side.");

        robot.clickOn(onScreen(ContactId.parse("L1.5")));

        assertThat(f.programmer().percentOf(ContactId.parse("L1.5"))).as("off, then cathode").isNegative();
    }

    @Test
    void theKeyboardAloneReachesAndCyclesAContact(FxRobot robot) {
        robot.clickOn(onScreen(ContactId.parse("L1.6"))); // focus the drawing (and make L1.6 a cathode)
        robot.clickOn(onScreen(ContactId.parse("L1.6"))); // anode
        robot.clickOn(onScreen(ContactId.parse("L1.6"))); // off again
        assertThat(f.programmer().percentOf(ContactId.parse("L1.6"))).isZero();

        robot.type(KeyCode.DOWN).type(KeyCode.SPACE);

        assertThat(main.leads().spine().focused()).isEqualTo(ContactId.parse("L1.7"));
        assertThat(f.programmer().percentOf(ContactId.parse("L1.7"))).isNegative();
        robot.type(KeyCode.RIGHT);
        assertThat(main.leads().spine().focused().lead()).as("across to the other lead").isEqualTo("L2");
    }

    @Test
    void movingTheCathodeOneContactUpAndApplyingTakesTwoActions(FxRobot robot) {
        Map<ContactId, Integer> before = onGenerator("low-back").electrodes();
        assertThat(before).containsEntry(ContactId.parse("L1.2"), -100);
        Actions actions = new Actions(robot);

        actions.keys(KeyCode.ALT, KeyCode.UP)           // the program's contacts one contact up the lead
                .keys(KeyCode.CONTROL, KeyCode.ENTER);  // Apply

        assertThat(onGenerator("low-back").electrodes()).containsOnly(Map.entry(ContactId.parse("L1.1"), -100),
                Map.entry(ContactId.parse("L1.0"), 50), Map.entry(ContactId.parse("L1.2"), 50));
        assertThat(actions.count()).isLessThanOrEqualTo(MOST_ACTIONS);
    }

    @Test
    void atTheLeadsTipTheMoveIsRefusedInWordsAndNothingChanges(FxRobot robot) {
        robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        Map<ContactId, Integer> atTheTop = f.programmer().program().electrodes();

        robot.press(KeyCode.ALT, KeyCode.UP).release(KeyCode.UP, KeyCode.ALT);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(f.programmer().program().electrodes()).isEqualTo(atTheTop);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Cannot move the contacts up:"
                + " L1.0 is at the tip of L1: there is no contact above it.");
    }
}
