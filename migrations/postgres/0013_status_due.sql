-- A queue of one status by urgency (`status:didisposisikan`, the running clocks by due time):
-- without it the walk read the breach index in due order until it met fifty reports of that
-- status, 60 ms on SQLite and 128 ms on PostgreSQL for a national admin at a million reports.
CREATE INDEX complaint_status_breach ON complaint (status, breach_at, id)
    WHERE breach_at IS NOT NULL;
