-- Retention purges — 保存期間の経過した情報の消去 (domain.md §6). A run is recorded without the personal data it
-- erased: when, by whom, how many of each kind, and a keyed digest (HMAC-SHA256, key outside the database) of each
-- resident code it erased something of. Progress is committed with each batch, so a run interrupted by a crash is
-- resumed from its cursor with nothing erased or counted twice.
CREATE TABLE purge_run (
    id           UUID        PRIMARY KEY,
    dry_run      BOOLEAN     NOT NULL,
    state        VARCHAR(16) NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
    requested_by VARCHAR(64) NOT NULL,
    requested_at TIMESTAMPTZ NOT NULL,
    -- The instant the periods are counted to: fixed at the start, so a resumed run decides as it began.
    as_of        TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ,
    -- Where the run is: the phase (IDENTITY_FILE, OVERSEAS_FILE, BULK_QUERIES, LOGS) and the last key done in it.
    phase        VARCHAR(16) NOT NULL,
    cursor       TEXT,
    failure      VARCHAR(200),
    -- Batches that failed in a row: a run that keeps failing is given up (FAILED) rather than block every later one.
    failures     INTEGER     NOT NULL DEFAULT 0,
    -- The node working on the run, until when (the database's time): another node takes an expired lease over.
    lease_owner  VARCHAR(200),
    lease_until  TIMESTAMPTZ
);
-- One run at a time, across nodes.
CREATE UNIQUE INDEX purge_run_running ON purge_run ((true)) WHERE state = 'RUNNING';
CREATE INDEX purge_run_requested ON purge_run (requested_at);

-- How many of each kind a run erased (or, dry, would erase), added to with each batch.
CREATE TABLE purge_run_count (
    purge_run_id UUID        NOT NULL REFERENCES purge_run (id),
    kind         VARCHAR(40) NOT NULL,
    erased       BIGINT      NOT NULL,
    PRIMARY KEY (purge_run_id, kind)
);

-- The keyed digest of each resident code a run erased something of, per file, so that an auditor holding a code
-- can confirm it was purged; the code itself is not kept. A dry run records none.
CREATE TABLE purge_run_erased (
    purge_run_id UUID        NOT NULL REFERENCES purge_run (id),
    file         VARCHAR(16) NOT NULL,
    digest       BYTEA       NOT NULL,
    whole_entry  BOOLEAN     NOT NULL,
    PRIMARY KEY (purge_run_id, digest, file)
);

-- What each log's retention (LogRetention) answered, once per run and log.
CREATE TABLE purge_run_log (
    purge_run_id      UUID        NOT NULL REFERENCES purge_run (id),
    kind              VARCHAR(40) NOT NULL,
    entries_erased    BIGINT      NOT NULL,
    segments_erased   BIGINT      NOT NULL,
    retained_from_seq BIGINT,
    PRIMARY KEY (purge_run_id, kind)
);

-- A removed person's reconciliation discrepancies are erased with the person: found by resident code.
CREATE INDEX reconciliation_discrepancy_resident ON reconciliation_discrepancy (resident_code);
-- Bulk queries older than the period are erased whole, found by age.
CREATE INDEX bulk_query_submitted ON bulk_query (submitted_at);
-- So are their correction requests.
CREATE INDEX correction_request_resident ON correction_request (resident_code);
