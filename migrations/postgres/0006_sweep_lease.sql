-- One sweeper per database, by a lease row any connection can take and renew (replacing the
-- session advisory lock, which a transaction pooler such as PgBouncer does not keep). The holder
-- renews the lease at each sweep; a holder that dies lets it expire, and the next process takes
-- it over. Only the owner sweeps: officers' roles get no grant on this table.
CREATE TABLE sweep_lease (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
INSERT INTO sweep_lease (id, holder, expires_at) VALUES (1, '', 0);
