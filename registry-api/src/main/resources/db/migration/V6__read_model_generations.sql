-- Read models that can be rebuilt while the registry serves: the tables of each generation are named
-- <view>_g<N>, and the server reads and writes them only through views that a rebuild repoints, atomically
-- and for every node at once, when the new generation has caught up (see ReadModelRebuilds).
ALTER TABLE identity_current RENAME TO identity_current_g1;
ALTER TABLE identity_version RENAME TO identity_version_g1;
CREATE VIEW identity_current AS SELECT * FROM identity_current_g1;
CREATE VIEW identity_version AS SELECT * FROM identity_version_g1;

CREATE TABLE read_model (
    name       VARCHAR(64) PRIMARY KEY,
    generation INTEGER     NOT NULL
);
INSERT INTO read_model (name, generation) VALUES ('identity-file', 1);

CREATE TABLE read_model_rebuild (
    id             UUID         PRIMARY KEY,
    read_model     VARCHAR(64)  NOT NULL REFERENCES read_model (name),
    generation     INTEGER      NOT NULL,
    state          VARCHAR(16)  NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED', 'FAILED')),
    requested_by   VARCHAR(64)  NOT NULL,
    started_at     TIMESTAMPTZ  NOT NULL,
    switched_at    TIMESTAMPTZ,
    finished_at    TIMESTAMPTZ,
    failure        TEXT,
    UNIQUE (read_model, generation)
);
-- At most one rebuild of a read model at a time, across nodes.
CREATE UNIQUE INDEX read_model_rebuild_running ON read_model_rebuild (read_model) WHERE state = 'RUNNING';
