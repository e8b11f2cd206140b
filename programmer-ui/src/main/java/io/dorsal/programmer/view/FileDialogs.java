package io.dorsal.programmer.view;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Where the programmer asks for file names: the system's file chooser in the app, a stub in tests. */
public interface FileDialogs {

    Optional<Path> chooseProgramToOpen(Window owner);

    Optional<Path> chooseProgramToSave(Window owner);

    Optional<Path> chooseReport(Window owner);

    /** The system's file chooser. */
    static FileDialogs system() {
        return new FileDialogs() {
            @Override
            public Optional<Path> chooseProgramToOpen(Window owner) {
                return Optional.ofNullable(chooser("Open a program file", "program.json").showOpenDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseProgramToSave(Window owner) {
                return Optional.ofNullable(chooser("Save the programs", "program.json").showSaveDialog(owner)).map(File::toPath);
            }

            @Override
            public Optional<Path> chooseReport(Window owner) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle("Export the session report");
                chooser.setInitialFileName("session-report.pdf");
                chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PDF report", "*.pdf"),
                        new FileChooser.ExtensionFilter("HTML report", "*.html"));
                return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
            }

            private FileChooser chooser(String title, String name) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(name);
                chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Program files", "*.json"));
                return chooser;
            }
        };
    }
}
