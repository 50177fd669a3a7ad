-- The overseas-address file — 附票本人確認情報 (domain.md §1.2), kept apart from the identity file's tables. It holds
-- no individual number: no column here can (OverseasFileTest checks information_schema).

-- Applied overseas notifications by key: the managing municipalities' annex notifications are a sequence stream
-- of their own, so a key here never collides with the identity file's identity_notification.
CREATE TABLE overseas_notification (LIKE identity_notification INCLUDING ALL);

-- Read models written in the appending transaction: each person's latest record and every version of it.
CREATE TABLE overseas_current (
    resident_code                CHAR(11)    PRIMARY KEY,
    version                      INTEGER     NOT NULL,
    status                       VARCHAR(8)  NOT NULL,
    managing_municipality_code   CHAR(6)     NOT NULL,
    update_sequence              BIGINT      NOT NULL,
    change_kind                  VARCHAR(8)  NOT NULL,
    change_date                  DATE        NOT NULL,
    notified_at                  TIMESTAMPTZ NOT NULL,
    received_at                  TIMESTAMPTZ NOT NULL,
    operator_id                  TEXT        NOT NULL,
    terminal_id                  TEXT        NOT NULL,
    previous_resident_code       CHAR(11),
    name_kanji                   TEXT        NOT NULL,
    name_kana                    TEXT        NOT NULL,
    name_gaiji_count             INTEGER     NOT NULL,
    birth_date                   DATE        NOT NULL,
    sex                          CHAR(1)     NOT NULL,
    address_municipality_code    CHAR(6),
    address_text                 TEXT        NOT NULL,
    address_gaiji_count          INTEGER     NOT NULL,
    last_domestic_address_text   TEXT,
    last_domestic_address_gaiji_count INTEGER,
    gaiji_flag                   BOOLEAN     NOT NULL,
    gaiji_pattern                TEXT
);

CREATE TABLE overseas_version (LIKE overseas_current INCLUDING DEFAULTS);
ALTER TABLE overseas_version ADD PRIMARY KEY (resident_code, version);

-- The four-field search's keys for the overseas file, the same columns and indexes as identity_search (the same
-- statement serves both); an annex record has no former surname, so name_kind is always NAME.
CREATE TABLE overseas_search (LIKE identity_search INCLUDING ALL);
