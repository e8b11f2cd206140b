package io.dorsal.programmer.view;

import io.dorsal.core.safety.ContactDose;
import io.dorsal.core.safety.Figures;
import io.dorsal.core.therapy.DeviceLimits;
import io.dorsal.programmer.model.ProgrammerModel;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/**
 * The live safety readout of the selected program: per contact its current, charge, charge density, Shannon k
 * and drive voltage, from core (the UI computes no physics), red past a limit; then every broken rule of the
 * draft in words.
 */
final class SafetyView extends VBox {

    SafetyView(ProgrammerModel model) {
        setId("safetyPane");
        getStyleClass().add("pane");
        setSpacing(4);
        setPadding(new Insets(8));
        DeviceLimits l = DeviceLimits.DEFAULTS;

        Label title = Controls.label("", "section-title");
        title.textProperty().bind(Bindings.createStringBinding(() -> "Safety (live): " + model.program().name()
                + " at " + Figures.format(model.program().amplitudeMa()) + " mA", model.edits().revisionProperty()));

        TableView<ContactDose> doses = new TableView<>(model.doses());
        doses.setId("doses");
        doses.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ContactDose, String> contact = column("contact", 70, d -> d.contact().toString());
        // a contact past a limit carries the alert icon as well as the red (and its rule in words below)
        contact.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                ContactDose dose = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(empty ? null : item);
                setGraphic(dose != null && overLimit(dose, l) ? Icons.PROBLEM.icon() : null);
            }
        });
        doses.getColumns().add(contact);
        doses.getColumns().add(column("I mA", 52, d -> Figures.format(d.currentMa())));
        doses.getColumns().add(column("Q uC", 58, d -> Figures.format(d.chargeUc(), 3)));
        doses.getColumns().add(column("D uC/cm2", 84, d -> Figures.format(d.chargeDensityUcPerCm2())));
        doses.getColumns().add(column("Shannon k", 88, d -> Figures.format(d.shannonK())));
        doses.getColumns().add(column("drive V", 60, d -> Figures.format(d.driveVoltageV())));
        doses.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ContactDose dose, boolean empty) {
                super.updateItem(dose, empty);
                getStyleClass().remove("over-limit");
                if (!empty && dose != null && overLimit(dose, l)) {
                    getStyleClass().add("over-limit");
                }
            }
        });
        doses.setPlaceholder(new Label("No contacts chosen"));
        doses.setPrefHeight(152);
        doses.setMinHeight(90);

        Label limits = Controls.label("Limits: D " + Figures.format(l.maxChargeDensityUcPerCm2()) + " uC/cm2/phase, k "
                + Figures.format(l.maxShannonK()) + ", " + Figures.format(l.complianceVoltageV()) + " V, "
                + Figures.format(l.maxContactCurrentMa()) + " mA a contact", "hint");

        ListView<String> violations = new ListView<>(model.check().violations());
        violations.setId("violations");
        violations.setPlaceholder(new Label("Every rule holds."));
        violations.setPrefHeight(96);
        violations.setMinHeight(60);
        violations.getStyleClass().add("violations");
        violations.setCellFactory(list -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setWrapText(true);
                setPrefWidth(0);
            }
        });
        getChildren().addAll(title, doses, limits, Controls.label("Broken rules", "field-label"), violations);
    }

    private static boolean overLimit(ContactDose dose, DeviceLimits l) {
        return dose.chargeDensityUcPerCm2() > l.maxChargeDensityUcPerCm2() || dose.shannonK() > l.maxShannonK()
                || dose.driveVoltageV() > l.complianceVoltageV() || Math.abs(dose.currentMa()) > l.maxContactCurrentMa();
    }

    private static TableColumn<ContactDose, String> column(String name, double width, Function<ContactDose, String> value) {
        TableColumn<ContactDose, String> column = new TableColumn<>(name);
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setSortable(false);
        return column;
    }
}
