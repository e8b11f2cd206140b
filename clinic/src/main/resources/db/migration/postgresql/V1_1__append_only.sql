-- PostgreSQL: the version 1 tables cannot be updated, deleted or truncated (a change is a new row). The hash chain detects
-- what a writer who drops these triggers does (docs/clinic.md).

CREATE FUNCTION dorsal_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'clinic records are append-only: % on % is refused; add a new row', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER patients_append_only BEFORE UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER patients_no_truncate BEFORE TRUNCATE ON patients
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER devices_append_only BEFORE UPDATE OR DELETE ON devices
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER devices_no_truncate BEFORE TRUNCATE ON devices
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER leads_append_only BEFORE UPDATE OR DELETE ON leads
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER leads_no_truncate BEFORE TRUNCATE ON leads
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER therapies_append_only BEFORE UPDATE OR DELETE ON therapies
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER therapies_no_truncate BEFORE TRUNCATE ON therapies
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER impedance_readings_append_only BEFORE UPDATE OR DELETE ON impedance_readings
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER impedance_readings_no_truncate BEFORE TRUNCATE ON impedance_readings
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER battery_readings_append_only BEFORE UPDATE OR DELETE ON battery_readings
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER battery_readings_no_truncate BEFORE TRUNCATE ON battery_readings
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER pump_refills_append_only BEFORE UPDATE OR DELETE ON pump_refills
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER pump_refills_no_truncate BEFORE TRUNCATE ON pump_refills
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER interrogations_append_only BEFORE UPDATE OR DELETE ON interrogations
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER interrogations_no_truncate BEFORE TRUNCATE ON interrogations
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER session_logs_append_only BEFORE UPDATE OR DELETE ON session_logs
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER session_logs_no_truncate BEFORE TRUNCATE ON session_logs
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();
