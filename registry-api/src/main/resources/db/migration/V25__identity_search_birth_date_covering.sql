-- A search by birth date and sex alone (the weakest allowed: a year and a sex match thousands of residents) counts
-- every match for `total`: through identity_search_birth_date it read each match's row from the table, one heap page a
-- row. The same index, leading with the same columns (so it serves the same searches), now also carries the columns
-- such a search reads besides, so that it is answered by an index-only scan: no seventh index to maintain on ingest,
-- only a wider entry in this one. Replaced on every generation's table that has it, under its own name: the active one,
-- one a rebuild is loading (else its switch would bring back the narrow index) and one a node left behind when it died
-- between a switch and the drop of the previous generation (a fixed name would collide with that one's).
DO $$
DECLARE
    replaced RECORD;
BEGIN
    FOR replaced IN
        SELECT c.relname AS table_name, ic.relname AS index_name
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE c.relname LIKE 'identity\_search\_g%' AND c.relkind = 'r' AND NOT i.indisunique
          AND pg_get_indexdef(i.indexrelid) LIKE '% USING btree (birth_date, kana_key)'
    LOOP
        EXECUTE format('DROP INDEX %I', replaced.index_name);
        EXECUTE format('CREATE INDEX %I ON %I (birth_date, kana_key) INCLUDE (sex, current, removed, name_kind, resident_code)',
                       replaced.index_name, replaced.table_name);
    END LOOP;
END
$$;
