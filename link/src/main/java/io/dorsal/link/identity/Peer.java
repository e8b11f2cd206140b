package io.dorsal.link.identity;

import java.util.Objects;

/**
 * A side this side paired with and trusts, by the SHA-256 fingerprint of its certificate.
 *
 * @param name          the peer's name (its certificate's common name)
 * @param role          what it may do
 * @param fingerprint   SHA-256 of its certificate, hex
 * @param certificatePem its certificate
 * @param pairedAtMs    when it was paired, epoch milliseconds
 * @param revoked       whether it was revoked (refused from then on)
 */
public record Peer(String name, Role role, String fingerprint, String certificatePem, long pairedAtMs,
                   boolean revoked) {

    public Peer {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(certificatePem, "certificatePem");
    }

    public Peer asRevoked() {
        return new Peer(name, role, fingerprint, certificatePem, pairedAtMs, true);
    }
}
