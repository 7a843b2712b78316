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
    complaint_id   INTEGER PRIMARY KEY REFERENCES complaint(id),
    instansi_path  TEXT NOT NULL,
    klasifikasi    TEXT NOT NULL,
    assignee_id    INTEGER,
    status         TEXT NOT NULL,
    channel        TEXT NOT NULL,
    kategori_id    INTEGER,
    received_day   INTEGER NOT NULL,
    received_month INTEGER NOT NULL,
    excluded       INTEGER NOT NULL,
    selesai        INTEGER NOT NULL,
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
-- Open complaints per officer (the board's loads), and the rare slow first replies whose exact
-- days the percentiles need when they fall past the tally's histogram.
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
) WITHOUT ROWID;

CREATE TABLE monev_handled (
    officer_id INTEGER NOT NULL,
    day        INTEGER NOT NULL,
    n          INTEGER NOT NULL,
    PRIMARY KEY (officer_id, day)
) WITHOUT ROWID;

CREATE TRIGGER monev_fact_insert AFTER INSERT ON monev_fact
WHEN NOT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') BEGIN
INSERT INTO monev_tally (instansi_path, grain, day, facet, received, excluded_n, selesai, verify_met, verify_missed, follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
SELECT NEW.instansi_path, g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet,
       SUM(x.received), SUM(x.excluded_n), SUM(x.selesai), SUM(x.verify_met), SUM(x.verify_missed), SUM(x.follow_met), SUM(x.follow_missed), SUM(x.r0), SUM(x.r1), SUM(x.r2), SUM(x.r3), SUM(x.r4), SUM(x.r5), SUM(x.r6), SUM(x.r7), SUM(x.r8), SUM(x.r9), SUM(x.r10), SUM(x.r11), SUM(x.r12), SUM(x.r13), SUM(x.r14), SUM(x.r15), SUM(x.r_more), SUM(x.esc), SUM(x.esc_resolved), SUM(x.open_baru), SUM(x.open_ditunda), SUM(x.open_terverifikasi), SUM(x.open_didisposisikan), SUM(x.open_bukan_wewenang), SUM(x.open_ditindaklanjuti), SUM(x.open_menunggu_persetujuan), SUM(x.open_ditanggapi), SUM(x.open_tanggapan_pelapor)
  FROM (SELECT NEW.received_day AS day, NEW.received_month AS month,
               1 AS received,
               NEW.excluded AS excluded_n,
               NEW.selesai AS selesai,
               NEW.verify_met AS verify_met,
               NEW.verify_missed AS verify_missed,
               NEW.follow_met AS follow_met,
               NEW.follow_missed AS follow_missed,
               (NEW.reply_days IS 0) AS r0,
               (NEW.reply_days IS 1) AS r1,
               (NEW.reply_days IS 2) AS r2,
               (NEW.reply_days IS 3) AS r3,
               (NEW.reply_days IS 4) AS r4,
               (NEW.reply_days IS 5) AS r5,
               (NEW.reply_days IS 6) AS r6,
               (NEW.reply_days IS 7) AS r7,
               (NEW.reply_days IS 8) AS r8,
               (NEW.reply_days IS 9) AS r9,
               (NEW.reply_days IS 10) AS r10,
               (NEW.reply_days IS 11) AS r11,
               (NEW.reply_days IS 12) AS r12,
               (NEW.reply_days IS 13) AS r13,
               (NEW.reply_days IS 14) AS r14,
               (NEW.reply_days IS 15) AS r15,
               IFNULL(NEW.reply_days > 15, 0) AS r_more,
               0 AS esc,
               0 AS esc_resolved,
               (NEW.status = 'baru') AS open_baru,
               (NEW.status = 'ditunda') AS open_ditunda,
               (NEW.status = 'terverifikasi') AS open_terverifikasi,
               (NEW.status = 'didisposisikan') AS open_didisposisikan,
               (NEW.status = 'bukan_wewenang') AS open_bukan_wewenang,
               (NEW.status = 'ditindaklanjuti') AS open_ditindaklanjuti,
               (NEW.status = 'menunggu_persetujuan') AS open_menunggu_persetujuan,
               (NEW.status = 'ditanggapi') AS open_ditanggapi,
               (NEW.status = 'tanggapan_pelapor') AS open_tanggapan_pelapor
        UNION ALL
        SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, json_extract(j.value, '$[2]'), 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM json_each(NEW.escalations) j) x
 CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm')  g
 CROSS JOIN (SELECT '' AS facet UNION ALL SELECT 'c:' || NEW.channel UNION ALL SELECT 'k:' || IFNULL(NEW.kategori_id, '')) fa
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
    open_tanggapan_pelapor = monev_tally.open_tanggapan_pelapor + excluded.open_tanggapan_pelapor;
END;

CREATE TRIGGER monev_fact_delete AFTER DELETE ON monev_fact
WHEN NOT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') BEGIN
INSERT INTO monev_tally (instansi_path, grain, day, facet, received, excluded_n, selesai, verify_met, verify_missed, follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
SELECT OLD.instansi_path, g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet,
       -SUM(x.received), -SUM(x.excluded_n), -SUM(x.selesai), -SUM(x.verify_met), -SUM(x.verify_missed), -SUM(x.follow_met), -SUM(x.follow_missed), -SUM(x.r0), -SUM(x.r1), -SUM(x.r2), -SUM(x.r3), -SUM(x.r4), -SUM(x.r5), -SUM(x.r6), -SUM(x.r7), -SUM(x.r8), -SUM(x.r9), -SUM(x.r10), -SUM(x.r11), -SUM(x.r12), -SUM(x.r13), -SUM(x.r14), -SUM(x.r15), -SUM(x.r_more), -SUM(x.esc), -SUM(x.esc_resolved), -SUM(x.open_baru), -SUM(x.open_ditunda), -SUM(x.open_terverifikasi), -SUM(x.open_didisposisikan), -SUM(x.open_bukan_wewenang), -SUM(x.open_ditindaklanjuti), -SUM(x.open_menunggu_persetujuan), -SUM(x.open_ditanggapi), -SUM(x.open_tanggapan_pelapor)
  FROM (SELECT OLD.received_day AS day, OLD.received_month AS month,
               1 AS received,
               OLD.excluded AS excluded_n,
               OLD.selesai AS selesai,
               OLD.verify_met AS verify_met,
               OLD.verify_missed AS verify_missed,
               OLD.follow_met AS follow_met,
               OLD.follow_missed AS follow_missed,
               (OLD.reply_days IS 0) AS r0,
               (OLD.reply_days IS 1) AS r1,
               (OLD.reply_days IS 2) AS r2,
               (OLD.reply_days IS 3) AS r3,
               (OLD.reply_days IS 4) AS r4,
               (OLD.reply_days IS 5) AS r5,
               (OLD.reply_days IS 6) AS r6,
               (OLD.reply_days IS 7) AS r7,
               (OLD.reply_days IS 8) AS r8,
               (OLD.reply_days IS 9) AS r9,
               (OLD.reply_days IS 10) AS r10,
               (OLD.reply_days IS 11) AS r11,
               (OLD.reply_days IS 12) AS r12,
               (OLD.reply_days IS 13) AS r13,
               (OLD.reply_days IS 14) AS r14,
               (OLD.reply_days IS 15) AS r15,
               IFNULL(OLD.reply_days > 15, 0) AS r_more,
               0 AS esc,
               0 AS esc_resolved,
               (OLD.status = 'baru') AS open_baru,
               (OLD.status = 'ditunda') AS open_ditunda,
               (OLD.status = 'terverifikasi') AS open_terverifikasi,
               (OLD.status = 'didisposisikan') AS open_didisposisikan,
               (OLD.status = 'bukan_wewenang') AS open_bukan_wewenang,
               (OLD.status = 'ditindaklanjuti') AS open_ditindaklanjuti,
               (OLD.status = 'menunggu_persetujuan') AS open_menunggu_persetujuan,
               (OLD.status = 'ditanggapi') AS open_ditanggapi,
               (OLD.status = 'tanggapan_pelapor') AS open_tanggapan_pelapor
        UNION ALL
        SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, json_extract(j.value, '$[2]'), 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM json_each(OLD.escalations) j) x
 CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm')  g
 CROSS JOIN (SELECT '' AS facet UNION ALL SELECT 'c:' || OLD.channel UNION ALL SELECT 'k:' || IFNULL(OLD.kategori_id, '')) fa
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
    open_tanggapan_pelapor = monev_tally.open_tanggapan_pelapor + excluded.open_tanggapan_pelapor;
END;

CREATE TRIGGER monev_fact_update AFTER UPDATE ON monev_fact
WHEN NOT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') BEGIN
INSERT INTO monev_tally (instansi_path, grain, day, facet, received, excluded_n, selesai, verify_met, verify_missed, follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
SELECT OLD.instansi_path, g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet,
       -SUM(x.received), -SUM(x.excluded_n), -SUM(x.selesai), -SUM(x.verify_met), -SUM(x.verify_missed), -SUM(x.follow_met), -SUM(x.follow_missed), -SUM(x.r0), -SUM(x.r1), -SUM(x.r2), -SUM(x.r3), -SUM(x.r4), -SUM(x.r5), -SUM(x.r6), -SUM(x.r7), -SUM(x.r8), -SUM(x.r9), -SUM(x.r10), -SUM(x.r11), -SUM(x.r12), -SUM(x.r13), -SUM(x.r14), -SUM(x.r15), -SUM(x.r_more), -SUM(x.esc), -SUM(x.esc_resolved), -SUM(x.open_baru), -SUM(x.open_ditunda), -SUM(x.open_terverifikasi), -SUM(x.open_didisposisikan), -SUM(x.open_bukan_wewenang), -SUM(x.open_ditindaklanjuti), -SUM(x.open_menunggu_persetujuan), -SUM(x.open_ditanggapi), -SUM(x.open_tanggapan_pelapor)
  FROM (SELECT OLD.received_day AS day, OLD.received_month AS month,
               1 AS received,
               OLD.excluded AS excluded_n,
               OLD.selesai AS selesai,
               OLD.verify_met AS verify_met,
               OLD.verify_missed AS verify_missed,
               OLD.follow_met AS follow_met,
               OLD.follow_missed AS follow_missed,
               (OLD.reply_days IS 0) AS r0,
               (OLD.reply_days IS 1) AS r1,
               (OLD.reply_days IS 2) AS r2,
               (OLD.reply_days IS 3) AS r3,
               (OLD.reply_days IS 4) AS r4,
               (OLD.reply_days IS 5) AS r5,
               (OLD.reply_days IS 6) AS r6,
               (OLD.reply_days IS 7) AS r7,
               (OLD.reply_days IS 8) AS r8,
               (OLD.reply_days IS 9) AS r9,
               (OLD.reply_days IS 10) AS r10,
               (OLD.reply_days IS 11) AS r11,
               (OLD.reply_days IS 12) AS r12,
               (OLD.reply_days IS 13) AS r13,
               (OLD.reply_days IS 14) AS r14,
               (OLD.reply_days IS 15) AS r15,
               IFNULL(OLD.reply_days > 15, 0) AS r_more,
               0 AS esc,
               0 AS esc_resolved,
               (OLD.status = 'baru') AS open_baru,
               (OLD.status = 'ditunda') AS open_ditunda,
               (OLD.status = 'terverifikasi') AS open_terverifikasi,
               (OLD.status = 'didisposisikan') AS open_didisposisikan,
               (OLD.status = 'bukan_wewenang') AS open_bukan_wewenang,
               (OLD.status = 'ditindaklanjuti') AS open_ditindaklanjuti,
               (OLD.status = 'menunggu_persetujuan') AS open_menunggu_persetujuan,
               (OLD.status = 'ditanggapi') AS open_ditanggapi,
               (OLD.status = 'tanggapan_pelapor') AS open_tanggapan_pelapor
        UNION ALL
        SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, json_extract(j.value, '$[2]'), 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM json_each(OLD.escalations) j) x
 CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm')  g
 CROSS JOIN (SELECT '' AS facet UNION ALL SELECT 'c:' || OLD.channel UNION ALL SELECT 'k:' || IFNULL(OLD.kategori_id, '')) fa
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
    open_tanggapan_pelapor = monev_tally.open_tanggapan_pelapor + excluded.open_tanggapan_pelapor;
INSERT INTO monev_tally (instansi_path, grain, day, facet, received, excluded_n, selesai, verify_met, verify_missed, follow_met, follow_missed, r0, r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r_more, esc, esc_resolved, open_baru, open_ditunda, open_terverifikasi, open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor)
SELECT NEW.instansi_path, g.grain, CASE g.grain WHEN 'd' THEN x.day ELSE x.month END, fa.facet,
       SUM(x.received), SUM(x.excluded_n), SUM(x.selesai), SUM(x.verify_met), SUM(x.verify_missed), SUM(x.follow_met), SUM(x.follow_missed), SUM(x.r0), SUM(x.r1), SUM(x.r2), SUM(x.r3), SUM(x.r4), SUM(x.r5), SUM(x.r6), SUM(x.r7), SUM(x.r8), SUM(x.r9), SUM(x.r10), SUM(x.r11), SUM(x.r12), SUM(x.r13), SUM(x.r14), SUM(x.r15), SUM(x.r_more), SUM(x.esc), SUM(x.esc_resolved), SUM(x.open_baru), SUM(x.open_ditunda), SUM(x.open_terverifikasi), SUM(x.open_didisposisikan), SUM(x.open_bukan_wewenang), SUM(x.open_ditindaklanjuti), SUM(x.open_menunggu_persetujuan), SUM(x.open_ditanggapi), SUM(x.open_tanggapan_pelapor)
  FROM (SELECT NEW.received_day AS day, NEW.received_month AS month,
               1 AS received,
               NEW.excluded AS excluded_n,
               NEW.selesai AS selesai,
               NEW.verify_met AS verify_met,
               NEW.verify_missed AS verify_missed,
               NEW.follow_met AS follow_met,
               NEW.follow_missed AS follow_missed,
               (NEW.reply_days IS 0) AS r0,
               (NEW.reply_days IS 1) AS r1,
               (NEW.reply_days IS 2) AS r2,
               (NEW.reply_days IS 3) AS r3,
               (NEW.reply_days IS 4) AS r4,
               (NEW.reply_days IS 5) AS r5,
               (NEW.reply_days IS 6) AS r6,
               (NEW.reply_days IS 7) AS r7,
               (NEW.reply_days IS 8) AS r8,
               (NEW.reply_days IS 9) AS r9,
               (NEW.reply_days IS 10) AS r10,
               (NEW.reply_days IS 11) AS r11,
               (NEW.reply_days IS 12) AS r12,
               (NEW.reply_days IS 13) AS r13,
               (NEW.reply_days IS 14) AS r14,
               (NEW.reply_days IS 15) AS r15,
               IFNULL(NEW.reply_days > 15, 0) AS r_more,
               0 AS esc,
               0 AS esc_resolved,
               (NEW.status = 'baru') AS open_baru,
               (NEW.status = 'ditunda') AS open_ditunda,
               (NEW.status = 'terverifikasi') AS open_terverifikasi,
               (NEW.status = 'didisposisikan') AS open_didisposisikan,
               (NEW.status = 'bukan_wewenang') AS open_bukan_wewenang,
               (NEW.status = 'ditindaklanjuti') AS open_ditindaklanjuti,
               (NEW.status = 'menunggu_persetujuan') AS open_menunggu_persetujuan,
               (NEW.status = 'ditanggapi') AS open_ditanggapi,
               (NEW.status = 'tanggapan_pelapor') AS open_tanggapan_pelapor
        UNION ALL
        SELECT json_extract(j.value, '$[0]'), json_extract(j.value, '$[1]'), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, json_extract(j.value, '$[2]'), 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM json_each(NEW.escalations) j) x
 CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm')  g
 CROSS JOIN (SELECT '' AS facet UNION ALL SELECT 'c:' || NEW.channel UNION ALL SELECT 'k:' || IFNULL(NEW.kategori_id, '')) fa
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
    open_tanggapan_pelapor = monev_tally.open_tanggapan_pelapor + excluded.open_tanggapan_pelapor;
END;

CREATE TRIGGER monev_handled_event AFTER INSERT ON event
WHEN NEW.kind NOT IN ('intake', 'note', 'claim', 'link')
     AND NOT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load') BEGIN
INSERT INTO monev_handled (officer_id, day, n)
SELECT NEW.actor_id,
       (NEW.at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000,
       1
  FROM officer o JOIN instansi i ON i.id = o.instansi_id
 WHERE o.id = NEW.actor_id
ON CONFLICT (officer_id, day) DO UPDATE SET n = monev_handled.n + 1;
END;

-- The reports already there get their facts from `meja migrate` (a migration cannot run the
-- Rust that computes them); this row says that is still to do, so that opening a database does
-- not look for reports without facts each time.
INSERT INTO meja_meta (key, value) VALUES ('monev_facts', 'to compute');

-- The moves of the events already recorded.
INSERT INTO monev_handled (officer_id, day, n)
SELECT e.actor_id,
       (e.at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000,
       COUNT(*)
  FROM event e JOIN officer o ON o.id = e.actor_id JOIN instansi i ON i.id = o.instansi_id
 WHERE e.kind NOT IN ('intake', 'note', 'claim', 'link')
 GROUP BY 1, 2;
