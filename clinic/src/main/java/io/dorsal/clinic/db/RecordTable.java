package io.dorsal.clinic.db;

import io.dorsal.clinic.ClinicRecord;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One record type's table: a column per record component (camelCase to snake_case), written and read by plain
 * JDBC. Components are text, int, long, double, {@link Instant} (BIGINT milliseconds since the epoch, UTC),
 * {@link LocalDate} (ISO text) or an enum (its name); the same values on SQLite and PostgreSQL. The canonical
 * form that the audit chain hashes is made of the stored values, so it reads back the same.
 */
final class RecordTable<R extends ClinicRecord> {

    private final String name;
    private final Class<R> type;
    private final RecordComponent[] components;
    private final List<String> columns;
    private final Constructor<R> constructor;

    RecordTable(String name, Class<R> type) {
        this.name = name;
        this.type = type;
        this.components = type.getRecordComponents();
        List<String> cols = new ArrayList<>();
        Class<?>[] parameterTypes = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            cols.add(snake(components[i].getName()));
            parameterTypes[i] = components[i].getType();
            checkSupported(components[i]);
        }
        this.columns = List.copyOf(cols);
        try {
            this.constructor = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("a record has its canonical constructor: " + type, e);
        }
    }

    String name() {
        return name;
    }

    Class<R> type() {
        return type;
    }

    List<String> columns() {
        return columns;
    }

    R cast(ClinicRecord record) {
        return type.cast(record);
    }

    String insertSql() {
        return "INSERT INTO " + name + " (audit_seq, " + String.join(", ", columns) + ") VALUES (?"
                + ", ?".repeat(columns.size()) + ")";
    }

    /** Rows joined with their audit entries, in the order they were written; {@code where} a column or null. */
    String selectSql(String whereColumn) {
        if (whereColumn != null && !columns.contains(whereColumn)) {
            throw new IllegalArgumentException(name + " has no column " + whereColumn);
        }
        return "SELECT t.*, a.at_epoch_ms AS audit_at_epoch_ms, a.actor AS audit_actor, a.reason AS audit_reason"
                + " FROM " + name + " t JOIN audit_chain a ON a.seq = t.audit_seq"
                + (whereColumn == null ? "" : " WHERE t." + whereColumn + " = ?")
                + " ORDER BY t.audit_seq";
    }

    void bind(PreparedStatement insert, long seq, R record) throws SQLException {
        insert.setLong(1, seq);
        for (int i = 0; i < components.length; i++) {
            Object value = valueOf(components[i], record);
            int index = i + 2;
            switch (value) {
                case String s -> insert.setString(index, s);
                case Integer n -> insert.setInt(index, n);
                case Long n -> insert.setLong(index, n);
                case Double d -> insert.setDouble(index, d);
                case Instant t -> insert.setLong(index, t.toEpochMilli());
                case LocalDate d -> insert.setString(index, d.toString());
                case Enum<?> e -> insert.setString(index, e.name());
                default -> throw new IllegalStateException("unsupported value in " + name + ": " + value.getClass());
            }
        }
    }

    R read(ResultSet row) throws SQLException {
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> t = components[i].getType();
            String column = columns.get(i);
            if (t == String.class) {
                args[i] = row.getString(column);
            } else if (t == int.class) {
                args[i] = row.getInt(column);
            } else if (t == long.class) {
                args[i] = row.getLong(column);
            } else if (t == double.class) {
                args[i] = row.getDouble(column);
            } else if (t == Instant.class) {
                args[i] = Instant.ofEpochMilli(row.getLong(column));
            } else if (t == LocalDate.class) {
                args[i] = LocalDate.parse(row.getString(column));
            } else {
                args[i] = enumValue(t, row.getString(column));
            }
        }
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new SQLException(name + " row " + row.getLong("audit_seq") + " does not make a valid record: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The record as the audit chain hashes it: {@code column=value} lines in column order, each value in its
     * stored form, with newlines and backslashes escaped.
     */
    String canonical(R record) {
        StringBuilder out = new StringBuilder(name).append('\n');
        for (int i = 0; i < components.length; i++) {
            Object value = valueOf(components[i], record);
            String stored = switch (value) {
                case Instant t -> Long.toString(t.toEpochMilli());
                case Enum<?> e -> e.name();
                default -> value.toString();
            };
            out.append(columns.get(i)).append('=')
                    .append(stored.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r"))
                    .append('\n');
        }
        return out.toString();
    }

    private static Object valueOf(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumValue(Class<?> type, String stored) {
        return Enum.valueOf((Class) type, stored);
    }

    private static void checkSupported(RecordComponent component) {
        Class<?> t = component.getType();
        if (!(t == String.class || t == int.class || t == long.class || t == double.class || t == Instant.class
                || t == LocalDate.class || t.isEnum())) {
            throw new IllegalStateException("no column type for " + component);
        }
    }

    static String snake(String camel) {
        StringBuilder out = new StringBuilder();
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
