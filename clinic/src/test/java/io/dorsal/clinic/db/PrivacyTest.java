package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.Patient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records file is the owner's alone, and failures name no patient. */
class PrivacyTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    @Test
    void aNewRecordsFileAndItsFolderAreOwnerOnly() throws Exception {
        Path file = folder.resolve("new").resolve("clinic").resolve("records.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            records.append(new Change("reception", "registered"), Samples.patient());
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                .isEqualTo("rwx------");
    }

    @Test
    void anExistingFileReadableByOthersIsMadeOwnerOnly() throws Exception {
        Path file = folder.resolve("records.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            records.append(new Change("reception", "registered"), Samples.patient());
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            assertThat(records.all(Patient.class)).hasSize(1);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void aFailedWriteNamesNoPatient() throws Exception {
        Path file = folder.resolve("records.db");
        try (ClinicDatabase records = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs::get)) {
            try (Statement s = records.connection().createStatement()) {
                s.execute("DROP TRIGGER patients_no_update");
                s.execute("ALTER TABLE patients RENAME TO patients_gone");
            }
            Patient patient = Samples.patient();
            assertThatThrownBy(() -> records.append(new Change("reception", "registered"), patient))
                    .isInstanceOf(ClinicDatabaseException.class)
                    .hasMessageContaining("cannot write 1 record")
                    .hasMessageNotContaining(patient.familyName())
                    .hasMessageNotContaining(patient.clinicNumber())
                    .hasMessageNotContaining(patient.birthDate().toString());
        }
    }
}
