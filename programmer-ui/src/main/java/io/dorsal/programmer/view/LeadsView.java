package io.dorsal.programmer.view;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.core.therapy.Lead;
import io.dorsal.programmer.model.Draft;
import io.dorsal.programmer.model.Field;
import io.dorsal.programmer.model.Fractions;
import io.dorsal.programmer.model.ProgrammerModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tab;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A picture of each lead with its contacts and the can. Clicking a contact cycles it off, cathode (-),
 * anode (+); beside an active contact its percentage, editable in 10% steps; under each lead, steering
 * buttons move the cathodic field along it. Contacts flagged by the impedance check are greyed out and
 * cannot be chosen.
 */
final class LeadsView extends VBox {

    private final ProgrammerModel model;
    private final HBox leads = new HBox(12);
    private final Map<ContactId, Button> buttons = new LinkedHashMap<>();
    private final Map<ContactId, Spinner<Integer>> spinners = new LinkedHashMap<>();
    private final Label title = Controls.label("", "section-title");
    private final HBox can = new HBox(6);
    private List<Lead> shown = List.of();
    private boolean syncing;
    private final TabPane views = new TabPane();
    private SpineView spine;

    LeadsView(ProgrammerModel model, javafx.beans.value.ObservableValue<io.dorsal.programmer.theme.Theme> theme) {
        this.model = model;
        setId("leads");
        getStyleClass().add("pane");
        setSpacing(6);
        setPadding(new Insets(8));

        Label hint = Controls.label("Click a contact: off, cathode (-), anode (+). "
                + "Percentages in 10% steps; steer moves the cathodes along the lead.", "hint");
        hint.setWrapText(true);
        Label fractions = new Label();
        fractions.setId("fractions");
        fractions.textProperty().bind(model.check().fractionsTextProperty());
        model.check().fractionsOkProperty().addListener((obs, was, ok) -> styleOk(fractions, ok));
        styleOk(fractions, model.check().fractionsOkProperty().get());

        ScrollPane scroll = new ScrollPane(leads);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("edge-to-edge");
        VBox.setVgrow(scroll, Priority.ALWAYS);

        can.setAlignment(Pos.CENTER_LEFT);
        // the leads as implanted, to scale over the spine; or as a grid of numbered contacts with their percentages
        spine = new SpineView(model, theme);
        Label placeNote = Controls.label("", "hint");
        placeNote.setId("spinePlaceNote");
        placeNote.setWrapText(true);
        placeNote.setMinHeight(Region.USE_PREF_SIZE);
        Runnable notePlace = () -> {
            boolean unplaced = spine.spineLayout().unplaced();
            placeNote.setText(unplaced ? "The file gives no lead positions: drawn at "
                    + io.dorsal.programmer.model.SpineLayout.DEFAULT_TIP + ", side by side." : "");
            placeNote.setVisible(unplaced);
            placeNote.setManaged(unplaced);
        };
        model.edits().revisionProperty().addListener((obs, was, now) -> notePlace.run());
        notePlace.run();
        VBox.setVgrow(spine, Priority.ALWAYS);
        Label spineHint = Controls.label("Click: off, cathode \u2212 (filled), anode + (hollow). Alt+\u2191/\u2193"
                + " moves the contacts.", "hint");
        spineHint.setWrapText(true);
        spineHint.setMinHeight(Region.USE_PREF_SIZE);
        spineHint.setTooltip(Controls.tip("Drawn to scale. From the keyboard: the arrows move between contacts,"
                + " Space or Enter cycles one; Alt+Up and Alt+Down move the program's contacts one contact along"
                + " the leads."));
        VBox spineBox = new VBox(4, spineHint, spine, placeNote);
        VBox gridBox = new VBox(6, hint, scroll);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        Tab spineTab = new Tab("Spine", spineBox);
        spineTab.setId("leadsSpineTab");
        Tab gridTab = new Tab("Grid", gridBox);
        gridTab.setId("leadsGridTab");
        views.getTabs().addAll(spineTab, gridTab);
        views.setId("leadsTabs");
        views.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        VBox.setVgrow(views, Priority.ALWAYS);
        getChildren().addAll(title, views, can, fractions, Controls.problem("contactsProblem", model.check().messageFor(Field.CONTACTS)));
        model.edits().draftProperty().addListener((obs, was, now) -> rebuildIfLeadsChanged(now));
        model.edits().revisionProperty().addListener((obs, was, now) -> refresh());
        rebuildIfLeadsChanged(model.draft());
    }

    /** Shows the leads as a grid of numbered contacts (true) or over the spine (false). */
    void showGrid(boolean grid) {
        views.getSelectionModel().select(grid ? 1 : 0);
    }

    SpineView spine() {
        return spine;
    }

    private void rebuildIfLeadsChanged(Draft draft) {
        if (draft.leads().equals(shown)) {
            return;
        }
        shown = draft.leads();
        buttons.clear();
        spinners.clear();
        leads.getChildren().clear();
        for (Lead lead : draft.leads()) {
            VBox column = new VBox(3);
            column.getStyleClass().add("lead");
            column.setAlignment(Pos.TOP_CENTER);
            column.getChildren().add(Controls.label(lead.name(), "lead-name"));
            Button up = new Button("\u25B2 steer");
            up.setId("steerUp-" + lead.name());
            up.setTooltip(Controls.tip("Moves 10% of the cathodic current towards contact 0 of " + lead.name()));
            up.setOnAction(e -> model.contacts().steer(lead.name(), -1));
            column.getChildren().add(up);
            for (int i = 0; i < lead.contactCount(); i++) {
                column.getChildren().add(contactRow(lead.contact(i), String.valueOf(i)));
            }
            Button down = new Button("\u25BC steer");
            down.setId("steerDown-" + lead.name());
            down.setTooltip(Controls.tip("Moves 10% of the cathodic current towards the last contact of " + lead.name()));
            down.setOnAction(e -> model.contacts().steer(lead.name(), +1));
            column.getChildren().add(down);
            leads.getChildren().add(column);
        }
        // the words on a line of their own: beside the button and its percent field they were cut at 1280x800
        Label canName = Controls.label("Can (anode only)", "lead-name");
        canName.setMinWidth(Region.USE_PREF_SIZE);
        can.getChildren().setAll(new VBox(2, canName, contactRow(ContactId.CASE, "CASE")));
        refresh();
    }

    private HBox contactRow(ContactId contact, String text) {
        Button button = new Button(text);
        button.setId("contact-" + Controls.idOf(contact));
        button.getStyleClass().add("contact");
        button.setOnAction(e -> model.cycleContact(contact));
        button.setMinWidth(contact.isCase() ? 70 : 48);
        button.setPrefWidth(contact.isCase() ? 70 : 48);
        Spinner<Integer> percent = Controls.intSpinner("percent-" + Controls.idOf(contact), 1, 100, Fractions.STEP_PERCENT);
        percent.setPrefWidth(70);
        percent.setMinWidth(70);
        percent.valueProperty().addListener((obs, was, now) -> {
            if (!syncing && now != null) {
                model.contacts().setPercent(contact, now);
            }
        });
        buttons.put(contact, button);
        spinners.put(contact, percent);
        HBox row = new HBox(4, button, percent);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void refresh() {
        syncing = true;
        try {
            title.setText("Leads: contacts of " + model.program().name());
            for (var entry : buttons.entrySet()) {
                ContactId contact = entry.getKey();
                Button button = entry.getValue();
                int percent = model.percentOf(contact);
                boolean flagged = model.check().flagged().contains(contact);
                button.getStyleClass().removeAll("cathode", "anode", "off", "flagged");
                List<String> tip = new ArrayList<>();
                tip.add(contact.toString());
                if (percent < 0) {
                    button.getStyleClass().add("cathode");
                    tip.add("cathode " + percent + "%");
                } else if (percent > 0) {
                    button.getStyleClass().add("anode");
                    tip.add("anode +" + percent + "%");
                } else {
                    button.getStyleClass().add("off");
                    tip.add("off");
                }
                String label = contact.isCase() ? "CASE" : String.valueOf(contact.index());
                button.setText(percent < 0 ? label + " \u2212" : percent > 0 ? label + " +" : label);
                if (flagged) {
                    button.getStyleClass().add("flagged");
                    tip.add("flagged by the impedance check: cannot carry current");
                }
                button.setDisable(flagged && percent == 0);
                button.setTooltip(Controls.tip(String.join(", ", tip)));
                Spinner<Integer> spinner = spinners.get(contact);
                spinner.setVisible(percent != 0);
                if (percent != 0) {
                    spinner.getValueFactory().setValue(Math.abs(percent));
                }
            }
        } finally {
            syncing = false;
        }
    }

    private static void styleOk(Label label, boolean ok) {
        label.getStyleClass().removeAll("ok", "problem");
        label.getStyleClass().add(ok ? "ok" : "problem");
    }
}
