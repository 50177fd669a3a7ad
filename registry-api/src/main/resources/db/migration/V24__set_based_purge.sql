-- The retention purge erases a batch's persons with one statement per table (issue 8); these are the indexes its
-- statements found missing at 100k+ rows (each was a sequential scan per batch that erased someone whole).

-- Held overseas provisions naming an erased code: an array overlap (resident_codes && codes). Partial: a provision
-- past its holding period stays as a tombstone with no codes (V11), and those are never erased again.
CREATE INDEX temporary_individual_number_resident_codes ON temporary_individual_number USING gin (resident_codes)
    WHERE resident_codes IS NOT NULL;

-- Bulk-query rows naming an erased code, or an individual number only erased versions held.
CREATE INDEX bulk_query_row_resident_code ON bulk_query_row (resident_code);
CREATE INDEX bulk_query_row_individual_number ON bulk_query_row (individual_number);

-- Bulk-query result lines naming an erased person: a line's third field is the resident code it describes (the row
-- and the status before it are never quoted), FileErasure's RESULT_LINE_CODE.
CREATE INDEX bulk_query_result_resident_code ON bulk_query_result (split_part(line, ',', 3));
