package io.dorsal.programmer.view;

import io.dorsal.programmer.model.ConnectModel;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * "Connect to rig": the rig's address, this programmer's identity folder and name, and the pairing code for
 * the first connection. Not modal, so that STOP ALL in the main window stays in reach while it connects (and
 * Esc here is STOP ALL too, as everywhere in the programmer). Closes itself once connected.
 */
final class ConnectDialog extends VBox {

    private final ConnectModel model;
    private final Stage stage = new Stage();

    ConnectDialog(ConnectModel model, Window owner, List<String> stylesheets, Runnable stopAll) {
        this.model = model;
        setId("connectDialog");
        getStyleClass().add("connect-dialog");
        setSpacing(10);
        setPadding(new Insets(14));

        Label intro = new Label("Connect to a rig running stimctl serve. The first time, run stimctl pair "
                + "--role clinician on the rig and type the code it shows; after that, leave the code empty.");
        intro.setWrapText(true);
        intro.getStyleClass().add("hint");

        TextField address = field("rigAddress", model.addressProperty(), "host:port, e.g. "
                + ConnectModel.DEFAULT_ADDRESS);
        TextField folder = field("identityDir", model.identityDirProperty(), "a folder of its own, e.g. ~/.dorsal/programmer");
        TextField name = field("identityName", model.nameProperty(), "how the rig will know this programmer");
        TextField code = field("pairingCode", model.codeProperty(), "first connection only, e.g. 4972-4ZCZ");

        GridPane grid = Controls.formGrid();
        grid.addRow(0, fieldLabel("Rig address"), address);
        grid.addRow(1, fieldLabel("Identity folder"), folder);
        grid.addRow(2, fieldLabel("Name (new identity)"), name);
        grid.addRow(3, fieldLabel("Pairing code"), code);
        Label nameHint = new Label("An identity folder that already holds a key keeps its own name.");
        nameHint.getStyleClass().add("hint");
        grid.add(nameHint, 1, 4);

        Label error = Controls.problem("connectError", model.errorProperty());
        error.setMinHeight(Region.USE_PREF_SIZE);

        Label progress = new Label();
        progress.setId("connectProgress");
        progress.textProperty().bind(model.progressProperty());
        progress.visibleProperty().bind(model.busyProperty());
        progress.managedProperty().bind(progress.visibleProperty());

        Button connect = Icons.CONNECT.on(new Button("Connect"));
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(e -> model.connect().thenAccept(connected -> {
            if (connected) {
                stage.close();
            }
        }));
        Button close = new Button("Close");
        close.setId("closeConnect");
        close.setOnAction(e -> stage.close());
        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        HBox buttons = new HBox(8, progress, spring, close, connect);
        buttons.setAlignment(Pos.CENTER_RIGHT);

        getChildren().addAll(intro, grid, error, buttons);

        Scene scene = new Scene(this, 600, Region.USE_COMPUTED_SIZE);
        scene.getStylesheets().addAll(stylesheets);
        MainView.installStopAll(scene, stopAll);
        stage.setScene(scene);
        stage.setTitle("Connect to rig");
        stage.setResizable(true);
        if (owner != null) {
            stage.initOwner(owner);
        }
    }

    private static Label fieldLabel(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("field-label");
        label.setMinWidth(Region.USE_PREF_SIZE);
        return label;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        return Controls.textField(id, value, prompt, 34);
    }

    Stage stage() {
        return stage;
    }

    ConnectModel model() {
        return model;
    }

    /** Shows the dialog (or brings it forward) with the address field focused. */
    Stage show() {
        stage.show();
        stage.toFront();
        lookup("#rigAddress").requestFocus();
        return stage;
    }
}
