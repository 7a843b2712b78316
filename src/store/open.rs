//! Opening a database by URL. A SQLite file is created only when the caller says so (the commands
//! that make a database); anything else at the path must already be a meja database, and a file
//! that is not (another application's database, a text file) is refused without being touched.

use super::{Backend, Doing, Store, StoreError};
use crate::domain::calendar::{SHIPPED_HOLIDAYS_CSV, parse_holidays_csv};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{ConnectOptions, Connection};
use std::io::Read;
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
            let (bare, _) = super::pooler::split(url)?;
            PgConnectOptions::from_str(&bare)
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

/// Each SQLite connection's page cache, in KiB (negative: SQLite's unit for a size): 4 MiB.
/// A console pools two connections (its feed polls through them), and their caches were most of
/// its memory: sized for a console on a million reports (under 60 MB resident: 51 MB after every
/// view, 63 MB with 8 MiB), not a server. The pages a query misses come from the operating
/// system's file cache. Bulk loads set their own.
pub(crate) const SQLITE_PAGE_CACHE: &str = "-4096";

pub use super::options::OpenOptions;

/// What lies at a SQLite path, found without changing anything there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SqliteFile {
    /// Nothing at all.
    Missing,
    /// An empty (0-byte) file, as `touch` leaves it: a new database for the creating commands.
    Empty,
    /// A meja database (it has meja's `meja_meta` table).
    Meja,
}

/// `path` with `suffix` appended to its file name: SQLite's `-wal` and `-shm` companions.
pub fn companion(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The 16 bytes every SQLite 3 database file starts with.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The application id meja writes in its SQLite files' header (bytes 68-71, SQLite migration
/// 0015): "meja" in ASCII.
const MEJA_APPLICATION_ID: [u8; 4] = *b"meja";

/// Finds out what is at `path` without writing anything: no directory, no file, no journal, no
/// `-wal`/`-shm`. A file that is not SQLite, or a SQLite database of another application (no
/// `meja_meta` table), is an error that says so.
pub async fn inspect_sqlite(path: &Path) -> Result<SqliteFile, StoreError> {
    let shown = path.display();
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(SqliteFile::Missing),
        Err(e) => return Err(StoreError::io(format!("looking at {shown}"), e)),
    };
    if meta.is_dir() {
        return Err(StoreError::Invalid(format!(
            "{shown} is a directory, not a database file"
        )));
    }
    if meta.len() == 0 {
        return Ok(SqliteFile::Empty);
    }
    let mut header = [0u8; 100];
    let read = std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut header))
        .map(|()| true)
        .or_else(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                Ok(false)
            } else {
                Err(e)
            }
        })
        .map_err(|e| StoreError::io(format!("reading {shown}"), e))?;
    if !read || &header[..16] != SQLITE_MAGIC {
        return Err(StoreError::Denied(format!(
            "{shown} is not a meja database (not a SQLite file at all); meja leaves it untouched (give another path)"
        )));
    }
    // A file meja marked says so in its header; only older ones are asked for their tables, on a
    // connection of their own (a thread and a schema parse every command paid).
    if header[68..72] == MEJA_APPLICATION_ID {
        return Ok(SqliteFile::Meja);
    }
    // Byte 18 is 2 for a database in WAL mode. Without a -wal file beside it nobody has it open
    // for writing and its whole content is in the file: read it as immutable, so SQLite creates no
    // -shm either. With a -wal file the writer's latest pages may be there: read through it.
    let immutable = header[18] == 2 && !companion(path, "-wal").exists();
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .create_if_missing(false)
        .immutable(immutable)
        .log_statements(tracing::log::LevelFilter::Trace);
    let mut conn = options
        .connect()
        .await
        .map_err(|e| StoreError::database(format!("opening {shown}"), e))?;
    let marked: Result<i64, sqlx::Error> = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'meja_meta'",
    )
    .fetch_one(&mut conn)
    .await;
    conn.close().await.ok();
    let marked = marked.map_err(|e| StoreError::database(format!("reading {shown}"), e))?;
    if marked == 0 {
        return Err(StoreError::Denied(format!(
            "{shown} is not a meja database but a SQLite database of another application (it has no meja_meta table); meja leaves it untouched (give another path)"
        )));
    }
    Ok(SqliteFile::Meja)
}

/// Whether this process may write the file at `path`: it has a write permission bit and opens for
/// writing (opening changes nothing). A file without any write bit counts as read-only even for
/// root, who could write it anyway: someone marked it so.
pub fn sqlite_writable(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    !meta.permissions().readonly() && std::fs::OpenOptions::new().write(true).open(path).is_ok()
}

/// What to tell someone who named a SQLite path where there is no database.
fn no_database(path: &Path, found: SqliteFile) -> StoreError {
    let what = match found {
        SqliteFile::Empty => "an empty file",
        _ => "nothing",
    };
    StoreError::NotFound(format!(
        "there is no meja database at {} ({what} there); `meja --db {} migrate` creates an empty one, `meja --db {} seed` a synthetic one",
        path.display(),
        path.display(),
        path.display()
    ))
}

/// The newest migration this build of meja carries, per backend.
/// How long a SQLite connection waits for another's write lock before it fails (`busy_timeout`).
pub(crate) const SQLITE_BUSY_WAIT: Duration = Duration::from_secs(15);

pub(crate) fn wanted_schema(kind: super::BackendKind) -> i64 {
    let migrator = match kind {
        super::BackendKind::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        super::BackendKind::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    migrator.iter().map(|m| m.version).max().unwrap_or(0)
}

impl Store {
    /// Opens the database at `url`, creating a SQLite database if there is none (what tests and
    /// tools that own their file want; the CLI says per command whether it may create, through
    /// `open_with`). A PostgreSQL database is never migrated here.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        Store::open_with(url, &OpenOptions::default().creating(true)).await
    }

    /// Opens the database at `url` as `options` say. A SQLite meja database is migrated by whoever
    /// opens it for writing (its owner); read-only, its schema must already be this meja's. A
    /// PostgreSQL database is never migrated here: its schema must be the one this meja needs, or
    /// opening is refused with what to do (`meja migrate` by the owner, or an upgrade).
    pub async fn open_with(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        let store = Store::connect(url, options).await?;
        match store.kind() {
            super::BackendKind::Sqlite if store.read_only().await? => {
                store.check_schema().await?;
                store.check_indexes(url).await?;
            }
            // Migrating also rebuilds what an interrupted bulk load dropped (`indexes::restore`).
            super::BackendKind::Sqlite => store.migrate_if_behind().await?,
            super::BackendKind::Postgres => store.check_schema().await?,
        }
        store.reload().await?;
        Ok(store)
    }

    /// Opens and migrates, on either backend: `meja migrate`, `meja seed` and test fixtures. These
    /// make databases, so a missing SQLite file is created.
    pub async fn open_migrating(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        if options.read_only {
            return Err(StoreError::Denied(
                "migrating writes the database; it cannot be done read-only (--readonly)".into(),
            ));
        }
        let store = Store::connect(url, &options.clone().creating(true)).await?;
        if store.read_only().await? {
            store.close().await;
            return Err(StoreError::Denied(format!(
                "{url} is read-only; migrating or seeding it needs a database meja may write"
            )));
        }
        store.migrate().await?;
        store.reload().await?;
        Ok(store)
    }

    pub(crate) async fn connect(url: &str, options: &OpenOptions) -> Result<Store, StoreError> {
        match Location::parse(url)? {
            Location::Sqlite(path) => {
                let found = inspect_sqlite(&path).await?;
                match found {
                    SqliteFile::Missing | SqliteFile::Empty if !options.create => {
                        Err(no_database(&path, found))
                    }
                    SqliteFile::Missing | SqliteFile::Empty if options.read_only => {
                        Err(StoreError::NotFound(format!(
                            "there is no meja database at {} to read (--readonly creates none)",
                            path.display()
                        )))
                    }
                    SqliteFile::Missing | SqliteFile::Empty => {
                        Store::open_sqlite(&path, options.sqlite_connections, true).await
                    }
                    SqliteFile::Meja if options.read_only || !sqlite_writable(&path) => {
                        Store::open_sqlite_read_only(&path, options.sqlite_connections).await
                    }
                    SqliteFile::Meja => {
                        Store::open_sqlite(&path, options.sqlite_connections, false).await
                    }
                }
            }
            Location::Postgres(url) => {
                Store::open_postgres(&url, options.pg_connections, &options.application_name).await
            }
        }
    }

    /// Whether this store only reads: a SQLite database opened read-only (`--readonly`, or a file
    /// meja may not write). Its connections refuse every write.
    pub async fn read_only(&self) -> Result<bool, StoreError> {
        match &self.backend {
            Backend::Sqlite(pool) => {
                let on: i64 = sqlx::query_scalar("PRAGMA query_only")
                    .fetch_one(pool)
                    .await
                    .doing("asking whether the database is read-only")?;
                Ok(on != 0)
            }
            Backend::Postgres(_) => Ok(false),
        }
    }

    /// Refuses a SQLite database read-only when an index the queries name is missing (an
    /// interrupted seed drops them): every list would fail on its hint, and a reader cannot
    /// rebuild them. Says what to run instead.
    async fn check_indexes(&self, url: &str) -> Result<(), StoreError> {
        let drift = super::indexes::drift(self).await?;
        if drift.is_empty() {
            return Ok(());
        }
        Err(StoreError::Schema(format!(
            "the database lacks what its queries need ({}), as an interrupted `meja seed` leaves it: run `meja --db {url} migrate` (or open it once for writing) to rebuild them",
            drift.describe()
        )))
    }

    /// Refuses a database whose schema is not the one this meja was built for: a PostgreSQL
    /// database (migrated by its owner), or a SQLite database opened read-only (nobody migrates it).
    pub async fn check_schema(&self) -> Result<(), StoreError> {
        let want = wanted_schema(self.kind());
        let have: Option<i64> = match &self.backend {
            Backend::Postgres(pool) => {
                // Asked at once rather than after looking for the table: one round trip fewer
                // for every command. No such table (42P01) is no meja schema at all.
                match sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                    .fetch_one(pool)
                    .await
                {
                    Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P01") => {
                        return Err(StoreError::Schema(format!(
                            "the database has no meja schema; this meja needs schema {want}: ask your administrator to run `meja migrate`"
                        )));
                    }
                    read => read.doing("reading the schema version")?,
                }
            }
            Backend::Sqlite(pool) => {
                let table: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
                )
                .fetch_one(pool)
                .await.doing("reading the schema version")?;
                if table == 0 {
                    None
                } else {
                    sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations WHERE success")
                        .fetch_one(pool)
                        .await
                        .doing("reading the schema version")?
                }
            }
        };
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

    /// A pool on a SQLite file for reading and writing; with `create`, a missing file (and its
    /// directory) is created. Callers first make sure the path holds a meja database, or is to
    /// become one (`connect`).
    pub(crate) async fn open_sqlite(
        path: &Path,
        connections: u32,
        create: bool,
    ) -> Result<Store, StoreError> {
        if create && let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::io(format!("creating {}", dir.display()), e))?;
        }
        if path.is_dir() {
            return Err(StoreError::Invalid(format!(
                "{} is a directory, not a database file",
                path.display()
            )));
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(create)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(SQLITE_BUSY_WAIT)
            .foreign_keys(true)
            .pragma("cache_size", SQLITE_PAGE_CACHE)
            .log_statements(tracing::log::LevelFilter::Trace);
        sqlite_store(options, connections, &path.display().to_string()).await
    }

    /// A pool on a SQLite meja database that only reads: opened read-only (`mode=ro`) and
    /// `query_only`, so every write is refused, and without a journal-mode change. A WAL database
    /// nobody has open (no -wal file) is read as immutable: SQLite then creates no -wal or -shm
    /// file beside it, which a read-only directory or file would not allow anyway. Such a reader
    /// does not see changes a writer makes after it opened.
    pub(crate) async fn open_sqlite_read_only(
        path: &Path,
        connections: u32,
    ) -> Result<Store, StoreError> {
        let mut header = [0u8; 100];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut header))
            .map_err(|e| StoreError::io(format!("reading {}", path.display()), e))?;
        let immutable = header[18] == 2 && !companion(path, "-wal").exists();
        let options = SqliteConnectOptions::new()
            .filename(path)
            .read_only(true)
            .create_if_missing(false)
            .immutable(immutable)
            .busy_timeout(SQLITE_BUSY_WAIT)
            .foreign_keys(true)
            .pragma("query_only", "ON")
            .pragma("cache_size", SQLITE_PAGE_CACHE)
            .log_statements(tracing::log::LevelFilter::Trace);
        sqlite_store(
            options,
            connections,
            &format!("{} read-only", path.display()),
        )
        .await
    }

    /// A pool of `connections` to PostgreSQL, each named `application_name`; through a
    /// transaction pooler (`?pooler=transaction`), one connection that holds a server connection
    /// only while it runs a query (pooler.rs).
    pub(crate) async fn open_postgres(
        url: &str,
        connections: u32,
        application_name: &str,
    ) -> Result<Store, StoreError> {
        let (bare, pooler) = super::pooler::split(url)?;
        let mut options = PgConnectOptions::from_str(&bare)
            .map_err(|e| StoreError::Invalid(format!("malformed database URL '{url}': {e}")))?
            .log_statements(tracing::log::LevelFilter::Trace);
        if pooler {
            // Named statements would outlive the transaction on a server connection others use.
            options = options.statement_cache_capacity(0);
        } else {
            // meja's aggregates read thousands of rows, not millions: compiling them (the JIT
            // PostgreSQL turns on above its cost threshold) took 60 ms of a 100 ms board at 1M.
            // A transaction pooler passes no startup options; its server settings decide there.
            options = options.options([("jit", "off")]);
        }
        // An application_name in the URL is the user's own choice and wins.
        if options.get_application_name().is_none() {
            options = options.application_name(application_name);
        }
        Store::pg_pool(options, connections, None, pooler).await
    }

    /// With `role`, each connection first becomes that role (`SET ROLE`: an impersonation that
    /// PostgreSQL itself allowed, see security.rs); through a transaction pooler, each
    /// transaction does (`SET LOCAL ROLE`).
    pub(crate) async fn pg_pool(
        options: PgConnectOptions,
        connections: u32,
        role: Option<&str>,
        pooler: bool,
    ) -> Result<Store, StoreError> {
        let pool_options = if pooler {
            super::pooler::pool_options(role)
        } else {
            let set_role: Option<Arc<str>> =
                role.map(|r| Arc::from(format!("SET ROLE {}", super::security::quote_ident(r))));
            PgPoolOptions::new()
                .max_connections(connections.max(1))
                .after_connect(move |conn, _meta| {
                    let set_role = set_role.clone();
                    Box::pin(async move {
                        if let Some(sql) = set_role {
                            sqlx::Executor::execute(
                                &mut *conn,
                                sqlx::AssertSqlSafe(sql.to_string()),
                            )
                            .await?;
                        }
                        Ok(())
                    })
                })
        };
        let pool = pool_options
            .acquire_timeout(Duration::from_secs(30))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::database("connecting to PostgreSQL", e))?;
        Ok(Store {
            backend: Backend::Postgres(pool),
            reference: Arc::new(RwLock::new(Arc::default())),
            impersonator: None,
            pooler,
        })
    }

    /// Applies pending migrations and loads the shipped holiday calendar into a new database. On
    /// PostgreSQL this is the owner's job: it also sets up the officers' group role, its grants and
    /// the table of legal moves the database re-checks (security.rs).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        self.migrate_schema(true).await
    }

    /// `migrate` as opening a SQLite file for writing does it: sqlx's migrator (which reads and
    /// checks every applied migration) runs only when the file is behind this meja's schema;
    /// what follows the migrations runs either way. `meja migrate` checks them all.
    async fn migrate_if_behind(&self) -> Result<(), StoreError> {
        let behind = match self.check_schema().await {
            Ok(()) => false,
            Err(StoreError::Schema(_)) => true,
            Err(e) => return Err(e),
        };
        self.migrate_schema(behind).await
    }

    async fn migrate_schema(&self, run_migrations: bool) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(_) if !run_migrations => {}
            Backend::Sqlite(pool) => {
                sqlx::migrate!("./migrations/sqlite")
                    .run(pool)
                    .await
                    .map_err(|e| StoreError::migration("migrating the SQLite database", e))?;
            }
            Backend::Postgres(pool) => {
                sqlx::migrate!("./migrations/postgres")
                    .run(pool)
                    .await
                    .map_err(|e| StoreError::migration("migrating the PostgreSQL database", e))?;
                super::security::after_migrate(pool).await?;
            }
        }
        self.write_search_words().await?;
        // An interrupted bulk load leaves its indexes dropped: whoever migrates puts them back.
        // After migration 0010 this also fills SQLite's full-text table from the words just
        // written, and makes its triggers.
        super::indexes::restore(self).await?;
        let loaded: Option<String> = match &self.backend {
            Backend::Sqlite(pool) => {
                sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'calendar'")
                    .fetch_optional(pool)
                    .await
                    .doing("loading the shipped holiday calendar")?
            }
            Backend::Postgres(pool) => {
                sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'calendar'")
                    .fetch_optional(pool)
                    .await
                    .doing("loading the shipped holiday calendar")?
            }
        };
        if loaded.is_none() {
            let holidays = parse_holidays_csv(SHIPPED_HOLIDAYS_CSV)
                .map_err(|e| StoreError::io("reading the shipped holiday calendar", e))?;
            for h in &holidays {
                super::on_backend!(self, "writing a day off", upsert_holiday(h))?;
            }
            let q = "INSERT INTO meja_meta (key, value) VALUES ('calendar', 'shipped 2024-2027') ON CONFLICT (key) DO NOTHING";
            match &self.backend {
                Backend::Sqlite(pool) => sqlx::query(q)
                    .execute(pool)
                    .await
                    .map(|_| ())
                    .doing("loading the shipped holiday calendar")?,
                Backend::Postgres(pool) => sqlx::query(q)
                    .execute(pool)
                    .await
                    .map(|_| ())
                    .doing("loading the shipped holiday calendar")?,
            }
        }
        // A database from before the monev rollups gets its complaints' facts (the sums follow).
        // An interrupted bulk load left them unsummed: whoever migrates sums them.
        self.fill_missing_facts(|_| {}).await?;
        if self.rollups_pending().await? {
            self.sum_rollups().await?;
        }
        Ok(())
    }

    /// Whether migration 0010 left the search words of existing reports to write (`meja doctor`).
    pub(crate) async fn search_words_pending(&self) -> Result<bool, StoreError> {
        super::on_backend!(
            self,
            "asking whether search words are left to write",
            search_words_pending()
        )
    }

    /// Writes the stemmed words (search) of the reports that migration 0010 found, which SQL
    /// cannot stem, a thousand reports a transaction; an interrupted run starts again at the next
    /// migration or opening for writing, and rewrites the same words. Returns how many it wrote.
    pub(crate) async fn write_search_words(&self) -> Result<u64, StoreError> {
        const DOING: &str = "writing the search words of the reports already there";
        if !self.search_words_pending().await? {
            return Ok(0);
        }
        let (mut after, mut written) = (0, 0);
        while let Some((last, n)) =
            super::on_backend!(self, DOING, search_words_batch(after, 1000))?
        {
            after = last;
            written += n;
        }
        super::on_backend!(self, DOING, search_words_done())?;
        tracing::info!(
            reports = written,
            "wrote the search words of existing reports"
        );
        Ok(written)
    }

    /// Closes the pool, waiting for connections to finish (SQLite checkpoints its WAL).
    pub async fn close(&self) {
        // Through a transaction pooler, the last call's commit first (closing drops it otherwise).
        self.settled().await;
        match &self.backend {
            Backend::Sqlite(pool) => pool.close().await,
            Backend::Postgres(pool) => pool.close().await,
        }
    }
}

/// A store on a pool of `connections` SQLite connections made with `options`; `what` names the
/// file (and how it is opened) when opening fails.
async fn sqlite_store(
    options: SqliteConnectOptions,
    connections: u32,
    what: &str,
) -> Result<Store, StoreError> {
    let pool = SqlitePoolOptions::new()
        .max_connections(connections.max(1))
        .acquire_timeout(Duration::from_secs(30))
        .connect_with(options)
        .await
        .map_err(|e| StoreError::database(format!("opening {what}"), e))?;
    Ok(Store {
        backend: Backend::Sqlite(pool),
        reference: Arc::new(RwLock::new(Arc::default())),
        impersonator: None,
        pooler: false,
    })
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
        assert!(matches!(
            Location::parse("postgres://lapor.siti@127.0.0.1:6432/lapor?pooler=transaction")
                .unwrap(),
            Location::Postgres(_)
        ));
        let e = Location::parse("postgres://u@h/db?pooler=session")
            .unwrap_err()
            .to_string();
        assert!(e.contains("pooler=session"), "{e}");
        let e = Location::parse("mysql://x").unwrap_err().to_string();
        assert!(e.contains("unknown scheme 'mysql'"), "{e}");
        assert!(Location::parse("").is_err());
        assert!(Location::parse("sqlite:").is_err());
    }
}
