package io.dorsal.core.file;

import io.dorsal.core.text.OneLine;

/**
 * A program file that is not JSON, or not in the program form: one message with where it went wrong.
 * A user error, reported without a stack trace.
 */
public final class ProgramFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    /** The path and the problem are shown on one line: control characters in them are escaped. */
    public ProgramFileException(int line, int column, String path, String problem) {
        super(OneLine.of(problem));
        this.line = line;
        this.column = column;
        this.path = OneLine.of(path);
        this.problem = OneLine.of(problem);
    }

    /** Line of the problem, from 1; 0 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the problem, from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** Where in the document, such as {@code programs[0].pulseWidthUs}; empty for the whole document. */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }

    /** {@code line 12, column 7: programs[0].pulseWidthUs: expected a whole number, found "300us"}. */
    public String describe() {
        String where = line > 0 ? "line " + line + ", column " + column + ": " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + problem;
    }
}
