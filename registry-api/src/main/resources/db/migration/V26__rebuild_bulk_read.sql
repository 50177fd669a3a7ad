-- How far a rebuild's bulk load (one ordered read of the event store) has read, committed with each batch of its rows:
-- the global index read up to, and the positions below it not yet settled when read (gaps an event may still fill).
-- A load resumed after a crash reads on from there; at its end both become the rebuild processor's tokens.
ALTER TABLE read_model_rebuild ADD COLUMN bulk_position BIGINT, ADD COLUMN bulk_gaps BIGINT[];
-- The generation a rebuild replaced, recorded by its switch: whichever node finishes the rebuild drops it.
ALTER TABLE read_model_rebuild ADD COLUMN replaced_generation INTEGER;
