-- The parked changes, counted by the relay's gauges every refresh and listed to administrators, without reading the
-- outbox: few rows, and none of ingest's inserts (pending) enters it.
CREATE INDEX relay_outbox_parked ON relay_outbox (destination, id) WHERE state = 'PARKED';
