-- Trust: the database enforces who may see and do what, so that an officer's own credentials and
-- raw SQL see and change exactly what meja would let them (README, "Deploying for many instansi").
--
-- Who is who: every officer signs in as a PostgreSQL login role of their own (officer.login), a
-- member of the deployment's group role, which owns nothing and may not change the schema. The
-- role that ran `meja migrate` owns the tables and is the only one that bypasses the rules below.
-- Row-level security is enabled and FORCED on the tables with complaint data (complaint, event,
-- reporter, draft, presence, complaint_link), so that even their owner is checked (it passes
-- through the owner clause of each policy); reference tables (instansi, officer, holiday, template,
-- category) are enabled but not forced, so that the security-definer functions below can read them.
--
-- The grants to the group role name roles, which differ per deployment, so `meja migrate` issues
-- them (src/store/security.rs); the rules here name no role.

-- Reporter identity lives apart from the complaint: readable only where the reader may see it.
CREATE TABLE reporter (
    complaint_id BIGINT PRIMARY KEY REFERENCES complaint(id),
    name         TEXT,
    phone        TEXT,
    email        TEXT,
    nik          TEXT
);
INSERT INTO reporter (complaint_id, name, phone, email, nik)
    SELECT id, reporter_name, reporter_phone, reporter_email, reporter_nik FROM complaint
    WHERE reporter_name IS NOT NULL OR reporter_phone IS NOT NULL
       OR reporter_email IS NOT NULL OR reporter_nik IS NOT NULL;
ALTER TABLE complaint DROP COLUMN reporter_name, DROP COLUMN reporter_phone,
    DROP COLUMN reporter_email, DROP COLUMN reporter_nik;
CREATE INDEX reporter_phone ON reporter(phone) WHERE phone IS NOT NULL;
CREATE INDEX reporter_email ON reporter(email) WHERE email IS NOT NULL;
CREATE INDEX reporter_nik ON reporter(nik) WHERE nik IS NOT NULL;

ALTER TABLE officer ADD COLUMN login TEXT UNIQUE;

ALTER TABLE event ADD COLUMN version BIGINT, ADD COLUMN impersonator TEXT;
CREATE UNIQUE INDEX event_version ON event(complaint_id, version) WHERE version IS NOT NULL;

-- Tracking numbers: an officer sees only part of the table, so MAX(id) + 1 cannot be theirs to
-- compute; the sequence is moved past the highest id by `meja migrate` and by the seed.
CREATE SEQUENCE complaint_tracking START 1000001;
SELECT setval('complaint_tracking', GREATEST((SELECT MAX(id) FROM complaint), 1000000));

-- The legal moves and the columns each event kind may change, written by `meja migrate` from
-- domain::moves (derived from lifecycle::plan, the one source of the rules).
CREATE TABLE meja_move (
    kind        TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status   TEXT NOT NULL,
    role        TEXT NOT NULL,
    PRIMARY KEY (kind, from_status, to_status, role)
);
CREATE TABLE meja_move_field (
    kind   TEXT NOT NULL,
    col    TEXT NOT NULL,
    PRIMARY KEY (kind, col)
);

-- The session's officer: who `who` (always current_user at the call sites) is, and what they see.
-- Security definer, so that it reads the officer table whatever the caller may read; it answers
-- only for a role the session's login may act as, so it tells nothing about anyone else. The
-- owner of the tables (the role that migrates) and its members get the owner row.
CREATE FUNCTION meja_me(who name)
RETURNS TABLE (id BIGINT, username TEXT, role TEXT, lo TEXT, hi TEXT, sees_all BOOLEAN,
               sees_admin_classes BOOLEAN, sees_identity BOOLEAN, owner BOOLEAN)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    WITH gate AS (
        SELECT pg_has_role(session_user, who, 'MEMBER') AS may,
               pg_has_role(who, (SELECT relowner FROM pg_class WHERE oid = 'complaint'::regclass), 'MEMBER') AS owns
    )
    SELECT 0::BIGINT, who::TEXT, 'owner', '/', '0', TRUE, TRUE, TRUE, TRUE
      FROM gate WHERE gate.may AND gate.owns
    UNION ALL
    SELECT o.id, o.username, o.role, i.path, rtrim(i.path, '/') || '0', o.role = 'national',
           o.role <> 'officer', o.role = 'national', FALSE
      FROM officer o JOIN instansi i ON i.id = o.instansi_id, gate
     WHERE o.login = who::TEXT AND o.active AND gate.may AND NOT gate.owns
$$;

-- Complaint visibility, written out in each policy (a function would hide the path range from the
-- planner): national and owner see all; everyone else their subtree, officers without wbs and
-- pengadaan. Each meja_me() call is a scalar subquery, evaluated once per statement.

ALTER TABLE complaint ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint FORCE ROW LEVEL SECURITY;
CREATE POLICY complaint_read ON complaint FOR SELECT USING (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR (instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
        AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m)
        AND (klasifikasi NOT IN ('wbs', 'pengadaan')
             OR (SELECT m.sees_admin_classes FROM meja_me(current_user) m)))
);
CREATE POLICY complaint_record ON complaint FOR INSERT WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (status = 'baru' AND version = 1 AND assignee_id IS NULL
        AND ((SELECT m.sees_all FROM meja_me(current_user) m)
             OR (instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
                 AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m))))
);
-- An update keeps the complaint in the actor's subtree, or returns it (bukan wewenang) to the
-- instansi that routed it; which changes are moves at all is the guard trigger's business.
CREATE POLICY complaint_change ON complaint FOR UPDATE USING (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR (instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
        AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m)
        AND (klasifikasi NOT IN ('wbs', 'pengadaan')
             OR (SELECT m.sees_admin_classes FROM meja_me(current_user) m)))
) WITH CHECK (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR (instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
        AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m))
    OR (status = 'bukan_wewenang' AND instansi_id = routed_by)
);
CREATE POLICY complaint_owner_delete ON complaint FOR DELETE USING (
    (SELECT m.owner FROM meja_me(current_user) m)
);

-- A complaint changes only together with its event: the version goes up by one, an event of the
-- same version written by the same officer in the same transaction says what happened, the move
-- is one that lifecycle::plan allows for that officer's role, and only the columns that kind of
-- event may change are changed. The cached due times alone may be recomputed without an event
-- (after a calendar change). The owner (migrations, seed, the sweep) is not checked here.
CREATE FUNCTION meja_complaint_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
    me RECORD;
    ev RECORD;
    bad TEXT;
BEGIN
    SELECT * INTO me FROM meja_me(current_user);
    IF FOUND AND me.owner THEN
        RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - 'breach_at' - 'close_at' - 'search')
       = (to_jsonb(OLD) - 'breach_at' - 'close_at' - 'search') THEN
        RETURN NEW;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: % is not an officer of this database', current_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.version IS DISTINCT FROM OLD.version + 1 THEN
        RAISE EXCEPTION 'meja: complaint #% changes only with its event (version % to %)',
            OLD.id, OLD.version, NEW.version USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT e.kind, e.status, e.actor_id INTO ev FROM event e
     WHERE e.complaint_id = NEW.id AND e.version = NEW.version;
    IF NOT FOUND OR ev.actor_id IS DISTINCT FROM me.id OR ev.status IS DISTINCT FROM NEW.status THEN
        RAISE EXCEPTION 'meja: complaint #% changes only with its event', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM meja_move m WHERE m.kind = ev.kind AND m.from_status = OLD.status
                    AND m.to_status = NEW.status AND m.role = me.role) THEN
        RAISE EXCEPTION 'meja: % may not % complaint #% from % to %',
            me.username, ev.kind, OLD.id, OLD.status, NEW.status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT string_agg(n.key, ', ') INTO bad
      FROM jsonb_each(to_jsonb(NEW)) n
     WHERE n.value IS DISTINCT FROM (to_jsonb(OLD) -> n.key)
       AND n.key NOT IN ('status', 'version', 'updated_at', 'breach_at', 'close_at', 'search',
                         'clock_kind', 'clock_started_at', 'clock_days', 'clock_paused')
       AND NOT EXISTS (SELECT 1 FROM meja_move_field f WHERE f.kind = ev.kind AND f.col = n.key);
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'meja: % does not change % of complaint #%', ev.kind, bad, OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER complaint_guard BEFORE UPDATE ON complaint
    FOR EACH ROW EXECUTE FUNCTION meja_complaint_guard();

ALTER TABLE reporter ENABLE ROW LEVEL SECURITY;
ALTER TABLE reporter FORCE ROW LEVEL SECURITY;
-- Visible with its complaint, and for anonymous reporters only to national admins.
CREATE POLICY reporter_read ON reporter FOR SELECT USING (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id
             AND (NOT c.anonim OR (SELECT m.sees_identity FROM meja_me(current_user) m)))
);
-- Recorded with a new complaint (intake), never changed afterwards but by the owner.
CREATE POLICY reporter_record ON reporter FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id AND c.version = 1)
);
CREATE POLICY reporter_owner ON reporter FOR ALL
    USING ((SELECT m.owner FROM meja_me(current_user) m))
    WITH CHECK ((SELECT m.owner FROM meja_me(current_user) m));

ALTER TABLE event ENABLE ROW LEVEL SECURITY;
ALTER TABLE event FORCE ROW LEVEL SECURITY;
CREATE POLICY event_read ON event FOR SELECT USING (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id)
);
-- Appended by the acting officer under their own name, for a complaint they see, as its next
-- version; an impersonated event names the login that acted.
CREATE POLICY event_append ON event FOR INSERT WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (actor_id = (SELECT m.id FROM meja_me(current_user) m)
        AND actor = (SELECT m.username FROM meja_me(current_user) m)
        AND impersonator IS NOT DISTINCT FROM
            (CASE WHEN session_user <> current_user THEN session_user::TEXT END)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id
                     AND (event.version = c.version + 1
                          OR (event.kind = 'intake' AND event.version = 1 AND c.version = 1))))
);

ALTER TABLE complaint_link ENABLE ROW LEVEL SECURITY;
ALTER TABLE complaint_link FORCE ROW LEVEL SECURITY;
CREATE POLICY link_read ON complaint_link FOR SELECT USING (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = a)
    AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = b)
);
CREATE POLICY link_record ON complaint_link FOR INSERT WITH CHECK (
    EXISTS (SELECT 1 FROM complaint c WHERE c.id = a)
    AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = b)
);

ALTER TABLE draft ENABLE ROW LEVEL SECURITY;
ALTER TABLE draft FORCE ROW LEVEL SECURITY;
CREATE POLICY draft_own ON draft FOR ALL USING (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (officer_id = (SELECT m.id FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id))
) WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (officer_id = (SELECT m.id FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id))
);

ALTER TABLE presence ENABLE ROW LEVEL SECURITY;
ALTER TABLE presence FORCE ROW LEVEL SECURITY;
CREATE POLICY presence_read ON presence FOR SELECT USING (
    officer_id = (SELECT m.id FROM meja_me(current_user) m)
    OR EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id)
);
CREATE POLICY presence_own ON presence FOR INSERT WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (officer_id = (SELECT m.id FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id))
);
CREATE POLICY presence_update ON presence FOR UPDATE USING (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR officer_id = (SELECT m.id FROM meja_me(current_user) m)
) WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR (officer_id = (SELECT m.id FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM complaint c WHERE c.id = complaint_id))
);
CREATE POLICY presence_leave ON presence FOR DELETE USING (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR officer_id = (SELECT m.id FROM meja_me(current_user) m)
);

-- Reference tables: readable by every officer (the instansi tree and the calendar are public
-- facts), changed as meja allows.
ALTER TABLE officer ENABLE ROW LEVEL SECURITY;
-- Colleagues in one's subtree and the officers above it (who may be assigned or have acted).
CREATE POLICY officer_read ON officer FOR SELECT USING (
    login = current_user::TEXT
    OR (SELECT m.sees_all FROM meja_me(current_user) m)
    OR EXISTS (SELECT 1 FROM instansi i WHERE i.id = officer.instansi_id
                AND ((i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                      AND i.path < (SELECT m.hi FROM meja_me(current_user) m))
                     OR starts_with((SELECT m.lo FROM meja_me(current_user) m), i.path)))
);
ALTER TABLE instansi ENABLE ROW LEVEL SECURITY;
CREATE POLICY instansi_read ON instansi FOR SELECT USING (TRUE);
CREATE POLICY instansi_add ON instansi FOR INSERT WITH CHECK (
    (SELECT m.role IN ('admin', 'national', 'owner') FROM meja_me(current_user) m)
    AND ((SELECT m.sees_all FROM meja_me(current_user) m)
         OR (path >= (SELECT m.lo FROM meja_me(current_user) m)
             AND path < (SELECT m.hi FROM meja_me(current_user) m)
             AND path <> (SELECT m.lo FROM meja_me(current_user) m)))
);
ALTER TABLE holiday ENABLE ROW LEVEL SECURITY;
CREATE POLICY holiday_read ON holiday FOR SELECT USING (TRUE);
-- The national calendar moves every deadline in the country: national admins only.
CREATE POLICY holiday_change ON holiday FOR ALL
    USING ((SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m))
    WITH CHECK ((SELECT m.role IN ('national', 'owner') FROM meja_me(current_user) m));
ALTER TABLE template ENABLE ROW LEVEL SECURITY;
CREATE POLICY template_read ON template FOR SELECT USING (TRUE);
CREATE POLICY template_change ON template FOR ALL
    USING ((SELECT m.role IN ('supervisor', 'admin', 'national', 'owner') FROM meja_me(current_user) m))
    WITH CHECK ((SELECT m.role IN ('supervisor', 'admin', 'national', 'owner') FROM meja_me(current_user) m));

-- Officers are added and disabled through these, which re-check meja's rule (an admin of the
-- instansi's subtree or a national admin; nobody grants a role above their own) and manage the
-- officer's login role. Security definer: the caller has no rights on officer or on roles.
CREATE FUNCTION meja_role_rank(r TEXT) RETURNS INTEGER LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE r WHEN 'officer' THEN 1 WHEN 'supervisor' THEN 2 WHEN 'admin' THEN 3
                  WHEN 'national' THEN 4 WHEN 'owner' THEN 5 ELSE 0 END
$$;

CREATE FUNCTION meja_officer_add(who name, p_username TEXT, p_name TEXT, p_role TEXT,
                                 p_instansi BIGINT, p_login TEXT, p_password TEXT, p_created BIGINT)
RETURNS BIGINT LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    me RECORD;
    target_path TEXT;
    grp TEXT;
    new_id BIGINT;
BEGIN
    SELECT * INTO me FROM meja_me(who);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: % is not an officer of this database', who
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT path INTO target_path FROM instansi WHERE id = p_instansi;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: no instansi %', p_instansi;
    END IF;
    IF NOT me.owner AND (me.role NOT IN ('admin', 'national')
        OR NOT (me.sees_all OR (target_path >= me.lo AND target_path < me.hi))
        OR meja_role_rank(p_role) > meja_role_rank(me.role)) THEN
        RAISE EXCEPTION 'meja: % may not add a % officer there', me.username, p_role
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    INSERT INTO officer (username, name, role, instansi_id, active, created_at, login)
        VALUES (p_username, p_name, p_role, p_instansi, TRUE, p_created, p_login)
        RETURNING id INTO new_id;
    IF p_login IS NOT NULL THEN
        SELECT value INTO grp FROM meja_meta WHERE key = 'officer_group';
        IF p_password IS NULL THEN
            EXECUTE format('CREATE ROLE %I LOGIN IN ROLE %I', p_login, grp);
        ELSE
            EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE %I', p_login, p_password, grp);
        END IF;
    END IF;
    RETURN new_id;
END $$;

CREATE FUNCTION meja_officer_set_active(who name, p_username TEXT, p_active BOOLEAN)
RETURNS VOID LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    me RECORD;
    target RECORD;
BEGIN
    SELECT * INTO me FROM meja_me(who);
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: % is not an officer of this database', who
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    SELECT o.id, o.role, o.login, i.path INTO target
      FROM officer o JOIN instansi i ON i.id = o.instansi_id WHERE o.username = p_username;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'meja: unknown officer %', p_username;
    END IF;
    IF NOT me.owner AND (me.role NOT IN ('admin', 'national')
        OR NOT (me.sees_all OR (target.path >= me.lo AND target.path < me.hi))
        OR meja_role_rank(target.role) > meja_role_rank(me.role)
        OR target.id = me.id) THEN
        RAISE EXCEPTION 'meja: % may not change officer %', me.username, p_username
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE officer SET active = p_active WHERE id = target.id;
    IF target.login IS NOT NULL
       AND EXISTS (SELECT 1 FROM pg_roles WHERE rolname = target.login) THEN
        EXECUTE format('ALTER ROLE %I %s', target.login,
                       CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
END $$;

-- Live consoles are woken by this; the payload says nothing (a notification bypasses row-level
-- security): each console reads the new events itself, through the policies.
CREATE OR REPLACE FUNCTION meja_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('meja_events', '');
    RETURN NULL;
END $$;
