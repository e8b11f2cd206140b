package io.dorsal.programmer.view;

import io.dorsal.core.generator.ImpedanceReport;
import io.dorsal.core.safety.Figures;
import io.dorsal.programmer.model.ImpedanceModel;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The impedance check: a button, a one-line summary, and a table per contact with its open or short flag. */
final class ImpedanceView extends HBox {

    ImpedanceView(ImpedanceModel model) {
        setId("impedancePane");
        setSpacing(10);
        setPadding(new Insets(6));
        Button run = Icons.IMPEDANCE.on(new Button("Run impedance check"));
        run.setId("runImpedance");
        run.setOnAction(e -> model.runCheck());
        Label summary = new Label();
        summary.setId("impedanceSummary");
        summary.setWrapText(true);
        summary.textProperty().bind(model.summaryProperty());
        Label note = Controls.label("Open: above 4,000 ohm. Short: below 250 ohm. Flagged contacts are greyed out in "
                + "the lead picture and cannot be chosen.", "hint");
        note.setWrapText(true);
        VBox left = new VBox(6, run, summary, note);
        left.setPrefWidth(300);
        left.setMinWidth(260);

        // flagged contacts first, so that they are in sight without scrolling
        var flaggedFirst = new javafx.collections.transformation.SortedList<>(model.rows(),
                java.util.Comparator.comparing((ImpedanceReport.ContactImpedance c) -> c.status() == ImpedanceReport.Status.OK));
        TableView<ImpedanceReport.ContactImpedance> table = new TableView<>(flaggedFirst);
        table.setId("impedanceTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("contact", c -> c.contact().toString()));
        table.getColumns().add(column("impedance ohm", c -> Figures.format(c.impedanceOhm(), 0)));
        table.getColumns().add(column("status", c -> c.status().name().toLowerCase(Locale.ROOT)));
        table.getColumns().add(column("source", c -> c.measured() ? "measured" : "from the file"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ImpedanceReport.ContactImpedance item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().remove("over-limit");
                if (!empty && item != null && item.status() != ImpedanceReport.Status.OK) {
                    getStyleClass().add("over-limit");
                }
            }
        });
        table.setPlaceholder(new Label("Run the check to measure every contact."));
        HBox.setHgrow(table, Priority.ALWAYS);
        setAlignment(Pos.TOP_LEFT);
        getChildren().addAll(left, table);
    }

    private static TableColumn<ImpedanceReport.ContactImpedance, String> column(
            String name, Function<ImpedanceReport.ContactImpedance, String> value) {
        TableColumn<ImpedanceReport.ContactImpedance, String> column = new TableColumn<>(name);
        column.setCellValueFactory(c -> new SimpleStringProperty(value.apply(c.getValue())));
        column.setSortable(false);
        return column;
    }
}
