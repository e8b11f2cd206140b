package io.dorsal.clinic.db;

import io.dorsal.clinic.Change;
import io.dorsal.clinic.ClinicRecord;
import io.dorsal.clinic.Entry;
import io.dorsal.clinic.Sha256;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * The clinic's records, open: rows are appended (never changed) in transactions, each with its audit entry on
 * the hash chain, and read back with who wrote them, when and why. Opening brings the schema up to date, after
 * refusing records newer than this program and a damaged file. Plain JDBC: the records are inserts and selects
 * of a dozen record types, mapped by one class ({@link RecordTable}), with exact control of the stored values
 * that the hash chain covers. Thread safe (one connection, used by one thread at a time); two programmers write
 * to the same records through two instances.
 */
public final class ClinicDatabase implements AutoCloseable {

    /** How often an append is retried when another programmer took the same audit sequence number. */
    static final int MAX_APPEND_ATTEMPTS = 20;
    /** The longest random wait between two attempts, ms: two programmers that collided do not retry in lockstep. */
    static final long MAX_BACKOFF_MS = 64;

    private final ClinicLocation location;
    private final Connection connection;
    private final LongSupplier clockMs;

    private ClinicDatabase(ClinicLocation location, Connection connection, LongSupplier clockMs) {
        this.location = location;
        this.connection = connection;
        this.clockMs = clockMs;
    }

    /** Opens (creating, if new) the records and brings their schema to the newest version. */
    public static ClinicDatabase open(ClinicLocation location, LongSupplier clockMs) throws ClinicDatabaseException {
        return open(location, clockMs, null);
    }

    /** Opens the records at schema version {@code target} (tests of the migrations; null: the newest). */
    static ClinicDatabase open(ClinicLocation location, LongSupplier clockMs, String target)
            throws ClinicDatabaseException {
        Objects.requireNonNull(clockMs, "clockMs");
        Connection connection = Connections.open(location);
        try {
            Schema.migrate(location, connection, target);
        } catch (SQLException e) {
            Connections.closeQuietly(connection);
            throw new ClinicDatabaseException(location.describe() + ": cannot read the records' schema: "
                    + e.getMessage(), e);
        } catch (ClinicDatabaseException e) {
            Connections.closeQuietly(connection);
            throw e;
        }
        return new ClinicDatabase(location, connection, clockMs);
    }

    public ClinicLocation location() {
        return location;
    }

    /** The schema version of the records as open. */
    public synchronized String schemaVersion() throws ClinicDatabaseException {
        try {
            return Schema.applied(connection).map(Object::toString).orElse("none");
        } catch (SQLException e) {
            throw failure("read the schema version", e);
        }
    }

    /** Appends one record with its audit entry; returns it as stored. */
    public <R extends ClinicRecord> Entry<R> append(Change change, R record) throws ClinicDatabaseException {
        return appendAll(change, List.of(record)).getFirst();
    }

    /** Appends records in one transaction (all or none), each with its own audit entry. */
    public synchronized <R extends ClinicRecord> List<Entry<R>> appendAll(Change change, List<R> records)
            throws ClinicDatabaseException {
        Objects.requireNonNull(change, "change");
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_APPEND_ATTEMPTS; attempt++) {
            try {
                return inTransaction(() -> tryAppend(change, records));
            } catch (SQLException e) {
                if (!isConflict(e)) {
                    throw failure("write " + records.size() + " record" + (records.size() == 1 ? "" : "s"), e);
                }
                last = e;
                backOff(attempt, e);
            }
        }
        throw failure("write after " + MAX_APPEND_ATTEMPTS + " attempts, other programmers kept writing at the"
                + " same moment", last);
    }

    private <R extends ClinicRecord> List<Entry<R>> tryAppend(Change change, List<R> records) throws SQLException {
        long seq;
        String prev;
        try (Statement s = connection.createStatement();
                ResultSet top = s.executeQuery("SELECT seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1")) {
            seq = top.next() ? top.getLong(1) : 0;
            prev = seq == 0 ? AuditHash.GENESIS : top.getString(2);
        }
        List<Entry<R>> written = new ArrayList<>(records.size());
        long atMs = clockMs.getAsLong();
        try (PreparedStatement audit = connection.prepareStatement("INSERT INTO audit_chain (seq, at_epoch_ms,"
                + " actor, reason, record_table, payload_sha256, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (R record : records) {
                RecordTable<R> table = Tables.ofRecord(record);
                seq++;
                String payload = Sha256.hex(table.canonical(record));
                String hash = AuditHash.of(prev, seq, atMs, change.actor(), change.reason(), table.name(), payload);
                audit.setLong(1, seq);
                audit.setLong(2, atMs);
                audit.setString(3, change.actor());
                audit.setString(4, change.reason());
                audit.setString(5, table.name());
                audit.setString(6, payload);
                audit.setString(7, prev);
                audit.setString(8, hash);
                audit.executeUpdate();
                try (PreparedStatement row = connection.prepareStatement(table.insertSql())) {
                    table.bind(row, seq, record);
                    row.executeUpdate();
                }
                written.add(new Entry<>(seq, Instant.ofEpochMilli(atMs), change.actor(), change.reason(), record));
                prev = hash;
            }
        }
        return written;
    }

    /** Every row of a type, oldest first. */
    public <R extends ClinicRecord> List<Entry<R>> all(Class<R> type) throws ClinicDatabaseException {
        return query(Tables.of(type), null, null);
    }

    /** The rows of a type whose {@code column} (snake_case, e.g. {@code patient_id}) equals {@code value}. */
    public <R extends ClinicRecord> List<Entry<R>> where(Class<R> type, String column, String value)
            throws ClinicDatabaseException {
        return query(Tables.of(type), column, value);
    }

    private synchronized <R extends ClinicRecord> List<Entry<R>> query(RecordTable<R> table, String column,
            String value) throws ClinicDatabaseException {
        try (PreparedStatement select = connection.prepareStatement(table.selectSql(column))) {
            if (column != null) {
                select.setString(1, value);
            }
            List<Entry<R>> entries = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry<>(rows.getLong("audit_seq"),
                            Instant.ofEpochMilli(rows.getLong("audit_at_epoch_ms")), rows.getString("audit_actor"),
                            rows.getString("audit_reason"), table.read(rows)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failure("read " + table.name(), e);
        }
    }

    /**
     * Walks the audit chain: every entry chained to the one before with a hash that matches, every row present,
     * in its table and with the content its entry hashed, and no row without an entry.
     */
    public synchronized ChainCheck verify() throws ClinicDatabaseException {
        boolean postgres = location instanceof ClinicLocation.Postgres;
        try {
            if (postgres) {
                // one snapshot for the chain and every table, while other programmers go on writing
                connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            }
            try {
                return inTransaction(this::walk);
            } finally {
                if (postgres) {
                    connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                }
            }
        } catch (SQLException e) {
            throw failure("verify the audit chain", e);
        }
    }

    private record AuditRow(String table, String payloadSha256) {
    }

    private ChainCheck walk() throws SQLException {
        Map<Long, AuditRow> rows = new HashMap<>();
        long expected = 1;
        String prev = AuditHash.GENESIS;
        try (Statement s = connection.createStatement(); ResultSet audit = s.executeQuery("SELECT seq, at_epoch_ms,"
                + " actor, reason, record_table, payload_sha256, prev_hash, hash FROM audit_chain ORDER BY seq")) {
            while (audit.next()) {
                long seq = audit.getLong("seq");
                if (seq != expected) {
                    return ChainCheck.broken(expected - 1, expected, "entry " + expected + " is missing (next is "
                            + seq + ")");
                }
                if (!prev.equals(audit.getString("prev_hash"))) {
                    return ChainCheck.broken(seq - 1, seq, "its prev_hash is not the hash of entry " + (seq - 1));
                }
                String hash = AuditHash.of(prev, seq, audit.getLong("at_epoch_ms"), audit.getString("actor"),
                        audit.getString("reason"), audit.getString("record_table"), audit.getString("payload_sha256"));
                if (!hash.equals(audit.getString("hash"))) {
                    return ChainCheck.broken(seq - 1, seq, "its hash does not match its content (edited)");
                }
                rows.put(seq, new AuditRow(audit.getString("record_table"), audit.getString("payload_sha256")));
                prev = hash;
                expected++;
            }
        }
        long entries = expected - 1;
        Map<Long, Boolean> seen = new HashMap<>();
        for (RecordTable<?> table : Tables.ALL) {
            if (!Schema.hasTable(connection, table.name())) {
                continue;
            }
            ChainCheck bad = checkRows(table, rows, seen, entries);
            if (bad != null) {
                return bad;
            }
        }
        for (long seq = 1; seq <= entries; seq++) {
            if (!seen.containsKey(seq)) {
                return ChainCheck.broken(entries, seq, "its " + rows.get(seq).table() + " row is missing (deleted)");
            }
        }
        return ChainCheck.intact(entries, prev);
    }

    private <R extends ClinicRecord> ChainCheck checkRows(RecordTable<R> table, Map<Long, AuditRow> rows,
            Map<Long, Boolean> seen, long entries) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet row = s.executeQuery("SELECT * FROM " + table.name() + " ORDER BY audit_seq")) {
            while (row.next()) {
                long seq = row.getLong("audit_seq");
                AuditRow entry = rows.get(seq);
                if (entry == null || !entry.table().equals(table.name())) {
                    return ChainCheck.broken(entries, seq, table.name() + " holds a row without its audit entry"
                            + " (inserted outside Dorsal)");
                }
                R record;
                try {
                    record = table.read(row);
                } catch (SQLException | RuntimeException e) {
                    return ChainCheck.broken(entries, seq, "its " + table.name() + " row is not a valid record"
                            + " (edited)");
                }
                if (!Sha256.hex(table.canonical(record)).equals(entry.payloadSha256())) {
                    return ChainCheck.broken(entries, seq, "its " + table.name() + " row differs from what was"
                            + " written (edited)");
                }
                seen.put(seq, Boolean.TRUE);
            }
        }
        return null;
    }

    /** The raw connection, for the backup of an SQLite file and for tests that tamper with the records. */
    Connection connection() {
        return connection;
    }

    private static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        // PostgreSQL: another writer took the same seq (unique violation), serialization failure, deadlock
        return "23505".equals(state) || "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * Waits a random 1 to 2^attempt ms (at most {@link #MAX_BACKOFF_MS}) after a collision: two writers that retried at
     * once would read the same top of the chain again and collide again (seen on PostgreSQL in CI: 20 collisions in a
     * row); a random wait breaks the lockstep. Worst case over every attempt, about a second.
     */
    private void backOff(int attempt, SQLException cause) throws ClinicDatabaseException {
        long maxMs = Math.min(MAX_BACKOFF_MS, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, maxMs + 1));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw failure("write: interrupted while waiting to retry", cause);
        }
    }

    private ClinicDatabaseException failure(String what, SQLException e) {
        String reason = e == null ? "" : ": " + e.getMessage();
        return new ClinicDatabaseException(location.describe() + ": cannot " + what + reason, e);
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction (the connection is in auto-commit otherwise: with SQLite an open
     * transaction would hold the file's write lock against other programmers). SQLite's transactions start
     * IMMEDIATE, so a writer waits for the other's write rather than failing on it.
     */
    private <T> T inTransaction(SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the failure that led here is what is reported
        }
    }

    @Override
    public synchronized void close() throws ClinicDatabaseException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close the records", e);
        }
    }
}
