-- Clocks that never forget, and events that say when they happened.
-- clock_breached_at: when the running clock's due time passed, once it has (ms); a hold and a
--   resume keep it, only a new clock clears it.
-- deescalated_at: when a person last took the escalation back (ms); the sweep escalates again
--   only a breach that comes after it.
-- event.recorded_at: when the event was written (ms), where `at` says when it happened (`--at`:
--   a reply given by phone yesterday is recorded today). NULL: recorded when it happened.
ALTER TABLE complaint ADD COLUMN clock_breached_at INTEGER;
ALTER TABLE complaint ADD COLUMN deescalated_at INTEGER;
ALTER TABLE event ADD COLUMN recorded_at INTEGER;
