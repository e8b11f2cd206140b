package io.dorsal.programmer.records;

import io.dorsal.clinic.Patient;
import io.dorsal.clinic.db.ClinicDatabaseException;
import io.dorsal.clinic.records.RecordsException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Whom are you programming?": the start of every session. Search the records by name, clinic number or device
 * serial and open a patient, register a new one, or go on with the demo patient; the patient is opened on the
 * embedded generator ({@link PatientRecords#open}). Every refusal is one line in {@link #errorProperty()}. UI thread
 * only.
 */
public final class PatientChooser {

    private final PatientRecords records;
    private final StringProperty query = new SimpleStringProperty("");
    private final ObservableList<Patient> found = FXCollections.observableArrayList();
    private final ObjectProperty<Patient> selected = new SimpleObjectProperty<>();
    private final StringProperty clinicNumber = new SimpleStringProperty("");
    private final StringProperty familyName = new SimpleStringProperty("");
    private final StringProperty givenName = new SimpleStringProperty("");
    private final StringProperty birthDate = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Patient> opened = new ReadOnlyObjectWrapper<>();

    public PatientChooser(PatientRecords records) {
        this.records = records;
        search();
    }

    /** The patients matching the query (every patient while it is blank), the first of them selected. */
    public void search() {
        try {
            found.setAll(records.find(query.get()));
            selected.set(found.isEmpty() ? null : found.get(0));
            error.set(found.isEmpty() && !query.get().isBlank()
                    ? "No patient's name, clinic number or device serial contains \"" + query.get().strip() + "\"."
                    : "");
        } catch (ClinicDatabaseException e) {
            error.set("The records could not be searched: " + e.getMessage());
        }
    }

    /** Opens the selected patient. */
    public boolean openSelected() {
        Patient p = selected.get();
        if (p == null) {
            error.set("Choose a patient from the list, or register a new one.");
            return false;
        }
        return open(p);
    }

    /** Registers the patient the new-patient fields describe, and opens them. */
    public boolean registerAndOpen() {
        Optional<String> missing = clinicNumber.get().isBlank() ? Optional.of("a clinic number")
                : familyName.get().isBlank() ? Optional.of("a family name")
                : givenName.get().isBlank() ? Optional.of("a given name")
                : birthDate.get().isBlank() ? Optional.of("a date of birth (YYYY-MM-DD)") : Optional.empty();
        if (missing.isPresent()) {
            error.set("A new patient needs " + missing.get() + ".");
            return false;
        }
        LocalDate born;
        try {
            born = LocalDate.parse(birthDate.get().strip());
        } catch (DateTimeParseException e) {
            error.set("Date of birth \"" + birthDate.get().strip() + "\" is not a date: write it YYYY-MM-DD, for"
                    + " example 1961-04-02.");
            return false;
        }
        if (born.isAfter(LocalDate.now())) {
            error.set("Date of birth " + born + " is in the future.");
            return false;
        }
        try {
            Patient p = records.register(clinicNumber.get(), familyName.get(), givenName.get(), born);
            return open(p);
        } catch (ClinicDatabaseException | RecordsException e) {
            error.set("Not registered: " + e.getMessage() + ".");
            return false;
        }
    }

    /** Opens the demo patient (registered the first time), for a session that programs no real patient. */
    public boolean openDemo() {
        try {
            return open(records.demoPatient());
        } catch (ClinicDatabaseException | RecordsException e) {
            error.set("The demo patient could not be opened: " + e.getMessage());
            return false;
        }
    }

    private boolean open(Patient p) {
        try {
            records.open(p, Optional.empty());
            error.set("");
            opened.set(p);
            return true;
        } catch (ClinicDatabaseException | RecordsException e) {
            error.set(PatientRecords.nameOf(p) + " could not be opened: " + e.getMessage());
            return false;
        }
    }

    public StringProperty queryProperty() {
        return query;
    }

    public ObservableList<Patient> found() {
        return found;
    }

    public ObjectProperty<Patient> selectedProperty() {
        return selected;
    }

    public StringProperty clinicNumberProperty() {
        return clinicNumber;
    }

    public StringProperty familyNameProperty() {
        return familyName;
    }

    public StringProperty givenNameProperty() {
        return givenName;
    }

    /** As typed: YYYY-MM-DD. */
    public StringProperty birthDateProperty() {
        return birthDate;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The patient opened; null until one is. */
    public ReadOnlyObjectProperty<Patient> openedProperty() {
        return opened.getReadOnlyProperty();
    }

    public PatientRecords records() {
        return records;
    }
}
