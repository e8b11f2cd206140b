package io.dorsal.clinic.db;

import java.sql.SQLException;
import java.sql.Statement;

/** What someone with write access to the database file or server could do behind Dorsal's back. */
final class Tamper {

    private Tamper() {
    }

    /** Runs {@code sql} on {@code table} with its append-only triggers out of the way, and commits. */
    static void bypassingTriggers(ClinicDatabase records, String table, String sql) throws SQLException {
        try (Statement s = records.connection().createStatement()) {
            if (records.location() instanceof ClinicLocation.SqliteFile) {
                s.execute("DROP TRIGGER IF EXISTS " + table + "_no_update");
                s.execute("DROP TRIGGER IF EXISTS " + table + "_no_delete");
            } else {
                s.execute("ALTER TABLE " + table + " DISABLE TRIGGER USER");
            }
            s.executeUpdate(sql);
        }
    }
}
