package io.dorsal.rig.pins;

import java.util.List;

/** A pin map that cannot be used: not JSON, not the form, or inconsistent. One message per problem. */
public final class PinMapException extends Exception {

    private static final long serialVersionUID = 1L;

    @SuppressWarnings("serial") // an immutable List.copyOf, never serialized in practice
    private final List<String> problems;

    public PinMapException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
