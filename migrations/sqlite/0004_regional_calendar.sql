-- Calendars per instansi: a regional day off belongs to the instansi whose subtree it applies to, and
-- one date may be off in two different instansi, so the key becomes (day, instansi_id).
-- instansi_id 0 is the national calendar (0 rather than NULL: a key column with NULL could not be
-- matched by ON CONFLICT). Rows from before stay national.
-- SQLite cannot change a primary key in place: the table is rebuilt.
CREATE TABLE holiday_by_instansi (
    day         TEXT NOT NULL,              -- YYYY-MM-DD
    instansi_id INTEGER NOT NULL DEFAULT 0, -- 0: national; else the instansi the day belongs to
    kind        TEXT NOT NULL,
    name        TEXT NOT NULL,
    decree      TEXT NOT NULL,
    PRIMARY KEY (day, instansi_id)
);
INSERT INTO holiday_by_instansi (day, instansi_id, kind, name, decree)
    SELECT day, 0, kind, name, decree FROM holiday;
DROP TABLE holiday;
ALTER TABLE holiday_by_instansi RENAME TO holiday;
