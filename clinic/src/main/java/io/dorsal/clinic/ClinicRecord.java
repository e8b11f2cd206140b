package io.dorsal.clinic;

/**
 * One row of the clinic's records. Rows are never changed: a change is a new row with the same key, so the
 * newest row of a key is its current state and the rows before it are its history.
 */
public sealed interface ClinicRecord permits Patient, Device, Lead, AppliedTherapy, ImpedanceReading,
        BatteryReading, PumpRefill, Interrogation, SessionLog, Trial, DiaryEntry {
}
