-- The four-field search's address is matched by prefix (LIKE 'x%'), which the planner estimates from the column's
-- histogram: with the default 100 buckets, a bucket at 10M rows holds ~100,000 rows, and a town's prefix (~14,000 rows
-- of one bucket) was estimated at one row. A name with a town then went through the address index (every row of the
-- town, 680 ms) instead of the name's (a hundred rows, 3 ms). A finer histogram for this column only; ANALYZE samples
-- 300 rows per bucket, so it reads 300,000 rows of the table instead of 30,000.
-- Autovacuum at 1% dead rows instead of 20%: a search is answered from the birth-date index alone only on pages the
-- visibility map marks all-visible, and a year's retention purge (10% of the rows at 10M) or the daily updates of the
-- `current` flag leave fewer than 20% dead, so the weakest search (year + sex) read the table again, ten times slower.
-- Both on every generation's table of the two search views (the active one, one being rebuilt, one left behind);
-- a rebuild's new generation takes them from the active one.
DO $$
DECLARE
    search_table RECORD;
BEGIN
    FOR search_table IN
        SELECT relname FROM pg_class
        WHERE relkind = 'r' AND (relname LIKE 'identity\_search\_g%' OR relname LIKE 'overseas\_search\_g%')
    LOOP
        EXECUTE format('ALTER TABLE %I ALTER COLUMN address_key SET STATISTICS 1000', search_table.relname);
        EXECUTE format('ALTER TABLE %I SET (autovacuum_vacuum_scale_factor = 0.01)', search_table.relname);
    END LOOP;
END
$$;
