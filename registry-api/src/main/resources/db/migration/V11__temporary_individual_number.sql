-- The temporary holding area for individual numbers handed out with overseas records (domain.md §1.2, §6):
-- separate from both files, one row per provision, kept only so the same answer can be delivered again to the
-- same department until held_until, then deleted (on read and by a scheduled purge).
CREATE TABLE temporary_individual_number (
    provision_id  UUID        PRIMARY KEY,
    department_id TEXT        NOT NULL,
    answer        TEXT        NOT NULL,
    held_until    TIMESTAMPTZ NOT NULL
);
CREATE INDEX temporary_individual_number_held_until ON temporary_individual_number (held_until);
