package io.dorsal.programmer;

import javafx.application.Application;

/**
 * Starts the programmer. A class apart from the {@link ProgrammerApp} so that the JavaFX launcher check does
 * not get in the way when JavaFX is on the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(ProgrammerApp.class, args);
    }
}
