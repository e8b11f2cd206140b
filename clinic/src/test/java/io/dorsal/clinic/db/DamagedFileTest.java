package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Patient;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that is not Dorsal's records, or whose pages are damaged, is refused with one clear message. */
class DamagedFileTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    @Test
    void refusesAFileThatIsNotADatabase() throws Exception {
        Path file = folder.resolve("records.db");
        Files.writeString(file, "Patient,Doe,Jane\n".repeat(200), StandardCharsets.UTF_8);
        byte[] before = Files.readAllBytes(file);
        assertThatThrownBy(() -> ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessage(file + ": not a Dorsal records file (not an SQLite database); nothing was changed."
                        + " Name the records file, or restore a backup with `stimctl db restore`.");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void refusesAnSqliteFileOfSomethingElse() throws Exception {
        Path file = folder.resolve("other.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER)");
        }
        assertThatThrownBy(() -> ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageContaining("not Dorsal clinic records")
                .hasMessageContaining("nothing was changed");
    }

    @Test
    void refusesAFileWithDamagedPages() throws Exception {
        Path file = folder.resolve("records.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            for (int i = 0; i < 300; i++) {
                records.append(new Change("reception", "registered"), new Patient("p-" + i, "MRN-" + i,
                        "Family" + i, "Given" + i, LocalDate.of(1950 + i % 50, 1, 1)));
            }
        }
        long pages = Files.size(file) / 4096;
        assertThat(pages).isGreaterThan(8);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] noise = new byte[4096];
            Arrays.fill(noise, (byte) 0x5A);
            raw.seek(4096 * (pages - 3));
            raw.write(noise);
        }
        assertThatThrownBy(() -> ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageStartingWith(file + ": the records file is damaged")
                .hasMessageContaining("restore the last backup with `stimctl db restore`");
    }

    @Test
    void refusesACutShortFile() throws Exception {
        Path file = folder.resolve("records.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            for (int i = 0; i < 300; i++) {
                records.append(new Change("reception", "registered"), new Patient("p-" + i, "MRN-" + i,
                        "Family" + i, "Given" + i, LocalDate.of(1950 + i % 50, 1, 1)));
            }
        }
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.setLength(raw.length() / 2);
        }
        assertThatThrownBy(() -> ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageContaining("damaged");
    }
}
