-- The plain-PostgreSQL reference of the reconciliation benchmark (run.sh): the same extract COPYed into a table
-- as it stands, then the same comparison with the same municipality's records in one statement — a full join,
-- the fold only where the values differ as they stand, each discrepancy written to a table, the kinds counted.
-- No row checks, no bad rows, no job: what the registry's figure is held against. Run from the directory of
-- extract.csv.gz, with -v municipality=CODE; prints "reference COPY_SECONDS COMPARISON_SECONDS" last.
\set ON_ERROR_STOP on
SET client_min_messages = warning;
DROP TABLE IF EXISTS reference_extract, reference_discrepancy;
CREATE TABLE reference_extract (f1 TEXT, f2 TEXT, f3 TEXT, f4 TEXT, f5 TEXT, f6 TEXT, f7 TEXT, f8 TEXT);
SELECT clock_timestamp() AS copy_start \gset
\copy reference_extract FROM PROGRAM 'zcat extract.csv.gz' (FORMAT csv, HEADER true)
SELECT clock_timestamp() AS comparison_start \gset
BEGIN ISOLATION LEVEL REPEATABLE READ;
SET LOCAL work_mem = '256MB';
CREATE TABLE reference_discrepancy AS
SELECT coalesce(e.f1, r.resident_code) AS resident_code,
       CASE WHEN e.f1 IS NULL THEN 'ONLY_IN_REGISTRY' WHEN r.resident_code IS NULL THEN 'ONLY_IN_MUNICIPALITY'
            ELSE 'DIFFERING' END AS kind
FROM reference_extract e
FULL JOIN (SELECT * FROM identity_current WHERE status = 'CURRENT' AND municipality_code = :'municipality') r
       ON r.resident_code = e.f1
WHERE e.f1 IS NULL OR r.resident_code IS NULL
   OR NOT ((e.f2 = r.name_kanji OR reconciliation_comparable(e.f2) = reconciliation_comparable(r.name_kanji))
       AND (e.f3 = r.name_kana OR reconciliation_comparable(e.f3) = reconciliation_comparable(r.name_kana))
       AND e.f4 = to_char(r.birth_date, 'YYYY-MM-DD') AND e.f5 = r.sex
       AND (e.f6 = r.address_text OR reconciliation_comparable(e.f6) = reconciliation_comparable(r.address_text))
       AND (e.f7 = r.address_oaza_code OR reconciliation_comparable(e.f7) = reconciliation_comparable(r.address_oaza_code))
       AND coalesce(e.f8, '') = coalesce(r.individual_number::text, ''));
SELECT kind, count(*) FROM reference_discrepancy GROUP BY kind ORDER BY kind;
COMMIT;
SELECT extract(epoch FROM :'comparison_start'::timestamptz - :'copy_start'::timestamptz) AS copy_seconds,
       extract(epoch FROM clock_timestamp() - :'comparison_start'::timestamptz) AS comparison_seconds \gset
\echo reference :copy_seconds :comparison_seconds
DROP TABLE reference_extract, reference_discrepancy;
