-- The identity file's search keys and the overseas file's read models become rebuildable like identity_current and
-- identity_version (V6): each generation's tables are named <view>_g<N>, and the server reads and writes them only
-- through simple views (so rows can still be inserted, updated and deleted through them), which a rebuild repoints.
ALTER TABLE identity_search RENAME TO identity_search_g1;
CREATE VIEW identity_search AS SELECT * FROM identity_search_g1;
INSERT INTO read_model (name, generation) VALUES ('identity-search', 1);

ALTER TABLE overseas_current RENAME TO overseas_current_g1;
ALTER TABLE overseas_version RENAME TO overseas_version_g1;
ALTER TABLE overseas_search RENAME TO overseas_search_g1;
CREATE VIEW overseas_current AS SELECT * FROM overseas_current_g1;
CREATE VIEW overseas_version AS SELECT * FROM overseas_version_g1;
CREATE VIEW overseas_search AS SELECT * FROM overseas_search_g1;
INSERT INTO read_model (name, generation) VALUES ('overseas-file', 1);

-- When a rebuild's bulk load ended (its secondary indexes built, the rows its projections left out derived): from
-- then on it writes as the live projections do, also after a restart.
ALTER TABLE read_model_rebuild ADD COLUMN loaded_at TIMESTAMPTZ;
