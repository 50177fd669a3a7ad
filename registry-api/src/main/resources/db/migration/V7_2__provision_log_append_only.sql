-- The provision log's tables are append-only in the database itself: UPDATE, DELETE and TRUNCATE are
-- refused for every role, the owner and superusers included. ENABLE ALWAYS makes the triggers fire under
-- session_replication_role = replica too. (Only ALTER TABLE ... DISABLE TRIGGER, by the owner, gets past
-- them: that is what the hash chain and the checkpoints are for.)
ALTER TABLE provision_log ALTER COLUMN hash SET NOT NULL;

CREATE OR REPLACE FUNCTION provision_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the % table is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER provision_log_append_only BEFORE UPDATE OR DELETE ON provision_log
    FOR EACH ROW EXECUTE FUNCTION provision_log_append_only();
CREATE TRIGGER provision_log_no_truncate BEFORE TRUNCATE ON provision_log
    FOR EACH STATEMENT EXECUTE FUNCTION provision_log_append_only();
CREATE TRIGGER provision_log_resident_append_only BEFORE UPDATE OR DELETE ON provision_log_resident
    FOR EACH ROW EXECUTE FUNCTION provision_log_append_only();
CREATE TRIGGER provision_log_resident_no_truncate BEFORE TRUNCATE ON provision_log_resident
    FOR EACH STATEMENT EXECUTE FUNCTION provision_log_append_only();
CREATE TRIGGER provision_log_checkpoint_append_only BEFORE UPDATE OR DELETE ON provision_log_checkpoint
    FOR EACH ROW EXECUTE FUNCTION provision_log_append_only();
CREATE TRIGGER provision_log_checkpoint_no_truncate BEFORE TRUNCATE ON provision_log_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION provision_log_append_only();

ALTER TABLE provision_log ENABLE ALWAYS TRIGGER provision_log_append_only;
ALTER TABLE provision_log ENABLE ALWAYS TRIGGER provision_log_no_truncate;
ALTER TABLE provision_log_resident ENABLE ALWAYS TRIGGER provision_log_resident_append_only;
ALTER TABLE provision_log_resident ENABLE ALWAYS TRIGGER provision_log_resident_no_truncate;
ALTER TABLE provision_log_checkpoint ENABLE ALWAYS TRIGGER provision_log_checkpoint_append_only;
ALTER TABLE provision_log_checkpoint ENABLE ALWAYS TRIGGER provision_log_checkpoint_no_truncate;
