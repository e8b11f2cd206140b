-- SQLite: the trial tables cannot be updated or deleted (a change is a new row). The hash chain detects what a
-- writer who drops these triggers does (docs/clinic.md).

CREATE TRIGGER trials_no_update BEFORE UPDATE ON trials
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: trials rows cannot be changed; add a new row');
END;

CREATE TRIGGER trials_no_delete BEFORE DELETE ON trials
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: trials rows cannot be deleted');
END;

CREATE TRIGGER trial_diary_no_update BEFORE UPDATE ON trial_diary
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: trial_diary rows cannot be changed; add a new row');
END;

CREATE TRIGGER trial_diary_no_delete BEFORE DELETE ON trial_diary
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: trial_diary rows cannot be deleted');
END;
