-- Reconciliation (domain.md §7): a municipality's full extract compared with the file. The extract's rows are
-- staged in a table of the job's own (reconciliation_extract_<id>, created at the upload, dropped when the
-- report is written), so that the comparison is one join and the cleanup one DROP.
CREATE TABLE reconciliation (
    id                           UUID        PRIMARY KEY,
    file                         VARCHAR(16) NOT NULL,
    municipality_code            CHAR(6)     NOT NULL,
    requested_by                 VARCHAR(64) NOT NULL,
    state                        VARCHAR(16) NOT NULL CHECK (state IN ('RECEIVED', 'RUNNING', 'COMPLETED', 'FAILED')),
    received_at                  TIMESTAMPTZ NOT NULL,
    started_at                   TIMESTAMPTZ,
    finished_at                  TIMESTAMPTZ,
    attempts                     INTEGER     NOT NULL DEFAULT 0,
    records                      BIGINT      NOT NULL,
    bad_rows                     BIGINT      NOT NULL,
    -- Set with the report, in the comparison's snapshot.
    snapshot_at                  TIMESTAMPTZ,
    matched                      BIGINT,
    differing                    BIGINT,
    only_in_municipality         BIGINT,
    only_in_registry             BIGINT,
    held_by_another_municipality BIGINT,
    sequences_from               BIGINT,
    sequences_through            BIGINT,
    missing_sequences            BIGINT
);
CREATE INDEX reconciliation_pending ON reconciliation (received_at) WHERE state IN ('RECEIVED', 'RUNNING');
CREATE INDEX reconciliation_latest ON reconciliation (file, municipality_code, finished_at) WHERE state = 'COMPLETED';

CREATE TABLE reconciliation_discrepancy (
    reconciliation_id UUID        NOT NULL REFERENCES reconciliation (id),
    resident_code     CHAR(11)    NOT NULL,
    kind              VARCHAR(32) NOT NULL,
    fields            TEXT[],
    PRIMARY KEY (reconciliation_id, resident_code)
);

CREATE TABLE reconciliation_bad_row (
    reconciliation_id UUID        NOT NULL REFERENCES reconciliation (id),
    line_number       BIGINT      NOT NULL,
    field             VARCHAR(32) NOT NULL,
    reason            VARCHAR(32) NOT NULL,
    PRIMARY KEY (reconciliation_id, line_number, field)
);

-- Update sequence numbers the registry never applied, between the previous reconciliation and this one.
CREATE TABLE reconciliation_sequence_gap (
    reconciliation_id UUID   NOT NULL REFERENCES reconciliation (id),
    first_missing     BIGINT NOT NULL,
    last_missing      BIGINT NOT NULL,
    PRIMARY KEY (reconciliation_id, first_missing)
);

-- What the municipal standard says is no difference, applied to the registry's side of the comparison (the
-- extract's side is folded alike as it is staged, ComparableText): surrounding spaces of either width, the
-- width of digits, and a full-width space inside a value standing for a half-width one.
CREATE FUNCTION reconciliation_comparable(value TEXT) RETURNS TEXT
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    RETURN translate(btrim(value, E' \u3000'), E'０１２３４５６７８９\u3000', '0123456789 ');
