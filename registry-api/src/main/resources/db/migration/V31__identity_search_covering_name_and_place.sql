-- A search led by a name or a place read every row the index found from the table, one heap page a row, to check sex,
-- address, currency and how the name is written: at 10M a common name (2,478 rows for one kana name and sex) took 17 ms
-- warm and 735 ms from a cold cache, where the same search answered from the index alone takes 5 ms, and a month, a
-- sex and a municipality 4.5 ms warm and 36 ms cold for 479 rows. The indexes keep their key columns (so they serve the
-- same searches) and now also carry every column such a search reads, as V25 began with the birth-date index: a name's
-- index what a name search checks beside it (sex, address, municipality, the name as written), a place's what a place
-- search checks (sex and the row's state), and the birth-date index the kana as written too, since a kana prefix with a
-- birth date is checked on the date's rows in that index (FourFieldSearch). Replaced on every generation's table, under
-- its own name, for V25's reasons (a rebuild loading, a previous generation left behind). The overseas file's search
-- rows are a prefecture's residents abroad, a small table whose narrow indexes read few pages: left as they are.
DO $$
DECLARE
    replaced RECORD;
BEGIN
    FOR replaced IN
        SELECT c.relname AS table_name, ic.relname AS index_name, w.columns, w.included
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN (VALUES ('kana_key, birth_date', 'sex, current, removed, name_kind, resident_code, kana_written, address_key, municipality_code'),
                     ('kanji_key, birth_date', 'sex, current, removed, name_kind, resident_code, kanji_written, address_key, municipality_code'),
                     ('birth_date, kana_key', 'sex, current, removed, name_kind, resident_code, kana_written'),
                     ('address_key, birth_date', 'sex, current, removed, name_kind, resident_code'),
                     ('municipality_code, birth_date', 'sex, current, removed, name_kind, resident_code'))
             AS w (columns, included)
             ON starts_with(split_part(pg_get_indexdef(i.indexrelid), ' USING btree ', 2), '(' || w.columns || ')')
        WHERE c.relname LIKE 'identity\_search\_g%' AND c.relkind = 'r' AND NOT i.indisunique
    LOOP
        EXECUTE format('DROP INDEX %I', replaced.index_name);
        EXECUTE format('CREATE INDEX %I ON %I (%s) INCLUDE (%s)', replaced.index_name, replaced.table_name,
                       replaced.columns, replaced.included);
    END LOOP;
END
$$;
