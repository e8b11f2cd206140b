package io.dorsal.clinic.db;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * The databases the tests run against: an SQLite file in a temporary folder, always; and a fresh PostgreSQL
 * database when {@value #PG_URL} names a server (a JDBC URL of a database the tests may create databases from,
 * such as {@code jdbc:postgresql://127.0.0.1:55432/postgres?user=postgres}). Without it the PostgreSQL tests are
 * skipped with that reason, unless {@value #PG_REQUIRED} is {@code true} (CI sets both: .ci/run starts the
 * server), when they fail instead.
 */
final class TestDatabases {

    static final String PG_URL = "DORSAL_CLINIC_TEST_PG_URL";
    static final String PG_REQUIRED = "DORSAL_CLINIC_TEST_PG_REQUIRED";

    private TestDatabases() {
    }

    static ClinicLocation sqlite(Path folder) {
        return new ClinicLocation.SqliteFile(folder.resolve("records.db"));
    }

    static ClinicLocation location(String kind, Path folder) {
        return switch (kind) {
            case "sqlite" -> sqlite(folder);
            case "postgresql" -> freshPostgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /** A new, empty PostgreSQL database on the test server, or the test is skipped (or fails in CI). */
    static ClinicLocation.Postgres freshPostgres() {
        String url = System.getenv(PG_URL);
        boolean required = "true".equalsIgnoreCase(System.getenv(PG_REQUIRED));
        if (url == null || url.isBlank()) {
            if (required) {
                throw new AssertionError(PG_REQUIRED + " is true but " + PG_URL + " names no server:"
                        + " .ci/run must start PostgreSQL for these tests");
            }
            assumeTrue(false, "PostgreSQL tests skipped: set " + PG_URL + " to a server's JDBC URL (.ci/run does;"
                    + " see docs/clinic.md)");
        }
        String name = "dorsal_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(url); Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new AssertionError("cannot create a test database on " + url + ": " + e.getMessage(), e);
        }
        return new ClinicLocation.Postgres(withDatabase(url, name), "", "");
    }

    static String withDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + params;
    }
}
