// What the monev report and board read from the rollups (migration 0009) and, for what depends on
// the moment of reading, from the complaints' running clocks.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

use crate::domain::monev::fact::{OPEN_STATUSES, REPLY_DAYS_COUNTED, Tally};
use crate::store::sums::{BreachRow, DaySpan, Facet, OfficerRow, TallyRow};
use sqlx::Row;

/// monev_tally's sums, in the order `tally_from_row` reads them.
const TALLY_SUMS: &str = "SUM(received), SUM(excluded_n), SUM(selesai), SUM(verify_met), SUM(verify_missed), \
    SUM(follow_met), SUM(follow_missed), SUM(r0), SUM(r1), SUM(r2), SUM(r3), SUM(r4), SUM(r5), SUM(r6), SUM(r7), \
    SUM(r8), SUM(r9), SUM(r10), SUM(r11), SUM(r12), SUM(r13), SUM(r14), SUM(r15), SUM(r_more), SUM(esc), \
    SUM(esc_resolved), SUM(open_baru), SUM(open_ditunda), SUM(open_terverifikasi), SUM(open_didisposisikan), \
    SUM(open_bukan_wewenang), SUM(open_ditindaklanjuti), SUM(open_menunggu_persetujuan), SUM(open_ditanggapi), \
    SUM(open_tanggapan_pelapor)";
const OPEN_SUM: &str = "(open_baru + open_ditunda + open_terverifikasi + open_didisposisikan + open_bukan_wewenang \
    + open_ditindaklanjuti + open_menunggu_persetujuan + open_ditanggapi + open_tanggapan_pelapor)";

fn count(row: &<Db as sqlx::Database>::Row, i: usize) -> Res<u64> {
    Ok(row.try_get::<Option<i64>, _>(i)?.unwrap_or(0).max(0) as u64)
}

/// The tally in the row's columns from `from` on (in `TALLY_SUMS` order).
fn tally_from_row(row: &<Db as sqlx::Database>::Row, from: usize) -> Res<Tally> {
    let mut t = Tally {
        received: count(row, from)?,
        excluded: count(row, from + 1)?,
        selesai: count(row, from + 2)?,
        verify_met: count(row, from + 3)?,
        verify_missed: count(row, from + 4)?,
        follow_met: count(row, from + 5)?,
        follow_missed: count(row, from + 6)?,
        ..Tally::default()
    };
    for d in 0..REPLY_DAYS_COUNTED {
        t.reply[d] = count(row, from + 7 + d)?;
    }
    let at = from + 7 + REPLY_DAYS_COUNTED;
    t.reply_slower = count(row, at)?;
    t.escalations = count(row, at + 1)?;
    t.escalations_resolved = count(row, at + 2)?;
    for s in 0..OPEN_STATUSES.len() {
        t.open[s] = count(row, at + 3 + s)?;
    }
    Ok(t)
}

fn push_facet(qb: &mut QueryBuilder<Db>, facet: Facet) {
    qb.push(" AND facet ");
    match facet {
        Facet::All => qb.push("= ''"),
        Facet::Channel => qb.push("LIKE 'c:%'"),
        Facet::Kategori => qb.push("LIKE 'k:%'"),
    };
}

/// `(grain = 'd' AND day BETWEEN ..) OR (grain = 'm' AND day BETWEEN ..) ...` for the spans.
fn push_spans(qb: &mut QueryBuilder<Db>, spans: &[DaySpan]) {
    qb.push(" AND (");
    if spans.is_empty() {
        qb.push("FALSE");
    }
    for (i, span) in spans.iter().enumerate() {
        if i > 0 {
            qb.push(" OR ");
        }
        qb.push("(grain = ")
            .push_bind(if span.months { "m" } else { "d" })
            .push(" AND day >= ")
            .push_bind(span.from)
            .push(" AND day <= ")
            .push_bind(span.to)
            .push(")");
    }
    qb.push(")");
}

fn push_path_range(qb: &mut QueryBuilder<Db>, column: &str, scope: &str) {
    qb.push(format!(" AND {column} >= "))
        .push_bind(scope.to_string())
        .push(format!(" AND {column} < "))
        .push_bind(crate::store::subtree_end(scope));
}

/// The sums of the subtree at `scope` over `spans`, per holding instansi and facet value; with
/// `per_day`, per day (or month) too; with `only_open`, of the rows where something is open.
pub(crate) async fn tally_sums(
    pool: &P,
    scope: &str,
    facet: Facet,
    spans: &[DaySpan],
    per_day: bool,
    only_open: bool,
) -> Res<Vec<TallyRow>> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT instansi_path, facet, {}, {TALLY_SUMS} FROM monev_tally WHERE TRUE",
        if per_day { "grain, day" } else { "'', 0" }
    ));
    push_facet(&mut qb, facet);
    push_spans(&mut qb, spans);
    push_path_range(&mut qb, "instansi_path", scope);
    if only_open {
        qb.push(format!(" AND {OPEN_SUM} <> 0"));
    }
    if per_day {
        qb.push(" GROUP BY instansi_path, facet, grain, day");
    } else {
        qb.push(" GROUP BY instansi_path, facet");
    }
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok(TallyRow {
                instansi_path: row.try_get(0)?,
                facet: row.try_get(1)?,
                months: row.try_get::<String, _>(2)? == "m",
                day: row.try_get::<i32, _>(3)?,
                tally: tally_from_row(row, 4)?,
            })
        })
        .collect()
}

/// The running verification and follow-up clocks of the subtree due before `until` (ms), with
/// what the figures group them by.
pub(crate) async fn breach_rows(pool: &P, scope: &str, until: i64) -> Res<Vec<BreachRow>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.instansi_path, c.breach_at, c.clock_kind, c.assignee_id, c.channel, c.kategori_id, \
           f.received_day, f.excluded \
         FROM complaint c JOIN monev_fact f ON f.complaint_id = c.id \
         WHERE c.breach_at IS NOT NULL AND c.breach_at <= ",
    );
    qb.push_bind(until);
    push_path_range(&mut qb, "c.instansi_path", scope);
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let kind: Option<String> = row.try_get(2)?;
            Ok(BreachRow {
                instansi_path: row.try_get(0)?,
                breach_at: row.try_get(1)?,
                clock_kind: kind.as_deref().and_then(ClockKind::from_code),
                assignee_id: row.try_get(3)?,
                channel: row.try_get(4)?,
                kategori_id: row.try_get(5)?,
                received_day: row.try_get::<i32, _>(6)?,
                excluded: row.try_get(7)?,
            })
        })
        .collect()
}

/// The first replies slower than the tally's histogram among the complaints received on days
/// `from..=to` (day numbers): (path, channel, kategori, working days).
pub(crate) async fn slower_replies(
    pool: &P,
    scope: &str,
    from: i32,
    to: i32,
) -> Res<Vec<(String, String, Option<i64>, i32)>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT instansi_path, channel, kategori_id, reply_days FROM monev_fact WHERE reply_days > ",
    );
    qb.push_bind(REPLY_DAYS_COUNTED as i32 - 1)
        .push(" AND received_day >= ")
        .push_bind(from)
        .push(" AND received_day <= ")
        .push_bind(to);
    push_path_range(&mut qb, "instansi_path", scope);
    qb.build_query_as().fetch_all(pool).await
}

/// The active officers of the subtree, with their open complaints and the moves they made on
/// days `from..=to` (day numbers, in their own zone).
pub(crate) async fn officer_rows(
    pool: &P,
    scope: &str,
    from: i32,
    to: i32,
) -> Res<Vec<OfficerRow>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT o.id, o.username, o.role, i.path, \
           (SELECT COUNT(*) FROM monev_fact f WHERE f.assignee_id = o.id AND f.instansi_path >= ",
    );
    qb.push_bind(scope.to_string())
        .push(" AND f.instansi_path < ")
        .push_bind(crate::store::subtree_end(scope))
        .push(
            " AND f.status NOT IN ('selesai', 'diarsipkan')), \
           (SELECT SUM(h.n) FROM monev_handled h WHERE h.officer_id = o.id AND h.day >= ",
        )
        .push_bind(from)
        .push(" AND h.day <= ")
        .push_bind(to)
        .push(") FROM officer o JOIN instansi i ON i.id = o.instansi_id WHERE o.active");
    if IS_SQLITE {
        qb.push(" = 1");
    }
    push_path_range(&mut qb, "i.path", scope);
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get(2)?;
            Ok(OfficerRow {
                id: row.try_get(0)?,
                username: row.try_get(1)?,
                role: parse_code("role", &role, Role::from_code)?,
                instansi_path: row.try_get(3)?,
                open: count(row, 4)?,
                handled: count(row, 5)?,
            })
        })
        .collect()
}
