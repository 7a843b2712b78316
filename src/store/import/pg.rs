//! PostgreSQL's side of writing an import's new rows: one statement per table and batch, the
//! values bound as one array per column and spread by `UNNEST`, instead of a multi-row insert with
//! a parameter per value. The statement's text is the same for every batch (prepared and planned
//! once, where thousands of parameters were parsed and planned each time) and the values travel in
//! the binary format. Row-level security judges these inserts as any other (the owner's).

use super::{NewRow, Sums};
use crate::domain::monev::fact::{day_number, month_start};
use sqlx::PgConnection;
use std::fmt::Write;

/// Collects one column's values.
macro_rules! column {
    ($rows:expr, |$r:ident| $value:expr) => {
        $rows.iter().map(|$r| $value).collect::<Vec<_>>()
    };
}

/// Writes new complaints with their reporters, events and monev facts (`sqlite_rows::insert_rows` on SQLite).
pub(super) async fn insert(
    conn: &mut PgConnection,
    rows: &[NewRow],
    impersonator: Option<&str>,
) -> Result<(), sqlx::Error> {
    if rows.is_empty() {
        return Ok(());
    }
    let clock = |r: &NewRow| r.clock;
    sqlx::query(
        "INSERT INTO complaint (id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, lat, lon, \
           kategori_id, tags, anonim, rahasia, attachments, instansi_id, instansi_path, assignee_id, routed_by, \
           escalated_to, pending_reply_by, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, \
           clock_paused, breach_at, close_at, clock_breached_at, source, source_id, source_digest, source_status, \
           search_judul, search_isi) \
         SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], \
           $8::text[], $9::float8[], $10::float8[], $11::bigint[], $12::text[], $13::bool[], $14::bool[], $15::text[], \
           $16::bigint[], $17::text[], $18::bigint[], $19::bigint[], $20::bigint[], $21::bigint[], $22::bigint[], \
           $23::bigint[], $24::bigint[], $25::text[], $26::bigint[], $27::int[], $28::bool[], $29::bigint[], \
           $30::bigint[], $31::bigint[], $32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::text[])",
    )
    .bind(column!(rows, |r| r.id))
    .bind(column!(rows, |r| r.status.as_code()))
    .bind(column!(rows, |r| r.new.klasifikasi.as_code()))
    .bind(column!(rows, |r| r.new.channel.as_code()))
    .bind(column!(rows, |r| r.new.judul.as_str()))
    .bind(column!(rows, |r| r.new.isi.as_str()))
    .bind(column!(rows, |r| r.new.tanggal_kejadian.map(|d| d.to_string())))
    .bind(column!(rows, |r| r.new.lokasi.as_deref()))
    .bind(column!(rows, |r| r.new.lat))
    .bind(column!(rows, |r| r.new.lon))
    .bind(column!(rows, |r| r.kategori_id))
    .bind(column!(rows, |r| serde_json::to_string(&r.new.tags)
        .unwrap_or_else(|_| "[]".into())))
    .bind(column!(rows, |r| r.new.anonim))
    .bind(column!(rows, |r| r.new.rahasia))
    .bind(column!(rows, |r| serde_json::to_string(&r.new.attachments)
        .unwrap_or_else(|_| "[]".into())))
    .bind(column!(rows, |r| r.instansi_id))
    .bind(column!(rows, |r| r.instansi_path.as_str()))
    .bind(column!(rows, |r| r.assignee))
    .bind(column!(rows, |r| r.routed_by))
    .bind(column!(rows, |r| r.escalated_to))
    .bind(column!(rows, |r| r.pending_reply_by))
    .bind(column!(rows, |r| r.received_at))
    .bind(column!(rows, |r| r.updated_at))
    .bind(column!(rows, |r| r.version))
    .bind(column!(rows, |r| clock(r).map(|b| b.kind.as_code())))
    .bind(column!(rows, |r| clock(r).map(|b| crate::store::ms(b.started_at))))
    .bind(column!(rows, |r| clock(r).map(|b| b.working_days as i32)))
    .bind(column!(rows, |r| clock(r).is_some_and(|b| b.paused)))
    .bind(column!(rows, |r| r.breach_at))
    .bind(column!(rows, |r| r.close_at))
    .bind(column!(rows, |r| clock(r)
        .and_then(|b| b.breached_at)
        .map(crate::store::ms)))
    .bind(column!(rows, |r| r.source.as_str()))
    .bind(column!(rows, |r| r.source_id.as_str()))
    .bind(column!(rows, |r| r.digest.as_str()))
    .bind(column!(rows, |r| r.source_status.as_deref()))
    .bind(column!(rows, |r| r.words.0.as_str()))
    .bind(column!(rows, |r| r.words.1.as_str()))
    .execute(&mut *conn)
    .await?;
    // Reporter identity has a table of its own (row-level security).
    let reporters: Vec<&NewRow> = rows
        .iter()
        .filter(|r| {
            let p = &r.new.reporter;
            p.name.is_some() || p.phone.is_some() || p.email.is_some() || p.nik.is_some()
        })
        .collect();
    if !reporters.is_empty() {
        sqlx::query(
            "INSERT INTO reporter (complaint_id, name, phone, email, nik) \
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])",
        )
        .bind(column!(reporters, |r| r.id))
        .bind(column!(reporters, |r| r.new.reporter.name.as_deref()))
        .bind(column!(reporters, |r| r.new.reporter.phone.as_deref()))
        .bind(column!(reporters, |r| r.new.reporter.email.as_deref()))
        .bind(column!(reporters, |r| r.new.reporter.nik.as_deref()))
        .execute(&mut *conn)
        .await?;
    }
    let events: Vec<(i64, &super::EventRow)> = rows
        .iter()
        .flat_map(|r| r.events.iter().map(move |e| (r.id, e)))
        .collect();
    sqlx::query(
        "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, \
           recorded_at) \
         SELECT * FROM UNNEST($1::bigint[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], \
           $7::text[], $8::text[], $9::bigint[], $10::text[], $11::bigint[])",
    )
    .bind(column!(events, |e| e.0))
    .bind(column!(events, |e| e.1.at))
    .bind(column!(events, |e| e.1.actor_id))
    .bind(column!(events, |e| e.1.actor.as_str()))
    .bind(column!(events, |e| e.1.kind.as_code()))
    .bind(column!(events, |e| e.1.status.as_code()))
    .bind(column!(events, |e| e.1.details.as_str()))
    .bind(column!(events, |e| e.1.batch.as_deref()))
    .bind(column!(events, |e| e.1.version))
    .bind(column!(events, |_e| impersonator))
    .bind(column!(events, |e| e.1.recorded_at))
    .execute(&mut *conn)
    .await?;
    let facts: Vec<&crate::domain::monev::fact::Fact> =
        rows.iter().filter_map(|r| r.fact.as_ref()).collect();
    if !facts.is_empty() {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO monev_fact ({}) \
             SELECT * FROM UNNEST($1::bigint[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::text[], \
               $7::bigint[], $8::int[], $9::int[], $10::bool[], $11::bool[], $12::int[], $13::int[], $14::int[], \
               $15::int[], $16::int[], $17::text[])",
            crate::store::rollups::FACT_COLUMNS
        )))
        .bind(column!(facts, |f| f.complaint_id))
        .bind(column!(facts, |f| f.instansi_path.as_str()))
        .bind(column!(facts, |f| f.klasifikasi.as_code()))
        .bind(column!(facts, |f| f.assignee_id))
        .bind(column!(facts, |f| f.status.as_code()))
        .bind(column!(facts, |f| f.channel.as_code()))
        .bind(column!(facts, |f| f.kategori_id))
        .bind(column!(facts, |f| day_number(f.received_day)))
        .bind(column!(facts, |f| day_number(month_start(f.received_day))))
        .bind(column!(facts, |f| f.excluded))
        .bind(column!(facts, |f| f.selesai))
        .bind(column!(facts, |f| f.verify_met as i32))
        .bind(column!(facts, |f| f.verify_missed as i32))
        .bind(column!(facts, |f| f.follow_met as i32))
        .bind(column!(facts, |f| f.follow_missed as i32))
        .bind(column!(facts, |f| f.reply_days.map(|d| d as i32)))
        .bind(column!(facts, |f| f.escalations_json()))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Cells of the sums per statement.
const CELLS_PER_STATEMENT: usize = 20_000;

/// Adds a large import's monev sums to monev_tally and monev_handled (`sqlite_rows::add_sums` on SQLite).
/// Into a table that holds no sums yet (a first import) they go by COPY: nothing to add to, and
/// no arrays to unpack (a million reports make millions of cells).
pub(super) async fn add_sums(conn: &mut PgConnection, sums: &Sums) -> Result<(), sqlx::Error> {
    use super::TALLY_COLUMNS;
    let cells = sums.tally();
    let handled: Vec<_> = sums.handled.iter().collect();
    if empty(conn, "monev_tally").await? {
        let statement = format!(
            "COPY monev_tally (grain, facet, day, instansi_path, {TALLY_COLUMNS}) FROM STDIN"
        );
        copy_lines(
            conn,
            &statement,
            &cells,
            |rows, ((grain, facet, day, path), values)| {
                copy_field(rows, grain);
                rows.push('\t');
                copy_field(rows, facet);
                // Writing to a String cannot fail.
                let _ = write!(rows, "\t{day}\t");
                copy_field(rows, path);
                for v in values.iter() {
                    let _ = write!(rows, "\t{v}");
                }
                rows.push('\n');
            },
        )
        .await?;
    } else {
        upsert_tally(conn, &cells).await?;
    }
    if empty(conn, "monev_handled").await? {
        let statement = "COPY monev_handled (officer_id, day, n) FROM STDIN";
        copy_lines(conn, statement, &handled, |rows, ((officer, day), n)| {
            let _ = writeln!(
                rows,
                "{officer}\t{}\t{}",
                i32::try_from(*day).unwrap_or(i32::MAX),
                i32::try_from(**n).unwrap_or(i32::MAX)
            );
        })
        .await?;
    } else {
        upsert_handled(conn, &handled).await?;
    }
    sqlx::query("DELETE FROM meja_meta WHERE key = 'bulk_load'")
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Bytes of COPY rows sent at a time.
const COPY_CHUNK: usize = 1 << 20;

/// Sends `items` to `statement` (a `COPY ... FROM STDIN`), each written as one line by `line`,
/// in chunks of about `COPY_CHUNK` bytes.
async fn copy_lines<T>(
    conn: &mut PgConnection,
    statement: &str,
    items: impl IntoIterator<Item = T>,
    mut line: impl FnMut(&mut String, T),
) -> Result<(), sqlx::Error> {
    let mut rows = String::with_capacity(COPY_CHUNK + 4096);
    let mut copy = conn.copy_in_raw(statement).await?;
    for item in items {
        line(&mut rows, item);
        if rows.len() >= COPY_CHUNK {
            copy.send(rows.as_bytes()).await?;
            rows.clear();
        }
    }
    copy.send(rows.as_bytes()).await?;
    copy.finish().await?;
    Ok(())
}

/// Whether `table` holds no rows, locked against writers until the import commits (the import
/// already holds the tables whose triggers write it; this keeps anything else out too).
async fn empty(conn: &mut PgConnection, table: &'static str) -> Result<bool, sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE"
    )))
    .execute(&mut *conn)
    .await?;
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT NOT EXISTS (SELECT 1 FROM {table})"
    )))
    .fetch_one(&mut *conn)
    .await
}

/// A text field of a COPY row (text format): backslash, tab and line ends escaped.
fn copy_field(rows: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '\\' => rows.push_str("\\\\"),
            '\t' => rows.push_str("\\t"),
            '\n' => rows.push_str("\\n"),
            '\r' => rows.push_str("\\r"),
            c => rows.push(c),
        }
    }
}

type Cells<'a> = [(super::sums::Cell, &'a super::sums::Counts)];

/// Adds cells to monev_tally's (`add_sums`, when it holds sums already).
async fn upsert_tally(conn: &mut PgConnection, cells: &Cells<'_>) -> Result<(), sqlx::Error> {
    use super::{TALLY_COLUMNS, TALLY_SUMS};
    let add = super::sums::tally_added();
    let arrays = (5..5 + TALLY_SUMS)
        .map(|n| format!("${n}::int[]"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "INSERT INTO monev_tally (grain, facet, day, instansi_path, {TALLY_COLUMNS}) \
         SELECT * FROM UNNEST($1::text[], $2::text[], $3::int[], $4::text[], {arrays}) \
         ON CONFLICT (grain, facet, day, instansi_path) DO UPDATE SET {add}"
    );
    for chunk in cells.chunks(CELLS_PER_STATEMENT) {
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .bind(column!(chunk, |c| c.0.0))
            .bind(column!(chunk, |c| c.0.1.as_str()))
            .bind(column!(chunk, |c| c.0.2))
            .bind(column!(chunk, |c| c.0.3.as_str()));
        for i in 0..TALLY_SUMS {
            q = q.bind(column!(chunk, |c| c.1[i]));
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Adds moves to monev_handled's (`add_sums`, when it holds some already).
async fn upsert_handled(
    conn: &mut PgConnection,
    handled: &[(&(i64, i64), &i64)],
) -> Result<(), sqlx::Error> {
    for chunk in handled.chunks(CELLS_PER_STATEMENT) {
        sqlx::query(
            "INSERT INTO monev_handled (officer_id, day, n) \
             SELECT * FROM UNNEST($1::bigint[], $2::int[], $3::int[]) \
             ON CONFLICT (officer_id, day) DO UPDATE SET n = monev_handled.n + excluded.n",
        )
        .bind(column!(chunk, |c| c.0.0))
        .bind(column!(chunk, |c| i32::try_from(c.0.1).unwrap_or(i32::MAX)))
        .bind(column!(chunk, |c| i32::try_from(*c.1).unwrap_or(i32::MAX)))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// After a large import has committed: VACUUM, not only ANALYZE, as after the seed's bulk load
/// (the visibility map, without which every count visits the heap, and the planner's
/// statistics). It cannot run in a transaction block, hence the simple protocol; the tables are
/// named so that only this schema's are vacuumed. Through a transaction pooler every checkout is
/// a transaction (pooler.rs), in which VACUUM cannot run ("cannot run inside a transaction
/// block", after the import had committed): there the statistics are made and the visibility map
/// is left to autovacuum.
pub(super) async fn vacuum(pool: &sqlx::PgPool, pooled: bool) -> Result<(), sqlx::Error> {
    const TABLES: &str = "complaint, event, reporter, monev_fact, monev_tally, monev_handled";
    let verb = if pooled {
        "ANALYZE"
    } else {
        "VACUUM (ANALYZE)"
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("{verb} {TABLES}")))
        .execute(pool)
        .await
        .map(|_| ())
}
