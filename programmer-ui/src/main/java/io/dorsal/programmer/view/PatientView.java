package io.dorsal.programmer.view;

import io.dorsal.programmer.model.PatientModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The patient's remote: the program set (when the clinician allowed more than one), program choice, therapy on or
 * off, amplitude down and up inside the patient range, battery. Nothing else.
 */
public final class PatientView extends VBox {

    public PatientView(PatientModel model) {
        setId("patientRemote");
        getStyleClass().addAll("patient", "pane");
        setSpacing(12);
        setPadding(new Insets(16));
        setAlignment(Pos.TOP_CENTER);

        Label title = Controls.label("Patient remote", "section-title");
        ChoiceBox<String> program = new ChoiceBox<>(model.programs());
        program.setId("patientProgram");
        program.valueProperty().bindBidirectional(model.programProperty());
        program.setMaxWidth(Double.MAX_VALUE);

        Button onOff = new Button();
        onOff.setId("patientOnOff");
        onOff.textProperty().bind(Bindings.when(model.onProperty()).then("Turn therapy off").otherwise("Turn therapy on"));
        onOff.setOnAction(e -> model.toggle());
        onOff.setMaxWidth(Double.MAX_VALUE);

        Button down = new Button("\u2212");
        down.setId("patientDown");
        down.getStyleClass().add("patient-step");
        down.disableProperty().bind(model.canDownProperty().not());
        down.setOnAction(e -> model.down());
        Label amplitude = new Label();
        amplitude.setId("patientAmplitude");
        amplitude.getStyleClass().add("patient-amplitude");
        amplitude.textProperty().bind(model.amplitudeProperty());
        Button up = new Button("+");
        up.setId("patientUp");
        up.getStyleClass().add("patient-step");
        up.disableProperty().bind(model.canUpProperty().not());
        up.setOnAction(e -> model.up());
        HBox steps = new HBox(16, down, amplitude, up);
        steps.setAlignment(Pos.CENTER);

        Label range = new Label();
        range.setId("patientRange");
        range.setWrapText(true);
        range.textProperty().bind(model.rangeProperty());
        Label activeSet = new Label();
        activeSet.setId("patientActiveSet");
        activeSet.textProperty().bind(model.activeSetProperty());
        ChoiceBox<String> set = new ChoiceBox<>(model.sets());
        set.setId("patientSet");
        set.valueProperty().bindBidirectional(model.setProperty());
        Button switchSet = new Button("Switch");
        switchSet.setId("patientSwitchSet");
        switchSet.setOnAction(e -> model.switchSet());
        HBox sets = new HBox(8, set, switchSet);
        sets.setAlignment(Pos.CENTER);
        VBox setBox = new VBox(6, activeSet, sets);
        setBox.setAlignment(Pos.CENTER);
        setBox.visibleProperty().bind(model.hasSetsProperty());
        setBox.managedProperty().bind(model.hasSetsProperty());

        Label battery = new Label();
        battery.setId("patientBattery");
        battery.textProperty().bind(model.batteryProperty());
        Label message = new Label();
        message.setId("patientMessage");
        message.getStyleClass().add("problem");
        message.setWrapText(true);
        message.textProperty().bind(model.messageProperty());

        // therapy off is said in words and by an icon, large, not only by the button's label
        Label off = Icons.POWER.on(new Label("THERAPY OFF"));
        off.setId("patientOffBanner");
        off.getStyleClass().addAll("problem", "patient-off");
        off.setStyle("-fx-font-size: 1.4em; -fx-font-weight: bold;");
        off.visibleProperty().bind(model.onProperty().not());
        off.managedProperty().bind(off.visibleProperty());
        Label keys = Controls.label("Keyboard: Tab moves, Space presses; + and \u2212 (or Page Up and Page Down)"
                + " step the amplitude.", "hint");
        keys.setWrapText(true);
        keys.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(title, off, setBox, program, onOff, steps, range, battery, message, keys);
        // the amplitude from the keyboard, wherever the focus is in the remote
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            switch (e.getCode()) {
                case ADD, PLUS, EQUALS, PAGE_UP -> {
                    model.up();
                    e.consume();
                }
                case SUBTRACT, MINUS, PAGE_DOWN -> {
                    model.down();
                    e.consume();
                }
                default -> {
                }
            }
        });
    }
}
