package io.dorsal.programmer.view;

import io.dorsal.programmer.ProgrammerApp;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The main window as the app shows it (1280x800, its stylesheet, STOP ALL's keys), for the flows. */
final class TestWindows {

    private TestWindows() {
    }

    static MainView show(Stage stage, MainView main) {
        Scene scene = new Scene(main, ProgrammerApp.WIDTH, ProgrammerApp.HEIGHT);
        scene.getStylesheets().add(ProgrammerApp.stylesheet());
        main.install(scene);
        stage.setScene(scene);
        stage.show();
        return main;
    }
}
