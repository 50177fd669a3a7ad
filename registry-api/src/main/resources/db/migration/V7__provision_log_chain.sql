-- The provision log — 提供・移転記録 — made tamper-evident (README, "Provision log"): every entry carries
-- the SHA-256 of its canonical encoding and of the previous entry's hash, and the chain is sealed at
-- intervals by checkpoints authenticated with a key kept outside the database. One writer transaction at a
-- time, on any node, appends: it locks provision_log_head, which holds the chain's last seq and hash.
-- V7_1 (a Java migration) chains the rows V4's form wrote; V7_2 then makes the chain columns required and
-- the tables append-only.

DROP TRIGGER provision_log_append_only ON provision_log;

-- criteria as json, not jsonb: json keeps the text exactly as written, so the hash of what was written
-- is the hash of what is read back.
ALTER TABLE provision_log ALTER COLUMN criteria TYPE json USING criteria::text::json;
ALTER TABLE provision_log ADD COLUMN hash BYTEA;

-- The chain has no gaps in seq (a gap is a deleted entry); V4's seqs came from a sequence, which leaves gaps at
-- rolled-back inserts, so they are renumbered in order (entries are referred to by id, never by seq). Through
-- negative values, as an UPDATE checks the primary key row by row.
UPDATE provision_log p SET seq = -n.seq FROM (SELECT seq AS old, row_number() OVER (ORDER BY seq) AS seq FROM provision_log) n
WHERE p.seq = n.old;
UPDATE provision_log SET seq = -seq;

-- "Who received this resident's record": one index range per resident code, replacing the GIN index.
CREATE TABLE provision_log_resident (
    resident_code CHAR(11) NOT NULL,
    seq           BIGINT   NOT NULL,
    position      INT      NOT NULL,
    PRIMARY KEY (resident_code, seq, position)
);
CREATE INDEX provision_log_resident_seq ON provision_log_resident (seq, position);
INSERT INTO provision_log_resident (resident_code, seq, position)
SELECT c.code, p.seq, c.position::int FROM provision_log p, unnest(p.resident_codes) WITH ORDINALITY AS c(code, position);
DROP INDEX provision_log_resident_codes;

CREATE INDEX provision_log_operator ON provision_log (operator_id, at);
CREATE INDEX provision_log_department ON provision_log (department_id, at);

-- A checkpoint seals the chain up to seq: its MAC (HMAC-SHA256 with the checkpoint key) covers seq, the
-- chain hash there, the time and the previous checkpoint's seq, so a checkpoint removed from the middle
-- breaks the next one's link.
CREATE TABLE provision_log_checkpoint (
    seq            BIGINT      PRIMARY KEY,
    chain_hash     BYTEA       NOT NULL,
    at             TIMESTAMPTZ NOT NULL,
    previous_seq   BIGINT      NOT NULL,
    mac            BYTEA       NOT NULL
);

-- The chain's head: the last entry's seq and hash and the last checkpoint. Updated by every append (it is
-- the lock that keeps one total order across nodes); the verification also checks it against the log's
-- last entry, which finds entries deleted at the end.
CREATE TABLE provision_log_head (
    id                   BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (id),
    seq                  BIGINT      NOT NULL,
    hash                 BYTEA       NOT NULL,
    checkpoint_seq       BIGINT      NOT NULL,
    checkpoint_at        TIMESTAMPTZ NOT NULL
);
