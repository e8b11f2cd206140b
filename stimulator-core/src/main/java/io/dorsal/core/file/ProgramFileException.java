package io.dorsal.core.file;

import io.dorsal.core.json.JsonFileException;
import io.dorsal.core.json.JsonProblem;

/**
 * A program file that is not JSON, or not in the program form: one message with where it went wrong.
 * A user error, reported without a stack trace.
 */
public final class ProgramFileException extends JsonFileException {

    private static final long serialVersionUID = 1L;

    /** The path and the problem are shown on one line: control characters in them are escaped. */
    public ProgramFileException(int line, int column, String path, String problem) {
        super(line, column, path, problem);
    }

    public ProgramFileException(JsonProblem problem) {
        super(problem);
    }
}
