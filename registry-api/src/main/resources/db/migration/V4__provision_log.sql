-- The provision log — 提供・移転記録 (domain.md §5.1), first form: one entry per request, provided or
-- refused, written before the response. Append-only; the hash chain and sealing come with the
-- accountability work.
CREATE TABLE provision_log (
    seq                        BIGSERIAL    PRIMARY KEY,
    id                         UUID         NOT NULL UNIQUE,
    at                         TIMESTAMPTZ  NOT NULL,
    operator_id                VARCHAR(64)  NOT NULL,
    department_id              VARCHAR(64),
    terminal_id                TEXT,
    affair_code                VARCHAR(64),
    legal_basis                TEXT,
    query_kind                 VARCHAR(32)  NOT NULL,
    criteria                   JSONB        NOT NULL,
    outcome                    VARCHAR(16)  NOT NULL CHECK (outcome IN ('PROVIDED', 'REFUSED')),
    refusal_reason             VARCHAR(64),
    resident_codes             CHAR(11)[]   NOT NULL,
    individual_number_included BOOLEAN      NOT NULL
);
CREATE INDEX provision_log_at ON provision_log (at);
CREATE INDEX provision_log_resident_codes ON provision_log USING gin (resident_codes);

CREATE FUNCTION provision_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the provision log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER provision_log_append_only BEFORE UPDATE OR DELETE ON provision_log
    FOR EACH ROW EXECUTE FUNCTION provision_log_append_only();
