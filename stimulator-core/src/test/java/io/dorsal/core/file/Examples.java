package io.dorsal.core.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The example program files of the repository (examples/), found from wherever the tests run. */
final class Examples {

    private Examples() {
    }

    static Path path(String fileName) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("examples").resolve(fileName);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("examples/" + fileName + " not found above " + Path.of("").toAbsolutePath());
    }

    static String text(String fileName) {
        try {
            return Files.readString(path(fileName), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
