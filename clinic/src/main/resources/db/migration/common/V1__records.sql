-- Dorsal clinic records, version 1: patients, their devices and leads, and everything done to them.
-- The same SQL runs on SQLite and PostgreSQL (docs/clinic.md). Every table is append-only: a change is a new
-- row, the newest row of a key is the current state, and every row is one entry of audit_chain, whose hash
-- chain covers the row's content. Times are BIGINT milliseconds since the epoch (UTC); dates are ISO text.

CREATE TABLE audit_chain (
    seq            BIGINT PRIMARY KEY,
    at_epoch_ms    BIGINT NOT NULL,
    actor          TEXT   NOT NULL,
    reason         TEXT   NOT NULL,
    record_table   TEXT   NOT NULL,
    payload_sha256 TEXT   NOT NULL,
    prev_hash      TEXT   NOT NULL,
    hash           TEXT   NOT NULL UNIQUE
);

CREATE TABLE patients (
    audit_seq     BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id    TEXT NOT NULL,
    clinic_number TEXT NOT NULL,
    family_name   TEXT NOT NULL,
    given_name    TEXT NOT NULL,
    birth_date    TEXT NOT NULL
);
CREATE INDEX patients_by_id ON patients (patient_id);
CREATE INDEX patients_by_clinic_number ON patients (clinic_number);

CREATE TABLE devices (
    audit_seq    BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    device_id    TEXT NOT NULL,
    patient_id   TEXT NOT NULL,
    kind         TEXT NOT NULL,
    model        TEXT NOT NULL,
    serial       TEXT NOT NULL,
    implant_date TEXT NOT NULL,
    status       TEXT NOT NULL
);
CREATE INDEX devices_by_id ON devices (device_id);
CREATE INDEX devices_by_patient ON devices (patient_id);
CREATE INDEX devices_by_serial ON devices (serial);

CREATE TABLE leads (
    audit_seq        BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    lead_id          TEXT    NOT NULL,
    device_id        TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    model            TEXT    NOT NULL,
    contact_count    INTEGER NOT NULL,
    contact_area_mm2 DOUBLE PRECISION NOT NULL,
    level            TEXT    NOT NULL,
    status           TEXT    NOT NULL
);
CREATE INDEX leads_by_device ON leads (device_id);

CREATE TABLE therapies (
    audit_seq      BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id     TEXT NOT NULL,
    device_id      TEXT NOT NULL,
    therapy_json   TEXT NOT NULL,
    therapy_sha256 TEXT NOT NULL
);
CREATE INDEX therapies_by_patient ON therapies (patient_id);

CREATE TABLE impedance_readings (
    audit_seq     BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id    TEXT   NOT NULL,
    device_id     TEXT   NOT NULL,
    check_id      TEXT   NOT NULL,
    contact       TEXT   NOT NULL,
    impedance_ohm DOUBLE PRECISION NOT NULL,
    measured_at   BIGINT NOT NULL
);
CREATE INDEX impedance_by_patient ON impedance_readings (patient_id);

CREATE TABLE battery_readings (
    audit_seq      BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id     TEXT   NOT NULL,
    device_id      TEXT   NOT NULL,
    measured_at    BIGINT NOT NULL,
    charge_percent DOUBLE PRECISION NOT NULL,
    voltage_v      DOUBLE PRECISION NOT NULL
);
CREATE INDEX battery_by_patient ON battery_readings (patient_id);

CREATE TABLE pump_refills (
    audit_seq               BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id              TEXT   NOT NULL,
    device_id               TEXT   NOT NULL,
    refilled_at             BIGINT NOT NULL,
    drug                    TEXT   NOT NULL,
    concentration_mg_per_ml DOUBLE PRECISION NOT NULL,
    expected_residual_ml    DOUBLE PRECISION NOT NULL,
    drawn_ml                DOUBLE PRECISION NOT NULL,
    filled_ml               DOUBLE PRECISION NOT NULL
);
CREATE INDEX refills_by_patient ON pump_refills (patient_id);

CREATE TABLE interrogations (
    audit_seq   BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id  TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    report_json TEXT NOT NULL
);
CREATE INDEX interrogations_by_patient ON interrogations (patient_id);

CREATE TABLE session_logs (
    audit_seq  BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    patient_id TEXT NOT NULL,
    device_id  TEXT NOT NULL,
    log_text   TEXT NOT NULL
);
CREATE INDEX session_logs_by_patient ON session_logs (patient_id);
