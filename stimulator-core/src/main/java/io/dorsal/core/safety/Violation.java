package io.dorsal.core.safety;

import io.dorsal.core.text.OneLine;

import java.util.Objects;

/**
 * One broken rule, with everything needed to fix it.
 *
 * @param subject what it concerns: {@code program 'low-back'}, {@code lead 'L1'} or {@code therapy}
 * @param field   the field or contact, such as {@code amplitudeMa} or {@code contact L1.2}
 * @param value   the offending value with its unit, such as {@code 33.3 uC/cm2/phase}
 * @param limit   the limit with its unit and relation, such as {@code at most 30 uC/cm2/phase}
 * @param rule    the rule broken
 */
public record Violation(String subject, String field, String value, String limit, SafetyRule rule) {

    public Violation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(rule, "rule");
    }

    /** One line: {@code program 'x', contact L1.2: 33.3 uC/cm2/phase, limit at most 30 uC/cm2/phase (rule: charge density)}. */
    public String message() {
        // names come from outside (a file, a frame): one violation, one line
        return OneLine.of(subject + ", " + field + ": " + value + "; limit " + limit + " (rule: " + rule.label() + ")");
    }

    @Override
    public String toString() {
        return message();
    }
}
