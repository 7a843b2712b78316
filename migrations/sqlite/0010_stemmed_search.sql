-- Search over the stemmed words of a report (issue 14): meja stems the title and body itself
-- (src/domain/stem.rs) and keeps the result beside them, so that SQLite and PostgreSQL index and
-- query the very same words. SQLite triggers cannot call Rust: meja's writers set these columns in
-- the statement that writes judul and isi.
-- search_judul, search_isi: the stemmed words of judul and isi, joined by single spaces.
ALTER TABLE complaint ADD COLUMN search_judul TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN search_isi TEXT NOT NULL DEFAULT '';

-- The full-text table now reads the stemmed columns, cut into words only at spaces and ASCII
-- punctuation ('ascii': every other character belongs to a word, as meja cut them).
DROP TRIGGER IF EXISTS complaint_fts_insert;
DROP TRIGGER IF EXISTS complaint_fts_update;
DROP TABLE complaint_fts;
CREATE VIRTUAL TABLE complaint_fts USING fts5(
    search_judul, search_isi, content='complaint', content_rowid='id', tokenize='ascii'
);
-- Its triggers are made by meja after the words of existing reports are written
-- (`store::search_words`, then `indexes::restore`, which fills this table in one pass).

-- The words of the reports already here are written by `meja migrate` (or opening the file for
-- writing), which removes this mark when done.
INSERT INTO meja_meta (key, value) VALUES ('search_words', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
