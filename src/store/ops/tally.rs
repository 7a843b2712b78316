// What the monev report and board read from the rollups (migration 0009) and, for what depends on
// the moment of reading, from the complaints' running clocks.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

use crate::domain::monev::fact::{OPEN_STATUSES, REPLY_DAYS_COUNTED, Tally};
use crate::store::sums::{Brackets, DaySpan, Facet, Grouping, Holders, OfficerRow};
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

/// The group of a grouped row, from its first column (as `push_group` named it).
fn group_of(grouping: &Grouping, row: &<Db as sqlx::Database>::Row) -> Res<String> {
    Ok(grouping.key_of_group(&row.try_get::<String, _>(0)?))
}

fn push_facet(qb: &mut QueryBuilder<Db>, facet: Facet) {
    // Ranges rather than LIKE, which PostgreSQL's index serves only under the C collation.
    qb.push(" AND facet ");
    match facet {
        Facet::All => qb.push("= ''"),
        Facet::Channel => qb.push(">= 'c:' AND facet < 'c;'"),
        Facet::Kategori => qb.push(">= 'k:' AND facet < 'k;'"),
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

/// The group a row belongs to, as `Grouping::key_of` says, in SQL: `path` and `facet` are the
/// expressions of the row's holding instansi and facet value.
fn push_group(qb: &mut QueryBuilder<Db>, grouping: &Grouping, path: &str, facet: &str) {
    match grouping {
        Grouping::Children { scope_len, .. } => {
            // The path up to the first '/' after the subtree's own part: the child holding it, or
            // the subtree's own path for what its own instansi holds.
            let n = *scope_len as i32;
            let find = if IS_SQLITE { "instr" } else { "strpos" };
            qb.push(format!("substr({path}, 1, "))
                .push_bind(n)
                .push(format!(" + {find}(substr({path}, "))
                .push_bind(n + 1)
                .push("), '/'))");
        }
        Grouping::Facet(_) => {
            qb.push(facet);
        }
        Grouping::Whole => {
            qb.push("''");
        }
    }
}

/// A row's facet value, as the tally keys it (`c:sms`, `k:12`, `k:` for none), from the table
/// aliased `t` (a fact or a report: both have channel and kategori_id).
fn row_facet(facet: Facet, t: &str) -> String {
    match facet {
        Facet::All => "''".into(),
        Facet::Channel => format!("'c:' || {t}.channel"),
        Facet::Kategori if IS_SQLITE => format!("'k:' || IFNULL({t}.kategori_id, '')"),
        Facet::Kategori => format!("'k:' || COALESCE({t}.kategori_id::TEXT, '')"),
    }
}

/// The day a report was received, in its holder's zone, as a day number (`c` the report, `i` its
/// instansi): the fact's `received_day`, from what the breach index carries.
const RECEIVED_DAY: &str = "(c.received_at + CASE i.zone WHEN 'WITA' THEN 28800000 WHEN 'WIT' THEN 32400000 ELSE 25200000 END) / 86400000";

fn push_holders(qb: &mut QueryBuilder<Db>, column: &str, holders: &Holders) {
    let (list, negate) = match holders {
        Holders::All => return,
        Holders::Only(list) => (list, false),
        Holders::Except(list) if list.is_empty() => return,
        Holders::Except(list) => (list, true),
    };
    qb.push(format!(" AND {column} {}IN (", if negate { "NOT " } else { "" }));
    if list.is_empty() {
        qb.push("NULL");
    }
    let mut sep = qb.separated(", ");
    for p in list {
        sep.push_bind(p.clone());
    }
    qb.push(")");
}

/// The sums of the subtree at `scope` over `spans`, per group (and, with `brackets`, per backlog
/// age bracket 0-3 of the day received; month rows are all older); with `only_open`, of the rows
/// where something is open. Returns (group, bracket, sums).
pub(crate) async fn tally_groups(
    pool: &P,
    scope: &str,
    grouping: &Grouping,
    spans: &[DaySpan],
    brackets: Option<Brackets>,
    only_open: bool,
    holders: &Holders,
) -> Res<Vec<(String, i32, Tally)>> {
    let mut qb = QueryBuilder::<Db>::new("SELECT ");
    push_group(&mut qb, grouping, "instansi_path", "facet");
    qb.push(" AS g, ");
    match brackets {
        Some(b) => {
            qb.push("CASE WHEN grain = 'm' THEN 3 WHEN day >= ")
                .push_bind(b.within3)
                .push(" THEN 0 WHEN day >= ")
                .push_bind(b.within5)
                .push(" THEN 1 WHEN day >= ")
                .push_bind(b.within10)
                .push(" THEN 2 ELSE 3 END AS b, ");
        }
        None => {
            qb.push("0 AS b, ");
        }
    }
    qb.push(TALLY_SUMS).push(" FROM monev_tally WHERE TRUE");
    push_facet(&mut qb, grouping.facet());
    push_spans(&mut qb, spans);
    push_path_range(&mut qb, "instansi_path", scope);
    push_holders(&mut qb, "instansi_path", holders);
    if only_open {
        qb.push(format!(" AND {OPEN_SUM} <> 0"));
    }
    qb.push(" GROUP BY 1, 2");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok((
                group_of(grouping, row)?,
                row.try_get::<i32, _>(1)?,
                tally_from_row(row, 2)?,
            ))
        })
        .collect()
}

/// The running verification and follow-up clocks past due at `now` (ms) of the complaints
/// received on days `from..=to` that count (not excluded), per group and clock kind.
pub(crate) async fn overdue_groups(
    pool: &P,
    scope: &str,
    grouping: &Grouping,
    now: i64,
    from: i32,
    to: i32,
) -> Res<Vec<(String, Option<ClockKind>, u64)>> {
    // A running clock is never an excluded report's (those are closed).
    let mut qb = QueryBuilder::<Db>::new("SELECT ");
    push_group(&mut qb, grouping, "c.instansi_path", &row_facet(grouping.facet(), "c"));
    qb.push(
        " AS g, c.clock_kind, COUNT(*) FROM complaint c JOIN instansi i ON i.path = c.instansi_path \
         WHERE c.breach_at IS NOT NULL AND c.breach_at <= ",
    )
    .push_bind(now)
    .push(format!(" AND {RECEIVED_DAY} >= "))
    .push_bind(i64::from(from))
    .push(format!(" AND {RECEIVED_DAY} <= "))
    .push_bind(i64::from(to));
    push_path_range(&mut qb, "c.instansi_path", scope);
    qb.push(" GROUP BY 1, 2");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let kind: Option<String> = row.try_get(1)?;
            Ok((
                group_of(grouping, row)?,
                kind.as_deref().and_then(ClockKind::from_code),
                count(row, 2)?,
            ))
        })
        .collect()
}

/// The running clocks of the subtree past due at `now` (ms), per group: the board's breached.
pub(crate) async fn breached_groups(
    pool: &P,
    scope: &str,
    grouping: &Grouping,
    now: i64,
) -> Res<Vec<(String, u64)>> {
    let mut qb = QueryBuilder::<Db>::new("SELECT ");
    push_group(&mut qb, grouping, "c.instansi_path", "''");
    qb.push(" AS g, COUNT(*) FROM complaint c WHERE c.breach_at IS NOT NULL AND c.breach_at <= ")
        .push_bind(now);
    push_path_range(&mut qb, "c.instansi_path", scope);
    qb.push(" GROUP BY 1");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| Ok((group_of(grouping, row)?, count(row, 1)?)))
        .collect()
}

/// The running clocks of the subtree falling due after `now` and by `until` (ms), per zone of
/// the holding instansi and UTC hour of the due time (due times are ends of local days, so the
/// hours are few, and each lies within one local day).
pub(crate) async fn due_soon(
    pool: &P,
    scope: &str,
    now: i64,
    until: i64,
) -> Res<Vec<(Zone, i64, u64)>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT i.zone, c.breach_at / 3600000, COUNT(*) FROM complaint c \
         JOIN instansi i ON i.path = c.instansi_path WHERE c.breach_at IS NOT NULL AND c.breach_at > ",
    );
    qb.push_bind(now).push(" AND c.breach_at <= ").push_bind(until);
    push_path_range(&mut qb, "c.instansi_path", scope);
    qb.push(" GROUP BY 1, 2");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            let zone: String = row.try_get(0)?;
            Ok((
                parse_code("zone", &zone, Zone::from_code)?,
                row.try_get::<i64, _>(1)?,
                count(row, 2)?,
            ))
        })
        .collect()
}

/// Each assignee's running clocks past due at `now` (ms) in the subtree.
pub(crate) async fn overdue_by_assignee(pool: &P, scope: &str, now: i64) -> Res<Vec<(i64, u64)>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.assignee_id, COUNT(*) FROM complaint c \
         WHERE c.breach_at IS NOT NULL AND c.assignee_id IS NOT NULL AND c.breach_at <= ",
    );
    qb.push_bind(now);
    push_path_range(&mut qb, "c.instansi_path", scope);
    qb.push(" GROUP BY 1");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| Ok((row.try_get::<i64, _>(0)?, count(row, 1)?)))
        .collect()
}

/// The replies waiting for approval now, per holding instansi of the subtree.
pub(crate) async fn waiting_by_path(pool: &P, scope: &str) -> Res<Vec<(String, u64)>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT instansi_path, SUM(open_menunggu_persetujuan) FROM monev_tally \
         WHERE grain = 'm' AND facet = '' AND open_menunggu_persetujuan <> 0",
    );
    push_path_range(&mut qb, "instansi_path", scope);
    qb.push(" GROUP BY 1");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| Ok((row.try_get::<String, _>(0)?, count(row, 1)?)))
        .collect()
}

/// Complaints received per channel facet and day on days `from..=to` (the board's inflow).
pub(crate) async fn inflow_days(
    pool: &P,
    scope: &str,
    from: i32,
    to: i32,
) -> Res<Vec<(String, i32, u64)>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT facet, day, SUM(received) FROM monev_tally WHERE grain = 'd' AND facet >= 'c:' AND facet < 'c;' AND day >= ",
    );
    qb.push_bind(from).push(" AND day <= ").push_bind(to);
    push_path_range(&mut qb, "instansi_path", scope);
    qb.push(" GROUP BY 1, 2");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<String, _>(0)?,
                row.try_get::<i32, _>(1)?,
                count(row, 2)?,
            ))
        })
        .collect()
}

/// The first replies slower than the tally's histogram among the complaints received on days
/// `from..=to` (day numbers), per group and working days: (group, days, how many).
pub(crate) async fn slower_replies(
    pool: &P,
    scope: &str,
    grouping: &Grouping,
    from: i32,
    to: i32,
) -> Res<Vec<(String, i32, u64)>> {
    let mut qb = QueryBuilder::<Db>::new("SELECT ");
    push_group(&mut qb, grouping, "f.instansi_path", &row_facet(grouping.facet(), "f"));
    qb.push(" AS g, f.reply_days, COUNT(*) FROM monev_fact f WHERE f.reply_days > ")
        .push_bind(REPLY_DAYS_COUNTED as i32 - 1)
        .push(" AND f.received_day >= ")
        .push_bind(from)
        .push(" AND f.received_day <= ")
        .push_bind(to);
    push_path_range(&mut qb, "f.instansi_path", scope);
    qb.push(" GROUP BY 1, 2");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|row| {
            Ok((
                group_of(grouping, row)?,
                row.try_get::<i32, _>(1)?,
                count(row, 2)?,
            ))
        })
        .collect()
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
