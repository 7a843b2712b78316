-- One sweeper per database, by a lease row any connection can take and renew. A session lock
-- would not survive a transaction pooler (PgBouncer), and SQLite has none: without the lease,
-- every console on a shared SQLite file swept. The holder renews the lease at each sweep; a
-- holder that dies lets it expire, and the next process takes it over.
CREATE TABLE sweep_lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
INSERT INTO sweep_lease (id, holder, expires_at) VALUES (1, '', 0);
