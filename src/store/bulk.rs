//! The seed's bulk loader: writes the world and the simulated lives (`crate::seed`) as fast as the
//! backend takes them. Rows go in as multi-row inserts inside large transactions; on SQLite the
//! secondary indexes and the full-text index are built once at the end instead of row by row.

use super::rollups::{FACT_ARITY, FACT_COLUMNS, bind_fact};
use super::{
    Backend, Doing, Reference, Store, StoreError, cached_due, from_ms, indexes, ms, rollups,
};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::model::Event;
use crate::domain::monev::fact::Fact;
use crate::domain::stem;
use crate::domain::types::EventKind;
use crate::seed::life::Batch;
use crate::seed::world::World;
use chrono::Utc;
use std::collections::HashMap;
use std::time::Instant;

pub(crate) async fn insert_world(store: &Store, world: &World) -> Result<(), StoreError> {
    match &store.backend {
        Backend::Sqlite(pool) => {
            let mut tx = pool
                .begin()
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
            insert_world_sqlite(&mut tx, world)
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
            tx.commit()
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
        }
        Backend::Postgres(pool) => {
            let mut tx = pool
                .begin()
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
            insert_world_pg(&mut tx, world)
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
            tx.commit()
                .await
                .doing("writing the seed's instansi tree, officers and categories")?;
        }
    }
    store.reload().await
}

macro_rules! world_inserter {
    ($name:ident, $db:ty, $ops:ident) => {
        async fn $name(tx: &mut sqlx::Transaction<'_, $db>, world: &World) -> Result<(), sqlx::Error> {
            for s in &world.instansi {
                super::$ops::insert_instansi(&mut **tx, &s.inst).await?;
            }
            for (id, alias) in world.aliases() {
                super::$ops::insert_alias(&mut **tx, id, &alias).await?;
            }
            for c in &world.categories {
                sqlx::query("INSERT INTO category (id, parent_id, name) VALUES ($1, $2, $3)")
                    .bind(c.id)
                    .bind(c.parent_id)
                    .bind(&c.name)
                    .execute(&mut **tx)
                    .await?;
            }
            let created = ms(Utc::now());
            for o in &world.officers {
                sqlx::query("INSERT INTO officer (id, username, name, role, instansi_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(o.id)
                    .bind(&o.username)
                    .bind(&o.name)
                    .bind(o.role.as_code())
                    .bind(o.instansi_id)
                    .bind(true)
                    .bind(created)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }
    };
}
world_inserter!(insert_world_sqlite, sqlx::Sqlite, on_sqlite);
world_inserter!(insert_world_pg, sqlx::Postgres, on_postgres);

const COMPLAINT_COLUMNS: &str = "id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, kategori_id, tags, anonim, rahasia, \
    instansi_id, instansi_path, assignee_id, routed_by, escalated_to, \
    pending_reply_by, hold_until, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, clock_paused, breach_at, close_at, clock_breached_at, \
    search_judul, search_isi";
const COMPLAINT_ARITY: usize = 31;
const REPORTER_COLUMNS: &str = "complaint_id, name, phone, email, nik";
const REPORTER_ARITY: usize = 5;
const EVENT_COLUMNS: &str = "id, complaint_id, at, actor_id, actor, kind, status, details";
const EVENT_ARITY: usize = 8;

/// `INSERT INTO table (cols) VALUES ($1, ...), (...)` for `rows` rows: one text per batch size,
/// so each backend prepares it once. SQLite gets anonymous `?` placeholders: looking up a named
/// parameter is linear in SQLite, which makes thousands of `$N` quadratic.
pub(crate) fn multi_insert(
    table: &str,
    columns: &str,
    arity: usize,
    rows: usize,
    anonymous: bool,
) -> String {
    let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..arity {
            if c > 0 {
                sql.push_str(", ");
            }
            if anonymous {
                sql.push('?');
            } else {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
            n += 1;
        }
        sql.push(')');
    }
    sql
}

/// The stemmed title and body (`stem::stem_text`) of each complaint of a batch, in order.
pub(crate) type Words = Vec<(String, String)>;

/// The search words of a batch, which the generator thread computes while the writer writes.
pub(crate) fn search_words(batch: &Batch) -> Words {
    batch
        .complaints
        .iter()
        .map(|c| (stem::stem_text(&c.judul), stem::stem_text(&c.isi)))
        .collect()
}

macro_rules! bind_complaint {
    ($q:expr, $c:expr, $words:expr, $calendar:expr) => {{
        let (c, words) = ($c, $words);
        // Due times are cached as for any report (`cached_due`), on the clock the life left.
        let (breach_at, close_at) = cached_due(c.clock.as_ref(), $calendar, c.zone);
        $q.bind(c.id)
            .bind(c.status.as_code())
            .bind(c.klasifikasi.as_code())
            .bind(c.channel.as_code())
            .bind(&c.judul)
            .bind(&c.isi)
            .bind(&c.tanggal_kejadian)
            .bind(&c.lokasi)
            .bind(c.kategori_id)
            .bind(&c.tags)
            .bind(c.anonim)
            .bind(c.rahasia)
            .bind(c.instansi_id)
            .bind(&c.instansi_path)
            .bind(c.assignee)
            .bind(c.routed_by)
            .bind(c.escalated_to)
            .bind(c.pending_reply_by)
            .bind(&c.hold_until)
            .bind(c.received_at)
            .bind(c.updated_at)
            .bind(c.version)
            .bind(c.clock.map(|b| b.kind.as_code()))
            .bind(c.clock.map(|b| ms(b.started_at)))
            .bind(c.clock.map(|b| b.working_days as i32))
            .bind(c.clock.is_some_and(|b| b.paused))
            .bind(breach_at)
            .bind(close_at)
            .bind(c.clock.and_then(|b| b.breached_at).map(ms))
            .bind(&words.0)
            .bind(&words.1)
    }};
}

macro_rules! bind_event {
    ($q:expr, $e:expr) => {{
        let e = $e;
        $q.bind(e.id)
            .bind(e.complaint_id)
            .bind(e.at)
            .bind(e.actor_id)
            .bind(&e.actor)
            .bind(e.kind)
            .bind(e.status.as_code())
            .bind(&e.details)
    }};
}

const COMPLAINTS_PER_STATEMENT: usize = 500;
const FACTS_PER_STATEMENT: usize = 1_000;
const EVENTS_PER_STATEMENT: usize = 2_000;

macro_rules! batch_inserter {
    ($name:ident, $db:ty, $anonymous:expr, $setup:expr) => {
        async fn $name(
            pool: &sqlx::Pool<$db>,
            batch: &Batch,
            words: &Words,
            calendar: &WorkingCalendar,
            facts: &[Fact],
        ) -> Result<(), sqlx::Error> {
            use sqlx::Connection;
            let mut conn = pool.acquire().await?;
            for &pragma in $setup.iter() {
                sqlx::query(pragma).execute(&mut *conn).await?;
            }
            let mut tx = conn.begin().await?;
            for (chunk, chunk_words) in batch
                .complaints
                .chunks(COMPLAINTS_PER_STATEMENT)
                .zip(words.chunks(COMPLAINTS_PER_STATEMENT))
            {
                let sql = multi_insert(
                    "complaint",
                    COMPLAINT_COLUMNS,
                    COMPLAINT_ARITY,
                    chunk.len(),
                    $anonymous,
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for (c, w) in chunk.iter().zip(chunk_words) {
                    q = bind_complaint!(q, c, w, calendar);
                }
                q.execute(&mut *tx).await?;
                // Reporter identity has a table of its own (row-level security on PostgreSQL).
                let reporters: Vec<_> = chunk.iter().filter(|c| !c.reporter.is_empty()).collect();
                if !reporters.is_empty() {
                    let sql = multi_insert(
                        "reporter",
                        REPORTER_COLUMNS,
                        REPORTER_ARITY,
                        reporters.len(),
                        $anonymous,
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for c in reporters {
                        q = q
                            .bind(c.id)
                            .bind(&c.reporter.name)
                            .bind(&c.reporter.phone)
                            .bind(&c.reporter.email)
                            .bind(&c.reporter.nik);
                    }
                    q.execute(&mut *tx).await?;
                }
            }
            for chunk in batch.events.chunks(EVENTS_PER_STATEMENT) {
                let sql =
                    multi_insert("event", EVENT_COLUMNS, EVENT_ARITY, chunk.len(), $anonymous);
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for e in chunk {
                    q = bind_event!(q, e);
                }
                q.execute(&mut *tx).await?;
            }
            for chunk in facts.chunks(FACTS_PER_STATEMENT) {
                let sql = multi_insert(
                    "monev_fact",
                    FACT_COLUMNS,
                    FACT_ARITY,
                    chunk.len(),
                    $anonymous,
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for f in chunk {
                    q = bind_fact!(q, f);
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await
        }
    };
}
/// A bulk load can be redone from its seed, so SQLite need not sync it to disk as it goes; a large
/// page cache and in-memory temporary storage keep the index builds off the disk.
const SQLITE_BULK_PRAGMAS: &[&str] = &[
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -262144",
    "PRAGMA temp_store = MEMORY",
];
batch_inserter!(insert_batch_sqlite, sqlx::Sqlite, true, SQLITE_BULK_PRAGMAS);
batch_inserter!(insert_batch_pg, sqlx::Postgres, false, [] as [&str; 0]);

pub(crate) async fn insert_batch(
    store: &Store,
    batch: &Batch,
    words: &Words,
    calendar: &WorkingCalendar,
    facts: &[Fact],
) -> Result<(), StoreError> {
    if words.len() != batch.complaints.len() {
        return Err(StoreError::Invalid(format!(
            "a seed batch of {} complaints came with the words of {}",
            batch.complaints.len(),
            words.len()
        )));
    }
    match &store.backend {
        Backend::Sqlite(pool) => insert_batch_sqlite(pool, batch, words, calendar, facts)
            .await
            .doing("writing a batch of seeded complaints")?,
        Backend::Postgres(pool) => insert_batch_pg(pool, batch, words, calendar, facts)
            .await
            .doing("writing a batch of seeded complaints")?,
    }
    Ok(())
}

/// The monev fact of each seeded complaint, from its simulated life (its events in the batch).
pub(crate) fn batch_facts(batch: &Batch, reference: &Reference) -> Result<Vec<Fact>, StoreError> {
    let mut logs: HashMap<i64, Vec<Event>> = HashMap::with_capacity(batch.complaints.len());
    for e in &batch.events {
        let kind = EventKind::from_code(e.kind).ok_or_else(|| {
            StoreError::Invalid(format!("the seed made an event of unknown kind {}", e.kind))
        })?;
        let details = serde_json::from_str(&e.details).map_err(|err| {
            StoreError::Invalid(format!("the seed made an event with bad details: {err}"))
        })?;
        logs.entry(e.complaint_id).or_default().push(Event {
            id: e.id,
            complaint_id: e.complaint_id,
            at: from_ms(e.at),
            recorded_at: None,
            actor: e.actor.clone(),
            kind,
            status: e.status,
            details,
            batch: None,
        });
    }
    Ok(batch
        .complaints
        .iter()
        .map(|c| {
            let mut log = logs.remove(&c.id).unwrap_or_default();
            log.sort_by_key(|e| e.id);
            rollups::fact_of(
                rollups::FactRow {
                    id: c.id,
                    received_at: from_ms(c.received_at),
                    channel: c.channel,
                    kategori_id: Some(c.kategori_id),
                    klasifikasi: c.klasifikasi,
                    instansi_id: c.instansi_id,
                    instansi_path: &c.instansi_path,
                    assignee_id: c.assignee,
                },
                &log,
                reference,
            )
        })
        .collect())
}

/// Before a SQLite load: drops the complaint and event indexes (`indexes::bulk_built`) and the
/// full-text trigger, so that rows go in without keeping them current. Should the load stop
/// before `finish`, the database is left without them; opening it for writing (or `meja
/// migrate`) rebuilds them from the same list (`indexes::restore`), and a read-only opening says
/// so instead of failing on a query hint.
pub(crate) async fn prepare(store: &Store) -> Result<(), StoreError> {
    // The monev sums are computed once at the end (`finish`), not fact by fact.
    store.bulk_rollups_begin().await?;
    if let Backend::Sqlite(pool) = &store.backend {
        let mut conn = pool
            .acquire()
            .await
            .doing("dropping indexes before the bulk load")?;
        for index in indexes::bulk_built() {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP INDEX IF EXISTS {}",
                index.name
            )))
            .execute(&mut *conn)
            .await
            .doing("dropping indexes before the bulk load")?;
        }
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP TRIGGER IF EXISTS {}",
            indexes::FTS_INSERT_TRIGGER
        )))
        .execute(&mut *conn)
        .await
        .doing("dropping indexes before the bulk load")?;
    }
    Ok(())
}

pub(crate) async fn finish(
    store: &Store,
    phases: &mut Vec<(&'static str, f64)>,
) -> Result<(), StoreError> {
    let mut clock = Instant::now();
    let mut lap = |phases: &mut Vec<(&'static str, f64)>, name: &'static str| {
        phases.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    match &store.backend {
        Backend::Sqlite(pool) => {
            let mut conn = pool
                .acquire()
                .await
                .doing("building indexes after the bulk load")?;
            // Let SQLite sort for CREATE INDEX on both cores, in memory.
            for &pragma in SQLITE_BULK_PRAGMAS
                .iter()
                .chain(&["PRAGMA threads = 2", "PRAGMA analysis_limit = 1000"])
            {
                sqlx::query(pragma)
                    .execute(&mut *conn)
                    .await
                    .doing("building indexes after the bulk load")?;
            }
            // A pooled connection may hold a schema from before the indexes were dropped; reading
            // the schema refreshes it so that CREATE INDEX is judged against the current one.
            sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                .execute(&mut *conn)
                .await
                .doing("building indexes after the bulk load")?;
            for index in indexes::bulk_built() {
                let sql = index.create_if_missing(super::BackendKind::Sqlite);
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *conn)
                    .await
                    .doing(format!("building index {} after the bulk load", index.name))?;
            }
            lap(phases, "indexes");
            sqlx::query("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
                .execute(&mut *conn)
                .await
                .doing("building indexes after the bulk load")?;
            sqlx::query(indexes::FTS_INSERT_TRIGGER_SQL)
                .execute(&mut *conn)
                .await
                .doing("bringing back the full-text trigger after the bulk load")?;
            lap(phases, "full-text index");
            store.sum_rollups().await?;
            lap(phases, "monev sums");
            sqlx::query("ANALYZE")
                .execute(&mut *conn)
                .await
                .doing("building indexes after the bulk load")?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await
                .doing("building indexes after the bulk load")?;
            for pragma in [
                "PRAGMA synchronous = NORMAL",
                "PRAGMA cache_size = -32000",
                "PRAGMA temp_store = DEFAULT",
            ] {
                sqlx::query(pragma)
                    .execute(&mut *conn)
                    .await
                    .doing("building indexes after the bulk load")?;
            }
            lap(phases, "analyze and checkpoint");
        }
        Backend::Postgres(pool) => {
            // Explicit ids were used; move the identity sequences past them.
            sqlx::query("SELECT setval(pg_get_serial_sequence('event', 'id'), COALESCE((SELECT MAX(id) FROM event), 0) + 1, false)").execute(pool).await.doing("building indexes after the bulk load")?;
            sqlx::query("SELECT setval(pg_get_serial_sequence('officer', 'id'), COALESCE((SELECT MAX(id) FROM officer), 0) + 1, false)").execute(pool).await.doing("building indexes after the bulk load")?;
            // New tracking numbers follow the seeded ones (officers cannot compute MAX(id)).
            sqlx::query("SELECT setval('complaint_tracking', GREATEST((SELECT MAX(id) FROM complaint), 1000000))").execute(pool).await.doing("building indexes after the bulk load")?;
            store.sum_rollups().await?;
            lap(phases, "monev sums");
            // VACUUM, not only ANALYZE: it sets the visibility map, without which every count
            // visits the heap (835 ms instead of 76 ms at 1M). It cannot run in a transaction
            // block, hence the simple protocol; the tables are named so that only this schema's
            // are vacuumed.
            sqlx::raw_sql(
                "VACUUM (ANALYZE) complaint, event, reporter, complaint_link, officer, instansi, category, holiday, \
                 monev_fact, monev_tally, monev_handled",
            )
            .execute(pool)
            .await
            .doing("vacuuming and analysing after the bulk load")?;
            lap(phases, "vacuum and analyze");
        }
    }
    Ok(())
}
