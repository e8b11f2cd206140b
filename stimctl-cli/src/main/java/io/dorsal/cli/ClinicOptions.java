package io.dorsal.cli;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.db.ClinicDatabase;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.db.ClinicLocation;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every records command shares: which records, and who is making the change. */
final class ClinicOptions {

    @Option(names = "--db", paramLabel = "FILE|URL",
            description = "the records: an SQLite file, or a clinic's jdbc:postgresql: URL (password in"
                    + " DORSAL_CLINIC_DB_PASSWORD). Default: $DORSAL_CLINIC_DB, else ~/.dorsal/clinic/records.db")
    String db;

    @Option(names = "--as", paramLabel = "NAME", description = "who makes the change (default: the login name)")
    String actor;

    ClinicLocation location() {
        return ClinicLocation.of(db, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    ClinicDatabase open() throws ClinicDatabaseException {
        return ClinicDatabase.open(location(), System::currentTimeMillis);
    }

    Change change(String reason) {
        String who = actor != null ? actor : System.getProperty("user.name", "unknown");
        return new Change(who.isBlank() ? "unknown" : who, reason);
    }
}
