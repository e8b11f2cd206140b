package io.dorsal.programmer.view;

import io.dorsal.core.therapy.ContactId;
import io.dorsal.programmer.model.KeySteps;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;

/** Small builders shared by the views. */
final class Controls {

    /** A spinner's property: how many steps Page Up and Page Down move it. */
    private static final String LARGE_STEP = "dorsal.largeStep";

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
        stepByKeys(spinner);
        // a typed value counts when the field loses focus too, not only on Enter
        spinner.getEditor().focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                spinner.commitValue();
            }
        });
    }

    /**
     * Page Up and Page Down move {@code spinner} by {@code steps}' larger step (Up and Down by one, as in every number
     * field).
     */
    static void keySteps(Spinner<?> spinner, Supplier<KeySteps> steps) {
        spinner.getProperties().put(LARGE_STEP, (IntSupplier) () -> steps.get().stepsInLargeStep());
    }

    /**
     * Up and Down step a number field by one step, Page Up and Page Down by its larger step (10 steps unless
     * {@link #keySteps} says otherwise), while its text has the focus; a value typed but not yet entered counts first.
     * The filter sits on the editor, not the spinner: the spinner's skin forwards its editor's key events to the
     * spinner, where a filter would see each key twice (and with "-" and "+" side by side, the spinner's own Up and
     * Down would move the focus instead).
     */
    private static void stepByKeys(Spinner<?> spinner) {
        spinner.getEditor().addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            int large = spinner.getProperties().get(LARGE_STEP) instanceof IntSupplier s ? s.getAsInt() : 10;
            int by = switch (e.getCode()) {
                case UP -> 1;
                case DOWN -> -1;
                case PAGE_UP -> large;
                case PAGE_DOWN -> -large;
                default -> 0;
            };
            if (by == 0 || e.isShortcutDown() || e.isAltDown()) {
                return;
            }
            spinner.commitValue();
            if (by > 0) {
                spinner.increment(by);
            } else {
                spinner.decrement(-by);
            }
            spinner.getEditor().selectAll();
            e.consume();
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

    /** A text field bound both ways to {@code value}, with its id, prompt and width in columns. */
    static javafx.scene.control.TextField textField(String id, javafx.beans.property.StringProperty value,
            String prompt, int columns) {
        javafx.scene.control.TextField field = new javafx.scene.control.TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        field.setPromptText(prompt);
        field.setPrefColumnCount(columns);
        return field;
    }

    /** A form of labelled fields: labels at their width, fields taking the rest. */
    static javafx.scene.layout.GridPane formGrid() {
        javafx.scene.layout.GridPane grid = new javafx.scene.layout.GridPane();
        grid.setHgap(10);
        grid.setVgap(6);
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        grid.getColumnConstraints().addAll(labels, fields);
        return grid;
    }
}
