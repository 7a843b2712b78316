-- Other names of an instansi, as people write them: the full name of an abbreviated one ("Dinas
-- Perhubungan Kota Semarang" for "Dishub Kota Semarang"), an old name, a local usage. The matcher
-- (domain::instansi_match) reads them beside the name and the code, wherever a name is typed.
CREATE TABLE instansi_alias (
    instansi_id BIGINT NOT NULL REFERENCES instansi(id),
    alias       TEXT NOT NULL,
    PRIMARY KEY (instansi_id, alias)
);

-- A reference table like instansi (0003_security.sql): readable by every officer, enabled but not
-- forced. Changed, as access::may_administer_instansi says, by an admin of the instansi's
-- subtree (the instansi itself included) or a national admin; the grants (src/store/security.rs)
-- give officers SELECT, INSERT and DELETE, which these policies narrow down.
ALTER TABLE instansi_alias ENABLE ROW LEVEL SECURITY;
CREATE POLICY instansi_alias_read ON instansi_alias FOR SELECT USING (TRUE);
CREATE POLICY instansi_alias_change ON instansi_alias FOR ALL USING (
    (SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m)
    OR ((SELECT m.role = 'admin' FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM instansi i WHERE i.id = instansi_alias.instansi_id
                     AND i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                     AND i.path < (SELECT m.hi FROM meja_me(current_user) m)))
) WITH CHECK (
    (SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m)
    OR ((SELECT m.role = 'admin' FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM instansi i WHERE i.id = instansi_alias.instansi_id
                     AND i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                     AND i.path < (SELECT m.hi FROM meja_me(current_user) m)))
);
