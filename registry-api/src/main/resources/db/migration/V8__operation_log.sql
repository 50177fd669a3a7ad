-- The operation log — 操作履歴 (domain.md §5.2): every request by every account, refused ones and failed
-- sign-ins included. What was done is the HTTP method and the route pattern (never the path, which may hold
-- a resident code) and an operation name; no personal data. Append-only like the provision log.
CREATE TABLE operation_log (
    seq           BIGSERIAL    PRIMARY KEY,
    at            TIMESTAMPTZ  NOT NULL,
    account_id    VARCHAR(64),
    role          VARCHAR(32),
    method        VARCHAR(16)  NOT NULL,
    route         TEXT,
    operation     VARCHAR(128) NOT NULL,
    status        INT          NOT NULL,
    provision_id  UUID
);
CREATE INDEX operation_log_at ON operation_log (at);
CREATE INDEX operation_log_account ON operation_log (account_id, at);

SELECT make_append_only('operation_log');
