package io.dorsal.clinic;

/** Who makes a change and why: the audit entry of every row. */
public record Change(String actor, String reason) {

    public Change {
        Require.text(actor, "actor");
        Require.any(reason, "reason");
    }
}
