package io.dorsal.rig.audit;

import java.util.Objects;

/**
 * One violation the audit found.
 *
 * @param tUs     where in the trace (microseconds after the run's start)
 * @param rule    the rule broken, as named in docs/bench-rig.md ("charge balance", "phase length", ...)
 * @param message what happened, with the measured and the programmed figures
 */
public record AuditFinding(long tUs, String rule, String message) {

    public AuditFinding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** The line {@code stimctl rig audit} prints. */
    public String describe() {
        return "t=" + tUs + " us: " + rule + ": " + message;
    }
}
