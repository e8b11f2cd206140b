package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Patient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup is a checked, owner-only copy; a restore checks the backup and keeps the file it replaces. */
class BackupsTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    @Test
    void backsUpAndRestoresTheRecordsAsTheyWere() throws Exception {
        Path file = folder.resolve("records.db");
        Path backup = folder.resolve("backups").resolve("records-2026-12-03.db");
        Backups.Result saved;
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            for (ClinicRecord record : Samples.all()) {
                records.append(new Change("dr.smith", "visit"), record);
            }
            saved = Backups.backup(records, backup, clockMs::get);
            records.append(new Change("dr.smith", "after the backup"), new Patient("p-2", "MRN-2", "Roe", "Rick",
                    java.time.LocalDate.of(1980, 1, 1)));
        }
        assertThat(saved.entries()).isEqualTo(Samples.all().size());
        assertThat(saved.schemaVersion()).isEqualTo("2.1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

        clockMs.set(1_790_000_123_456L);
        Backups.Result restored = Backups.restore(backup, file, clockMs::get);
        assertThat(restored.entries()).isEqualTo(saved.entries());
        assertThat(restored.lastHash()).isEqualTo(saved.lastHash());
        assertThat(restored.replaced()).isEqualTo(folder.resolve("records.db.replaced-1790000123456"));
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            assertThat(records.all(Patient.class)).extracting(Entry::record).containsExactly(Samples.patient());
        }
        try (ClinicDatabase replaced = ClinicDatabase.open(new ClinicLocation.SqliteFile(restored.replaced()),
                clockMs::get)) {
            assertThat(replaced.all(Patient.class)).hasSize(2);
        }
    }

    @Test
    void refusesToOverwriteAnExistingBackup() throws Exception {
        Path file = folder.resolve("records.db");
        Path backup = folder.resolve("backup.db");
        Files.writeString(backup, "an older backup");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            assertThatThrownBy(() -> Backups.backup(records, backup, clockMs::get))
                    .isInstanceOf(ClinicDatabaseException.class)
                    .hasMessage(backup + ": already exists; name a new file for the backup");
        }
        assertThat(Files.readString(backup)).isEqualTo("an older backup");
    }

    @Test
    void refusesToRestoreADamagedOrTamperedBackupAndLeavesTheRecordsAlone() throws Exception {
        Path file = folder.resolve("records.db");
        Path backup = folder.resolve("backup.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            for (ClinicRecord record : Samples.all()) {
                records.append(new Change("dr.smith", "visit"), record);
            }
            Backups.backup(records, backup, clockMs::get);
        }
        byte[] recordsBefore = Files.readAllBytes(file);
        try (ClinicDatabase copy = ClinicDatabase.open(new ClinicLocation.SqliteFile(backup), clockMs::get)) {
            Tamper.bypassingTriggers(copy, "therapies", "UPDATE therapies SET therapy_json = '{}'");
        }
        assertThatThrownBy(() -> Backups.restore(backup, file, clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageContaining("the backup " + backup + " was refused")
                .hasMessageContaining("audit chain is broken at entry 4");
        assertThat(Files.readAllBytes(file)).isEqualTo(recordsBefore);

        Path garbage = folder.resolve("garbage.db");
        Files.writeString(garbage, "not a database at all");
        assertThatThrownBy(() -> Backups.restore(garbage, file, clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageContaining("the backup " + garbage + " was refused")
                .hasMessageContaining("not a Dorsal records file");
        assertThat(Files.readAllBytes(file)).isEqualTo(recordsBefore);
        try (var siblings = Files.list(folder)) {
            assertThat(siblings.map(p -> p.getFileName().toString())).doesNotContain("records.db.restoring");
        }
    }

    @Test
    void refusesToBackUpASharedPostgresqlDatabase() throws Exception {
        try (ClinicDatabase shared = ClinicDatabase.open(TestDatabases.freshPostgres(), clockMs::get)) {
            Path target = folder.resolve("shared.db");
            assertThatThrownBy(() -> Backups.backup(shared, target, clockMs::get))
                    .isInstanceOf(ClinicDatabaseException.class)
                    .hasMessageContaining("backed up with pg_dump");
            assertThat(target).doesNotExist();
        }
    }
}
