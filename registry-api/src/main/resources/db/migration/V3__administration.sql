-- Administration: the affairs (事務) queries are made for, the departments and executive agencies that
-- make them, and the accounts that call the registry. Rows are never deleted: a revoked account keeps
-- its row (revoked_at, revoked_by) so that its id is never reused and its past acts stay attributable.

CREATE TABLE affair (
    code                      VARCHAR(64) PRIMARY KEY,
    name                      TEXT        NOT NULL,
    legal_basis               TEXT        NOT NULL,
    kind                      VARCHAR(16) NOT NULL CHECK (kind IN ('TRANSFER', 'PROVISION', 'ORDINANCE')),
    files                     VARCHAR(16)[] NOT NULL,
    individual_number_allowed BOOLEAN     NOT NULL,
    created_at                TIMESTAMPTZ NOT NULL
);

CREATE TABLE department (
    id         VARCHAR(64) PRIMARY KEY,
    name       TEXT        NOT NULL,
    kind       VARCHAR(20) NOT NULL CHECK (kind IN ('DEPARTMENT', 'EXECUTIVE_AGENCY')),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE department_affair (
    department_id VARCHAR(64) NOT NULL REFERENCES department (id),
    affair_code   VARCHAR(64) NOT NULL REFERENCES affair (code),
    PRIMARY KEY (department_id, affair_code)
);

-- token_hash is SHA-256 of the bearer token (never the token): unique, so authentication is one index
-- lookup, and unique across revoked accounts too, so a revoked token is never handed out again.
CREATE TABLE account (
    id                VARCHAR(64) PRIMARY KEY,
    role              VARCHAR(32) NOT NULL,
    municipality_code CHAR(6),
    department_id     VARCHAR(64) REFERENCES department (id),
    token_hash        BYTEA       NOT NULL UNIQUE,
    created_at        TIMESTAMPTZ NOT NULL,
    created_by        VARCHAR(64),
    revoked_at        TIMESTAMPTZ,
    revoked_by        VARCHAR(64)
);
