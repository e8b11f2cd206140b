package io.dorsal.programmer.model;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the programming screen tells the clinician: a passing message in the status line (what an action did,
 * or why a click was not taken) and an error shown in the banner until dismissed (a file that cannot be
 * opened, a refusal, a link that did not answer). UI thread only.
 */
public final class Notices {

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    /** Shows a message in the status line. */
    public void say(String text) {
        message.set(text);
    }

    /** Shows an error in the banner until dismissed. */
    public void showError(String text) {
        error.set(text);
    }

    public void clearError() {
        error.set("");
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** A file error or a refusal, shown until dismissed. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }
}
