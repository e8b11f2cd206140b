-- Dorsal clinic records, version 2: trials (an external trial stimulator or a trial pump) and their daily diaries.
-- A trial's state changes (started, succeeded, failed) are new rows with the same trial_id.

CREATE TABLE trials (
    audit_seq                BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    trial_id                 TEXT    NOT NULL,
    patient_id               TEXT    NOT NULL,
    device_id                TEXT    NOT NULL,
    kind                     TEXT    NOT NULL,
    criterion_relief_percent DOUBLE PRECISION NOT NULL,
    baseline_pain_score      INTEGER NOT NULL,
    state                    TEXT    NOT NULL
);
CREATE INDEX trials_by_id ON trials (trial_id);
CREATE INDEX trials_by_patient ON trials (patient_id);

CREATE TABLE trial_diary (
    audit_seq      BIGINT PRIMARY KEY REFERENCES audit_chain (seq),
    trial_id       TEXT    NOT NULL,
    day            TEXT    NOT NULL,
    pain_score     INTEGER NOT NULL,
    relief_percent DOUBLE PRECISION NOT NULL,
    activity       TEXT    NOT NULL,
    programs_used  TEXT    NOT NULL,
    notes          TEXT    NOT NULL
);
CREATE INDEX trial_diary_by_trial ON trial_diary (trial_id);
