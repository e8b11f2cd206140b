package io.dorsal.programmer.view;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A clinician's actions, counted: a click is one, a key or a key combination (a shortcut) is one, typing a value is
 * one. The flows drive the window only through these, so the count is what a person would do.
 */
final class Actions {

    private final FxRobot robot;
    private int count;

    Actions(FxRobot robot) {
        this.robot = robot;
    }

    /** One click on the node {@code query} finds (an id, or a text). */
    Actions click(String query) {
        robot.clickOn(query);
        return done();
    }

    /** One click on {@code node}. */
    Actions click(Node node) {
        robot.clickOn(node);
        return done();
    }

    /** One key, or one combination held together (Ctrl+1, Ctrl+Enter). */
    Actions keys(KeyCode... combination) {
        robot.press(combination);
        for (int i = combination.length - 1; i >= 0; i--) {
            robot.release(combination[i]);
        }
        return done();
    }

    /** Typing one value. */
    Actions type(String value) {
        robot.write(value);
        return done();
    }

    int count() {
        return count;
    }

    private Actions done() {
        count++;
        WaitForAsyncUtils.waitForFxEvents();
        return this;
    }
}
