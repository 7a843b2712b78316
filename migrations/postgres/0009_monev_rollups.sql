-- Monev rollups: what `meja report` and the board read instead of every complaint's events.
--
-- monev_fact: one row per complaint, its contribution to the figures as domain::monev::fact
--   computes it from the complaint's record and event log. Written by meja in the transaction of
--   every event (store::ops::facts), and rebuilt from the events by `meja migrate` when missing.
--   received_day and received_month: the local day it was received, in the holding instansi's
--   zone, and the first day of that month, as days since 1970-01-01. reply_days: working days to
--   the first public reply (NULL: none yet). escalations: [[day, month, resolved 0/1], ...].
--   An excluded complaint (spam, duplicate, not public service, merged) carries no clocks,
--   settlement or reply: the figures leave it out of every rate.
-- monev_tally: the facts summed per holding instansi, per local day ('d') and per month ('m',
--   keyed by its first day), per facet ('' for all, 'c:<channel>', 'k:<kategori id>'). Kept by
--   triggers on monev_fact, so that it is always the sum of the facts: a report over a year reads
--   the month rows of every instansi instead of a million complaints. open_<status> counts the
--   complaints open in that status now (the backlog), by the day they were received.
-- monev_handled: the moves (events other than intake, note, claim and link) each officer made per
--   local day in the zone of the officer's own instansi; kept by a trigger on event.
-- A bulk load (the seed) sets meja_meta's 'bulk_load' row: the triggers stand aside, and the
-- loader sums everything once at the end (store::bulk), as whoever migrates does should the load
-- be interrupted.

CREATE TABLE monev_fact (
    complaint_id   BIGINT PRIMARY KEY REFERENCES complaint(id),
    instansi_path  TEXT NOT NULL,
    klasifikasi    TEXT NOT NULL,
    assignee_id    BIGINT,
    status         TEXT NOT NULL,
    channel        TEXT NOT NULL,
    kategori_id    BIGINT,
    received_day   INTEGER NOT NULL,
    received_month INTEGER NOT NULL,
    excluded       BOOLEAN NOT NULL,
    selesai        BOOLEAN NOT NULL,
    verify_met     INTEGER NOT NULL,
    verify_missed  INTEGER NOT NULL,
    follow_met     INTEGER NOT NULL,
    follow_missed  INTEGER NOT NULL,
    reply_days     INTEGER,
    escalations    TEXT NOT NULL DEFAULT '[]',
    -- Settled means the status says so; excluded means archived (a merge archives too).
    CHECK (NOT selesai OR status = 'selesai'),
    CHECK (NOT excluded OR status = 'diarsipkan')
);
CREATE INDEX monev_fact_assignee ON monev_fact(assignee_id, instansi_path, status);
CREATE INDEX monev_fact_slow_reply ON monev_fact(reply_days) WHERE reply_days > 15;

-- The running clocks past due count against the compliance rates by kind, by the day the report
-- was received, per channel and category: the breach index carries all of it, so that counting
-- them reads no report row.
DROP INDEX complaint_breach;
CREATE INDEX complaint_breach ON complaint(breach_at, id, instansi_path, assignee_id, clock_kind, received_at, channel, kategori_id) WHERE breach_at IS NOT NULL;

CREATE TABLE monev_tally (
    instansi_path TEXT NOT NULL,
    grain         TEXT NOT NULL,
    day           INTEGER NOT NULL,
    facet         TEXT NOT NULL,
    received               INTEGER NOT NULL DEFAULT 0,
    excluded_n             INTEGER NOT NULL DEFAULT 0,
    selesai                INTEGER NOT NULL DEFAULT 0,
    verify_met             INTEGER NOT NULL DEFAULT 0,
    verify_missed          INTEGER NOT NULL DEFAULT 0,
    follow_met             INTEGER NOT NULL DEFAULT 0,
    follow_missed          INTEGER NOT NULL DEFAULT 0,
    r0                     INTEGER NOT NULL DEFAULT 0,
    r1                     INTEGER NOT NULL DEFAULT 0,
    r2                     INTEGER NOT NULL DEFAULT 0,
    r3                     INTEGER NOT NULL DEFAULT 0,
    r4                     INTEGER NOT NULL DEFAULT 0,
    r5                     INTEGER NOT NULL DEFAULT 0,
    r6                     INTEGER NOT NULL DEFAULT 0,
    r7                     INTEGER NOT NULL DEFAULT 0,
    r8                     INTEGER NOT NULL DEFAULT 0,
    r9                     INTEGER NOT NULL DEFAULT 0,
    r10                    INTEGER NOT NULL DEFAULT 0,
    r11                    INTEGER NOT NULL DEFAULT 0,
    r12                    INTEGER NOT NULL DEFAULT 0,
    r13                    INTEGER NOT NULL DEFAULT 0,
    r14                    INTEGER NOT NULL DEFAULT 0,
    r15                    INTEGER NOT NULL DEFAULT 0,
    r_more                 INTEGER NOT NULL DEFAULT 0,
    esc                    INTEGER NOT NULL DEFAULT 0,
    esc_resolved           INTEGER NOT NULL DEFAULT 0,
    open_baru              INTEGER NOT NULL DEFAULT 0,
    open_ditunda           INTEGER NOT NULL DEFAULT 0,
    open_terverifikasi     INTEGER NOT NULL DEFAULT 0,
    open_didisposisikan    INTEGER NOT NULL DEFAULT 0,
    open_bukan_wewenang    INTEGER NOT NULL DEFAULT 0,
    open_ditindaklanjuti   INTEGER NOT NULL DEFAULT 0,
    open_menunggu_persetujuan INTEGER NOT NULL DEFAULT 0,
    open_ditanggapi        INTEGER NOT NULL DEFAULT 0,
    open_tanggapan_pelapor INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (grain, facet, day, instansi_path)
);

CREATE TABLE monev_handled (
    officer_id BIGINT NOT NULL,
    day        INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (officer_id, day)
);

CREATE FUNCTION meja_monev_tally_apply(f monev_fact, p_sign INTEGER) RETURNS void
LANGUAGE sql SET search_path FROM CURRENT AS $$
INSERT INTO monev_tally (instansi_path, grain, day, facet, received, excluded_n, selesai, verify_met, verify_missed, follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
SELECT f.instansi_path, g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet,
       p_sign * SUM(x.received), p_sign * SUM(x.excluded_n), p_sign * SUM(x.selesai), p_sign * SUM(x.verify_met), p_sign * SUM(x.verify_missed), p_sign * SUM(x.follow_met), p_sign * SUM(x.follow_missed), p_sign * SUM(x.r0), p_sign * SUM(x.r1), p_sign * SUM(x.r2), p_sign * SUM(x.r3), p_sign * SUM(x.r4), p_sign * SUM(x.r5), p_sign * SUM(x.r6), p_sign * SUM(x.r7), p_sign * SUM(x.r8), p_sign * SUM(x.r9), p_sign * SUM(x.r10), p_sign * SUM(x.r11), p_sign * SUM(x.r12), p_sign * SUM(x.r13), p_sign * SUM(x.r14), p_sign * SUM(x.r15), p_sign * SUM(x.r_more), p_sign * SUM(x.esc), p_sign * SUM(x.esc_resolved), p_sign * SUM(x.open_baru), p_sign * SUM(x.open_ditunda), p_sign * SUM(x.open_terverifikasi), p_sign * SUM(x.open_didisposisikan), p_sign * SUM(x.open_bukan_wewenang), p_sign * SUM(x.open_ditindaklanjuti), p_sign * SUM(x.open_menunggu_persetujuan), p_sign * SUM(x.open_ditanggapi), p_sign * SUM(x.open_tanggapan_pelapor)
  FROM (SELECT f.received_day AS day, f.received_month AS month,
               1 AS received,
               f.excluded::INTEGER AS excluded_n,
               f.selesai::INTEGER AS selesai,
               f.verify_met AS verify_met,
               f.verify_missed AS verify_missed,
               f.follow_met AS follow_met,
               f.follow_missed AS follow_missed,
               COALESCE((f.reply_days = 0)::INTEGER, 0) AS r0,
               COALESCE((f.reply_days = 1)::INTEGER, 0) AS r1,
               COALESCE((f.reply_days = 2)::INTEGER, 0) AS r2,
               COALESCE((f.reply_days = 3)::INTEGER, 0) AS r3,
               COALESCE((f.reply_days = 4)::INTEGER, 0) AS r4,
               COALESCE((f.reply_days = 5)::INTEGER, 0) AS r5,
               COALESCE((f.reply_days = 6)::INTEGER, 0) AS r6,
               COALESCE((f.reply_days = 7)::INTEGER, 0) AS r7,
               COALESCE((f.reply_days = 8)::INTEGER, 0) AS r8,
               COALESCE((f.reply_days = 9)::INTEGER, 0) AS r9,
               COALESCE((f.reply_days = 10)::INTEGER, 0) AS r10,
               COALESCE((f.reply_days = 11)::INTEGER, 0) AS r11,
               COALESCE((f.reply_days = 12)::INTEGER, 0) AS r12,
               COALESCE((f.reply_days = 13)::INTEGER, 0) AS r13,
               COALESCE((f.reply_days = 14)::INTEGER, 0) AS r14,
               COALESCE((f.reply_days = 15)::INTEGER, 0) AS r15,
               COALESCE((f.reply_days > 15)::INTEGER, 0) AS r_more,
               0 AS esc,
               0 AS esc_resolved,
               (f.status = 'baru')::INTEGER AS open_baru,
               (f.status = 'ditunda')::INTEGER AS open_ditunda,
               (f.status = 'terverifikasi')::INTEGER AS open_terverifikasi,
               (f.status = 'didisposisikan')::INTEGER AS open_didisposisikan,
               (f.status = 'bukan_wewenang')::INTEGER AS open_bukan_wewenang,
               (f.status = 'ditindaklanjuti')::INTEGER AS open_ditindaklanjuti,
               (f.status = 'menunggu_persetujuan')::INTEGER AS open_menunggu_persetujuan,
               (f.status = 'ditanggapi')::INTEGER AS open_ditanggapi,
               (f.status = 'tanggapan_pelapor')::INTEGER AS open_tanggapan_pelapor
        UNION ALL
        SELECT (j.value->>0)::INTEGER, (j.value->>1)::INTEGER, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (j.value->>2)::INTEGER, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM jsonb_array_elements(f.escalations::jsonb) j) x
 CROSS JOIN (VALUES ('d'), ('m')) g(grain)
 CROSS JOIN (VALUES (''), ('c:' || f.channel), ('k:' || COALESCE(f.kategori_id::TEXT, ''))) fa(facet)
 WHERE TRUE
 GROUP BY g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet
ON CONFLICT (grain, facet, day, instansi_path) DO UPDATE SET
    received = monev_tally.received + excluded.received,
    excluded_n = monev_tally.excluded_n + excluded.excluded_n,
    selesai = monev_tally.selesai + excluded.selesai,
    verify_met = monev_tally.verify_met + excluded.verify_met,
    verify_missed = monev_tally.verify_missed + excluded.verify_missed,
    follow_met = monev_tally.follow_met + excluded.follow_met,
    follow_missed = monev_tally.follow_missed + excluded.follow_missed,
    r0 = monev_tally.r0 + excluded.r0,
    r1 = monev_tally.r1 + excluded.r1,
    r2 = monev_tally.r2 + excluded.r2,
    r3 = monev_tally.r3 + excluded.r3,
    r4 = monev_tally.r4 + excluded.r4,
    r5 = monev_tally.r5 + excluded.r5,
    r6 = monev_tally.r6 + excluded.r6,
    r7 = monev_tally.r7 + excluded.r7,
    r8 = monev_tally.r8 + excluded.r8,
    r9 = monev_tally.r9 + excluded.r9,
    r10 = monev_tally.r10 + excluded.r10,
    r11 = monev_tally.r11 + excluded.r11,
    r12 = monev_tally.r12 + excluded.r12,
    r13 = monev_tally.r13 + excluded.r13,
    r14 = monev_tally.r14 + excluded.r14,
    r15 = monev_tally.r15 + excluded.r15,
    r_more = monev_tally.r_more + excluded.r_more,
    esc = monev_tally.esc + excluded.esc,
    esc_resolved = monev_tally.esc_resolved + excluded.esc_resolved,
    open_baru = monev_tally.open_baru + excluded.open_baru,
    open_ditunda = monev_tally.open_ditunda + excluded.open_ditunda,
    open_terverifikasi = monev_tally.open_terverifikasi + excluded.open_terverifikasi,
    open_didisposisikan = monev_tally.open_didisposisikan + excluded.open_didisposisikan,
    open_bukan_wewenang = monev_tally.open_bukan_wewenang + excluded.open_bukan_wewenang,
    open_ditindaklanjuti = monev_tally.open_ditindaklanjuti + excluded.open_ditindaklanjuti,
    open_menunggu_persetujuan = monev_tally.open_menunggu_persetujuan + excluded.open_menunggu_persetujuan,
    open_ditanggapi = monev_tally.open_ditanggapi + excluded.open_ditanggapi,
    open_tanggapan_pelapor = monev_tally.open_tanggapan_pelapor + excluded.open_tanggapan_pelapor
$$;

-- The tally follows its facts whoever writes them: the trigger runs as the owner, and officers
-- hold no grant on monev_tally but SELECT.
CREATE FUNCTION meja_monev_fact_tally() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM meja_monev_tally_apply(OLD, -1);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM meja_monev_tally_apply(NEW, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER monev_fact_tally AFTER INSERT OR UPDATE OR DELETE ON monev_fact
    FOR EACH ROW EXECUTE FUNCTION meja_monev_fact_tally();

CREATE FUNCTION meja_monev_handled() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path FROM CURRENT AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') THEN
        RETURN NULL;
    END IF;
    INSERT INTO monev_handled (officer_id, day, n)
    SELECT NEW.actor_id,
           ((NEW.at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000)::INTEGER,
           1
      FROM officer o JOIN instansi i ON i.id = o.instansi_id
     WHERE o.id = NEW.actor_id
    ON CONFLICT (officer_id, day) DO UPDATE SET n = monev_handled.n + 1;
    RETURN NULL;
END $$;
CREATE TRIGGER monev_handled_event AFTER INSERT ON event
    FOR EACH ROW WHEN (NEW.kind NOT IN ('intake', 'note', 'claim', 'link'))
    EXECUTE FUNCTION meja_monev_handled();

-- The reports already there get their facts from `meja migrate` (a migration cannot run the
-- Rust that computes them); this row says that is still to do, so that opening a database does
-- not look for reports without facts each time.
INSERT INTO meja_meta (key, value) VALUES ('monev_facts', 'to compute');

-- The moves of the events already recorded.
INSERT INTO monev_handled (officer_id, day, n)
SELECT e.actor_id,
       ((e.at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000)::INTEGER,
       COUNT(*)
  FROM event e JOIN officer o ON o.id = e.actor_id JOIN instansi i ON i.id = o.instansi_id
 WHERE e.kind NOT IN ('intake', 'note', 'claim', 'link')
 GROUP BY 1, 2;

-- A fact is written only with its complaint's newest event (recorded within the last minute), by
-- that event's officer, and it agrees with the complaint on where it is, its klasifikasi, status
-- and channel: an officer cannot restate the figures of a complaint they are not moving. (The
-- transaction's own id would be stricter, but through a pooler or a savepoint the event's row
-- carries a subtransaction's.) What the fact says of
-- the event log (clocks met, days to the reply) is meja's computation; `meja doctor` recomputes
-- every fact and names any that differ. Security definer: it reads the complaint and the event
-- whatever the caller may see (the complaint may have just left the caller's subtree).
CREATE FUNCTION meja_fact_ok(who name, p_id BIGINT, p_path TEXT, p_klasifikasi TEXT,
                             p_status TEXT, p_channel TEXT)
RETURNS BOOLEAN LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT EXISTS (
        SELECT 1 FROM complaint c
          JOIN event e ON e.complaint_id = c.id AND e.version = c.version
         WHERE c.id = p_id AND c.instansi_path = p_path AND c.klasifikasi = p_klasifikasi
           AND c.status = p_status AND c.channel = p_channel
           AND abs(COALESCE(e.recorded_at, e.at)
                   - (extract(epoch FROM clock_timestamp()) * 1000)::BIGINT) <= 60000
           AND e.actor_id = (SELECT m.id FROM meja_me(who) m))
$$;

ALTER TABLE monev_fact ENABLE ROW LEVEL SECURITY;
ALTER TABLE monev_fact FORCE ROW LEVEL SECURITY;
CREATE POLICY monev_fact_read ON monev_fact FOR SELECT USING (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR (instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
        AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m)
        AND (klasifikasi NOT IN ('wbs', 'pengadaan')
             OR (SELECT m.sees_admin_classes FROM meja_me(current_user) m)))
);
CREATE POLICY monev_fact_record ON monev_fact FOR INSERT WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR meja_fact_ok(current_user, complaint_id, instansi_path, klasifikasi, status, channel)
);
CREATE POLICY monev_fact_change ON monev_fact FOR UPDATE USING (TRUE) WITH CHECK (
    (SELECT m.owner FROM meja_me(current_user) m)
    OR meja_fact_ok(current_user, complaint_id, instansi_path, klasifikasi, status, channel)
);
CREATE POLICY monev_fact_owner_delete ON monev_fact FOR DELETE USING (
    (SELECT m.owner FROM meja_me(current_user) m)
);

-- The sums are a supervisor's: officers count their own complaints from the facts.
ALTER TABLE monev_tally ENABLE ROW LEVEL SECURITY;
CREATE POLICY monev_tally_read ON monev_tally FOR SELECT USING (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR ((SELECT m.sees_admin_classes FROM meja_me(current_user) m)
        AND instansi_path >= (SELECT m.lo FROM meja_me(current_user) m)
        AND instansi_path < (SELECT m.hi FROM meja_me(current_user) m))
);
ALTER TABLE monev_handled ENABLE ROW LEVEL SECURITY;
CREATE POLICY monev_handled_read ON monev_handled FOR SELECT USING (
    (SELECT m.sees_all FROM meja_me(current_user) m)
    OR officer_id = (SELECT m.id FROM meja_me(current_user) m)
    OR ((SELECT m.sees_admin_classes FROM meja_me(current_user) m)
        AND EXISTS (SELECT 1 FROM officer o JOIN instansi i ON i.id = o.instansi_id
                     WHERE o.id = officer_id
                       AND i.path >= (SELECT m.lo FROM meja_me(current_user) m)
                       AND i.path < (SELECT m.hi FROM meja_me(current_user) m)))
);
