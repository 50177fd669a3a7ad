-- The relay to the national servers (domain.md §2.5): an outbox written in the transaction that applies a
-- change, so nothing applied misses the relay and nothing unapplied is relayed. A delivered change is deleted.
CREATE TABLE relay_outbox (
    id                BIGSERIAL   PRIMARY KEY,
    -- IDENTITY_NATIONAL (全国サーバ) or ANNEX_NATIONAL (附票全国サーバ).
    destination       VARCHAR(24) NOT NULL,
    -- The person whose changes are delivered in order: a resident code.
    person            CHAR(11)    NOT NULL,
    -- Persons are spread over the lease partitions below by the digits before the check digit.
    partition         SMALLINT    NOT NULL GENERATED ALWAYS AS ((substr(person, 9, 2)::INTEGER % 16)::SMALLINT) STORED,
    version           INTEGER     NOT NULL,
    -- Sent with the change, so that the receiver applies it once however often it is delivered.
    idempotency_key   VARCHAR(64) NOT NULL,
    -- What the administrators see of a parked change: its notification, not the person.
    municipality_code CHAR(6)     NOT NULL,
    update_sequence   BIGINT      NOT NULL,
    payload           TEXT        NOT NULL,
    recorded_at       TIMESTAMPTZ NOT NULL,
    state             VARCHAR(8)  NOT NULL DEFAULT 'PENDING',
    attempts          INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at   TIMESTAMPTZ NOT NULL,
    last_error        VARCHAR(200),
    parked_at         TIMESTAMPTZ,
    UNIQUE (destination, idempotency_key)
);
-- A partition's changes in order; a person's earlier changes (which hold its later ones back).
CREATE INDEX relay_outbox_partition ON relay_outbox (destination, partition, id);
CREATE INDEX relay_outbox_person ON relay_outbox (destination, person, id);

-- Which node delivers each partition's changes, until when: one node at a time per person.
CREATE TABLE relay_lease (
    destination VARCHAR(24) NOT NULL,
    partition   SMALLINT    NOT NULL,
    owner       VARCHAR(200),
    lease_until TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (destination, partition)
);
INSERT INTO relay_lease (destination, partition)
SELECT d, p FROM (VALUES ('IDENTITY_NATIONAL'), ('ANNEX_NATIONAL')) AS destinations (d), generate_series(0, 15) AS p;

-- The nodes that relay, seen lately: each takes its share of the partitions (1/n of them).
CREATE TABLE relay_node (
    node_id    VARCHAR(200) PRIMARY KEY,
    seen_until TIMESTAMPTZ  NOT NULL
);
