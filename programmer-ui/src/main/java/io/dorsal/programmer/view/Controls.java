package io.dorsal.programmer.view;

import io.dorsal.core.therapy.ContactId;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;

/** Small builders shared by the views. */
final class Controls {

    private Controls() {
    }

    static Label label(String text, String... styleClasses) {
        Label label = new Label(text);
        label.getStyleClass().addAll(styleClasses);
        return label;
    }

    /** A red label with an alert icon beside a control, in the layout only while it has something to say. */
    static Label problem(String id, ObservableStringValue text) {
        Label label = Icons.PROBLEM.on(new Label());
        label.setId(id);
        label.getStyleClass().add("problem");
        label.setWrapText(true);
        label.textProperty().bind(text);
        label.visibleProperty().bind(label.textProperty().isNotEmpty());
        label.managedProperty().bind(label.visibleProperty());
        label.setMaxWidth(Double.MAX_VALUE);
        return label;
    }

    static Spinner<Integer> intSpinner(String id, int min, int max, int step) {
        Spinner<Integer> spinner = new Spinner<>(new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max, min, step));
        setUp(spinner, id);
        return spinner;
    }

    static Spinner<Double> doubleSpinner(String id, double min, double max, double step) {
        Spinner<Double> spinner = new Spinner<>(new SpinnerValueFactory.DoubleSpinnerValueFactory(min, max, min, step));
        setUp(spinner, id);
        return spinner;
    }

    private static void setUp(Spinner<?> spinner, String id) {
        spinner.setId(id);
        spinner.setEditable(true);
        // "-" and "+" side by side, each a square the field's height (44 px with touch sizes on)
        spinner.getStyleClass().add(Spinner.STYLE_CLASS_ARROWS_ON_RIGHT_HORIZONTAL);
        spinner.setPrefWidth(112);
        spinner.setMinWidth(112);
        // a typed value counts when the field loses focus too, not only on Enter
        spinner.getEditor().focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                spinner.commitValue();
            }
        });
    }

    static Tooltip tip(String text) {
        Tooltip tooltip = new Tooltip(text);
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(360);
        return tooltip;
    }

    /** Node ids cannot hold dots: {@code L1.2} becomes {@code L1-2}. */
    static String idOf(ContactId contact) {
        return contact.isCase() ? "CASE" : contact.lead() + "-" + contact.index();
    }
}
