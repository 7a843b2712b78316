-- Trust (see ../postgres/0003_security.sql, where the database itself enforces who may see and do
-- what). SQLite keeps the same shape so that both backends share one set of queries; on SQLite
-- whoever can write the file can change anything in it, so nothing here is a protection.

-- Reporter identity lives apart from the complaint: on PostgreSQL only those who may read it can.
CREATE TABLE reporter (
    complaint_id INTEGER PRIMARY KEY REFERENCES complaint(id),
    name         TEXT,
    phone        TEXT,
    email        TEXT,
    nik          TEXT
);
INSERT INTO reporter (complaint_id, name, phone, email, nik)
    SELECT id, reporter_name, reporter_phone, reporter_email, reporter_nik FROM complaint
    WHERE reporter_name IS NOT NULL OR reporter_phone IS NOT NULL
       OR reporter_email IS NOT NULL OR reporter_nik IS NOT NULL;
ALTER TABLE complaint DROP COLUMN reporter_name;
ALTER TABLE complaint DROP COLUMN reporter_phone;
ALTER TABLE complaint DROP COLUMN reporter_email;
ALTER TABLE complaint DROP COLUMN reporter_nik;
-- Same-reporter duplicates are found by these.
CREATE INDEX reporter_phone ON reporter(phone) WHERE phone IS NOT NULL;
CREATE INDEX reporter_email ON reporter(email) WHERE email IS NOT NULL;
CREATE INDEX reporter_nik ON reporter(nik) WHERE nik IS NOT NULL;

-- The database login an officer signs in with (PostgreSQL; unused on SQLite).
ALTER TABLE officer ADD COLUMN login TEXT;

-- Each event names the complaint version it produced, so that a change and its event belong
-- together (one event per version), and who acted on an officer's behalf, if anyone did.
ALTER TABLE event ADD COLUMN version INTEGER;
ALTER TABLE event ADD COLUMN impersonator TEXT;
CREATE UNIQUE INDEX event_version ON event(complaint_id, version) WHERE version IS NOT NULL;
