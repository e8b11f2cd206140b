package io.dorsal.clinic.db;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * Backup and restore of an SQLite records file. A backup is a consistent copy taken while programmers may be
 * writing ({@code VACUUM INTO}), owner-only like the records, checked (intact file, intact audit chain) before it
 * is reported done. A restore checks the backup the same way, then puts it in place and keeps the file it
 * replaces beside it. A clinic's PostgreSQL is backed up with its own tools (docs/clinic.md).
 */
public final class Backups {

    private Backups() {
    }

    /** What a backup or restore wrote, and the state of its audit chain. */
    public record Result(Path file, String schemaVersion, long entries, String lastHash, Path replaced) {
    }

    /** Writes a backup of the open records to {@code target}, which must not exist yet. */
    public static Result backup(ClinicDatabase records, Path target, LongSupplier clockMs)
            throws ClinicDatabaseException {
        if (!(records.location() instanceof ClinicLocation.SqliteFile)) {
            throw new ClinicDatabaseException(records.location().describe() + ": a shared PostgreSQL database is"
                    + " backed up with pg_dump by whoever runs the server (docs/clinic.md); stimctl db backup copies"
                    + " an SQLite records file.");
        }
        if (Files.exists(target)) {
            throw new ClinicDatabaseException(target + ": already exists; name a new file for the backup");
        }
        try {
            Path folder = target.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new ClinicDatabaseException(target + ": cannot create its folder: " + e.getMessage(), e);
        }
        synchronized (records) {
            try (PreparedStatement vacuum = records.connection().prepareStatement("VACUUM INTO ?")) {
                vacuum.setString(1, target.toAbsolutePath().toString());
                vacuum.execute();
            } catch (SQLException e) {
                throw new ClinicDatabaseException(target + ": the backup could not be written: " + e.getMessage(), e);
            }
        }
        ownerOnly(target);
        return check(target, clockMs, null);
    }

    /**
     * Replaces the records file {@code records} with the backup {@code backup} after checking it; the file it
     * replaces is kept beside it (returned as {@link Result#replaced()}). No programmer may have the records open.
     */
    public static Result restore(Path backup, Path records, LongSupplier clockMs) throws ClinicDatabaseException {
        if (!Files.isRegularFile(backup)) {
            throw new ClinicDatabaseException(backup + ": no such backup");
        }
        Path staged = records.resolveSibling(records.getFileName() + ".restoring");
        try {
            Path folder = records.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            Files.copy(backup, staged, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ClinicDatabaseException(records + ": cannot stage the backup beside it: " + e.getMessage(), e);
        }
        ownerOnly(staged);
        try {
            check(staged, clockMs, backup);
        } catch (ClinicDatabaseException e) {
            deleteQuietly(staged);
            throw e;
        }
        Path replaced = null;
        try {
            if (Files.exists(records)) {
                replaced = records.resolveSibling(records.getFileName() + ".replaced-" + clockMs.getAsLong());
                Files.move(records, replaced, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(staged, records, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ClinicDatabaseException(records + ": the backup could not be put in place: " + e.getMessage()
                    + (replaced == null ? "" : "; the records were moved to " + replaced), e);
        }
        Result checked = check(records, clockMs, backup);
        return new Result(records, checked.schemaVersion(), checked.entries(), checked.lastHash(), replaced);
    }

    /** Opens {@code file} (migrating nothing newer than it can) and checks its audit chain. */
    private static Result check(Path file, LongSupplier clockMs, Path named) throws ClinicDatabaseException {
        Path shown = named == null ? file : named;
        try (ClinicDatabase copy = ClinicDatabase.open(new ClinicLocation.SqliteFile(file), clockMs)) {
            ChainCheck chain = copy.verify();
            if (!chain.intact()) {
                throw new ClinicDatabaseException(shown + ": the audit chain is broken at entry " + chain.badSeq()
                        + ": " + chain.problem());
            }
            return new Result(file, copy.schemaVersion(), chain.entries(), chain.lastHash(), null);
        } catch (ClinicDatabaseException e) {
            if (named == null) {
                throw e;
            }
            throw new ClinicDatabaseException("the backup " + named + " was refused: "
                    + e.getMessage().replace(file.toString(), named.toString()), e);
        }
    }

    private static void ownerOnly(Path file) throws ClinicDatabaseException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new ClinicDatabaseException(file + ": cannot make it owner-only: " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a staged copy left behind is harmless; the refusal is what is reported
        }
    }
}
