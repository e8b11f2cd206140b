package io.dorsal.core.json;

import io.dorsal.core.text.OneLine;
import java.io.Serializable;

/**
 * What is wrong with an outside JSON document, and where: the one line a reader reports. The path and the problem
 * are escaped to one line ({@link OneLine}), since either may quote the document.
 *
 * @param line    from 1; 0 when unknown
 * @param column  from 1; 0 when unknown
 * @param path    where in the document, such as {@code programs[0].pulseWidthUs}; empty for the whole document
 * @param problem what is wrong, such as {@code expected a whole number, found "300us"}
 */
public record JsonProblem(int line, int column, String path, String problem) implements Serializable {

    public JsonProblem {
        path = OneLine.of(path);
        problem = OneLine.of(problem);
    }

    /** {@code line 12, column 7: programs[0].pulseWidthUs: expected a whole number, found "300us"}. */
    public String describe() {
        String where = line > 0 ? "line " + line + ", column " + column + ": " : "";
        return where + (path.isEmpty() ? "" : path + ": ") + problem;
    }
}
