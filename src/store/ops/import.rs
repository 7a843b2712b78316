// `meja import`: the SQL of an import, all of it inside the one transaction the import holds (the
// caller passes its connection). Included by `on_sqlite` and `on_postgres` (mod.rs) after
// common.rs, whose imports it shares. The new rows themselves are written elsewhere: on SQLite
// through the connection's handle (`import::sqlite_rows`), on PostgreSQL as UNNEST inserts
// (`import::pg`).

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
