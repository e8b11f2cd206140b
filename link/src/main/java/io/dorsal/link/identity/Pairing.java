package io.dorsal.link.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pairing by a short code, as a clinic does it: the rig shows a one-time code ({@code stimctl pair}); the
 * programmer enters it. Over a TLS 1.3 connection each side proves it knows the code with HMAC-SHA256 keyed by
 * the code over both certificate fingerprints as each side saw them in the handshake, so a machine in the middle
 * (which would show each side a different certificate) makes both proofs fail. A code is good for one attempt and
 * two minutes. See docs/security.md for what this does and does not defend.
 */
public final class Pairing {

    /** How long a code stays valid. */
    public static final long CODE_LIFETIME_MS = 120_000L;
    /** Crockford's base 32: no I, L, O or U to misread. 8 characters: 40 bits. */
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 8;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final String TICKET = "pairing.json";

    private Pairing() {
    }

    /**
     * A pairing code waiting for a programmer, kept in the rig's identity directory (owner-only).
     *
     * @param code        the code, as shown (XXXX-XXXX)
     * @param role        the role a peer pairing with it gets
     * @param expiresAtMs when it stops working
     */
    public record Ticket(String code, Role role, long expiresAtMs) {
    }

    /** Opens a pairing window on the rig: writes a new ticket and returns it (replacing any earlier one). */
    public static Ticket open(Identity rig, Role role, long nowMs) throws IOException {
        SecureRandom random = new SecureRandom();
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i == CODE_LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Ticket ticket = new Ticket(code.toString(), role, nowMs + CODE_LIFETIME_MS);
        Path tmp = rig.directory().resolve(TICKET + ".tmp");
        JSON.writeValue(tmp.toFile(), ticket);
        Identity.ownerOnly(tmp);
        Identity.moveIntoPlace(tmp, rig.directory().resolve(TICKET));
        return ticket;
    }

    /** Whether a pairing code is waiting on the rig. */
    public static boolean isOpen(Identity rig) {
        return Files.exists(rig.directory().resolve(TICKET));
    }

    /** Takes the rig's ticket, if any: a ticket is used (and removed) by the first attempt, right or wrong. */
    public static synchronized Optional<Ticket> take(Identity rig) throws IOException {
        Path file = rig.directory().resolve(TICKET);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Ticket ticket = JSON.readValue(file.toFile(), Ticket.class);
        Files.deleteIfExists(file);
        return Optional.of(ticket);
    }

    /** The code as typed: upper case, dashes and spaces removed, easily-misread letters mapped as Crockford does. */
    public static String normalize(String code) {
        return code.toUpperCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "").replace('O', '0').replace('I', '1')
                .replace('L', '1');
    }

    /** The client's proof: HMAC-SHA256(code, "dorsal-pair-client" | rig fp | client fp | client name). */
    public static String clientProof(String code, String rigFingerprint, String clientFingerprint, String clientName) {
        return hmac(code, "dorsal-pair-client\n" + rigFingerprint + "\n" + clientFingerprint + "\n" + clientName);
    }

    /** The rig's proof: HMAC-SHA256(code, "dorsal-pair-rig" | rig fp | client fp). */
    public static String rigProof(String code, String rigFingerprint, String clientFingerprint) {
        return hmac(code, "dorsal-pair-rig\n" + rigFingerprint + "\n" + clientFingerprint);
    }

    /** Compares two proofs in constant time. */
    public static boolean sameProof(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
                b.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hmac(String code, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(normalize(code).getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
