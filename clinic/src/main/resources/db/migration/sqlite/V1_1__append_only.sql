-- SQLite: the version 1 tables cannot be updated or deleted (a change is a new row). The hash chain detects what a
-- writer who drops these triggers does (docs/clinic.md).

CREATE TRIGGER audit_chain_no_update BEFORE UPDATE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: audit_chain rows cannot be changed; add a new row');
END;

CREATE TRIGGER audit_chain_no_delete BEFORE DELETE ON audit_chain
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: audit_chain rows cannot be deleted');
END;

CREATE TRIGGER patients_no_update BEFORE UPDATE ON patients
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: patients rows cannot be changed; add a new row');
END;

CREATE TRIGGER patients_no_delete BEFORE DELETE ON patients
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: patients rows cannot be deleted');
END;

CREATE TRIGGER devices_no_update BEFORE UPDATE ON devices
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: devices rows cannot be changed; add a new row');
END;

CREATE TRIGGER devices_no_delete BEFORE DELETE ON devices
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: devices rows cannot be deleted');
END;

CREATE TRIGGER leads_no_update BEFORE UPDATE ON leads
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: leads rows cannot be changed; add a new row');
END;

CREATE TRIGGER leads_no_delete BEFORE DELETE ON leads
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: leads rows cannot be deleted');
END;

CREATE TRIGGER therapies_no_update BEFORE UPDATE ON therapies
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: therapies rows cannot be changed; add a new row');
END;

CREATE TRIGGER therapies_no_delete BEFORE DELETE ON therapies
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: therapies rows cannot be deleted');
END;

CREATE TRIGGER impedance_readings_no_update BEFORE UPDATE ON impedance_readings
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: impedance_readings rows cannot be changed; add a new row');
END;

CREATE TRIGGER impedance_readings_no_delete BEFORE DELETE ON impedance_readings
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: impedance_readings rows cannot be deleted');
END;

CREATE TRIGGER battery_readings_no_update BEFORE UPDATE ON battery_readings
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: battery_readings rows cannot be changed; add a new row');
END;

CREATE TRIGGER battery_readings_no_delete BEFORE DELETE ON battery_readings
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: battery_readings rows cannot be deleted');
END;

CREATE TRIGGER pump_refills_no_update BEFORE UPDATE ON pump_refills
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: pump_refills rows cannot be changed; add a new row');
END;

CREATE TRIGGER pump_refills_no_delete BEFORE DELETE ON pump_refills
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: pump_refills rows cannot be deleted');
END;

CREATE TRIGGER interrogations_no_update BEFORE UPDATE ON interrogations
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: interrogations rows cannot be changed; add a new row');
END;

CREATE TRIGGER interrogations_no_delete BEFORE DELETE ON interrogations
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: interrogations rows cannot be deleted');
END;

CREATE TRIGGER session_logs_no_update BEFORE UPDATE ON session_logs
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: session_logs rows cannot be changed; add a new row');
END;

CREATE TRIGGER session_logs_no_delete BEFORE DELETE ON session_logs
BEGIN
    SELECT RAISE(ABORT, 'clinic records are append-only: session_logs rows cannot be deleted');
END;
