-- Who is looking at or writing on which complaint. A console refreshes its row every few seconds;
-- rows older than the expiry are ignored, so a console that died disappears on its own.
CREATE TABLE presence (
    officer_id   INTEGER PRIMARY KEY REFERENCES officer(id),
    complaint_id INTEGER NOT NULL,
    activity     TEXT NOT NULL, -- 'viewing' or 'writing'
    seen_at      INTEGER NOT NULL
);
CREATE INDEX presence_complaint ON presence(complaint_id, seen_at);
