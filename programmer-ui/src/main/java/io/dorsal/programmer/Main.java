package io.dorsal.programmer;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.stage.Stage;

/** Smoke. */
public final class Main extends Application {
    @Override
    public void start(Stage stage) {
        Button b = new Button("STOP ALL");
        b.setId("stopAll");
        stage.setScene(new Scene(b, 300, 200));
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
