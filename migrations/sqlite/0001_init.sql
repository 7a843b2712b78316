-- meja schema, SQLite. Times are INTEGER milliseconds since the Unix epoch (UTC); booleans 0/1.
-- The same schema exists for PostgreSQL in ../postgres; the store's conformance suite runs on both.

CREATE TABLE instansi (
    id                INTEGER PRIMARY KEY,
    parent_id         INTEGER REFERENCES instansi(id),
    code              TEXT NOT NULL UNIQUE,
    name              TEXT NOT NULL,
    kind              TEXT NOT NULL,
    zone              TEXT NOT NULL,
    -- Materialized path '/1/12/140/': a subtree is the range [path, path-with-trailing-'/'-as-'0').
    path              TEXT NOT NULL UNIQUE,
    verify_days       INTEGER NOT NULL DEFAULT 3,
    follow_up_days    INTEGER NOT NULL DEFAULT 5,
    close_days        INTEGER NOT NULL DEFAULT 10,
    requires_approval INTEGER NOT NULL DEFAULT 0,
    auto_escalate     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX instansi_parent ON instansi(parent_id);

CREATE TABLE officer (
    id          INTEGER PRIMARY KEY,
    username    TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL
);
CREATE INDEX officer_instansi ON officer(instansi_id);

CREATE TABLE category (
    id        INTEGER PRIMARY KEY,
    parent_id INTEGER REFERENCES category(id),
    name      TEXT NOT NULL
);

CREATE TABLE holiday (
    day    TEXT PRIMARY KEY, -- YYYY-MM-DD
    kind   TEXT NOT NULL,
    name   TEXT NOT NULL,
    decree TEXT NOT NULL
);

CREATE TABLE complaint (
    id               INTEGER PRIMARY KEY, -- the tracking id shown as #1234567
    status           TEXT NOT NULL,
    klasifikasi      TEXT NOT NULL,
    channel          TEXT NOT NULL,
    judul            TEXT NOT NULL,
    isi              TEXT NOT NULL,
    tanggal_kejadian TEXT,
    lokasi           TEXT,
    lat              REAL,
    lon              REAL,
    kategori_id      INTEGER REFERENCES category(id),
    tags             TEXT NOT NULL DEFAULT '[]', -- JSON array of strings
    anonim           INTEGER NOT NULL DEFAULT 0,
    rahasia          INTEGER NOT NULL DEFAULT 0,
    reporter_name    TEXT,
    reporter_phone   TEXT,
    reporter_email   TEXT,
    reporter_nik     TEXT,
    attachments      TEXT NOT NULL DEFAULT '[]', -- JSON array of {name, mime, size_bytes}
    instansi_id      INTEGER NOT NULL REFERENCES instansi(id),
    instansi_path    TEXT NOT NULL,
    assignee_id      INTEGER REFERENCES officer(id),
    routed_by        INTEGER REFERENCES instansi(id),
    escalated_to     INTEGER REFERENCES instansi(id),
    pending_reply_by INTEGER REFERENCES officer(id),
    hold_until       TEXT, -- YYYY-MM-DD: the sweep resumes a held report on this day
    merged_into      INTEGER REFERENCES complaint(id),
    received_at      INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    -- The clock's base, derived from the events (domain::clock); due times are cached from it and
    -- recomputed whenever the calendar or the instansi's deadlines change.
    clock_kind       TEXT,
    clock_started_at INTEGER,
    clock_days       INTEGER,
    clock_paused     INTEGER NOT NULL DEFAULT 0,
    -- Due time of a running verify or follow-up clock (what can be breached), else NULL.
    breach_at        INTEGER,
    -- Due time of a running closing clock (when silence closes the report), else NULL.
    close_at         INTEGER
);
CREATE INDEX complaint_status_recv ON complaint(status, received_at, id);
CREATE INDEX complaint_path_status ON complaint(instansi_path, status, assignee_id);
CREATE INDEX complaint_assignee ON complaint(assignee_id, received_at, id) WHERE assignee_id IS NOT NULL;
CREATE INDEX complaint_breach ON complaint(breach_at, id, instansi_path, assignee_id) WHERE breach_at IS NOT NULL;
CREATE INDEX complaint_close ON complaint(close_at) WHERE close_at IS NOT NULL;
CREATE INDEX complaint_escalated ON complaint(escalated_to, received_at, id) WHERE escalated_to IS NOT NULL;
-- Newest-first queues scan this index and filter by scope and status without reading rows.
CREATE INDEX complaint_recv ON complaint(received_at, id, instansi_path, status, assignee_id);

CREATE VIRTUAL TABLE complaint_fts USING fts5(
    judul, isi, content='complaint', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER complaint_fts_insert AFTER INSERT ON complaint BEGIN
    INSERT INTO complaint_fts(rowid, judul, isi) VALUES (new.id, new.judul, new.isi);
END;
CREATE TRIGGER complaint_fts_update AFTER UPDATE OF judul, isi ON complaint BEGIN
    INSERT INTO complaint_fts(complaint_fts, rowid, judul, isi) VALUES ('delete', old.id, old.judul, old.isi);
    INSERT INTO complaint_fts(rowid, judul, isi) VALUES (new.id, new.judul, new.isi);
END;

-- The append-only event log: every change is one row, written in the change's transaction.
CREATE TABLE event (
    id           INTEGER PRIMARY KEY,
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    at           INTEGER NOT NULL,
    actor_id     INTEGER NOT NULL,
    actor        TEXT NOT NULL,
    kind         TEXT NOT NULL,
    status       TEXT NOT NULL,
    details      TEXT NOT NULL DEFAULT '{}',
    batch        TEXT
);
CREATE INDEX event_complaint ON event(complaint_id, id);
CREATE TRIGGER event_append_only_update BEFORE UPDATE ON event BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;
CREATE TRIGGER event_append_only_delete BEFORE DELETE ON event BEGIN
    SELECT RAISE(ABORT, 'the event log is append-only');
END;

CREATE TABLE complaint_link (
    a INTEGER NOT NULL REFERENCES complaint(id),
    b INTEGER NOT NULL REFERENCES complaint(id),
    PRIMARY KEY (a, b)
);

-- Drafts survive a killed terminal: saved as the officer types.
CREATE TABLE draft (
    complaint_id INTEGER NOT NULL REFERENCES complaint(id),
    officer_id   INTEGER NOT NULL REFERENCES officer(id),
    kind         TEXT NOT NULL, -- 'reply' or 'note'
    body         TEXT NOT NULL,
    based_on_event INTEGER,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (complaint_id, officer_id)
);

CREATE TABLE template (
    name    TEXT PRIMARY KEY,
    status  TEXT, -- the status the template suits, NULL for any
    body    TEXT NOT NULL
);

-- Facts about this database itself (e.g. whether the shipped calendar was loaded).
CREATE TABLE meja_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
