package io.dorsal.link.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    @TempDir
    Path dir;

    private final AtomicLong nowMs = new AtomicLong(1_000);

    private Path logWith(int entries) throws IOException {
        Path file = dir.resolve("audit.log");
        try (AuditLog log = AuditLog.open(file, nowMs::incrementAndGet)) {
            for (int i = 0; i < entries; i++) {
                log.append("dr-ada", "CLINICIAN", "command", "amplitude low-back +0.1 mA #" + i, "applied");
            }
        }
        return file;
    }

    @Test
    void chainsEveryEntryToTheOneBefore() throws IOException {
        Path file = logWith(5);

        AuditLog.Verification check = AuditLog.verify(file);

        assertThat(check.intact()).isTrue();
        assertThat(check.entries()).isEqualTo(5);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(0)).contains("\"index\":1", "\"prev\":\"" + AuditLog.GENESIS + "\"");
    }

    @Test
    void refusesAnEntryWithoutItsLinkInsteadOfFailing() {
        // found by the audit-log fuzz target: an entry without "prev" stopped the check with a NullPointerException
        AuditLog.Verification check = AuditLog.verify(List.of("{\"index\":1,\"hash\":\"" + "0".repeat(64) + "\"}"));

        assertThat(check.intact()).isFalse();
        assertThat(check.badLine()).isEqualTo(1);
        assertThat(check.problem()).isEqualTo("entry 1 does not follow the entry before it (removed, reordered or"
                + " altered entries)");
    }

    @Test
    void refusesALineThatIsNotAnEntryInsteadOfFailing() {
        // found by the audit-log fuzz target (crash-9f6e00a2...): "null" before an entry read as no entry at all
        AuditLog.Verification check = AuditLog.verify(List.of("null{\"index\":1,\"hash\":\"" + "0".repeat(64) + "\"}"));

        assertThat(check.intact()).isFalse();
        assertThat(check.badLine()).isEqualTo(1);
        assertThat(check.problem()).isEqualTo("entry 1 is not an entry");
    }

    @Test
    void findsBytesThatAreNotUtf8AnAlteredEntry() throws IOException {
        Path file = logWith(2);
        byte[] bytes = Files.readAllBytes(file);
        int at = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("dr-ada");
        bytes[at] = (byte) 0xC3; // a lead byte without its continuation

        AuditLog.Verification check = AuditLog.verify(Files.write(file, bytes));

        assertThat(check.intact()).isFalse();
        assertThat(check.problem()).isEqualTo("entry 1 was altered (its hash does not match its content)");
    }

    @Test
    void detectsARemovedEntry() throws IOException {
        Path file = logWith(5);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.remove(2);
        Files.write(file, lines);

        AuditLog.Verification check = AuditLog.verify(file);

        assertThat(check.intact()).isFalse();
        assertThat(check.badLine()).isEqualTo(3);
    }

    @Test
    void detectsTwoSwappedEntries() throws IOException {
        Path file = logWith(4);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        java.util.Collections.swap(lines, 1, 2);
        Files.write(file, lines);

        assertThat(AuditLog.verify(file).intact()).isFalse();
    }

    @Test
    void detectsAnAlteredEntryEvenWithItsHashRecomputedWithoutTheChain() throws IOException {
        Path file = logWith(3);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(1, lines.get(1).replace("+0.1 mA", "+9.9 mA"));
        Files.write(file, lines);

        AuditLog.Verification check = AuditLog.verify(file);

        assertThat(check.intact()).isFalse();
        assertThat(check.badLine()).isEqualTo(2);
        assertThat(check.problem()).contains("altered");
    }

    @Test
    void removesAnEntryCutShortByACrashAndSaysSo() throws IOException {
        Path file = logWith(3);
        Files.write(file, "{\"index\":4,\"timeMs\":99,\"peer\":\"dr-a".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);

        try (AuditLog log = AuditLog.open(file, nowMs::incrementAndGet)) {
            log.append("dr-ada", "CLINICIAN", "connect", "after the crash", "ok");
        }

        AuditLog.Verification check = AuditLog.verify(file);
        assertThat(check.intact()).isTrue();
        assertThat(check.entries()).isEqualTo(5);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(3)).contains("\"event\":\"recovered\"", "partial last entry");
    }

    @Test
    void refusesToOpenALogWhoseChainIsBroken() throws IOException {
        Path file = logWith(3);
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
        lines.set(0, lines.get(0).replace("dr-ada", "dr-eve"));
        Files.write(file, lines);

        assertThatThrownBy(() -> AuditLog.open(file, nowMs::incrementAndGet)).isInstanceOf(IOException.class)
                .hasMessageContaining("not intact");
    }
}
