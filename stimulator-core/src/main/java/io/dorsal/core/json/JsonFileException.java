package io.dorsal.core.json;

/**
 * A file that is not JSON, or not in its form: one message with where it went wrong ({@link JsonProblem}). A user
 * error, reported without a stack trace. The program file's and the prescription file's exceptions are kinds of it.
 */
public abstract class JsonFileException extends Exception {

    private static final long serialVersionUID = 1L;

    private final JsonProblem problem;

    /** The path and the problem are shown on one line: control characters in them are escaped. */
    protected JsonFileException(int line, int column, String path, String problem) {
        this(new JsonProblem(line, column, path, problem));
    }

    protected JsonFileException(JsonProblem problem) {
        super(problem.problem());
        this.problem = problem;
    }

    /** Line of the problem, from 1; 0 when unknown. */
    public int line() {
        return problem.line();
    }

    /** Column of the problem, from 1; 0 when unknown. */
    public int column() {
        return problem.column();
    }

    /** Where in the document, such as {@code programs[0].pulseWidthUs}; empty for the whole document. */
    public String path() {
        return problem.path();
    }

    public String problem() {
        return problem.problem();
    }

    /** {@code line 12, column 7: programs[0].pulseWidthUs: expected a whole number, found "300us"}. */
    public String describe() {
        return problem.describe();
    }
}
