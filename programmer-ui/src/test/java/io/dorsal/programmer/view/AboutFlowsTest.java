package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.core.build.BuildInfo;
import io.dorsal.programmer.model.Fixture;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Help → About says the version and the build (git commit, build time) of this copy. */
@ExtendWith(ApplicationExtension.class)
class AboutFlowsTest {

    private MainView main;

    @Start
    void start(Stage stage) {
        Fixture f = new Fixture();
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs()));
    }

    @Test
    void aboutSaysTheVersionCommitAndBuildTime(FxRobot robot) {
        robot.clickOn("Help");
        robot.clickOn("#menuAbout");
        WaitForAsyncUtils.waitForFxEvents();

        BuildInfo build = BuildInfo.current();
        assertThat(build.commit()).matches("[0-9a-f]{10}");
        assertThat(robot.lookup("#aboutVersion").queryAs(Label.class).getText()).isEqualTo("Version " + build.version());
        assertThat(robot.lookup("#aboutBuild").queryAs(Label.class).getText())
                .startsWith("Build: commit " + build.commit()).endsWith("built " + build.buildTime());
        assertThat(robot.lookup("#aboutRuntime").queryAs(Label.class).getText()).startsWith("Java ");

        robot.clickOn("#aboutClose");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#aboutVersion").tryQuery()).isEmpty();
    }

    @Test
    void theShortcutListIsReadFromTheMenusOwnAccelerators(FxRobot robot) {
        java.util.List<String> lines = main.shortcutLines();

        assertThat(lines.get(0)).startsWith("STOP ALL: Esc or ").contains("(works whatever has the focus)");
        assertThat(lines).contains("Edit > Undo: Ctrl+Z", "Edit > Apply: Ctrl+↵", "Generator > Run impedance check: Ctrl+I",
                "View > Drug pump: Ctrl+U", "Help > Keyboard shortcuts: F1");
        // every menu item with an accelerator is listed, and nothing else from the menus
        long accelerators = robot.lookup("#menuBar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .flatMap(m -> m.getItems().stream()).filter(item -> item.getAccelerator() != null).count();
        assertThat(lines.stream().filter(l -> l.contains(" > "))).hasSize((int) accelerators);
    }
}
