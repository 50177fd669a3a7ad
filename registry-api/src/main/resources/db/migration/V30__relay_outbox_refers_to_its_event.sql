-- A change waiting for the relay no longer carries a copy of itself: the relay makes it from its event, found by the
-- event identifier the row already holds as its idempotency key (domain_event_entry's unique index). The copy was
-- written again at every notification (1.6 KB, a fifth of ingest's statement time and WAL). Rows waiting now lose
-- nothing: their changes are made from their events, as they were when copied.
ALTER TABLE relay_outbox DROP COLUMN payload;
