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

-- Makes a log table append-only: <table>_append_only (rows) and <table>_no_truncate (statements).
CREATE FUNCTION make_append_only(log_table TEXT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE OR DELETE ON %I FOR EACH ROW'
                   ' EXECUTE FUNCTION provision_log_append_only()', log_table || '_append_only', log_table);
    EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT'
                   ' EXECUTE FUNCTION provision_log_append_only()', log_table || '_no_truncate', log_table);
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', log_table, log_table || '_append_only');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', log_table, log_table || '_no_truncate');
END
$$;

SELECT make_append_only('provision_log');
SELECT make_append_only('provision_log_resident');
SELECT make_append_only('provision_log_checkpoint');
