-- The four-field search's read model — ４情報検索 (domain.md §3.2): one row per version of a record and per way
-- the person is named in it (the name, and the name with the former surname in place of the surname), with the
-- search keys computed by registry-core. Rows of earlier versions and of removed persons match only when the
-- caller asks for removed records. No row is ever shown: results are read from identity_current.
CREATE TABLE identity_search (
    resident_code     CHAR(11)    NOT NULL,
    version           INTEGER     NOT NULL,
    name_kind         VARCHAR(16) NOT NULL CHECK (name_kind IN ('NAME', 'FORMER_SURNAME')),
    -- The row describes the record's current version; and the resident is removed (消除者), whichever the version.
    current           BOOLEAN     NOT NULL,
    removed           BOOLEAN     NOT NULL,
    -- Keys compared by equality or by prefix (LIKE 'x%'): byte order, so that a b-tree serves a prefix whatever the
    -- database's collation.
    kana_key          TEXT        COLLATE "C" NOT NULL,
    kanji_key         TEXT        COLLATE "C" NOT NULL,
    -- The name as written (widths and spaces aside), to tell an exact match from one found through a key.
    kana_written      TEXT        NOT NULL,
    kanji_written     TEXT        NOT NULL,
    birth_date        DATE        NOT NULL,
    sex               CHAR(1)     NOT NULL,
    address_key       TEXT        COLLATE "C" NOT NULL,
    municipality_code CHAR(6)     NOT NULL,
    PRIMARY KEY (resident_code, version, name_kind)
);

-- One index leads every allowed combination (at least two fields, one of them the name or the birth date):
-- a name with or without the birth date; the birth date (a day, a month, a year) with anything; an address with
-- the name or the birth date. Sex alone never leads: it is never selective.
CREATE INDEX identity_search_kana ON identity_search (kana_key, birth_date);
CREATE INDEX identity_search_kanji ON identity_search (kanji_key, birth_date);
CREATE INDEX identity_search_birth_date ON identity_search (birth_date, kana_key);
CREATE INDEX identity_search_address ON identity_search (address_key, birth_date);
CREATE INDEX identity_search_municipality ON identity_search (municipality_code, birth_date);
