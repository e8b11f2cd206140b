package io.dorsal.clinic.db;

import io.dorsal.clinic.Sha256;

/**
 * The audit chain's hash, as the link's audit log chains its lines: each entry's hash covers the hash before it,
 * its own sequence number, time, actor, reason, table and the SHA-256 of its row's canonical form, so an edited,
 * removed, inserted or reordered row breaks the chain from there on.
 */
final class AuditHash {

    /** The {@code prev_hash} of the first entry. */
    static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    static String of(String prevHash, long seq, long atEpochMs, String actor, String reason, String table,
            String payloadSha256) {
        return Sha256.hex(prevHash + '\n' + seq + '\n' + atEpochMs + '\n' + escape(actor) + '\n' + escape(reason)
                + '\n' + table + '\n' + payloadSha256);
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }
}
