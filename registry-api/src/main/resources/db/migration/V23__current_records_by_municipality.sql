-- A reconciliation compares one municipality's current records with its extract: without an index on the
-- municipality it reads every current record of the prefecture (7.3M) to find a town's 10,000. Created on the
-- generation each file reads now; a rebuild copies a generation's indexes to the next (ReadModelRebuilds).
DO $$
DECLARE
    identity_generation INTEGER := (SELECT generation FROM read_model WHERE name = 'identity-file');
    overseas_generation INTEGER := (SELECT generation FROM read_model WHERE name = 'overseas-file');
BEGIN
    EXECUTE format('CREATE INDEX ON identity_current_g%s (municipality_code) WHERE status = ''CURRENT''',
                   identity_generation);
    EXECUTE format('CREATE INDEX ON overseas_current_g%s (managing_municipality_code) WHERE status = ''CURRENT''',
                   overseas_generation);
END
$$;
