package io.dorsal.clinic.records;

/** A request the records refuse (an unknown patient, a serial of another patient); the message says which. */
public final class RecordsException extends Exception {

    private static final long serialVersionUID = 1L;

    public RecordsException(String message) {
        super(message);
    }
}
