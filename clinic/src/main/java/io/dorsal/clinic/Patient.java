package io.dorsal.clinic;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A patient: {@code patientId} is the record's own key (a UUID), {@code clinicNumber} the clinic's identifier
 * (medical record number). A corrected name or number is a new row with the same {@code patientId}.
 */
public record Patient(String patientId, String clinicNumber, String familyName, String givenName,
        LocalDate birthDate) implements ClinicRecord {

    public Patient {
        Require.text(patientId, "patientId");
        Require.text(clinicNumber, "clinicNumber");
        Require.text(familyName, "familyName");
        Require.any(givenName, "givenName");
        Objects.requireNonNull(birthDate, "birthDate");
    }

    /** "Family, Given (clinic number)". */
    public String displayName() {
        return familyName + (givenName.isEmpty() ? "" : ", " + givenName) + " (" + clinicNumber + ")";
    }
}
