package io.dorsal.programmer.model;

/** The editor's controls a broken rule can be shown beside. */
public enum Field {
    NAME, CONTACTS, AMPLITUDE, PULSE_WIDTH, RATE, BURST, PATTERN, RECHARGE, RAMP, CYCLE, PATIENT_RANGE
}
