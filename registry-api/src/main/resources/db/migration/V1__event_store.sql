-- Axon's JDBC event storage engine, in snake_case, with bytea payloads (never OID large objects).
--
-- global_index is assigned by a trigger, not a column default, so that every appending transaction
-- holds a transaction id (tx_id) before it takes a position in the global order. The gap-safe storage
-- engine relies on that: a position below the sequence value read at an instant X is settled for
-- good (committed or never) once every transaction in progress at X has ended.
CREATE SEQUENCE domain_event_entry_global_index_seq;

CREATE TABLE domain_event_entry (
    global_index         BIGINT       NOT NULL PRIMARY KEY,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    time_stamp           VARCHAR(255) NOT NULL,
    payload_type         VARCHAR(255) NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA        NOT NULL,
    meta_data            BYTEA,
    tx_id                XID8         NOT NULL,
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number)
);

CREATE FUNCTION domain_event_entry_position() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.tx_id := pg_current_xact_id();
    NEW.global_index := nextval('domain_event_entry_global_index_seq');
    RETURN NEW;
END
$$;

CREATE TRIGGER domain_event_entry_position
    BEFORE INSERT ON domain_event_entry
    FOR EACH ROW EXECUTE FUNCTION domain_event_entry_position();

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL UNIQUE,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);
