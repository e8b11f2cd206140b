package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Patient;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every record type written and read back, append-only, on SQLite and on PostgreSQL. */
class RecordsTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void readsBackEveryRecordWithWhoWhenAndWhy(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase records = ClinicDatabase.open(location, clockMs::get)) {
            List<Entry<ClinicRecord>> written = new ArrayList<>();
            for (ClinicRecord record : Samples.all()) {
                clockMs.addAndGet(1000);
                written.add(records.append(new Change("dr.smith", "follow-up visit"), record));
            }
            for (Entry<ClinicRecord> entry : written) {
                List<? extends Entry<? extends ClinicRecord>> read = records.all(entry.record().getClass());
                assertThat(read).hasSize(1);
                assertThat(read.getFirst()).isEqualTo(entry);
            }
            assertThat(written.getLast().at()).isEqualTo(Instant.ofEpochMilli(clockMs.get()));
            assertThat(records.verify().intact()).isTrue();
            assertThat(records.verify().entries()).isEqualTo(Samples.all().size());
        }
    }

    @org.junit.jupiter.api.Test
    void everyKindOfRecordHasItsTable() {
        java.util.Set<Class<?>> kinds = java.util.Set.of(ClinicRecord.class.getPermittedSubclasses());
        assertThat(Tables.ALL.stream().<Class<?>>map(RecordTable::type).toList())
                .containsExactlyInAnyOrderElementsOf(kinds);
        assertThat(Samples.all().stream().<Class<?>>map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(kinds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aChangeIsANewRowAndTheOldOneStays(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase records = ClinicDatabase.open(location, clockMs::get)) {
            Patient first = Samples.patient();
            Patient corrected = new Patient(first.patientId(), first.clinicNumber(), "Doe-Miller", "Jane",
                    first.birthDate());
            records.append(new Change("reception", "registered"), first);
            records.append(new Change("reception", "married name"), corrected);

            List<Entry<Patient>> history = records.where(Patient.class, "patient_id", first.patientId());
            assertThat(history).extracting(Entry::record).containsExactly(first, corrected);
            assertThat(history).extracting(Entry::reason).containsExactly("registered", "married name");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void refusesToUpdateOrDeleteARow(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase records = ClinicDatabase.open(location, clockMs::get)) {
            records.append(new Change("reception", "registered"), Samples.patient());
            for (String sql : List.of("UPDATE patients SET family_name = 'X'", "DELETE FROM patients",
                    "UPDATE audit_chain SET actor = 'someone else'", "DELETE FROM audit_chain")) {
                assertThatThrownBy(() -> {
                    try (Statement s = records.connection().createStatement()) {
                        s.executeUpdate(sql);
                    }
                }).as(sql).isInstanceOf(SQLException.class).hasMessageContaining("append-only");
            }
            assertThat(records.all(Patient.class)).extracting(Entry::record).containsExactly(Samples.patient());
            assertThat(records.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void aTransactionOfSeveralRecordsIsAllOrNothing(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase records = ClinicDatabase.open(location, clockMs::get)) {
            records.append(new Change("reception", "registered"), Samples.patient());
            // the second record's table does not exist at this name: the whole batch is rolled back
            try (Statement s = records.connection().createStatement()) {
                s.execute("ALTER TABLE devices RENAME TO devices_gone");
            }
            assertThatThrownBy(() -> records.appendAll(new Change("dr.smith", "implant"),
                    List.of(Samples.version1().get(2), Samples.version1().get(1))))
                    .isInstanceOf(ClinicDatabaseException.class).hasMessageContaining("cannot write 2 records");
            assertThat(records.all(io.dorsal.clinic.Lead.class)).isEmpty();
            try (Statement s = records.connection().createStatement()) {
                s.execute("ALTER TABLE devices_gone RENAME TO devices");
            }
            assertThat(records.verify().intact()).isTrue();
            assertThat(records.verify().entries()).isEqualTo(1);
        }
    }
}
