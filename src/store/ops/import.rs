// `meja import`: the SQL of an import, all of it inside the one transaction the import holds (the
// caller passes its connection). Included by `on_sqlite` and `on_postgres` (mod.rs) after
// common.rs, whose imports it shares. Rows go in as multi-row inserts, as the seed's bulk loader
// writes them.

type Conn = <Db as sqlx::Database>::Connection;

/// The write transaction an import runs in (IMMEDIATE on SQLite, as every write here). A large
/// import on SQLite keeps its statement journals in memory: SQLite decides where they go when the
/// transaction begins, so the pragma comes first (set inside the transaction, each multi-row
/// insert wrote the pages it changed to a temporary file, a quarter of the import's time).
pub(crate) async fn import_begin(pool: &P, large: bool) -> Res<sqlx::Transaction<'static, Db>> {
    if !IS_SQLITE || !large {
        return begin_write(pool).await;
    }
    let mut conn = pool.acquire().await?;
    // What is set here is the import's alone: the connection is closed after it, never handed to
    // another command with these settings.
    conn.close_on_drop();
    // Foreign keys are not checked row by row: every row the import writes names a complaint it
    // wrote before or read (half the cost of writing an event, with the triggers below).
    for pragma in ["PRAGMA temp_store = MEMORY", "PRAGMA foreign_keys = OFF"] {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    sqlx::Transaction::begin(conn, Some(sqlx::SqlSafeStr::into_sql_str("BEGIN IMMEDIATE"))).await
}

/// The reports this source delivered before: source id, complaint, digest and the source's status.
pub(crate) async fn import_known(
    conn: &mut Conn,
    source: &str,
) -> Res<Vec<(String, ComplaintId, Option<String>, Option<String>)>> {
    sqlx::query_as(
        "SELECT source_id, id, source_digest, source_status FROM complaint WHERE source = $1",
    )
    .bind(source)
    .fetch_all(&mut *conn)
    .await
}

/// Every tracking number in use, and the highest (or where new ones start).
pub(crate) async fn import_taken_ids(conn: &mut Conn) -> Res<(Vec<ComplaintId>, i64)> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM complaint")
        .fetch_all(&mut *conn)
        .await?;
    // On PostgreSQL the sequence may be ahead of the table (numbers handed out, then rolled back).
    let floor: i64 = if IS_SQLITE {
        1_000_000
    } else {
        sqlx::query_scalar("SELECT last_value FROM complaint_tracking")
            .fetch_one(&mut *conn)
            .await?
    };
    let high = ids.iter().copied().max().unwrap_or(0).max(floor);
    Ok((ids, high))
}

/// Officers by username, for the assignees and actors of imported history, with the zone of
/// their instansi (the day their moves count on, monev_handled).
pub(crate) async fn import_officers(conn: &mut Conn) -> Res<Vec<(String, OfficerId, String)>> {
    sqlx::query_as(
        "SELECT o.username, o.id, i.zone FROM officer o JOIN instansi i ON i.id = o.instansi_id",
    )
    .fetch_all(&mut *conn)
    .await
}

const IMPORT_COMPLAINT_COLUMNS: &str = "id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, lat, lon, \
    kategori_id, tags, anonim, rahasia, attachments, instansi_id, instansi_path, assignee_id, routed_by, escalated_to, \
    pending_reply_by, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, clock_paused, \
    breach_at, close_at, clock_breached_at, source, source_id, source_digest, source_status, search_judul, search_isi";
const IMPORT_COMPLAINT_ARITY: usize = 37;
const IMPORT_EVENT_COLUMNS: &str =
    "complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, recorded_at";
const IMPORT_EVENT_ARITY: usize = 11;
const IMPORT_REPORTER_COLUMNS: &str = "complaint_id, name, phone, email, nik";
const IMPORT_REPORTER_ARITY: usize = 5;
const IMPORT_EVENTS_PER_STATEMENT: usize = 2_000;
const IMPORT_ROWS_PER_STATEMENT: usize = 500;
const IMPORT_FACTS_PER_STATEMENT: usize = 1_000;
/// monev_tally cells (39 values) or monev_handled cells per statement.
const IMPORT_CELLS_PER_STATEMENT: usize = 800;

/// What is written after the complaints it belongs to, in statements of a fixed size: a
/// multi-row insert of another size is another statement for SQLite to prepare (thousands of
/// parameters), so what does not fill one waits for the next batch (`all`: nothing waits).
#[derive(Default)]
pub(crate) struct ImportCarry {
    pub events: Vec<(ComplaintId, crate::store::import::EventRow)>,
    pub reporters: Vec<(ComplaintId, crate::domain::Reporter)>,
    pub facts: Vec<crate::domain::monev::fact::Fact>,
}

/// The text of a multi-row insert of `rows` rows, made once per table and size.
fn insert_sql(table: &'static str, columns: &'static str, arity: usize, rows: usize) -> String {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    static MADE: OnceLock<Mutex<HashMap<(&'static str, usize), String>>> = OnceLock::new();
    let made = MADE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut made = match made.lock() {
        Ok(m) => m,
        Err(poisoned) => poisoned.into_inner(),
    };
    made.entry((table, rows))
        .or_insert_with(|| crate::store::bulk::multi_insert(table, columns, arity, rows, IS_SQLITE))
        .clone()
}

/// Writes new complaints (all of `rows`) with their reporters, events and monev facts: what
/// fills whole statements of `carry`, all of it when `all`.
pub(crate) async fn import_insert(
    conn: &mut Conn,
    rows: Vec<crate::store::import::NewRow>,
    carry: &mut ImportCarry,
    impersonator: Option<&str>,
    all: bool,
) -> Res<()> {
    // Owned values are bound as they are; a borrowed text would be copied first.
    let mut rows = rows.into_iter();
    while rows.len() > 0 {
        let n = rows.len().min(IMPORT_ROWS_PER_STATEMENT);
        let sql = insert_sql("complaint", IMPORT_COMPLAINT_COLUMNS, IMPORT_COMPLAINT_ARITY, n);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for r in rows.by_ref().take(n) {
            q = bind_import_complaint(q, r);
        }
        q.execute(&mut *conn).await?;
    }
    let whole = |n: usize, per: usize| if all { n } else { n - n % per };
    let n = whole(carry.reporters.len(), IMPORT_ROWS_PER_STATEMENT);
    let mut reporters = carry.reporters.drain(..n).collect::<Vec<_>>().into_iter();
    while reporters.len() > 0 {
        let n = reporters.len().min(IMPORT_ROWS_PER_STATEMENT);
        let sql = insert_sql("reporter", IMPORT_REPORTER_COLUMNS, IMPORT_REPORTER_ARITY, n);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, p) in reporters.by_ref().take(n) {
            q = q.bind(id).bind(p.name).bind(p.phone).bind(p.email).bind(p.nik);
        }
        q.execute(&mut *conn).await?;
    }
    let n = whole(carry.events.len(), IMPORT_EVENTS_PER_STATEMENT);
    let mut events = carry.events.drain(..n).collect::<Vec<_>>().into_iter();
    while events.len() > 0 {
        let n = events.len().min(IMPORT_EVENTS_PER_STATEMENT);
        let sql = insert_sql("event", IMPORT_EVENT_COLUMNS, IMPORT_EVENT_ARITY, n);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, e) in events.by_ref().take(n) {
            q = q
                .bind(id)
                .bind(e.at)
                .bind(e.actor_id)
                .bind(e.actor)
                .bind(e.kind.as_code())
                .bind(e.status.as_code())
                .bind(e.details)
                .bind(e.batch)
                .bind(e.version)
                .bind(impersonator)
                .bind(e.recorded_at);
        }
        q.execute(&mut *conn).await?;
    }
    // Each new report's monev fact, computed with its row (`import::new_rows`).
    let n = whole(carry.facts.len(), IMPORT_FACTS_PER_STATEMENT);
    for chunk in carry.facts.drain(..n).collect::<Vec<_>>().chunks(IMPORT_FACTS_PER_STATEMENT) {
        use crate::store::rollups::{FACT_ARITY, FACT_COLUMNS, bind_fact};
        let sql = insert_sql("monev_fact", FACT_COLUMNS, FACT_ARITY, chunk.len());
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for f in chunk {
            q = bind_fact!(q, f);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

fn bind_import_complaint<'q>(
    q: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    r: crate::store::import::NewRow,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    let n = r.new;
    let clock = r.clock.as_ref();
    q.bind(r.id)
        .bind(r.status.as_code())
        .bind(n.klasifikasi.as_code())
        .bind(n.channel.as_code())
        .bind(n.judul)
        .bind(n.isi)
        .bind(n.tanggal_kejadian.map(|d| d.to_string()))
        .bind(n.lokasi)
        .bind(n.lat)
        .bind(n.lon)
        .bind(r.kategori_id)
        .bind(serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into()))
        .bind(n.anonim)
        .bind(n.rahasia)
        .bind(serde_json::to_string(&n.attachments).unwrap_or_else(|_| "[]".into()))
        .bind(r.instansi_id)
        .bind(r.instansi_path)
        .bind(r.assignee)
        .bind(r.routed_by)
        .bind(r.escalated_to)
        .bind(r.pending_reply_by)
        .bind(r.received_at)
        .bind(r.updated_at)
        .bind(r.version)
        .bind(clock.map(|b| b.kind.as_code()))
        .bind(clock.map(|b| crate::store::ms(b.started_at)))
        .bind(clock.map(|b| b.working_days as i32))
        .bind(clock.is_some_and(|b| b.paused))
        .bind(r.breach_at)
        .bind(r.close_at)
        .bind(clock.and_then(|b| b.breached_at).map(crate::store::ms))
        .bind(r.source)
        .bind(r.source_id)
        .bind(r.digest)
        .bind(r.source_status)
        .bind(r.words.0)
        .bind(r.words.1)
}

pub(crate) async fn import_content(
    conn: &mut Conn,
    id: ComplaintId,
) -> Res<Option<(crate::store::import::CurrentContent, State)>> {
    let content = sqlx::query_as::<_, crate::store::import::CurrentContent>(
        "SELECT judul, isi, lokasi, lat, lon, tanggal_kejadian, tags, kategori_id FROM complaint WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let state = load_state(&mut *conn, id).await?;
    Ok(content.zip(state))
}

/// Records a re-delivered report's new content: the event (a note saying what changed, old and
/// new) first, naming the version it produces, then the row, as every move is written.
pub(crate) async fn import_change(
    conn: &mut Conn,
    change: &crate::store::import::ContentChange,
    impersonator: Option<&str>,
) -> Res<()> {
    let n = &change.new;
    sqlx::query("INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version, impersonator) \
                 VALUES ($1, $2, $3, $4, 'note', $5, $6, $7, $8)")
        .bind(change.id)
        .bind(change.at)
        .bind(change.actor_id)
        .bind(&change.actor)
        .bind(change.status.as_code())
        .bind(&change.details)
        .bind(change.version + 1)
        .bind(impersonator)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "UPDATE complaint SET judul = $1, isi = $2, lokasi = $3, lat = $4, lon = $5, tanggal_kejadian = $6, \
           tags = $7, kategori_id = $8, updated_at = $9, version = version + 1, \
           search_judul = $12, search_isi = $13 \
         WHERE id = $10 AND version = $11",
    )
    .bind(&n.judul)
    .bind(&n.isi)
    .bind(n.lokasi.as_deref())
    .bind(n.lat)
    .bind(n.lon)
    .bind(n.tanggal_kejadian.map(|d| d.to_string()))
    .bind(serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into()))
    .bind(change.kategori_id)
    .bind(change.at)
    .bind(change.id)
    .bind(change.version)
    .bind(stem::stem_text(&n.judul))
    .bind(stem::stem_text(&n.isi))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Remembers what the source last delivered for a complaint (its digest and status).
pub(crate) async fn import_remember(
    conn: &mut Conn,
    id: ComplaintId,
    digest: &str,
    source_status: Option<&str>,
) -> Res<()> {
    sqlx::query("UPDATE complaint SET source_digest = $1, source_status = $2 WHERE id = $3")
        .bind(digest)
        .bind(source_status)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The indexes a large import builds once at the end instead of row by row: the indexes no
/// constraint needs of every table it fills (complaint, event, reporter, monev_fact), and on
/// PostgreSQL the full-text one. Each kept one costs a random insert per row.
fn import_rebuilt() -> impl Iterator<Item = &'static crate::store::indexes::Index> {
    crate::store::indexes::INDEXES.iter().filter(|i| {
        !i.unique
            && matches!(i.table, "complaint" | "event" | "reporter" | "monev_fact")
            && i.on_backend(if IS_SQLITE {
                crate::store::BackendKind::Sqlite
            } else {
                crate::store::BackendKind::Postgres
            })
    })
}

/// PostgreSQL's row triggers a large import disables while it writes (migrations 0001 and 0009):
/// the consoles' notification per event, and the monev sums' (which stand aside for it anyway).
const IMPORT_PG_ROW_TRIGGERS: [(&str, &str); 3] = [
    ("event", "event_notify"),
    ("event", "monev_handled_event"),
    ("monev_fact", "monev_fact_tally"),
];

/// A large import drops those indexes (and SQLite's full-text trigger, PostgreSQL's foreign keys
/// of those tables) inside its transaction (DDL is transactional on both backends: a failed
/// import brings them back with everything else), to build them once at the end
/// (`import_build_indexes`); what it returns is what that restores. On PostgreSQL this holds the
/// complaint and event tables until the import commits.
pub(crate) async fn import_drop_indexes(conn: &mut Conn) -> Res<Vec<String>> {
    if !IS_SQLITE {
        // Memory for building them again at the end, for this transaction only.
        sqlx::query("SET LOCAL maintenance_work_mem = '256MB'")
            .execute(&mut *conn)
            .await?;
        for index in import_rebuilt() {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP INDEX IF EXISTS {}",
                index.name
            )))
            .execute(&mut *conn)
            .await?;
        }
        // The row triggers stand aside for the import's rows (the monev sums are added once at
        // the end; the consoles are told once, `import_build_indexes`), but each still ran a
        // function per row, millions of times: they are disabled for this transaction alone (the
        // tables are held by the dropped indexes' locks already; a failed import brings them
        // back with everything else).
        for (table, trigger) in IMPORT_PG_ROW_TRIGGERS {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {table} DISABLE TRIGGER {trigger}"
            )))
            .execute(&mut *conn)
            .await?;
        }
        // Each foreign key checked every row it wrote with a query of its own (a third of the
        // server's time, measured with perf): the keys of the tables it fills go, and come back
        // at the end (`import_build_indexes`), where adding one checks every row against the
        // table it names in one join. A row naming nothing still fails the import then, before
        // it commits. Until then the referenced tables (officer, instansi, category) take no
        // writes from others either.
        let keys: Vec<(String, String)> = sqlx::query_as(
            "SELECT format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname), \
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', conrelid::regclass, conname, pg_get_constraintdef(oid)) \
             FROM pg_constraint WHERE contype = 'f' AND conrelid IN \
               ('complaint'::regclass, 'event'::regclass, 'reporter'::regclass, 'monev_fact'::regclass) \
             ORDER BY conrelid, conname",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (drop, _) in &keys {
            sqlx::query(sqlx::AssertSqlSafe(drop.clone()))
                .execute(&mut *conn)
                .await?;
        }
        return Ok(keys.into_iter().map(|(_, add)| add).collect());
    }
    // The statement journal of the multi-row inserts and the index sorts stay in memory.
    for pragma in ["PRAGMA cache_size = -262144", "PRAGMA temp_store = MEMORY"] {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    for index in import_rebuilt() {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "DROP INDEX IF EXISTS {}",
            index.name
        )))
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "DROP TRIGGER IF EXISTS {}",
        crate::store::indexes::FTS_INSERT_TRIGGER
    )))
    .execute(&mut *conn)
    .await?;
    // The monev triggers stand aside for the import's rows (the sums are added once at the end),
    // but even standing aside each costs a look at meja_meta per row: they go, to come back as
    // they were (`import_build_indexes`).
    let triggers: Vec<(String, String)> = sqlx::query_as(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' \
         AND name IN ('monev_fact_insert', 'monev_fact_update', 'monev_fact_delete', 'monev_handled_event')",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (name, _) in &triggers {
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP TRIGGER {name}")))
            .execute(&mut *conn)
            .await?;
    }
    Ok(triggers.into_iter().map(|(_, sql)| sql).collect())
}

/// After a large import: the indexes, the full-text index, and the triggers (SQLite) or foreign
/// keys (PostgreSQL) it dropped (`restore`, as `import_drop_indexes` found them).
pub(crate) async fn import_build_indexes(conn: &mut Conn, restore: &[String]) -> Res<()> {
    let kind = if IS_SQLITE {
        crate::store::BackendKind::Sqlite
    } else {
        crate::store::BackendKind::Postgres
    };
    if IS_SQLITE {
        // The pipeline has stopped: the sorts of the index builds may use both cores, as the
        // seed's bulk loader's do (the connection is closed after the import).
        sqlx::query("PRAGMA threads = 2").execute(&mut *conn).await?;
    }
    for index in import_rebuilt() {
        let sql = index.create_if_missing(kind);
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *conn)
            .await?;
    }
    if !IS_SQLITE {
        for (table, trigger) in IMPORT_PG_ROW_TRIGGERS {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "ALTER TABLE {table} ENABLE TRIGGER {trigger}"
            )))
            .execute(&mut *conn)
            .await?;
        }
        // The foreign keys, each checked once over its whole table.
        for sql in restore {
            sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                .execute(&mut *conn)
                .await?;
        }
        // One notification for the consoles (they read every event after the last they had).
        sqlx::query("SELECT pg_notify('meja_events', COALESCE(MAX(id), 0)::text) FROM event")
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    sqlx::query("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
        .execute(&mut *conn)
        .await?;
    sqlx::query(crate::store::indexes::FTS_INSERT_TRIGGER_SQL)
        .execute(&mut *conn)
        .await?;
    for sql in restore {
        sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
            .execute(&mut *conn)
            .await?;
    }
    // The planner's statistics, sampled as the seed's bulk loader samples them (README, Figures).
    for sql in ["PRAGMA analysis_limit = 1000", "ANALYZE"] {
        sqlx::query(sql).execute(&mut *conn).await?;
    }
    for pragma in ["PRAGMA cache_size = -32000", "PRAGMA temp_store = DEFAULT"] {
        sqlx::query(pragma).execute(&mut *conn).await?;
    }
    Ok(())
}

/// After the rows: PostgreSQL's tracking sequence moves past the numbers the import used.
pub(crate) async fn import_finish(conn: &mut Conn) -> Res<()> {
    if !IS_SQLITE {
        sqlx::query("SELECT setval('complaint_tracking', GREATEST((SELECT MAX(id) FROM complaint), (SELECT last_value FROM complaint_tracking)))")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Adds a large import's monev sums (`import::sums`, computed from the facts and events it wrote)
/// to monev_tally and monev_handled, as the triggers would have, and lets the triggers work again.
pub(crate) async fn import_add_sums(conn: &mut Conn, sums: &crate::store::import::Sums) -> Res<()> {
    use crate::store::import::{TALLY_COLUMNS, TALLY_SUMS};
    let columns = format!("grain, facet, day, instansi_path, {TALLY_COLUMNS}");
    let add = TALLY_COLUMNS
        .split(", ")
        .map(|c| format!("{c} = monev_tally.{c} + excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let cells = sums.tally();
    for chunk in cells.chunks(IMPORT_CELLS_PER_STATEMENT) {
        let mut sql = crate::store::bulk::multi_insert(
            "monev_tally",
            &columns,
            TALLY_SUMS + 4,
            chunk.len(),
            IS_SQLITE,
        );
        sql.push_str(" ON CONFLICT (grain, facet, day, instansi_path) DO UPDATE SET ");
        sql.push_str(&add);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((grain, facet, day, path), values) in chunk {
            q = q.bind(*grain).bind(facet).bind(*day).bind(path);
            for v in values.iter() {
                q = q.bind(i32::try_from(*v).unwrap_or(i32::MAX));
            }
        }
        q.execute(&mut *conn).await?;
    }
    let handled: Vec<_> = sums.handled.iter().collect();
    for chunk in handled.chunks(IMPORT_CELLS_PER_STATEMENT) {
        let mut sql = crate::store::bulk::multi_insert(
            "monev_handled",
            "officer_id, day, n",
            3,
            chunk.len(),
            IS_SQLITE,
        );
        sql.push_str(" ON CONFLICT (officer_id, day) DO UPDATE SET n = monev_handled.n + excluded.n");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for ((officer, day), n) in chunk {
            q = q.bind(*officer).bind(*day as i32).bind(**n);
        }
        q.execute(&mut *conn).await?;
    }
    sqlx::query("DELETE FROM meja_meta WHERE key = 'bulk_load'")
        .execute(&mut *conn)
        .await?;
    Ok(())
}
