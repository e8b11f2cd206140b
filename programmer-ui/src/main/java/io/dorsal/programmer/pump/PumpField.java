package io.dorsal.programmer.pump;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * One number of the prescription the editor shows: where it lives in the prescription file ({@code object.name}),
 * its label and unit, its value, and the rule it breaks right now in words (empty when none).
 */
public final class PumpField {

    private final String object;
    private final String name;
    private final String label;
    private final String unit;
    private final DoubleProperty value = new SimpleDoubleProperty();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    PumpField(String object, String name, String label, String unit, double initial) {
        this.object = object;
        this.name = name;
        this.label = label;
        this.unit = unit;
        value.set(initial);
    }

    /** The file's object holding the number, such as {@code mode}. */
    public String object() {
        return object;
    }

    /** The number's name in the file and in the validator's messages, such as {@code dosePerDay}. */
    public String name() {
        return name;
    }

    public String label() {
        return label;
    }

    public String unit() {
        return unit;
    }

    public DoubleProperty valueProperty() {
        return value;
    }

    /** The rule this number breaks, in words, with its limit; empty when it breaks none. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    void problem(String words) {
        problem.set(words);
    }
}
