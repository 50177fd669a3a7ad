-- Retention of the provision log and the operation log (README, "Retention of the logs"). The logs stay append-only
-- for every statement but one kind: a DELETE made by the erase functions below, within the cut a purge recorded
-- first. UPDATE and TRUNCATE are refused as before, for every role, the owner and superusers included.

-- One row per purge of the provision log: the entries up to cut_seq are erased and the checkpoint there is kept.
-- The MAC (HMAC-SHA256 with the checkpoint key, outside the database) covers the cut, the chain hash there, the end of
-- the period and the time, so a deletion of leading entries by hand cannot pass for a purge.
CREATE TABLE provision_log_purge (
    cut_seq        BIGINT      PRIMARY KEY,
    chain_hash     BYTEA       NOT NULL,
    expired_before TIMESTAMPTZ NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    mac            BYTEA       NOT NULL
);

-- One row per purge of the operation log: rows before expired_before (the start of a day in Japan's time) are erased.
CREATE TABLE operation_log_purge (
    expired_before TIMESTAMPTZ PRIMARY KEY,
    at             TIMESTAMPTZ NOT NULL
);

-- The append-only trigger lets a row go only while an erase function runs (it sets registry.log_purge for its own
-- transaction) and only within the last recorded cut; the checkpoint at the cut itself stays. Anyone who may run
-- statements as the owner can set the setting too: what it adds is that no stray DELETE erases a log, and that a
-- deliberate one needs a purge row first, which the checkpoint key's MAC then exposes as forged.
CREATE OR REPLACE FUNCTION provision_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' AND TG_LEVEL = 'ROW' THEN
        IF TG_TABLE_NAME IN ('provision_log', 'provision_log_resident', 'provision_log_checkpoint')
                AND current_setting('registry.log_purge', true) = 'provision_log' THEN
            IF OLD.seq < (SELECT max(cut_seq) FROM provision_log_purge)
                    OR (OLD.seq = (SELECT max(cut_seq) FROM provision_log_purge) AND TG_TABLE_NAME <> 'provision_log_checkpoint') THEN
                RETURN OLD;
            END IF;
        ELSIF TG_TABLE_NAME = 'operation_log' AND current_setting('registry.log_purge', true) = 'operation_log' THEN
            IF OLD.at < (SELECT max(expired_before) FROM operation_log_purge) THEN
                RETURN OLD;
            END IF;
        END IF;
    END IF;
    RAISE EXCEPTION 'the % table is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END
$$;

SELECT make_append_only('provision_log_purge');
SELECT make_append_only('operation_log_purge');

-- Erases the provision log's entries, their resident rows and the checkpoints before it, through checkpoint
-- through_seq, which must lie within the last recorded purge and be older than its period. SECURITY DEFINER (the
-- tables' owner) with its search path fixed: a deployment whose registry account is not the owner and has no DELETE
-- privilege still purges, and that account can delete nothing otherwise.
CREATE FUNCTION provision_log_erase(through_seq BIGINT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    purge  provision_log_purge;
    erased BIGINT;
BEGIN
    SELECT * INTO purge FROM provision_log_purge ORDER BY cut_seq DESC LIMIT 1;
    IF NOT FOUND OR through_seq > purge.cut_seq OR NOT EXISTS (
            SELECT 1 FROM provision_log_checkpoint WHERE seq = through_seq AND at < purge.expired_before) THEN
        RAISE EXCEPTION 'the provision log is erased only through an expired checkpoint within a recorded purge'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM set_config('registry.log_purge', 'provision_log', true);
    DELETE FROM provision_log_resident WHERE seq <= through_seq;
    DELETE FROM provision_log WHERE seq <= through_seq;
    GET DIAGNOSTICS erased = ROW_COUNT;
    DELETE FROM provision_log_checkpoint WHERE seq < through_seq;
    PERFORM set_config('registry.log_purge', '', true);
    RETURN erased;
END
$$;

-- Erases at most max_rows of the operation log's rows before the last recorded purge's end of period, oldest first.
CREATE FUNCTION operation_log_erase(max_rows INT) RETURNS BIGINT
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    erased BIGINT;
BEGIN
    PERFORM set_config('registry.log_purge', 'operation_log', true);
    DELETE FROM operation_log WHERE seq IN (SELECT seq FROM operation_log
        WHERE at < (SELECT max(expired_before) FROM operation_log_purge) ORDER BY at LIMIT max_rows);
    GET DIAGNOSTICS erased = ROW_COUNT;
    PERFORM set_config('registry.log_purge', '', true);
    RETURN erased;
END
$$;

-- A SECURITY DEFINER function may be run by every role unless revoked: only the owner, or a role it grants EXECUTE to
-- (the registry's, where that is not the owner), erases.
REVOKE ALL ON FUNCTION provision_log_erase(BIGINT) FROM PUBLIC;
REVOKE ALL ON FUNCTION operation_log_erase(INT) FROM PUBLIC;
