-- Correction requests — 訂正等申出 (domain.md §3.3): recorded for investigation, never applied to the file.
CREATE TABLE correction_request (
    id            UUID        PRIMARY KEY,
    resident_code CHAR(11)    NOT NULL,
    requested_by  TEXT,
    fields        TEXT[]      NOT NULL,
    statement     TEXT        NOT NULL,
    recorded_by   VARCHAR(64) NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX correction_request_recorded_at ON correction_request (recorded_at);

-- Bulk provision — 一括提供 (domain.md §3.2): a department's uploaded file of queries, worked through by one
-- node at a time under a lease; processed is the number of rows whose results are recorded.
CREATE TABLE bulk_query (
    id            UUID        PRIMARY KEY,
    operator_id   VARCHAR(64) NOT NULL,
    department_id VARCHAR(64) NOT NULL,
    terminal_id   TEXT,
    affair_code   VARCHAR(64) NOT NULL,
    status        VARCHAR(8)  NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    rows          INTEGER     NOT NULL,
    processed     INTEGER     NOT NULL,
    submitted_at  TIMESTAMPTZ NOT NULL,
    lease_owner   TEXT,
    lease_until   TIMESTAMPTZ
);
CREATE INDEX bulk_query_pending ON bulk_query (submitted_at) WHERE status IN ('QUEUED', 'RUNNING');

-- The uploaded rows as sent (row numbers from 1, the header not counted); checked when processed.
CREATE TABLE bulk_query_row (
    bulk_query_id     UUID    NOT NULL REFERENCES bulk_query (id),
    row_number        INTEGER NOT NULL,
    consistent        BOOLEAN NOT NULL,
    resident_code     TEXT,
    individual_number TEXT,
    kanji_name        TEXT,
    kana_name         TEXT,
    birth_date        TEXT,
    sex               TEXT,
    address           TEXT,
    PRIMARY KEY (bulk_query_id, row_number)
);

-- The result file's lines, one per row and match, in row order.
CREATE TABLE bulk_query_result (
    bulk_query_id UUID    NOT NULL REFERENCES bulk_query (id),
    row_number    INTEGER NOT NULL,
    line_number   INTEGER NOT NULL,
    line          TEXT    NOT NULL,
    PRIMARY KEY (bulk_query_id, row_number, line_number)
);
