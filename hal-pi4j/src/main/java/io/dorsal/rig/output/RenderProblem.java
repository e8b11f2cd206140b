package io.dorsal.rig.output;

/**
 * A reason the rig cannot render a therapy exactly, worded like a validator violation.
 *
 * @param subject what it concerns, such as {@code program 'trial'}
 * @param field   the phase, contact or source
 * @param value   what the therapy asks for
 * @param limit   what the rig can do
 * @param rule    the rig rule, such as {@code rig sources}
 */
public record RenderProblem(String subject, String field, String value, String limit, String rule) {

    public String message() {
        return subject + ", " + field + ": " + value + "; limit " + limit + " (rule: " + rule + ")";
    }
}
