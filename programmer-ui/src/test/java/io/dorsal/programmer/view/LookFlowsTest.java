package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.ProgrammerApp;
import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.theme.LookSettings;
import io.dorsal.programmer.theme.SettingsStore;
import io.dorsal.programmer.theme.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Spinner;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View > Theme and View > Touch-sized controls: switched from the menu, remembered, every window following. */
@ExtendWith(ApplicationExtension.class)
class LookFlowsTest {

    private final SettingsStore store = SettingsStore.memory();
    private LookSettings look;
    private MainView main;

    @Start
    void start(Stage stage) {
        Fixture f = new Fixture();
        look = new LookSettings(store);
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs(), look));
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> {
            look.themeProperty().set(Theme.LIGHT);
            look.touchProperty().set(false);
        });
    }

    @Test
    void theDarkThemeIsChosenFromTheViewMenuAndRemembered(FxRobot robot) {
        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-light.css");

        robot.clickOn("View").clickOn("#menuThemeDark");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).endsWith("primer-dark.css");
        assertThat(store.get("theme")).contains("dark");
        // the next start reads it back
        assertThat(new LookSettings(store).theme()).isEqualTo(Theme.DARK);
        // the ground of the window is the dark theme's
        assertThat(((Region) robot.lookup("#previewPane").query()).getBackground().getFills().getFirst().getFill())
                .isEqualTo(Theme.DARK.palette().background());
    }

    @Test
    void touchSizedControlsMakeEveryTapTargetAtLeast44Px(FxRobot robot) throws Exception {
        assertThat(undersized(main)).as("without touch sizes the desktop layout is denser").isNotEmpty();

        robot.clickOn("View").clickOn("#menuTouch");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(store.get("touch")).contains("true");
        assertThat(undersized(main)).as("tap targets under %s px", LookSettings.TOUCH_TARGET_PX).isEmpty();
        // the larger header still keeps STOP ALL whole and in sight at 1280x800
        var stopAll = (javafx.scene.control.Button) robot.lookup("#stopAll").query();
        assertThat(stopAll.localToScene(stopAll.getBoundsInLocal()).getMaxX()).isLessThanOrEqualTo(ProgrammerApp.WIDTH);
        assertThat(stopAll.getWidth()).isGreaterThanOrEqualTo(stopAll.prefWidth(-1) - 0.5);
        // the editor's rows wrap rather than scroll sideways
        var editor = (javafx.scene.control.ScrollPane) robot.lookup("#programEditor .scroll-pane").query();
        assertThat(editor.getContent().getLayoutBounds().getWidth())
                .isLessThanOrEqualTo(editor.getViewportBounds().getWidth() + 0.5);
        // a window opened afterwards is touch-sized too
        Parent remote = WaitForAsyncUtils.asyncFx(() -> main.openPatientView().getScene().getRoot()).get();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(undersized(remote)).isEmpty();
    }

    /** The tap targets shown and enabled that are smaller than 44 px: buttons, toggles, choices, check boxes, - and +. */
    private static List<String> undersized(Parent root) {
        List<String> small = new ArrayList<>();
        collect(root, small);
        return small;
    }

    private static void collect(Node node, List<String> small) {
        if (!node.isVisible() || node.isDisabled()) {
            return;
        }
        boolean target = node instanceof ButtonBase || node instanceof ChoiceBox || node instanceof CheckBox
                || node instanceof Spinner
                || (node instanceof StackPane && (node.getStyleClass().contains("increment-arrow-button")
                || node.getStyleClass().contains("decrement-arrow-button")));
        if (target && node.getScene() != null) {
            var b = node.getLayoutBounds();
            boolean square = node instanceof ButtonBase && !(node instanceof CheckBox)
                    || node.getStyleClass().contains("increment-arrow-button")
                    || node.getStyleClass().contains("decrement-arrow-button");
            if (b.getHeight() < LookSettings.TOUCH_TARGET_PX - 0.5
                    || (square && b.getWidth() < LookSettings.TOUCH_TARGET_PX - 0.5)) {
                small.add(String.format(Locale.ROOT, "%s %s %.0fx%.0f", node.getClass().getSimpleName(),
                        node.getId() != null ? "#" + node.getId() : node.getStyleClass(), b.getWidth(), b.getHeight()));
            }
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                collect(child, small);
            }
        }
    }
}
