package io.dorsal.infusion.file;

/**
 * A prescription file that is not JSON, or not in the prescription form: one message with where it went wrong.
 * A user error, reported without a stack trace.
 */
public final class PrescriptionFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final int column;
    private final String path;
    private final String problem;

    public PrescriptionFileException(int line, int column, String path, String problem) {
        super(problem);
        this.line = line;
        this.column = column;
        this.path = path;
        this.problem = problem;
    }

    /** Line of the problem, from 1; 0 when unknown. */
    public int line() {
        return line;
    }

    /** Column of the problem, from 1; 0 when unknown. */
    public int column() {
        return column;
    }

    /** Where in the document, such as {@code mode.dosePerDay}; empty for the whole document. */
    public String path() {
        return path;
    }

    public String problem() {
        return problem;
    }

    /** {@code line 12, column 7: mode.dosePerDay: expected a number, found "3mg"}. */
    public String describe() {
        String where = line > 0 ? "line " + line + ", column " + column + ": " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + problem;
    }
}
