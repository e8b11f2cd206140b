package io.dorsal.programmer.view;

import io.dorsal.core.build.BuildInfo;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Help → About: the programmer's version and build (git commit, build time, from {@link BuildInfo}), the Java and
 * JavaFX it runs on, and what it is not.
 */
final class AboutDialog {

    /** The programmer's icon, in the sizes a window and the About dialog use. */
    static final List<String> ICONS = List.of("/io/dorsal/programmer/icon/dorsal-programmer-32.png",
            "/io/dorsal/programmer/icon/dorsal-programmer-64.png", "/io/dorsal/programmer/icon/dorsal-programmer-128.png");

    private AboutDialog() {
    }

    /** The programmer's icon in every size, for a window's title bar and task switcher. */
    static List<Image> icons() {
        return ICONS.stream().map(path -> new Image(AboutDialog.class.getResource(path).toExternalForm())).toList();
    }

    static Stage create(Window owner, List<String> stylesheets) {
        BuildInfo build = BuildInfo.current();
        ImageView icon = new ImageView(new Image(AboutDialog.class.getResource(ICONS.get(2)).toExternalForm()));
        icon.setFitWidth(96);
        icon.setFitHeight(96);
        Label title = Controls.label("Dorsal Programmer", "section-title");
        title.setId("aboutTitle");
        Label version = new Label("Version " + build.version());
        version.setId("aboutVersion");
        Label commit = new Label("Build: commit " + build.commit() + (build.dirty() ? " (with uncommitted changes)" : "")
                + ", built " + build.buildTime());
        commit.setId("aboutBuild");
        Label runtime = Controls.label("Java " + Runtime.version() + " (" + System.getProperty("java.vendor")
                + "), JavaFX " + System.getProperty("javafx.runtime.version", "unknown"), "hint");
        runtime.setId("aboutRuntime");
        Label what = Controls.label("The clinician programmer of Dorsal, an open model of a spinal cord stimulator, for "
                + "learning, bench work and research. It is not a medical device and must not be connected to a person.",
                "hint");
        what.setWrapText(true);
        VBox text = new VBox(6, title, version, commit, runtime, what);
        HBox.setHgrow(text, Priority.ALWAYS);
        HBox top = new HBox(16, icon, text);
        top.setAlignment(Pos.TOP_LEFT);

        Stage stage = new Stage();
        Button close = new Button("Close");
        close.setId("aboutClose");
        close.setDefaultButton(true);
        close.setCancelButton(true);
        close.setOnAction(e -> stage.hide());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(spring, close);

        VBox root = new VBox(14, top, buttons);
        root.setId("about");
        root.getStyleClass().add("pane");
        root.setPadding(new Insets(18));
        Scene scene = new Scene(root, 560, 210);
        scene.getStylesheets().addAll(stylesheets);
        stage.setScene(scene);
        stage.setTitle("About Dorsal Programmer");
        stage.getIcons().addAll(icons());
        stage.setResizable(false);
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        return stage;
    }
}
