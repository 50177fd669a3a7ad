-- The identity file's command-side tables, written in the same transaction as the events.

-- Applied notifications by key (domain.md §2.3): a resend is told from a sequence conflict by the digest.
CREATE TABLE identity_notification (
    municipality_code CHAR(6)     NOT NULL,
    update_sequence   BIGINT      NOT NULL,
    content_digest    CHAR(64)    NOT NULL,
    resident_code     CHAR(11)    NOT NULL,
    effect            VARCHAR(16) NOT NULL,
    version           INTEGER     NOT NULL,
    received_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (municipality_code, update_sequence)
);

-- Which resident code holds each individual number in its current version (§2.2 rule 8).
CREATE TABLE individual_number_holder (
    individual_number CHAR(12) PRIMARY KEY,
    resident_code     CHAR(11) NOT NULL
);
CREATE INDEX individual_number_holder_resident ON individual_number_holder (resident_code);

-- Read models updated in the appending transaction: the current record of every resident code (current
-- or removed) and every version of it, so that a query after an acknowledged notification sees it.
CREATE TABLE identity_current (
    resident_code                   CHAR(11)    PRIMARY KEY,
    version                         INTEGER     NOT NULL,
    status                          VARCHAR(8)  NOT NULL,
    municipality_code               CHAR(6)     NOT NULL,
    update_sequence                 BIGINT      NOT NULL,
    change_reason                   VARCHAR(32) NOT NULL,
    change_date                     DATE        NOT NULL,
    notified_at                     TIMESTAMPTZ NOT NULL,
    received_at                     TIMESTAMPTZ NOT NULL,
    operator_id                     TEXT        NOT NULL,
    terminal_id                     TEXT        NOT NULL,
    previous_resident_code          CHAR(11),
    superseded_by                   CHAR(11),
    name_kanji                      TEXT        NOT NULL,
    name_kana                       TEXT        NOT NULL,
    name_gaiji_count                INTEGER     NOT NULL,
    name_gaiji_change_seq           INTEGER     NOT NULL,
    former_surname_kanji            TEXT,
    former_surname_kana             TEXT,
    former_surname_gaiji_count      INTEGER,
    former_surname_gaiji_change_seq INTEGER,
    birth_date                      DATE        NOT NULL,
    sex                             CHAR(1)     NOT NULL,
    address_text                    TEXT        NOT NULL,
    address_oaza_code               TEXT        NOT NULL,
    address_gaiji_count             INTEGER     NOT NULL,
    address_gaiji_change_seq        INTEGER     NOT NULL,
    individual_number               CHAR(12),
    gaiji_flag                      BOOLEAN     NOT NULL
);

CREATE TABLE identity_version (LIKE identity_current INCLUDING DEFAULTS);
ALTER TABLE identity_version ADD COLUMN effect VARCHAR(16) NOT NULL;
ALTER TABLE identity_version ADD PRIMARY KEY (resident_code, version);

-- Statistics (domain.md §8) kept by a streaming processor: no personal data.
CREATE TABLE identity_update_statistics (
    municipality_code CHAR(6)     NOT NULL,
    change_reason     VARCHAR(32) NOT NULL,
    day               DATE        NOT NULL,
    applied           BIGINT      NOT NULL,
    PRIMARY KEY (municipality_code, change_reason, day)
);

-- Per municipality: the highest update sequence applied and how many were applied, for the gap metric.
CREATE TABLE municipality_sequence (
    municipality_code CHAR(6) PRIMARY KEY,
    max_sequence      BIGINT  NOT NULL,
    applied           BIGINT  NOT NULL
);
