package io.dorsal.clinic.db;

/**
 * The records cannot be opened, read or written; the message says what, where, and what to do, and never
 * carries patient data (names, numbers, notes) so that it can be shown and logged.
 */
public final class ClinicDatabaseException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClinicDatabaseException(String message) {
        super(message);
    }

    public ClinicDatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
