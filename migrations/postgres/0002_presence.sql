-- Who is looking at or writing on which complaint (see ../sqlite/0002_presence.sql).
CREATE TABLE presence (
    officer_id   BIGINT PRIMARY KEY REFERENCES officer(id),
    complaint_id BIGINT NOT NULL,
    activity     TEXT NOT NULL,
    seen_at      BIGINT NOT NULL
);
CREATE INDEX presence_complaint ON presence(complaint_id, seen_at);
