//! On SQLite an import's new reports are written through the handle of the import's own
//! connection, which sqlx lends while its worker thread stands still (`lock_handle`): one prepared
//! statement per table, a row per step, its values bound in place. Through sqlx every value was
//! copied into an argument buffer, handed to the connection's thread and bound again, and a
//! multi-row statement of 18,500 parameters was reset and cleared after each run: half the
//! writer's instructions, where SQLite's own insert is a few microseconds a row.
//!
//! The rows and their values are those the sqlx writer bound (`tests/import/storage.rs` checks
//! every column's storage class after an import).

use super::{NewRow, Sums};
use crate::domain::monev::fact::{Fact, day_number, month_start};
use crate::store::ms;
use crate::store::rollups::FACT_COLUMNS;
use rusqlite::{Connection, Statement, params};
use std::borrow::Cow;

const COMPLAINT_COLUMNS: &str = "id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, lat, lon, \
    kategori_id, tags, anonim, rahasia, attachments, instansi_id, instansi_path, assignee_id, routed_by, escalated_to, \
    pending_reply_by, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, clock_paused, \
    breach_at, close_at, clock_breached_at, source, source_id, source_digest, source_status, search_judul, search_isi";
const EVENT_COLUMNS: &str = "complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, recorded_at";
const REPORTER_COLUMNS: &str = "complaint_id, name, phone, email, nik";

/// Runs `write` on the raw handle of `conn`, lent by sqlx for the call.
async fn on_handle<T>(
    conn: &mut sqlx::SqliteConnection,
    write: impl FnOnce(&Connection) -> rusqlite::Result<T>,
) -> sqlx::Result<T> {
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the pointer is sqlx's open connection, and while `handle` lives sqlx's worker makes
    // no call on it. `raw` does not own it (dropping it closes nothing) and is dropped, with every
    // statement prepared on it, before `handle`: declared after it, in this scope.
    let raw = unsafe { Connection::from_handle(handle.as_raw_handle().as_ptr()) }
        .map_err(RawError::wrap)?;
    write(&raw).map_err(RawError::wrap)
}

/// An `INSERT` of one row into `table`.
fn insert<'c>(
    db: &'c Connection,
    table: &str,
    columns: &str,
    tail: &str,
) -> rusqlite::Result<Statement<'c>> {
    let marks = vec!["?"; columns.split(", ").count()].join(", ");
    db.prepare(&format!(
        "INSERT INTO {table} ({columns}) VALUES ({marks}){tail}"
    ))
}

/// Writes new complaints with their reporters, events and monev facts, in the order given; with
/// `index_words`, their search words go into the full-text index after them, in one statement
/// (`pause_word_trigger`).
pub(super) async fn insert_rows(
    conn: &mut sqlx::SqliteConnection,
    rows: &[NewRow],
    impersonator: Option<&str>,
    index_words: bool,
) -> sqlx::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    on_handle(conn, |db| {
        let mut complaint = insert(db, "complaint", COMPLAINT_COLUMNS, "")?;
        let mut event = insert(db, "event", EVENT_COLUMNS, "")?;
        let mut reporter = insert(db, "reporter", REPORTER_COLUMNS, "")?;
        let mut fact = insert(db, "monev_fact", FACT_COLUMNS, "")?;
        for r in rows {
            write_complaint(&mut complaint, r)?;
            let p = &r.new.reporter;
            if p.name.is_some() || p.phone.is_some() || p.email.is_some() || p.nik.is_some() {
                reporter.execute(params![r.id, p.name, p.phone, p.email, p.nik])?;
            }
            for e in &r.events {
                event.execute(params![
                    r.id,
                    e.at,
                    e.actor_id,
                    e.actor,
                    e.kind.as_code(),
                    e.status.as_code(),
                    e.details,
                    e.batch,
                    e.version,
                    impersonator,
                    e.recorded_at,
                ])?;
            }
            if let Some(f) = &r.fact {
                write_fact(&mut fact, f)?;
            }
        }
        if index_words {
            let ids = rows.iter().map(|r| r.id.to_string()).collect::<Vec<_>>();
            db.execute(
                "INSERT INTO complaint_fts(rowid, search_judul, search_isi) \
                 SELECT id, search_judul, search_isi FROM complaint \
                 WHERE id IN (SELECT value FROM json_each(?1))",
                [format!("[{}]", ids.join(","))],
            )?;
        }
        Ok(())
    })
    .await
}

/// An import that keeps the complaint indexes (not a large one) indexes its reports' words a
/// batch at a time instead of by the insert trigger, row by row: every statement with a trigger
/// opens a savepoint, and at each savepoint the full-text table writes what it holds to disk, so
/// that row by row it wrote a segment per report and merged them again (measured with callgrind:
/// three quarters of a 13,000-record import's instructions). The trigger is dropped inside the
/// import's transaction (a failed import brings it back) and made again before it commits
/// (`resume_word_trigger`).
pub(super) async fn pause_word_trigger(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP TRIGGER IF EXISTS {}",
        crate::store::indexes::FTS_INSERT_TRIGGER
    )))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(super) async fn resume_word_trigger(conn: &mut sqlx::SqliteConnection) -> sqlx::Result<()> {
    sqlx::query(crate::store::indexes::FTS_INSERT_TRIGGER_SQL)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn write_complaint(statement: &mut Statement<'_>, r: &NewRow) -> rusqlite::Result<usize> {
    let n = &r.new;
    let clock = r.clock.as_ref();
    statement.execute(params![
        r.id,
        r.status.as_code(),
        n.klasifikasi.as_code(),
        n.channel.as_code(),
        n.judul,
        n.isi,
        n.tanggal_kejadian.map(|d| d.to_string()),
        n.lokasi,
        n.lat,
        n.lon,
        r.kategori_id,
        json(&n.tags),
        n.anonim,
        n.rahasia,
        json(&n.attachments),
        r.instansi_id,
        r.instansi_path,
        r.assignee,
        r.routed_by,
        r.escalated_to,
        r.pending_reply_by,
        r.received_at,
        r.updated_at,
        r.version,
        clock.map(|b| b.kind.as_code()),
        clock.map(|b| ms(b.started_at)),
        clock.map(|b| b.working_days as i32),
        clock.is_some_and(|b| b.paused),
        r.breach_at,
        r.close_at,
        clock.and_then(|b| b.breached_at).map(ms),
        r.source,
        r.source_id,
        r.digest,
        r.source_status,
        r.words.0,
        r.words.1,
    ])
}

/// A fact's values in `FACT_COLUMNS` order, as `rollups::bind_fact!` binds them.
fn write_fact(statement: &mut Statement<'_>, f: &Fact) -> rusqlite::Result<usize> {
    statement.execute(params![
        f.complaint_id,
        f.instansi_path,
        f.klasifikasi.as_code(),
        f.assignee_id,
        f.status.as_code(),
        f.channel.as_code(),
        f.kategori_id,
        day_number(f.received_day),
        day_number(month_start(f.received_day)),
        f.excluded,
        f.selesai,
        f.verify_met as i32,
        f.verify_missed as i32,
        f.follow_met as i32,
        f.follow_missed as i32,
        f.reply_days.map(|d| d as i32),
        f.escalations_json(),
    ])
}

/// The tags and attachments as the complaint row keeps them: JSON arrays.
fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Adds the imported reports' monev sums to monev_tally and monev_handled (cells already there
/// are added to), then lets the triggers sum again.
pub(super) async fn add_sums(conn: &mut sqlx::SqliteConnection, sums: &Sums) -> sqlx::Result<()> {
    use super::{TALLY_COLUMNS, TALLY_SUMS};
    let add = super::sums::tally_added();
    let cells = sums.tally();
    on_handle(conn, |db| {
        let mut tally = insert(
            db,
            "monev_tally",
            &format!("grain, facet, day, instansi_path, {TALLY_COLUMNS}"),
            &format!(" ON CONFLICT (grain, facet, day, instansi_path) DO UPDATE SET {add}"),
        )?;
        for ((grain, facet, day, path), values) in &cells {
            debug_assert_eq!(values.len(), TALLY_SUMS);
            tally.raw_bind_parameter(1, grain)?;
            tally.raw_bind_parameter(2, facet)?;
            tally.raw_bind_parameter(3, day)?;
            tally.raw_bind_parameter(4, path)?;
            for (i, v) in values.iter().enumerate() {
                tally.raw_bind_parameter(5 + i, v)?;
            }
            tally.raw_execute()?;
        }
        let mut handled = insert(
            db,
            "monev_handled",
            "officer_id, day, n",
            " ON CONFLICT (officer_id, day) DO UPDATE SET n = monev_handled.n + excluded.n",
        )?;
        for ((officer, day), n) in &sums.handled {
            handled.execute(params![officer, *day as i32, n])?;
        }
        db.execute("DELETE FROM meja_meta WHERE key = 'bulk_load'", [])?;
        Ok(())
    })
    .await
}

/// SQLite's error through the raw handle, as sqlx reports a database's: its message, its
/// extended code, and what kind of constraint it broke.
#[derive(Debug)]
struct RawError {
    message: String,
    source: rusqlite::Error,
}

impl RawError {
    fn wrap(source: rusqlite::Error) -> sqlx::Error {
        sqlx::Error::Database(Box::new(RawError {
            message: source.to_string(),
            source,
        }))
    }

    fn code_number(&self) -> Option<i32> {
        match &self.source {
            rusqlite::Error::SqliteFailure(e, _) => Some(e.extended_code),
            _ => None,
        }
    }
}

impl std::fmt::Display for RawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RawError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl sqlx::error::DatabaseError for RawError {
    fn message(&self) -> &str {
        &self.message
    }

    fn code(&self) -> Option<Cow<'_, str>> {
        self.code_number().map(|c| Cow::Owned(c.to_string()))
    }

    fn as_error(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn as_error_mut(&mut self) -> &mut (dyn std::error::Error + Send + Sync + 'static) {
        self
    }

    fn into_error(self: Box<Self>) -> Box<dyn std::error::Error + Send + Sync + 'static> {
        self
    }

    fn kind(&self) -> sqlx::error::ErrorKind {
        use rusqlite::ffi;
        use sqlx::error::ErrorKind;
        match self.code_number() {
            Some(ffi::SQLITE_CONSTRAINT_UNIQUE | ffi::SQLITE_CONSTRAINT_PRIMARYKEY) => {
                ErrorKind::UniqueViolation
            }
            Some(ffi::SQLITE_CONSTRAINT_FOREIGNKEY) => ErrorKind::ForeignKeyViolation,
            Some(ffi::SQLITE_CONSTRAINT_NOTNULL) => ErrorKind::NotNullViolation,
            Some(ffi::SQLITE_CONSTRAINT_CHECK) => ErrorKind::CheckViolation,
            _ => ErrorKind::Other,
        }
    }
}
