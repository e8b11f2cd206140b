package io.dorsal.clinic.db;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/** Where the records live: one SQLite file (the default), or a clinic's shared PostgreSQL database. */
public sealed interface ClinicLocation {

    /** The environment variable naming the records (a file or a {@code jdbc:postgresql:} URL). */
    String ENV_DB = "DORSAL_CLINIC_DB";
    /** The environment variable holding the PostgreSQL password (never on the command line). */
    String ENV_PASSWORD = "DORSAL_CLINIC_DB_PASSWORD";

    /** The records in one SQLite file. */
    record SqliteFile(Path file) implements ClinicLocation {
        public SqliteFile {
            Objects.requireNonNull(file, "file");
        }

        @Override
        public String describe() {
            return file.toString();
        }
    }

    /** The records in a PostgreSQL database; the password, if any, comes from the environment. */
    record Postgres(String jdbcUrl, String user, String password) implements ClinicLocation {
        public Postgres {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
            }
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String describe() {
            int query = jdbcUrl.indexOf('?');
            return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        }

        @Override
        public String toString() {
            return "Postgres[" + describe() + ", user " + user + "]";
        }
    }

    /** The file or database for messages (no password). */
    String describe();

    /**
     * The records named by {@code arg} (a file path or a {@code jdbc:postgresql:} URL), or by
     * {@value #ENV_DB} when {@code arg} is null, or the default file under the user's home.
     */
    static ClinicLocation of(String arg, Map<String, String> env, Path home) {
        String named = arg != null ? arg : env.get(ENV_DB);
        if (named == null || named.isBlank()) {
            return new SqliteFile(defaultFile(home));
        }
        if (named.startsWith("jdbc:postgresql:")) {
            return new Postgres(named, env.getOrDefault("DORSAL_CLINIC_DB_USER", ""),
                    env.getOrDefault(ENV_PASSWORD, ""));
        }
        return new SqliteFile(Path.of(named));
    }

    /** {@code ~/.dorsal/clinic/records.db}: beside the programmer's and the rig's own files. */
    static Path defaultFile(Path home) {
        return home.resolve(".dorsal").resolve("clinic").resolve("records.db");
    }
}
