package io.dorsal.programmer.view;

import java.nio.file.Path;
import java.util.Optional;
import javafx.stage.Window;

/** File dialogs that are always cancelled: for tests that open no file. */
final class NoDialogs implements FileDialogs {

    @Override
    public Optional<Path> chooseProgramToOpen(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseProgramToSave(Window owner) {
        return Optional.empty();
    }

    @Override
    public Optional<Path> chooseReport(Window owner) {
        return Optional.empty();
    }
}
