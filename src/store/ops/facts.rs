// Each complaint's monev fact (domain::monev::fact), kept in the transaction of its events; the
// database sums the facts into monev_tally by trigger (migration 0009).
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

use crate::domain::monev::fact::Fact;

/// What a fact needs of a complaint's row.
#[derive(sqlx::FromRow, Clone)]
struct FactRecord {
    id: i64,
    received_at: i64,
    channel: String,
    kategori_id: Option<i64>,
    klasifikasi: String,
    instansi_id: i64,
    instansi_path: String,
    assignee_id: Option<i64>,
}

const FACT_RECORD_COLUMNS: &str =
    "id, received_at, channel, kategori_id, klasifikasi, instansi_id, instansi_path, assignee_id";

/// The fact of a complaint from its row and its whole event log (oldest first).
fn fact_of(record: &FactRecord, events: &[Event], reference: &Reference) -> Res<Fact> {
    Ok(crate::store::rollups::fact_of(
        crate::store::rollups::FactRow {
            id: record.id,
            received_at: from_ms(record.received_at),
            channel: parse_code("channel", &record.channel, Channel::from_code)?,
            kategori_id: record.kategori_id,
            klasifikasi: parse_code("klasifikasi", &record.klasifikasi, Klasifikasi::from_code)?,
            instansi_id: record.instansi_id,
            instansi_path: &record.instansi_path,
            assignee_id: record.assignee_id,
        },
        events,
        reference,
    ))
}

/// Writes a fact, replacing the complaint's previous one; an unchanged fact is left alone (the
/// triggers would subtract and add the same sums).
async fn put_fact(conn: &mut <Db as sqlx::Database>::Connection, f: &Fact) -> Res<()> {
    use crate::store::rollups::{FACT_COLUMNS, FACT_MEASURES, bind_fact};
    let set = FACT_MEASURES
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let old = FACT_MEASURES
        .iter()
        .map(|c| format!("monev_fact.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let new = FACT_MEASURES
        .iter()
        .map(|c| format!("excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let differs = if IS_SQLITE { "IS NOT" } else { "IS DISTINCT FROM" };
    let sql = format!(
        "INSERT INTO monev_fact ({FACT_COLUMNS}) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
         ON CONFLICT (complaint_id) DO UPDATE SET {set} WHERE ({old}) {differs} ({new})"
    );
    bind_fact!(sqlx::query(sqlx::AssertSqlSafe(sql)), f)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Recomputes and writes the facts of the complaints with ids in `from..=to` from their rows and
/// event logs: for a database migrated from before the facts, after a bulk load, and when a day
/// off changes how many working days a first reply took. Returns how many were written.
pub(crate) async fn refresh_facts(
    conn: &mut <Db as sqlx::Database>::Connection,
    reference: &Reference,
    from: ComplaintId,
    to: ComplaintId,
) -> Res<u64> {
    let records: Vec<FactRecord> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FACT_RECORD_COLUMNS} FROM complaint WHERE id >= $1 AND id <= $2 ORDER BY id"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(&mut *conn)
    .await?;
    if records.is_empty() {
        return Ok(0);
    }
    let events = into_events(
        sqlx::query_as::<_, EventRecord>(
            "SELECT * FROM event WHERE complaint_id >= $1 AND complaint_id <= $2 ORDER BY complaint_id, id",
        )
        .bind(from)
        .bind(to)
        .fetch_all(&mut *conn)
        .await?,
    )?;
    put_facts(conn, reference, &records, &events).await
}

/// `refresh_facts` for the complaints named (an intake, an import's reports).
pub(crate) async fn refresh_facts_of(
    conn: &mut <Db as sqlx::Database>::Connection,
    reference: &Reference,
    ids: &[ComplaintId],
) -> Res<u64> {
    let mut written = 0;
    for chunk in ids.chunks(500) {
        let mut qb = QueryBuilder::<Db>::new(format!(
            "SELECT {FACT_RECORD_COLUMNS} FROM complaint WHERE id IN ("
        ));
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        qb.push(") ORDER BY id");
        let records: Vec<FactRecord> = qb.build_query_as().fetch_all(&mut *conn).await?;
        let mut qb = QueryBuilder::<Db>::new("SELECT * FROM event WHERE complaint_id IN (");
        let mut sep = qb.separated(", ");
        for id in chunk {
            sep.push_bind(*id);
        }
        qb.push(") ORDER BY complaint_id, id");
        let events = into_events(qb.build_query_as::<EventRecord>().fetch_all(&mut *conn).await?)?;
        written += put_facts(conn, reference, &records, &events).await?;
    }
    Ok(written)
}

/// Writes the fact of each record from its events (both ordered by complaint).
async fn put_facts(
    conn: &mut <Db as sqlx::Database>::Connection,
    reference: &Reference,
    records: &[FactRecord],
    events: &[Event],
) -> Res<u64> {
    let mut rest = events;
    for record in records {
        let skip = rest.iter().take_while(|e| e.complaint_id < record.id).count();
        rest = &rest[skip..];
        let mine = rest.iter().take_while(|e| e.complaint_id == record.id).count();
        let (log, after) = rest.split_at(mine);
        rest = after;
        put_fact(conn, &fact_of(record, log, reference)?).await?;
    }
    Ok(records.len() as u64)
}

/// What a move's fact is computed from, read before the move: once moved, the complaint may have
/// left the mover's sight (a report returned as bukan wewenang).
struct FactBefore {
    record: FactRecord,
    events: Vec<Event>,
}

async fn fact_before(
    conn: &mut <Db as sqlx::Database>::Connection,
    id: ComplaintId,
) -> Res<Option<FactBefore>> {
    let record: Option<FactRecord> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {FACT_RECORD_COLUMNS} FROM complaint WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(record) = record else {
        return Ok(None);
    };
    let events = into_events(
        sqlx::query_as::<_, EventRecord>("SELECT * FROM event WHERE complaint_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&mut *conn)
            .await?,
    )?;
    Ok(Some(FactBefore { record, events }))
}

/// The fact after a move: the record as the move left it and the log with the move's event.
async fn put_fact_after(
    conn: &mut <Db as sqlx::Database>::Connection,
    before: FactBefore,
    w: &Write,
    event_id: i64,
    batch: Option<&str>,
    reference: &Reference,
) -> Res<()> {
    let FactBefore {
        mut record,
        mut events,
    } = before;
    record.instansi_id = w.instansi_id;
    record.instansi_path = w.instansi_path.clone();
    record.assignee_id = w.assignee;
    if let Some(k) = w.kategori_id {
        record.kategori_id = Some(k);
    }
    if let Some(k) = w.klasifikasi {
        record.klasifikasi = k.as_code().to_string();
    }
    events.push(Event {
        id: event_id,
        complaint_id: w.id,
        at: from_ms(w.at),
        recorded_at: w.recorded_at.map(from_ms),
        actor: w.actor.clone(),
        kind: w.kind,
        status: w.status,
        details: parse_json(&w.details)?,
        batch: batch.map(str::to_string),
    });
    put_fact(conn, &fact_of(&record, &events, reference)?).await
}

/// The lowest and highest id of the complaints that have no fact yet (a database migrated from
/// before the facts, or a bulk load that wrote none), if any.
pub(crate) async fn facts_missing(pool: &P) -> Res<Option<(ComplaintId, ComplaintId)>> {
    let (lo, hi): (Option<i64>, Option<i64>) = sqlx::query_as(
        "SELECT MIN(c.id), MAX(c.id) FROM complaint c \
         WHERE NOT EXISTS (SELECT 1 FROM monev_fact f WHERE f.complaint_id = c.id)",
    )
    .fetch_one(pool)
    .await?;
    Ok(lo.zip(hi))
}

/// The lowest and highest complaint id, if there is any complaint.
pub(crate) async fn facts_span(pool: &P) -> Res<Option<(ComplaintId, ComplaintId)>> {
    let (lo, hi): (Option<i64>, Option<i64>) =
        sqlx::query_as("SELECT MIN(id), MAX(id) FROM complaint")
            .fetch_one(pool)
            .await?;
    Ok(lo.zip(hi))
}

/// Whether migration 0009 left the facts of the reports already there to compute.
pub(crate) async fn facts_pending(pool: &P) -> Res<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'monev_facts')")
        .fetch_one(pool)
        .await
}

pub(crate) async fn facts_done(pool: &P) -> Res<()> {
    sqlx::query("DELETE FROM meja_meta WHERE key = 'monev_facts'")
        .execute(pool)
        .await?;
    Ok(())
}

/// `refresh_facts` over `from..=to` in a transaction of its own.
pub(crate) async fn refresh_facts_range(
    pool: &P,
    reference: &Reference,
    from: ComplaintId,
    to: ComplaintId,
) -> Res<u64> {
    let mut tx = begin_write(pool).await?;
    let n = refresh_facts(&mut tx, reference, from, to).await?;
    tx.commit().await?;
    Ok(n)
}

/// Sets or clears the bulk-load flag (migration 0009): while it is set, the rollups' triggers stand
/// aside and `rollups_rebuild` sums everything at the end.
pub(crate) async fn rollups_bulk_flag(pool: &P, on: bool) -> Res<()> {
    let sql = if on {
        "INSERT INTO meja_meta (key, value) VALUES ('bulk_load', 'seed') ON CONFLICT (key) DO NOTHING"
    } else {
        "DELETE FROM meja_meta WHERE key = 'bulk_load'"
    };
    sqlx::query(sql).execute(pool).await?;
    Ok(())
}

pub(crate) async fn rollups_bulk_pending(pool: &P) -> Res<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM meja_meta WHERE key = 'bulk_load')")
        .fetch_one(pool)
        .await
}

/// Recomputes the sums from every fact and event, and clears the bulk-load flag, in one
/// transaction: the triggers' cells, summed by one statement per table instead of row by row.
pub(crate) async fn rollups_rebuild(pool: &P) -> Res<()> {
    let mut tx = begin_write(pool).await?;
    rollups_resum(&mut tx).await?;
    tx.commit().await
}

/// `rollups_rebuild` inside the caller's transaction (a large import's).
pub(crate) async fn rollups_resum(conn: &mut <Db as sqlx::Database>::Connection) -> Res<()> {
    sqlx::query("DELETE FROM monev_tally").execute(&mut *conn).await?;
    let tally = if IS_SQLITE {
        include_str!("../sql/tally_sqlite.sql")
    } else {
        include_str!("../sql/tally_postgres.sql")
    };
    sqlx::query(tally).execute(&mut *conn).await?;
    sqlx::query("DELETE FROM monev_handled").execute(&mut *conn).await?;
    sqlx::query(include_str!("../sql/handled.sql"))
        .execute(&mut *conn)
        .await?;
    sqlx::query("DELETE FROM meja_meta WHERE key = 'bulk_load'")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the bulk-load flag inside the caller's transaction (a large import's): the rollups'
/// triggers stand aside for it alone until the sums are made whole in the same transaction.
/// True when the flag was set before (a bulk load that stopped): every sum is to be computed.
pub(crate) async fn rollups_pause(conn: &mut <Db as sqlx::Database>::Connection) -> Res<bool> {
    let set = sqlx::query(
        "INSERT INTO meja_meta (key, value) VALUES ('bulk_load', 'import') ON CONFLICT (key) DO NOTHING",
    )
    .execute(&mut *conn)
    .await?;
    Ok(set.rows_affected() == 0)
}

/// The complaints of the subtree whose first reply may have come on or after `day` though they
/// were received on or before it: those whose working days to that reply a day off on `day`
/// changes. A reply `n` working days after the day received came within 2n + 40 calendar days of
/// it (weekends and any run of days off), so the range errs on the side of refreshing more.
pub(crate) async fn facts_replied_across(pool: &P, scope: &str, day: i32) -> Res<Vec<ComplaintId>> {
    sqlx::query_scalar(
        "SELECT complaint_id FROM monev_fact WHERE reply_days IS NOT NULL AND received_day <= $1 \
         AND received_day + 2 * reply_days + 40 >= $1 AND instansi_path >= $2 AND instansi_path < $3",
    )
    .bind(day)
    .bind(scope)
    .bind(crate::store::subtree_end(scope))
    .fetch_all(pool)
    .await
}

/// `refresh_facts_of` in a transaction of its own.
pub(crate) async fn refresh_facts_listed(
    pool: &P,
    reference: &Reference,
    ids: &[ComplaintId],
) -> Res<u64> {
    let mut tx = begin_write(pool).await?;
    let n = refresh_facts_of(&mut tx, reference, ids).await?;
    tx.commit().await?;
    Ok(n)
}

/// Whether this session may rewrite any fact (the owner on PostgreSQL; anyone on SQLite).
pub(crate) async fn may_refresh_facts(pool: &P) -> Res<bool> {
    if IS_SQLITE {
        return Ok(true);
    }
    let owner: Option<bool> =
        sqlx::query_scalar("SELECT m.owner FROM meja_me(current_user) m")
            .fetch_optional(pool)
            .await?;
    Ok(owner.unwrap_or(false))
}
