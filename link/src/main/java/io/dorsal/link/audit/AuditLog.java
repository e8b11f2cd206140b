package io.dorsal.link.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.FileOutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The rig's audit log: one JSON line per event, each carrying the SHA-256 of the previous line's hash and its own
 * body, so that changing, removing or reordering an entry breaks the chain ({@link #verify}). Appended with one
 * write and an fsync per entry. On opening, a last line cut short by a crash is removed (and the removal itself
 * is logged), so no entry is ever half-written; a log whose chain is broken is refused. Thread safe.
 */
public final class AuditLog implements AutoCloseable {

    /** The {@code prev} of the first entry. */
    public static final String GENESIS = "0".repeat(64);

    /** Reads an entry whole: text after its object (such as {@code null{...}}) is not an entry. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    private static final String HASH_FIELD = ",\"hash\":\"";

    private final Path file;
    private final FileOutputStream out;
    private final LongSupplier clockMs;
    private long lastIndex;
    private String lastHash;

    private AuditLog(Path file, FileOutputStream out, LongSupplier clockMs, long lastIndex, String lastHash) {
        this.file = file;
        this.out = out;
        this.clockMs = clockMs;
        this.lastIndex = lastIndex;
        this.lastHash = lastHash;
    }

    /**
     * Opens (or creates) the log at {@code file}, recovering from a crash mid-entry.
     *
     * @throws IOException naming the first bad entry when the chain is broken
     */
    public static AuditLog open(Path file, LongSupplier clockMs) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        long droppedBytes = 0;
        if (Files.exists(file)) {
            byte[] bytes = Files.readAllBytes(file);
            int end = bytes.length;
            while (end > 0 && bytes[end - 1] != '\n') {
                end--;
            }
            droppedBytes = bytes.length - end;
            if (droppedBytes > 0) {
                try (FileChannel truncate = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    truncate.truncate(end);
                    truncate.force(true);
                }
            }
        }
        Verification check = verify(file);
        if (!check.intact()) {
            throw new IOException("the audit log " + file + " is not intact: " + check.problem()
                    + "; archive it and start a new one");
        }
        // a stream, not a channel: an interrupted writer thread must not close the log for every other thread
        FileOutputStream out = new FileOutputStream(file.toFile(), true);
        AuditLog log = new AuditLog(file, out, clockMs, check.entries(), check.lastHash());
        if (droppedBytes > 0) {
            log.append("rig", "-", "recovered", "removed a partial last entry of " + droppedBytes
                    + " bytes left by a crash", "ok");
        }
        return log;
    }

    /** Appends one entry, fsynced before this returns. */
    public synchronized AuditEntry append(String peer, String role, String event, String detail, String result)
            throws IOException {
        AuditEntry entry = new AuditEntry(lastIndex + 1, clockMs.getAsLong(), peer, role, event, detail, result,
                lastHash);
        String body = body(entry);
        String hash = hash(entry.prev(), body);
        String line = body.substring(0, body.length() - 1) + HASH_FIELD + hash + "\"}\n";
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.getFD().sync();
        lastIndex = entry.index();
        lastHash = hash;
        return entry;
    }

    public Path file() {
        return file;
    }

    /** Entries in the log. */
    public synchronized long size() {
        return lastIndex;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    /**
     * The outcome of checking a log's chain.
     *
     * @param intact   whether every entry is whole, in order and chained to the one before
     * @param entries  entries checked
     * @param lastHash the last entry's hash (the genesis value for an empty log)
     * @param badLine  the first bad line, from 1, or 0
     * @param problem  what is wrong with it, or empty
     */
    public record Verification(boolean intact, long entries, String lastHash, long badLine, String problem) {
    }

    /** Checks every entry's hash, its link to the one before, and the numbering. */
    public static Verification verify(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new Verification(true, 0, GENESIS, 0, "");
        }
        // bytes that are not UTF-8 read as U+FFFD, so that their entry fails its hash rather than the reading
        return verify(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList());
    }

    /** Checks the lines of a log as {@link #verify(Path)} checks a file's. */
    public static Verification verify(List<String> lines) {
        String prev = GENESIS;
        long index = 0;
        for (String line : lines) {
            index++;
            int at = line.lastIndexOf(HASH_FIELD);
            if (at < 0 || !line.endsWith("\"}") || line.length() - at != HASH_FIELD.length() + 64 + 2) {
                return new Verification(false, index - 1, prev, index, "entry " + index + " has no hash");
            }
            String body = line.substring(0, at) + "}";
            String stated = line.substring(at + HASH_FIELD.length(), line.length() - 2);
            AuditEntry entry;
            try {
                entry = JSON.readValue(body, AuditEntry.class);
            } catch (JsonProcessingException e) {
                entry = null;
            }
            if (entry == null) {
                return new Verification(false, index - 1, prev, index, "entry " + index + " is not an entry");
            }
            if (entry.index() != index) {
                return new Verification(false, index - 1, prev, index, "entry " + index + " is numbered "
                        + entry.index() + " (removed or reordered entries)");
            }
            if (!prev.equals(entry.prev())) {
                return new Verification(false, index - 1, prev, index, "entry " + index
                        + " does not follow the entry before it (removed, reordered or altered entries)");
            }
            if (!hash(prev, body).equals(stated)) {
                return new Verification(false, index - 1, prev, index, "entry " + index
                        + " was altered (its hash does not match its content)");
            }
            prev = stated;
        }
        return new Verification(true, index, prev, 0, "");
    }

    private static String body(AuditEntry entry) {
        try {
            return JSON.writeValueAsString(entry);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an entry encodes", e);
        }
    }

    private static String hash(String prev, String body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev.getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) '\n');
            sha.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
