-- Other names of an instansi, as people write them: the full name of an abbreviated one ("Dinas
-- Perhubungan Kota Semarang" for "Dishub Kota Semarang"), an old name, a local usage. The matcher
-- (domain::instansi_match) reads them beside the name and the code, wherever a name is typed.
CREATE TABLE instansi_alias (
    instansi_id INTEGER NOT NULL REFERENCES instansi(id),
    alias       TEXT NOT NULL,
    PRIMARY KEY (instansi_id, alias)
);
