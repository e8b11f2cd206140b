package io.dorsal.programmer.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.programmer.model.Fixture;
import io.dorsal.programmer.theme.Contrast;
import io.dorsal.programmer.theme.LookSettings;
import io.dorsal.programmer.theme.Palette;
import io.dorsal.programmer.theme.Theme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.Background;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * WCAG AA in both themes, measured on the real windows (the main window, the patient remote, connect to rig, the
 * pump, the closed loop, about, the patient's record and the patient chooser): every piece of text that is shown and enabled (labels, buttons, fields and their
 * prompts, table cells, chart axes, menus in the bar, the red words of a broken rule, the error banner, an
 * over-limit row, the header's mode) against the ground it is drawn on, both read from the resolved styles after CSS; and the
 * canvases' colours (the preview's) against their ground. Disabled controls are exempt, as WCAG exempts them.
 */
@ExtendWith(ApplicationExtension.class)
class ThemeContrastTest {

    private Fixture f;
    private MainView main;
    private LookSettings look;

    private io.dorsal.programmer.records.PatientRecords records;

    @Start
    void start(Stage stage) throws Exception {
        f = new Fixture();
        // the demo patient's record, so that the record window and the header's patient button are measured too
        java.time.Clock wall = java.time.Clock.systemUTC();
        records = new io.dorsal.programmer.records.PatientRecords(io.dorsal.clinic.db.ClinicDatabase.open(
                new io.dorsal.clinic.db.ClinicLocation.SqliteFile(java.nio.file.Files.createTempDirectory(
                        "dorsal-contrast").resolve("records.db")), wall::millis), "dr-test", wall, Runnable::run,
                Runnable::run);
        records.open(records.demoPatient(), java.util.Optional.empty());
        f.session.keepRecords(records);
        look = LookSettings.forThisRun(Theme.LIGHT, false);
        main = TestWindows.show(stage, new MainView(f.session, new NoDialogs(), look));
    }

    @AfterEach
    void backToLight(FxRobot robot) {
        robot.interact(() -> look.themeProperty().set(Theme.LIGHT));
    }

    @Test
    void everyTextMeetsAaInTheLightTheme(FxRobot robot) {
        assertEveryTextMeetsAa(robot, Theme.LIGHT);
    }

    @Test
    void everyTextMeetsAaInTheDarkTheme(FxRobot robot) {
        assertEveryTextMeetsAa(robot, Theme.DARK);
    }

    @Test
    void theCanvasColoursMeetAaAndAreTheThemesOwn(FxRobot robot) {
        for (Theme theme : Theme.values()) {
            robot.interact(() -> look.themeProperty().set(theme));
            Palette p = theme.palette();
            assertThat(Contrast.ratio(p.text(), p.background())).as("%s canvas text", theme).isGreaterThanOrEqualTo(Contrast.AA_TEXT);
            assertThat(Contrast.ratio(p.mutedText(), p.background())).as("%s canvas axis", theme).isGreaterThanOrEqualTo(Contrast.AA_TEXT);
            assertThat(Contrast.ratio(p.danger(), p.dangerGround())).as("%s canvas warning", theme).isGreaterThanOrEqualTo(Contrast.AA_TEXT);
            // the palette is the theme's: each colour equals the looked-up colour the stylesheet resolves
            assertThat(resolved("-color-bg-default")).as("%s background", theme).isEqualTo(p.background());
            assertThat(resolved("-color-fg-default")).as("%s text", theme).isEqualTo(p.text());
            assertThat(resolved("-color-fg-muted")).as("%s muted", theme).isEqualTo(p.mutedText());
            assertThat(resolved("-color-border-default")).as("%s grid", theme).isEqualTo(p.grid());
            assertThat(resolved("-color-accent-fg")).as("%s cathodic", theme).isEqualTo(p.cathodic());
            assertThat(resolved("-color-danger-fg")).as("%s anodic", theme).isEqualTo(p.anodic());
        }
    }

    private void assertEveryTextMeetsAa(FxRobot robot, Theme theme) {
        robot.interact(() -> {
            look.themeProperty().set(theme);
            // the states that colour text: a broken rule (red words, an over-limit row, the rules list), an error
            // banner, and the header's mode
            f.programmer().fields().amplitudeMaProperty().set(7.0);
            f.programmer().notices().showError("Cannot open bad.json: line 3, column 32: expected a whole number");
        });
        WaitForAsyncUtils.waitForFxEvents();
        // and every other window: the patient remote, connect to rig, the pump, the closed loop, about
        List<Scene> scenes = new ArrayList<>(List.of(main.getScene()));
        scenes.add(onFx(() -> main.openPatientView().getScene()));
        scenes.add(onFx(() -> main.openConnect().getScene()));
        scenes.add(onFx(() -> main.openPump().getScene()));
        scenes.add(onFx(() -> main.openEcap().getScene()));
        scenes.add(onFx(() -> main.openAbout().getScene()));
        scenes.add(onFx(() -> main.openRecord().orElseThrow().getScene()));
        scenes.add(onFx(() -> {
            Stage chooser = new Stage();
            Scene scene = new Scene(new PatientChooserView(new io.dorsal.programmer.records.PatientChooser(records),
                    chooser::close), 640, 560);
            scene.getStylesheets().add(io.dorsal.programmer.ProgrammerApp.stylesheet());
            chooser.setScene(scene);
            chooser.show();
            return scene;
        }));
        WaitForAsyncUtils.waitForFxEvents();

        List<String> failures = new ArrayList<>();
        int[] measured = new int[1];
        for (Scene scene : scenes) {
            scene.getRoot().applyCss();
            walk(scene.getRoot(), text -> {
                measured[0]++;
                Color fg = drawnColour(text);
                Color ground = groundOf(text);
                double ratio = Contrast.ratio(fg, ground);
                if (ratio < Contrast.AA_TEXT) {
                    failures.add(String.format(Locale.ROOT, "'%s' in %s: %s on %s = %.2f", text.getText(),
                            describe(text), fg, ground, ratio));
                }
            });
        }
        assertThat(measured[0]).as("texts measured").isGreaterThan(200);
        assertThat(failures).as("%s texts under %.1f:1", theme, Contrast.AA_TEXT).isEmpty();
        assertThat(failures).isEmpty();
        // the checked states were on screen: the red words of a broken rule and the banner
        assertThat(robot.lookup("#amplitudeProblem").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#fileError").queryAs(Label.class).isVisible()).isTrue();
    }

    private interface TextVisitor {
        void visit(Text text);
    }

    /** Every Text drawn: shown (it and its parents visible), enabled, with words, inside the window. */
    private static void walk(Node node, TextVisitor visitor) {
        if (!node.isVisible() || node.isDisabled() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Text text && text.getText() != null && !text.getText().isBlank()
                && text.getBoundsInLocal().getWidth() > 0 && onScreen(text)) {
            visitor.visit(text);
        }
        if (node instanceof Parent parent) {
            for (Node child : parent.getChildrenUnmodifiable()) {
                walk(child, visitor);
            }
        }
    }

    private static boolean onScreen(Text text) {
        var bounds = text.localToScene(text.getBoundsInLocal());
        Scene scene = text.getScene();
        return bounds.getMaxX() > 0 && bounds.getMaxY() > 0 && bounds.getMinX() < scene.getWidth()
                && bounds.getMinY() < scene.getHeight();
    }

    /** The text's fill as drawn: its opacity and its parents' blend it into the ground. */
    private static Color drawnColour(Text text) {
        Paint fill = text.getFill();
        assertThat(fill).as("the fill of '%s'", text.getText()).isInstanceOf(Color.class);
        double opacity = 1;
        for (Node n = text; n != null; n = n.getParent()) {
            opacity *= n.getOpacity();
        }
        Color c = (Color) fill;
        Color translucent = Color.color(c.getRed(), c.getGreen(), c.getBlue(), c.getOpacity() * opacity);
        return Contrast.over(translucent, groundOf(text));
    }

    /** The ground under the text: every background fill of its parents, from the window's down, blended in order. */
    private static Color groundOf(Text text) {
        List<Region> chain = new ArrayList<>();
        for (Node n = text.getParent(); n != null; n = n.getParent()) {
            if (n instanceof Region r) {
                chain.addFirst(r);
            }
        }
        Paint sceneFill = text.getScene().getFill();
        Color ground = sceneFill instanceof Color c ? Contrast.over(c, Color.WHITE) : Color.WHITE;
        for (Region r : chain) {
            Background background = r.getBackground();
            if (background == null) {
                continue;
            }
            for (BackgroundFill fill : background.getFills()) {
                if (fill.getFill() instanceof Color c && c.getOpacity() > 0 && coversText(r, fill, text)) {
                    ground = Contrast.over(c, ground);
                }
            }
        }
        return ground;
    }

    /** Whether a fill (inside its insets) lies under the text's centre. */
    private static boolean coversText(Region region, BackgroundFill fill, Text text) {
        var b = region.sceneToLocal(text.localToScene(text.getBoundsInLocal()));
        double x = b.getCenterX();
        double y = b.getCenterY();
        var in = fill.getInsets();
        return x >= in.getLeft() && x <= region.getWidth() - in.getRight() && y >= in.getTop()
                && y <= region.getHeight() - in.getBottom();
    }

    private static String describe(Node node) {
        StringBuilder path = new StringBuilder();
        for (Node n = node.getParent(); n != null && path.length() < 160; n = n.getParent()) {
            String name = n.getId() != null ? "#" + n.getId() : n.getStyleClass().isEmpty() ? n.getClass().getSimpleName()
                    : "." + String.join(".", n.getStyleClass());
            path.append(name).append(' ');
        }
        return path.toString().strip();
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) {
        try {
            return WaitForAsyncUtils.asyncFx(call).get();
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A looked-up colour of the theme, as the stylesheet resolves it. */
    private static Color resolved(String lookedUp) {
        return onFx(() -> {
            Label probe = new Label("probe");
            probe.setStyle("-fx-text-fill: " + lookedUp + ";");
            VBox holder = new VBox(probe);
            new Scene(holder);
            holder.applyCss();
            return (Color) probe.getTextFill();
        });
    }
}
