package io.dorsal.infusion.file;

import io.dorsal.core.json.JsonFileException;
import io.dorsal.core.json.JsonProblem;

/**
 * A prescription file that is not JSON, or not in the prescription form: one message with where it went wrong, on
 * one line (the path and the problem are escaped as a program file's are). A user error, reported without a stack
 * trace.
 */
public final class PrescriptionFileException extends JsonFileException {

    private static final long serialVersionUID = 1L;

    public PrescriptionFileException(int line, int column, String path, String problem) {
        super(line, column, path, problem);
    }

    public PrescriptionFileException(JsonProblem problem) {
        super(problem);
    }
}
