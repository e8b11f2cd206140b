package io.dorsal.clinic.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Opens the records: an SQLite file (created 0600 in a 0700 folder, checked to be an intact SQLite file first)
 * or a PostgreSQL database.
 */
final class Connections {

    /** How long a writer waits for another programmer's write to finish before giving up. */
    static final int BUSY_TIMEOUT_MS = 10_000;

    private static final byte[] SQLITE_MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private Connections() {
    }

    static String sqliteUrl(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    static Connection open(ClinicLocation location) throws ClinicDatabaseException {
        return switch (location) {
            case ClinicLocation.SqliteFile f -> openSqlite(f.file());
            case ClinicLocation.Postgres p -> openPostgres(p);
        };
    }

    private static Connection openSqlite(Path file) throws ClinicDatabaseException {
        prepareFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection connection;
        try {
            connection = DriverManager.getConnection(sqliteUrl(file), config.toProperties());
        } catch (SQLException e) {
            if (damaged(e)) {
                throw new ClinicDatabaseException(file + ": the records file is damaged or not a database ("
                        + e.getMessage() + "); restore the last backup with `stimctl db restore`. Nothing was"
                        + " changed.", e);
            }
            throw new ClinicDatabaseException(file + ": cannot open the records: " + e.getMessage(), e);
        }
        try (Statement s = connection.createStatement(); ResultSet check = s.executeQuery("PRAGMA quick_check")) {
            String result = check.next() ? check.getString(1) : "no answer";
            if (!"ok".equals(result)) {
                connection.close();
                throw new ClinicDatabaseException(file + ": the records file is damaged (" + result + "); restore"
                        + " the last backup with `stimctl db restore`. Nothing was changed.");
            }
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new ClinicDatabaseException(file + ": the records file is damaged or not a database ("
                    + e.getMessage() + "); restore the last backup with `stimctl db restore`. Nothing was changed.",
                    e);
        }
        return connection;
    }

    private static Connection openPostgres(ClinicLocation.Postgres location) throws ClinicDatabaseException {
        Properties props = new Properties();
        if (!location.user().isEmpty()) {
            props.setProperty("user", location.user());
        }
        if (!location.password().isEmpty()) {
            props.setProperty("password", location.password());
        }
        try {
            return DriverManager.getConnection(location.jdbcUrl(), props);
        } catch (SQLException e) {
            throw new ClinicDatabaseException(location.describe() + ": cannot reach the clinic's database: "
                    + e.getMessage(), e);
        }
    }

    /**
     * A new file is created empty with owner-only permissions in an owner-only folder (SQLite gives its journal
     * the same permissions); an existing file is checked to be an SQLite file and its permissions tightened.
     */
    static void prepareFile(Path file) throws ClinicDatabaseException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        try {
            Path folder = file.toAbsolutePath().getParent();
            if (folder != null && !Files.isDirectory(folder)) {
                if (posix) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                } else {
                    Files.createDirectories(folder);
                }
            }
            if (!Files.exists(file)) {
                if (posix) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_FILE));
                } else {
                    Files.createFile(file);
                }
                return;
            }
            if (!Files.isRegularFile(file)) {
                throw new ClinicDatabaseException(file + ": not a file");
            }
            if (posix && !Files.getPosixFilePermissions(file).equals(OWNER_FILE)) {
                Files.setPosixFilePermissions(file, OWNER_FILE);
            }
            if (Files.size(file) > 0 && !startsWithSqliteMagic(file)) {
                throw new ClinicDatabaseException(file + ": not a Dorsal records file (not an SQLite database);"
                        + " nothing was changed. Name the records file, or restore a backup with"
                        + " `stimctl db restore`.");
            }
        } catch (IOException e) {
            throw new ClinicDatabaseException(file + ": cannot prepare the records file: " + e.getMessage(), e);
        }
    }

    private static boolean startsWithSqliteMagic(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(SQLITE_MAGIC.length), SQLITE_MAGIC);
        }
    }

    private static boolean damaged(SQLException e) {
        return e instanceof SQLiteException sqlite && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CORRUPT
                || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB);
    }

    static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing after a failure: the failure is what is reported
        }
    }
}
