-- The reference data every command reads before its query (the instansi tree, its aliases, the
-- days off and the categories: about 10,000 rows in the seed) kept as one document, so that a
-- command reads one row instead of aggregating four tables (3-7 ms of SQL on SQLite, 15-25 ms on
-- PostgreSQL, against a query of 2 ms). Every change to those tables bumps `stamp` (the triggers
-- below), so the document is used only while `built_from` equals it; a reader that finds it stale
-- builds it again in one statement and stores it with the stamp it read, unless the stamp moved
-- meanwhile (src/store/ops/reference.rs, `load_reference`).
CREATE TABLE reference_document (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    stamp      INTEGER NOT NULL DEFAULT 0,
    built_from INTEGER,
    document   TEXT
);
INSERT INTO reference_document (id) VALUES (1);

CREATE TRIGGER reference_instansi_added AFTER INSERT ON instansi
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_instansi_changed AFTER UPDATE ON instansi
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_instansi_removed AFTER DELETE ON instansi
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;

CREATE TRIGGER reference_alias_added AFTER INSERT ON instansi_alias
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_alias_changed AFTER UPDATE ON instansi_alias
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_alias_removed AFTER DELETE ON instansi_alias
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;

CREATE TRIGGER reference_holiday_added AFTER INSERT ON holiday
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_holiday_changed AFTER UPDATE ON holiday
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_holiday_removed AFTER DELETE ON holiday
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;

CREATE TRIGGER reference_category_added AFTER INSERT ON category
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_category_changed AFTER UPDATE ON category
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
CREATE TRIGGER reference_category_removed AFTER DELETE ON category
BEGIN UPDATE reference_document SET stamp = stamp + 1; END;
