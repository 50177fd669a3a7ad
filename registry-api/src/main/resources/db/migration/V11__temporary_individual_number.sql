-- The temporary holding area for individual numbers handed out with overseas records (domain.md §1.2, §6):
-- separate from both files, one row per provision that included a number, kept only so that the same answer can
-- be delivered again to the same department (the recipient failed to receive it) until held_until. Then the answer
-- and the resident codes are erased (on read and by a scheduled purge); the row stays as a tombstone with no
-- personal data, so that a later request is told 410 Gone rather than 404.
CREATE TABLE temporary_individual_number (
    provision_id   UUID        PRIMARY KEY,
    department_id  TEXT        NOT NULL,
    affair_code    TEXT        NOT NULL,
    held_until     TIMESTAMPTZ NOT NULL,
    resident_codes CHAR(11)[],
    answer         TEXT,
    CHECK ((answer IS NULL) = (resident_codes IS NULL))
);
CREATE INDEX temporary_individual_number_held ON temporary_individual_number (held_until) WHERE answer IS NOT NULL;
