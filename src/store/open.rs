//! Opening a database by URL, creating and migrating it on first use.

use super::{Backend, Store, StoreError};
use crate::domain::calendar::{SHIPPED_HOLIDAYS_CSV, parse_holidays_csv};
use sqlx::ConnectOptions;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Where a database lives, parsed from `--db` / `MEJA_DB`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Location {
    /// A path, `sqlite://PATH`, `sqlite:PATH`, or `postgres://…` / `postgresql://…`.
    pub fn parse(url: &str) -> Result<Location, StoreError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::Invalid("the database URL is empty".into()));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            PgConnectOptions::from_str(url)
                .map_err(|e| StoreError::Invalid(format!("malformed database URL '{url}': {e}")))?;
            return Ok(Location::Postgres(url.to_string()));
        }
        if let Some(path) = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or(path);
            if path.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "malformed database URL '{url}': no file path after sqlite:"
                )));
            }
            return Ok(Location::Sqlite(PathBuf::from(path)));
        }
        if let Some((scheme, _)) = url.split_once("://") {
            return Err(StoreError::Invalid(format!(
                "malformed database URL '{url}': unknown scheme '{scheme}' (use a file path, sqlite://PATH or postgres://…)"
            )));
        }
        Ok(Location::Sqlite(PathBuf::from(url)))
    }
}

/// The default database: one SQLite file under the XDG data directory.
pub fn default_location() -> PathBuf {
    data_dir().join("meja.db")
}

pub fn data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("meja")
}

/// How a process connects: how many pooled connections it may hold on PostgreSQL and the name it
/// gives them in `pg_stat_activity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// Pooled PostgreSQL connections (a console's change feed holds one more of its own).
    pub pg_connections: u32,
    pub application_name: String,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            pg_connections: 8,
            application_name: "meja".into(),
        }
    }
}

impl OpenOptions {
    /// One connection, named: what a console (plus its feed) or a CLI command uses.
    pub fn single(application_name: impl Into<String>) -> Self {
        OpenOptions {
            pg_connections: 1,
            application_name: application_name.into(),
        }
    }
}

/// The newest migration this build of meja carries, per backend.
fn wanted_schema(kind: super::BackendKind) -> i64 {
    let migrator = match kind {
        super::BackendKind::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        super::BackendKind::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

impl Store {
    /// Opens the database at `url`. A SQLite file is created and migrated by whoever opens it (its
    /// owner); a PostgreSQL database is never migrated here: its schema must be the one this meja
    /// needs, or opening is refused with what to do (`meja migrate` by the owner, or an upgrade).
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, &OpenOptions::default()).await
    }

    pub async fn open_with(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        let store = Store::connect(url, options).await?;
        match store.kind() {
            super::BackendKind::Sqlite => store.migrate().await?,
            super::BackendKind::Postgres => store.check_schema().await?,
        }
        store.reload().await?;
        Ok(store)
    }

    /// Opens and migrates, on either backend: `meja migrate`, `meja seed` and test fixtures.
    pub async fn open_migrating(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        let store = Store::connect(url, options).await?;
        store.migrate().await?;
        store.reload().await?;
        Ok(store)
    }

    async fn connect(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        match Location::parse(url)? {
            Location::Sqlite(path) => Store::open_sqlite(&path, 4).await,
            Location::Postgres(url) => {
                Store::open_postgres(&url, options.pg_connections, &options.application_name).await
            }
        }
    }

    /// Refuses a PostgreSQL database whose schema is not the one this meja was built for.
    pub async fn check_schema(&self) -> Result<(), StoreError> {
        let Backend::Postgres(pool) = &self.backend else {
            return Ok(());
        };
        let want = wanted_schema(self.kind());
        let table: Option<String> =
            sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations')::text")
                .fetch_one(pool)
                .await?;
        if table.is_none() {
            return Err(StoreError::Schema(format!(
                "the database has no meja schema; this meja needs schema {want}: ask your administrator to run `meja migrate`"
            )));
        }
        let have: Option<i64> =
            sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(pool)
                .await?;
        let have = have.unwrap_or(0);
        if have < want {
            return Err(StoreError::Schema(format!(
                "the database is at schema {have}, this meja needs {want}: ask your administrator to run `meja migrate`"
            )));
        }
        if have > want {
            return Err(StoreError::Schema(format!(
                "the database is at schema {have}, newer than this meja (schema {want}): upgrade meja"
            )));
        }
        Ok(())
    }

    pub async fn open_sqlite(path: &Path, connections: u32) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Io(format!("cannot create {}: {e}", dir.display())))?;
        }
        if path.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{} is a directory, not a database file",
                path.display()
            )));
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(15))
            .foreign_keys(true)
            .pragma("cache_size", "-32000")
            .log_statements(tracing::log::LevelFilter::Trace);
        let pool = SqlitePoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Database(format!(
                    "cannot open {}: {}",
                    path.display(),
                    StoreError::from(e)
                ))
            })?;
        Ok(Store {
            backend: Backend::Sqlite(pool),
            reference: Arc::new(RwLock::new(Arc::default())),
            impersonator: None,
        })
    }

    /// A pool of `connections` to PostgreSQL, each named `application_name`.
    pub(crate) async fn open_postgres(
        url: &str,
        connections: u32,
        application_name: &str,
    ) -> Result<Store, StoreError> {
        let mut options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("malformed database URL '{url}': {e}")))?
            .log_statements(tracing::log::LevelFilter::Trace);
        // An application_name in the URL is the user's own choice and wins.
        if options.get_application_name().is_none() {
            options = options.application_name(application_name);
        }
        Store::pg_pool(options, connections, None).await
    }

    /// With `role`, each connection first becomes that role (`SET ROLE`: an impersonation that
    /// PostgreSQL itself allowed, see security.rs).
    pub(crate) async fn pg_pool(
        options: PgConnectOptions,
        connections: u32,
        role: Option<&str>,
    ) -> Result<Store, StoreError> {
        let set_role: Option<Arc<str>> =
            role.map(|r| Arc::from(format!("SET ROLE {}", super::security::quote_ident(r))));
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                let set_role = set_role.clone();
                Box::pin(async move {
                    if let Some(sql) = set_role {
                        sqlx::Executor::execute(&mut *conn, sqlx::AssertSqlSafe(sql.to_string()))
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| {
                StoreError::Database(format!(
                    "cannot connect to PostgreSQL: {}",
                    StoreError::from(e)
                ))
            })?;
        Ok(Store {
            backend: Backend::Postgres(pool),
            reference: Arc::new(RwLock::new(Arc::default())),
            impersonator: None,
        })
    }

    /// Applies pending migrations and loads the shipped holiday calendar into a new database. On
    /// PostgreSQL this is the owner's job: it also sets up the officers' group role, its grants and
    /// the table of legal moves the database re-checks (security.rs).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Backend::Postgres(pool) => {
                sqlx::migrate!("./migrations/postgres").run(pool).await?;
                super::security::after_migrate(pool).await?;
            }
        }
        let loaded: Option<String> = match &self.backend {
            Backend::Sqlite(pool) => {
                sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'calendar'")
                    .fetch_optional(pool)
                    .await?
            }
            Backend::Postgres(pool) => {
                sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'calendar'")
                    .fetch_optional(pool)
                    .await?
            }
        };
        if loaded.is_none() {
            let holidays = parse_holidays_csv(SHIPPED_HOLIDAYS_CSV)
                .map_err(|e| StoreError::Invalid(format!("shipped calendar: {e}")))?;
            for h in &holidays {
                super::on_backend!(self, upsert_holiday(h))?;
            }
            let q = "INSERT INTO meja_meta (key, value) VALUES ('calendar', 'shipped 2024-2027') ON CONFLICT (key) DO NOTHING";
            match &self.backend {
                Backend::Sqlite(pool) => sqlx::query(q).execute(pool).await.map(|_| ())?,
                Backend::Postgres(pool) => sqlx::query(q).execute(pool).await.map(|_| ())?,
            }
        }
        Ok(())
    }

    /// Closes the pool, waiting for connections to finish (SQLite checkpoints its WAL).
    pub async fn close(&self) {
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            Location::parse("/tmp/x.db").unwrap(),
            Location::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            Location::parse("sqlite:///tmp/x.db").unwrap(),
            Location::Sqlite("/tmp/x.db".into())
        );
        assert_eq!(
            Location::parse("sqlite:x.db?mode=rwc").unwrap(),
            Location::Sqlite("x.db".into())
        );
        assert!(matches!(
            Location::parse("postgres://postgres@127.0.0.1/test").unwrap(),
            Location::Postgres(_)
        ));
        let e = Location::parse("mysql://x").unwrap_err().to_string();
        assert!(e.contains("unknown scheme 'mysql'"), "{e}");
        assert!(Location::parse("").is_err());
        assert!(Location::parse("sqlite:").is_err());
    }
}
