package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.ClinicRecord;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An edit, deletion or insertion behind Dorsal's back breaks the audit chain at the entry it touched. */
class AuditChainTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    private ClinicDatabase filled(String kind) throws ClinicDatabaseException {
        ClinicDatabase records = ClinicDatabase.open(TestDatabases.location(kind, folder), clockMs::get);
        for (ClinicRecord record : Samples.all()) {
            clockMs.addAndGet(60_000);
            records.append(new Change("dr.smith", "visit"), record);
        }
        return records;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anUntouchedChainIsIntact(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            ChainCheck check = records.verify();
            assertThat(check.intact()).isTrue();
            assertThat(check.entries()).isEqualTo(Samples.all().size());
            assertThat(check.lastHash()).hasSize(64);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEditedRowIsFound(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            Tamper.bypassingTriggers(records, "devices", "UPDATE devices SET serial = 'SN-999'");
            ChainCheck check = records.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.badSeq()).isEqualTo(2);
            assertThat(check.problem()).contains("devices row differs from what was written");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void anEditedAuditEntryIsFound(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            Tamper.bypassingTriggers(records, "audit_chain", "UPDATE audit_chain SET actor = 'nurse' WHERE seq = 4");
            ChainCheck check = records.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.badSeq()).isEqualTo(4);
            assertThat(check.problem()).contains("hash does not match");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aDeletedRowIsFound(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            Tamper.bypassingTriggers(records, "therapies", "DELETE FROM therapies");
            ChainCheck check = records.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.badSeq()).isEqualTo(4);
            assertThat(check.problem()).contains("therapies row is missing");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRowInsertedOutsideDorsalIsFound(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            // a second patient row hung on the therapy's audit entry
            Tamper.bypassingTriggers(records, "patients", "INSERT INTO patients (audit_seq, patient_id,"
                    + " clinic_number, family_name, given_name, birth_date) VALUES (4, 'p-x', 'MRN-1', 'X', 'Y',"
                    + " '1970-01-01')");
            ChainCheck check = records.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.badSeq()).isEqualTo(4);
            assertThat(check.problem()).contains("without its audit entry");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aRemovedEntryInTheMiddleIsFound(String kind) throws Exception {
        try (ClinicDatabase records = filled(kind)) {
            Tamper.bypassingTriggers(records, "session_logs", "DELETE FROM session_logs");
            Tamper.bypassingTriggers(records, "audit_chain", "DELETE FROM audit_chain WHERE seq = 9");
            ChainCheck check = records.verify();
            assertThat(check.intact()).isFalse();
            assertThat(check.badSeq()).isEqualTo(9);
            assertThat(check.problem()).contains("entry 9 is missing");
        }
    }
}
