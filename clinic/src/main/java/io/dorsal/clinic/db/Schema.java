package io.dorsal.clinic.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The schema's versions: Flyway migrations under {@code db/migration/common} (the same SQL on both databases)
 * and {@code db/migration/sqlite} or {@code db/migration/postgresql} (each database's append-only triggers).
 */
final class Schema {

    static final String HISTORY_TABLE = "flyway_schema_history";

    private Schema() {
    }

    static Flyway flyway(ClinicLocation location, String target) {
        var config = Flyway.configure()
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor(location))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true);
        switch (location) {
            case ClinicLocation.SqliteFile f -> config.dataSource(Connections.sqliteUrl(f.file()), "", "");
            case ClinicLocation.Postgres p -> config.dataSource(p.jdbcUrl(), p.user(), p.password());
        }
        if (target != null) {
            config.target(target);
        }
        return config.load();
    }

    static String vendor(ClinicLocation location) {
        return switch (location) {
            case ClinicLocation.SqliteFile f -> "sqlite";
            case ClinicLocation.Postgres p -> "postgresql";
        };
    }

    /** The newest version this program's migrations know. */
    static MigrationVersion latestKnown(ClinicLocation location) {
        MigrationInfo[] all = flyway(location, null).info().all();
        return Arrays.stream(all)
                .filter(m -> m.getVersion() != null && m.getState().isResolved())
                .map(MigrationInfo::getVersion)
                .max(MigrationVersion::compareTo)
                .orElseThrow(() -> new IllegalStateException("no migrations on the class path"));
    }

    /** The newest version applied to the database, or empty for a database without Dorsal's schema. */
    static Optional<MigrationVersion> applied(Connection connection) throws SQLException {
        if (!hasTable(connection, HISTORY_TABLE)) {
            return Optional.empty();
        }
        MigrationVersion newest = null;
        try (Statement s = connection.createStatement();
                ResultSet rows = s.executeQuery("SELECT version FROM " + HISTORY_TABLE + " WHERE success")) {
            while (rows.next()) {
                String version = rows.getString(1);
                if (version != null) {
                    MigrationVersion v = MigrationVersion.fromVersion(version);
                    if (newest == null || v.compareTo(newest) > 0) {
                        newest = v;
                    }
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    static boolean hasTable(Connection connection, String table) throws SQLException {
        try (ResultSet rows = connection.getMetaData().getTables(null, null, table, new String[] {"TABLE"})) {
            return rows.next();
        }
    }

    static boolean hasAnyTable(Connection connection) throws SQLException {
        try (ResultSet rows = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                String schema = rows.getString("TABLE_SCHEM");
                if (schema == null || "public".equals(schema) || "main".equals(schema)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Brings the database to {@code target} (null: the newest), after refusing one whose schema is newer than
     * this program or that holds tables but no Dorsal schema history.
     */
    static void migrate(ClinicLocation location, Connection connection, String target)
            throws ClinicDatabaseException, SQLException {
        MigrationVersion known = latestKnown(location);
        Optional<MigrationVersion> applied = applied(connection);
        if (applied.isPresent() && applied.get().compareTo(known) > 0) {
            throw new ClinicDatabaseException(location.describe() + ": these records have schema version "
                    + applied.get() + ", newer than this program knows (" + known + "); they were written by a"
                    + " newer Dorsal. Update Dorsal to open them; nothing was changed.");
        }
        if (applied.isEmpty() && hasAnyTable(connection)) {
            throw new ClinicDatabaseException(location.describe() + ": not Dorsal clinic records (it holds tables"
                    + " but no " + HISTORY_TABLE + "); nothing was changed.");
        }
        try {
            flyway(location, target).migrate();
        } catch (FlywayException e) {
            throw new ClinicDatabaseException(location.describe() + ": the records' schema could not be brought"
                    + " to version " + (target == null ? known : target) + ": " + e.getMessage(), e);
        }
    }
}
