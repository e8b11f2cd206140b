package io.dorsal.infusion.safety;

import java.util.Objects;

/**
 * One broken rule, with everything needed to fix it.
 *
 * @param subject what it concerns: {@code prescription}, {@code patient bolus}, {@code step 2}
 * @param field   the field, such as {@code dosePerDay}
 * @param value   the offending value with its unit, such as {@code 18 mg/day}
 * @param limit   the limit with its unit and relation, such as {@code at most 15 mg/day}
 * @param rule    the rule broken
 */
public record Violation(String subject, String field, String value, String limit, PumpRule rule) {

    public Violation {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(rule, "rule");
    }

    /** One line: {@code prescription, dosePerDay: 18 mg/day; limit at most 15 mg/day (rule: daily dose)}. */
    public String message() {
        return subject + ", " + field + ": " + value + "; limit " + limit + " (rule: " + rule.label() + ")";
    }

    @Override
    public String toString() {
        return message();
    }
}
