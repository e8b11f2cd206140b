package io.dorsal.clinic;

import java.time.Instant;
import java.util.Objects;

/** A row as stored: its audit sequence number, when, who and why, and the record itself. */
public record Entry<R extends ClinicRecord>(long seq, Instant at, String actor, String reason, R record) {

    public Entry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(record, "record");
    }
}
