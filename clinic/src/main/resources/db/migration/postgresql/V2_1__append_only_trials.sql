-- PostgreSQL: the trial tables cannot be updated, deleted or truncated (a change is a new row). The hash chain detects
-- what a writer who drops these triggers does (docs/clinic.md).

CREATE TRIGGER trials_append_only BEFORE UPDATE OR DELETE ON trials
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER trials_no_truncate BEFORE TRUNCATE ON trials
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();

CREATE TRIGGER trial_diary_append_only BEFORE UPDATE OR DELETE ON trial_diary
    FOR EACH ROW EXECUTE FUNCTION dorsal_append_only();
CREATE TRIGGER trial_diary_no_truncate BEFORE TRUNCATE ON trial_diary
    FOR EACH STATEMENT EXECUTE FUNCTION dorsal_append_only();
