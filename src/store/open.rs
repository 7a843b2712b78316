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

impl Store {
    /// Opens (creating and migrating if needed) the database at `url`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        let store = match Location::parse(url)? {
            Location::Sqlite(path) => Store::open_sqlite(&path, 4).await?,
            Location::Postgres(url) => Store::open_postgres(&url, 8).await?,
        };
        store.migrate().await?;
        store.reload().await?;
        Ok(store)
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
        })
    }

    pub async fn open_postgres(url: &str, connections: u32) -> Result<Store, StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Invalid(format!("malformed database URL '{url}': {e}")))?
            .log_statements(tracing::log::LevelFilter::Trace);
        let pool = PgPoolOptions::new()
            .max_connections(connections.max(1))
            .acquire_timeout(Duration::from_secs(10))
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
        })
    }

    /// Applies pending migrations and loads the shipped holiday calendar into a new database.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await?,
            Backend::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
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
