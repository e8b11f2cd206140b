package io.dorsal.programmer.view;

import io.dorsal.clinic.Patient;
import io.dorsal.programmer.records.PatientChooser;
import io.dorsal.programmer.records.PatientRecords;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * "Whom are you programming?", shown before the main window: a search over the records (name, clinic number,
 * device serial), the list of matches, Open; a new patient's details and Register; and Demo patient for a session
 * that programs nobody real. Keyboard: typing searches, Down moves into the list, Enter opens the selection.
 * {@code onOpened} runs once a patient is open.
 */
public final class PatientChooserView extends VBox {

    public PatientChooserView(PatientChooser model, Runnable onOpened) {
        setId("patientChooser");
        setSpacing(10);
        setPadding(new Insets(16));

        Label title = new Label("Whom are you programming?");
        title.getStyleClass().add("title-3");
        Label where = new Label("Records: " + model.records().database().location().describe());
        where.getStyleClass().add("hint");
        where.setWrapText(true);

        TextField search = new TextField();
        search.setId("patientSearch");
        search.setPromptText("name, clinic number or device serial");
        search.textProperty().bindBidirectional(model.queryProperty());
        search.textProperty().addListener((obs, was, now) -> model.search());
        HBox.setHgrow(search, Priority.ALWAYS);

        ListView<Patient> list = new ListView<>(model.found());
        list.setId("patientList");
        list.setPrefHeight(220);
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Patient p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.familyName() + ", " + p.givenName() + "   " + p.clinicNumber()
                        + "   born " + p.birthDate());
            }
        });
        model.selectedProperty().addListener((obs, was, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        if (model.selectedProperty().get() != null) {
            list.getSelectionModel().select(model.selectedProperty().get());
        }
        list.getSelectionModel().selectedItemProperty().addListener((obs, was, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DOWN && !model.found().isEmpty()) {
                list.requestFocus();
                e.consume();
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && model.openSelected()) {
                onOpened.run();
            }
        });

        Button open = Icons.PATIENT.on(new Button("Open patient"));
        open.setId("openPatient");
        open.setDefaultButton(true);
        open.disableProperty().bind(model.selectedProperty().isNull());
        open.setOnAction(e -> {
            if (model.openSelected()) {
                onOpened.run();
            }
        });
        Button demo = new Button("Demo patient");
        demo.setId("demoPatient");
        demo.setOnAction(e -> {
            if (model.openDemo()) {
                onOpened.run();
            }
        });
        Label demoHint = new Label("Demo: practise on the simulated generator; recorded under "
                + PatientRecords.DEMO_CLINIC_NUMBER + ".");
        demoHint.getStyleClass().add("hint");
        demoHint.setWrapText(true);
        HBox.setHgrow(demoHint, Priority.ALWAYS);
        demo.setMinWidth(Region.USE_PREF_SIZE);
        open.setMinWidth(Region.USE_PREF_SIZE);
        demoHint.setMinWidth(0);
        HBox openRow = new HBox(8, demoHint, demo, open);
        openRow.setAlignment(Pos.CENTER_RIGHT);

        GridPane form = Controls.formGrid();
        form.addRow(0, new Label("Clinic number"), field("newClinicNumber", model.clinicNumberProperty(), "MRN-4711"));
        form.addRow(1, new Label("Family name"), field("newFamilyName", model.familyNameProperty(), ""));
        form.addRow(2, new Label("Given name"), field("newGivenName", model.givenNameProperty(), ""));
        form.addRow(3, new Label("Date of birth"), field("newBirthDate", model.birthDateProperty(), "YYYY-MM-DD"));
        Button register = Icons.ADD.on(new Button("Register and open"));
        register.setId("registerPatient");
        register.setMinWidth(Region.USE_PREF_SIZE);
        register.setOnAction(e -> {
            if (model.registerAndOpen()) {
                onOpened.run();
            }
        });
        HBox registerRow = new HBox(register);
        registerRow.setAlignment(Pos.CENTER_RIGHT);
        TitledPane newPatient = new TitledPane("New patient", new VBox(8, form, registerRow));
        newPatient.setId("newPatientPane");
        newPatient.setExpanded(false);
        newPatient.setAnimated(false);

        Label error = Controls.problem("patientError", model.errorProperty());
        error.setMinHeight(Region.USE_PREF_SIZE);

        getChildren().addAll(title, where, new HBox(8, search), list, openRow, error, newPatient);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        return Controls.textField(id, value, prompt, 24);
    }
}
