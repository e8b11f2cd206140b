package io.dorsal.link.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One audited event.
 *
 * @param index  position in the log, from 1
 * @param timeMs when, epoch milliseconds
 * @param peer   who (a peer's name, or an address before it is known)
 * @param role   the peer's role, or {@code -}
 * @param event  what: connect, refused, command, pair, disconnect, start, recovered
 * @param detail the command or reason, in words
 * @param result applied, refused, ok, error
 * @param prev   the previous entry's hash (64 zeros for the first)
 */
@JsonPropertyOrder({"index", "timeMs", "peer", "role", "event", "detail", "result", "prev"})
public record AuditEntry(long index, long timeMs, String peer, String role, String event, String detail,
                         String result, String prev) {
}
