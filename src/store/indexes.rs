//! The indexes the queries need, defined once. The migrations created them (and are never edited:
//! sqlx checksums them); this list is what the rest of the store believes they are. The SQLite
//! queries name some of them in `INDEXED BY` hints, which are a hard error when the index is
//! missing, so everything that drops, rebuilds or checks an index reads this list: the bulk
//! loader, `restore` (run when a database is migrated or opened for writing), the check a
//! read-only opening makes, and `meja doctor`. A test compares it with a freshly migrated database
//! on each backend, so the list and the migrations cannot drift apart.

use super::{Backend, Store, StoreError};

/// Which backends carry an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Both,
    /// PostgreSQL's full-text index (SQLite searches through its FTS5 table instead).
    Postgres,
    /// The subtree filter index that SQLite's hints name (PostgreSQL combines its indexes).
    Sqlite,
}

/// One index as the migrations define it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Index {
    pub name: &'static str,
    pub table: &'static str,
    /// The indexed columns, as written in the migration.
    pub columns: &'static str,
    /// A partial index's condition.
    pub only_where: Option<&'static str>,
    /// The condition as PostgreSQL writes it back, where that differs from the migration's
    /// (`NOT IN (...)` becomes `<> ALL (ARRAY[...])`); also valid to create the index with.
    pub postgres_where: Option<&'static str>,
    pub unique: bool,
    /// PostgreSQL's access method (`btree` unless said).
    pub method: &'static str,
    pub on: On,
}

const fn index(name: &'static str, table: &'static str, columns: &'static str) -> Index {
    Index {
        name,
        table,
        columns,
        only_where: None,
        postgres_where: None,
        unique: false,
        method: "btree",
        on: On::Both,
    }
}

const fn partial(
    name: &'static str,
    table: &'static str,
    columns: &'static str,
    only_where: &'static str,
) -> Index {
    Index {
        only_where: Some(only_where),
        ..index(name, table, columns)
    }
}

/// Named by the SQLite hints (`ops/lists.rs`): overdue first, by due time.
pub const COMPLAINT_BREACH: &str = "complaint_breach";
/// Named by the SQLite hints: counts of a subtree by status and assignee.
pub const COMPLAINT_PATH_STATUS: &str = "complaint_path_status";
/// Named by the SQLite hints: newest-first pages, covering scope, status and assignee.
pub const COMPLAINT_RECV: &str = "complaint_recv";
/// Named by the SQLite hints: one status's running clocks by due time.
pub const COMPLAINT_STATUS_BREACH: &str = "complaint_status_breach";
/// Named by the SQLite hints: escalated reports (`eskalasi` across the nation).
pub const COMPLAINT_ESCALATED: &str = "complaint_escalated";
/// Named by the SQLite hints: the nation's escalated reports by due time (migration 0018).
pub const COMPLAINT_ESCALATED_DUE: &str = "complaint_escalated_due";
/// Named by the SQLite hints: a subtree's reports with every column a filter tests or a queue
/// sorts by.
pub const COMPLAINT_PATH_FILTER: &str = "complaint_path_filter";

/// Every index of the schema that no constraint creates (primary keys and UNIQUE columns bring
/// their own), in migration order.
pub const INDEXES: &[Index] = &[
    index("instansi_parent", "instansi", "parent_id"),
    index("officer_instansi", "officer", "instansi_id"),
    index(
        "complaint_status_recv",
        "complaint",
        "status, received_at, id",
    ),
    index(
        COMPLAINT_PATH_STATUS,
        "complaint",
        "instansi_path, status, assignee_id",
    ),
    partial(
        "complaint_assignee",
        "complaint",
        "assignee_id, received_at, id",
        "assignee_id IS NOT NULL",
    ),
    partial(
        COMPLAINT_BREACH,
        "complaint",
        "breach_at, id, instansi_path, assignee_id, clock_kind, received_at, channel, kategori_id",
        "breach_at IS NOT NULL",
    ),
    partial(
        "complaint_close",
        "complaint",
        "close_at",
        "close_at IS NOT NULL",
    ),
    partial(
        COMPLAINT_ESCALATED,
        "complaint",
        "escalated_to, received_at, id",
        "escalated_to IS NOT NULL",
    ),
    index(
        COMPLAINT_RECV,
        "complaint",
        "received_at, id, instansi_path, status, assignee_id",
    ),
    Index {
        method: "gin",
        on: On::Postgres,
        ..index("complaint_search", "complaint", "search")
    },
    index("event_complaint", "event", "complaint_id, id"),
    index("presence_complaint", "presence", "complaint_id, seen_at"),
    partial("reporter_phone", "reporter", "phone", "phone IS NOT NULL"),
    partial("reporter_email", "reporter", "email", "email IS NOT NULL"),
    partial("reporter_nik", "reporter", "nik", "nik IS NOT NULL"),
    Index {
        unique: true,
        ..partial(
            "event_version",
            "event",
            "complaint_id, version",
            "version IS NOT NULL",
        )
    },
    // The monev facts: each officer's open complaints, and the first replies slower than the
    // tally's histogram counts (migration 0009).
    index(
        "monev_fact_assignee",
        "monev_fact",
        "assignee_id, instansi_path, status",
    ),
    partial(
        "monev_fact_slow_reply",
        "monev_fact",
        "reply_days",
        "reply_days > 15",
    ),
    // Re-delivery of an imported report finds it by its source and id there (`meja import`).
    Index {
        unique: true,
        ..partial(
            "complaint_source",
            "complaint",
            "source, source_id",
            "source IS NOT NULL",
        )
    },
    // Each officer's open and overdue reports, for the assign picker and the officer list: open
    // reports only (migration 0017; 0012 held every report an officer was ever given).
    Index {
        postgres_where: Some(
            "(assignee_id IS NOT NULL) AND (status <> ALL (ARRAY['selesai'::text, 'diarsipkan'::text]))",
        ),
        ..partial(
            "complaint_open_load",
            "complaint",
            "assignee_id, breach_at, status",
            "assignee_id IS NOT NULL AND status NOT IN ('selesai', 'diarsipkan')",
        )
    },
    // One status's running clocks by due time: `status:X` by urgency (migration 0013).
    partial(
        COMPLAINT_STATUS_BREACH,
        "complaint",
        "status, breach_at, id",
        "breach_at IS NOT NULL",
    ),
    // The nation's escalated reports by due time (migration 0018).
    partial(
        COMPLAINT_ESCALATED_DUE,
        "complaint",
        "breach_at, id",
        "escalated_to IS NOT NULL",
    ),
    // The month rows of the monev sums with what a queue's exact count adds (migration 0018,
    // `ops/view_sums.rs`).
    Index {
        postgres_where: Some("grain = 'm'::text"),
        ..partial(
            "monev_tally_month",
            "monev_tally",
            "facet, instansi_path, received, open_baru, open_ditunda, open_terverifikasi, \
             open_didisposisikan, open_bukan_wewenang, open_ditindaklanjuti, \
             open_menunggu_persetujuan, open_ditanggapi, open_tanggapan_pelapor",
            "grain = 'm'",
        )
    },
    // A subtree's queue under any filter, by due time or date, from the index alone (SQLite's
    // migration 0014).
    Index {
        on: On::Sqlite,
        ..index(
            COMPLAINT_PATH_FILTER,
            "complaint",
            "instansi_path, breach_at, received_at, id, status, assignee_id, klasifikasi, channel, \
             kategori_id, instansi_id, anonim, rahasia, escalated_to, tags",
        )
    },
];

/// The indexes of the complaint table, which the bulk loader drops and builds again after loading
/// (SQLite only: building them once is far faster than keeping them up row by row).
pub fn bulk_built() -> impl Iterator<Item = &'static Index> {
    INDEXES
        .iter()
        .filter(|i| {
            i.on_backend(super::BackendKind::Sqlite) && matches!(i.table, "complaint" | "event")
        })
        .filter(|i| !i.unique)
}

/// The SQLite trigger that keeps the full-text table up with new reports (their stemmed words,
/// which meja writes with the report). The bulk loader drops it and fills the full-text table in
/// one pass at the end; `restore` does the same after a load that never got there, and after
/// migration 0010 once the words of the reports already there are written (`search_words`).
pub const FTS_INSERT_TRIGGER: &str = "complaint_fts_insert";
pub const FTS_INSERT_TRIGGER_SQL: &str = "CREATE TRIGGER complaint_fts_insert AFTER INSERT ON complaint BEGIN \
    INSERT INTO complaint_fts(rowid, search_judul, search_isi) VALUES (new.id, new.search_judul, new.search_isi); END";
/// The SQLite trigger that keeps the full-text table up with changed words (a verify that changes
/// the title, a re-delivered report). Made with the insert trigger, after the words are there.
pub const FTS_UPDATE_TRIGGER: &str = "complaint_fts_update";
pub const FTS_UPDATE_TRIGGER_SQL: &str = "CREATE TRIGGER complaint_fts_update AFTER UPDATE OF search_judul, search_isi ON complaint BEGIN \
    INSERT INTO complaint_fts(complaint_fts, rowid, search_judul, search_isi) VALUES ('delete', old.id, old.search_judul, old.search_isi); \
    INSERT INTO complaint_fts(rowid, search_judul, search_isi) VALUES (new.id, new.search_judul, new.search_isi); END";

impl Index {
    pub fn on_backend(&self, kind: super::BackendKind) -> bool {
        match self.on {
            On::Both => true,
            On::Postgres => kind == super::BackendKind::Postgres,
            On::Sqlite => kind == super::BackendKind::Sqlite,
        }
    }

    /// The statement that creates it on SQLite, as the migration wrote it (and as SQLite keeps it).
    pub fn sqlite_sql(&self) -> String {
        let unique = if self.unique { "UNIQUE " } else { "" };
        let mut sql = format!(
            "CREATE {unique}INDEX {} ON {}({})",
            self.name, self.table, self.columns
        );
        if let Some(w) = self.only_where {
            sql.push_str(" WHERE ");
            sql.push_str(w);
        }
        sql
    }

    /// The definition PostgreSQL reports for it (`pg_get_indexdef`, the table unqualified).
    pub fn postgres_sql(&self) -> String {
        let unique = if self.unique { "UNIQUE " } else { "" };
        let mut sql = format!(
            "CREATE {unique}INDEX {} ON {} USING {} ({})",
            self.name, self.table, self.method, self.columns
        );
        if let Some(w) = self.postgres_where.or(self.only_where) {
            sql.push_str(&format!(" WHERE ({w})"));
        }
        sql
    }

    /// Its definition on a backend, in the form that backend reports it.
    pub fn sql(&self, kind: super::BackendKind) -> String {
        match kind {
            super::BackendKind::Sqlite => self.sqlite_sql(),
            super::BackendKind::Postgres => self.postgres_sql(),
        }
    }

    /// The same statement, a no-op when the index exists.
    pub(crate) fn create_if_missing(&self, kind: super::BackendKind) -> String {
        self.sql(kind).replacen("INDEX ", "INDEX IF NOT EXISTS ", 1)
    }
}

/// Every index of the schema that no constraint creates, as the database reports it: (name,
/// definition), the definition in the form `Index::sql` writes it.
pub async fn present(store: &Store) -> Result<Vec<(String, String)>, StoreError> {
    let rows: Vec<(String, String)> = match &store.backend {
        // sqlite_autoindex_* back constraints and have no SQL text.
        Backend::Sqlite(pool) => sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        )
        .fetch_all(pool)
        .await
        .map_err(|e| StoreError::database("listing the database's indexes", e))?,
        Backend::Postgres(pool) => {
            let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
                .fetch_one(pool)
                .await
                .map_err(|e| StoreError::database("finding the deployment's schema", e))?;
            let rows: Vec<(String, String)> = sqlx::query_as(
                "SELECT ic.relname::text, pg_get_indexdef(ic.oid) \
                 FROM pg_index x \
                 JOIN pg_class ic ON ic.oid = x.indexrelid \
                 JOIN pg_namespace n ON n.oid = ic.relnamespace \
                 WHERE n.nspname = current_schema() \
                   AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) \
                 ORDER BY 1",
            )
            .fetch_all(pool)
            .await
            .map_err(|e| StoreError::database("listing the database's indexes", e))?;
            // pg_get_indexdef names the table with its schema when the schema is not on the
            // search path; the list names tables alone.
            let qualified = [
                format!(" ON {schema}."),
                format!(" ON \"{}\".", schema.replace('"', "\"\"")),
            ];
            rows.into_iter()
                .map(|(name, def)| {
                    let def = qualified
                        .iter()
                        .fold(def, |d, q| d.replacen(q.as_str(), " ON ", 1));
                    (name, def)
                })
                .collect()
        }
    };
    Ok(rows
        .into_iter()
        .map(|(name, sql)| (name, normalize(&sql)))
        .collect())
}

/// One space between words, none inside parentheses' edges: how two texts of one definition are
/// compared.
pub fn normalize(sql: &str) -> String {
    sql.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("( ", "(")
        .replace(" )", ")")
}

/// What differs between the list and a database.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Listed, absent from the database (an interrupted seed leaves these).
    pub missing: Vec<&'static Index>,
    /// Present under the listed name with another definition.
    pub different: Vec<&'static Index>,
    /// SQLite: the trigger that keeps the full-text table current is absent.
    pub fts_trigger_missing: bool,
}

impl Drift {
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.different.is_empty() && !self.fts_trigger_missing
    }

    /// One line: what is missing or different.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if !self.missing.is_empty() {
            let names: Vec<&str> = self.missing.iter().map(|i| i.name).collect();
            parts.push(format!("missing: {}", names.join(", ")));
        }
        if !self.different.is_empty() {
            let names: Vec<&str> = self.different.iter().map(|i| i.name).collect();
            parts.push(format!("defined differently: {}", names.join(", ")));
        }
        if self.fts_trigger_missing {
            parts.push(format!(
                "missing: the full-text triggers {FTS_INSERT_TRIGGER}, {FTS_UPDATE_TRIGGER}"
            ));
        }
        parts.join("; ")
    }
}

/// Compares the database with the list.
pub async fn drift(store: &Store) -> Result<Drift, StoreError> {
    let kind = store.kind();
    let present = present(store).await?;
    let mut drift = Drift::default();
    for index in INDEXES.iter().filter(|i| i.on_backend(kind)) {
        match present.iter().find(|(name, _)| name == index.name) {
            None => drift.missing.push(index),
            Some((_, sql)) if *sql != normalize(&index.sql(kind)) => drift.different.push(index),
            Some(_) => {}
        }
    }
    if let Backend::Sqlite(pool) = &store.backend {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN ($1, $2)",
        )
        .bind(FTS_INSERT_TRIGGER)
        .bind(FTS_UPDATE_TRIGGER)
        .fetch_one(pool)
        .await
        .map_err(|e| StoreError::database("looking for the full-text trigger", e))?;
        drift.fts_trigger_missing = n < 2;
    }
    Ok(drift)
}

/// Makes the database's indexes what the list says: creates the missing ones, rebuilds those
/// defined differently and, on SQLite, fills the full-text table and brings its trigger back when
/// a bulk load stopped before doing so. Returns what it found to repair.
pub async fn restore(store: &Store) -> Result<Drift, StoreError> {
    let found = drift(store).await?;
    if found.is_empty() {
        return Ok(found);
    }
    let kind = store.kind();
    let mut statements = Vec::new();
    for index in &found.different {
        statements.push(format!("DROP INDEX IF EXISTS {}", index.name));
    }
    for index in found.missing.iter().chain(&found.different) {
        statements.push(index.create_if_missing(kind));
    }
    if found.fts_trigger_missing {
        // Reports loaded while the trigger was gone are not in the full-text table yet.
        statements.push("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')".into());
        // IF NOT EXISTS: another process opening the same file may have repaired it meanwhile.
        for sql in [FTS_INSERT_TRIGGER_SQL, FTS_UPDATE_TRIGGER_SQL] {
            statements.push(sql.replacen("TRIGGER ", "TRIGGER IF NOT EXISTS ", 1));
        }
    }
    tracing::warn!(repair = %found.describe(), "restoring the indexes the queries need");
    // One transaction: either the database is repaired or it is left as it was.
    match &store.backend {
        Backend::Sqlite(pool) => {
            let mut tx = pool
                .begin_with("BEGIN IMMEDIATE")
                .await
                .map_err(|e| StoreError::database("starting to restore indexes", e))?;
            for sql in &statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| StoreError::database(format!("restoring indexes ({sql})"), e))?;
            }
            tx.commit()
                .await
                .map_err(|e| StoreError::database("committing the restored indexes", e))?;
        }
        Backend::Postgres(pool) => {
            let mut tx = pool
                .begin()
                .await
                .map_err(|e| StoreError::database("starting to restore indexes", e))?;
            for sql in &statements {
                sqlx::query(sqlx::AssertSqlSafe(sql.as_str()))
                    .execute(&mut *tx)
                    .await
                    .map_err(|e| StoreError::database(format!("restoring indexes ({sql})"), e))?;
            }
            tx.commit()
                .await
                .map_err(|e| StoreError::database("committing the restored indexes", e))?;
        }
    }
    Ok(found)
}
