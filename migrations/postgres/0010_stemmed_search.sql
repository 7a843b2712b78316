-- Search over the stemmed words of a report (issue 14): meja stems the title and body itself
-- (src/domain/stem.rs) and keeps the result beside them, so that SQLite and PostgreSQL index and
-- query the very same words; PostgreSQL's own Indonesian (Snowball) stemming is no longer used.
-- search_judul, search_isi: the stemmed words of judul and isi, joined by single spaces, written
--   by meja in the statement that writes judul and isi.
-- search: their vector under the 'simple' configuration (no stemming of its own), the title's
--   words weighted A for ranking. The title and body are indexed apart, as SQLite's two FTS5
--   columns are: a 65-letter word (longer than any word meja keeps) sits between them, so that no
--   phrase runs from the title's last word into the body's first, and is deleted again.
ALTER TABLE complaint DROP COLUMN search;
ALTER TABLE complaint ADD COLUMN search_judul TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN search_isi TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN search tsvector GENERATED ALWAYS AS (
    ts_delete(
        setweight(to_tsvector('simple', search_judul || ' mejaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'), 'A')
            || to_tsvector('simple', search_isi),
        'mejaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'::text)
) STORED;
CREATE INDEX complaint_search ON complaint USING GIN (search);

-- The words of the reports already here are written by `meja migrate`, which removes this mark
-- when done.
INSERT INTO meja_meta (key, value) VALUES ('search_words', 'pending')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;
