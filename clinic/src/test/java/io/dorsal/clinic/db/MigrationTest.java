package io.dorsal.clinic.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Entry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The schema from empty and from each earlier version to the newest, with the records written at that version
 * intact; records newer than the program are refused and left as they are.
 */
class MigrationTest {

    @TempDir
    Path folder;

    private final AtomicLong clockMs = new AtomicLong(1_790_000_000_000L);

    /** Every version the migrations know, oldest first, read from the migrations themselves. */
    private static List<String> versions(ClinicLocation location) {
        return Arrays.stream(Schema.flyway(location, null).info().all())
                .map(MigrationInfo::getVersion)
                .sorted()
                .map(MigrationVersion::getVersion)
                .toList();
    }

    @TestFactory
    Stream<DynamicTest> migratesFromEachEarlierVersionKeepingTheRecords() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String kind : List.of("sqlite", "postgresql")) {
            List<String> versions = versions(new ClinicLocation.SqliteFile(folder.resolve("probe.db")));
            assertThat(versions).as("the migrations").containsExactly("1", "1.1", "2", "2.1");
            for (String from : versions.subList(0, versions.size() - 1)) {
                tests.add(DynamicTest.dynamicTest(kind + " from version " + from, () -> {
                    ClinicLocation location = TestDatabases.location(kind, folder.resolve(kind + "-" + from));
                    List<ClinicRecord> written = MigrationVersion.fromVersion(from)
                            .compareTo(MigrationVersion.fromVersion("2")) >= 0 ? Samples.all() : Samples.version1();
                    try (ClinicDatabase old = ClinicDatabase.open(location, clockMs::get, from)) {
                        assertThat(old.schemaVersion()).isEqualTo(from);
                        for (ClinicRecord record : written) {
                            old.append(new Change("dr.smith", "before the upgrade"), record);
                        }
                    }
                    try (ClinicDatabase upgraded = ClinicDatabase.open(location, clockMs::get)) {
                        assertThat(upgraded.schemaVersion()).isEqualTo(versions.getLast());
                        List<ClinicRecord> read = new ArrayList<>();
                        for (ClinicRecord record : written) {
                            read.addAll(upgraded.all(record.getClass()).stream().map(Entry::record).toList());
                        }
                        assertThat(read).containsExactlyElementsOf(written);
                        assertThat(upgraded.verify().intact()).isTrue();
                        upgraded.append(new Change("dr.smith", "after the upgrade"), Samples.version2().getFirst());
                        assertThat(upgraded.verify().entries()).isEqualTo(written.size() + 1);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void createsTheNewestSchemaFromEmpty(String kind) throws Exception {
        try (ClinicDatabase records = ClinicDatabase.open(TestDatabases.location(kind, folder), clockMs::get)) {
            assertThat(records.schemaVersion()).isEqualTo("2.1");
            for (RecordTable<?> table : Tables.ALL) {
                assertThat(Schema.hasTable(records.connection(), table.name())).as(table.name()).isTrue();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void refusesRecordsNewerThanTheProgramAndLeavesThemAlone(String kind) throws Exception {
        ClinicLocation location = TestDatabases.location(kind, folder);
        try (ClinicDatabase records = ClinicDatabase.open(location, clockMs::get)) {
            records.append(new Change("dr.smith", "visit"), Samples.patient());
            try (Statement s = records.connection().createStatement()) {
                s.executeUpdate("UPDATE flyway_schema_history SET version = '3' WHERE version = '2.1'");
            }
        }
        byte[] before = location instanceof ClinicLocation.SqliteFile f ? Files.readAllBytes(f.file()) : null;
        assertThatThrownBy(() -> ClinicDatabase.open(location, clockMs::get))
                .isInstanceOf(ClinicDatabaseException.class)
                .hasMessageContaining("schema version 3, newer than this program knows (2.1)")
                .hasMessageContaining("Update Dorsal")
                .hasMessageContaining("nothing was changed");
        if (location instanceof ClinicLocation.SqliteFile f) {
            assertThat(Files.readAllBytes(f.file())).isEqualTo(before);
        }
    }
}
