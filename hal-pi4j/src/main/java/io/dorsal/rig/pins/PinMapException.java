package io.dorsal.rig.pins;

import io.dorsal.core.text.OneLine;
import java.util.List;

/** A pin map that cannot be used: not JSON, not the form, or inconsistent. One message per problem. */
public final class PinMapException extends Exception {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable List.copyOf, never serialized in practice
    private final List<String> problems;

    /** Each problem is shown on one line: control characters in it (a name from the file) are escaped. */
    public PinMapException(List<String> problems) {
        super(OneLine.of(String.join("; ", problems)));
        this.problems = problems.stream().map(OneLine::of).toList();
    }

    public List<String> problems() {
        return problems;
    }
}
