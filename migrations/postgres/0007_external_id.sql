-- Where an imported report came from (`meja import`): the source (a name such as `lapor` or the
-- file's format) and the report's id there. Re-delivery finds the complaint by this pair, so the
-- same report delivered twice is recorded once. `source_digest` is a digest of the record as last
-- imported (same digest: nothing happens) and `source_status` the status the source last gave it
-- (a move is made only when the source's own status changed). NULL for reports meja recorded.
-- Imports write history (past events, any status), so on PostgreSQL they run as the owner; the
-- guard and the policies keep these columns out of officers' reach like any column no move names.
ALTER TABLE complaint ADD COLUMN source TEXT, ADD COLUMN source_id TEXT,
    ADD COLUMN source_digest TEXT, ADD COLUMN source_status TEXT;
CREATE UNIQUE INDEX complaint_source ON complaint(source, source_id) WHERE source IS NOT NULL;
