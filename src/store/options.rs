//! How a process opens its database: how many connections it pools on each backend and the name
//! it gives them (`Store::open_with`, in open.rs).

/// How a process connects: how many pooled connections it may hold on each backend and the name it
/// gives them in `pg_stat_activity`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// Pooled PostgreSQL connections (a console's change feed holds one more of its own).
    pub pg_connections: u32,
    /// Pooled SQLite connections. Each opens the file, parses the schema and keeps its own page
    /// cache (`SQLITE_PAGE_CACHE`): a command needs one, a console two (a slow count on one does
    /// not hold up the next page on the other), a bulk load or a test fixture more.
    pub sqlite_connections: u32,
    pub application_name: String,
    /// May a SQLite path with nothing there (or an empty, 0-byte file) become a new database, its
    /// directory created as needed? Only the commands that make a database (`migrate`, `seed`), the
    /// default database in the data directory and the demo say yes: a mistyped `--db` must not
    /// leave an empty database behind.
    pub create: bool,
    /// Open for reading only (`--readonly`). A SQLite file meja may not write opens read-only
    /// anyway.
    pub read_only: bool,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            pg_connections: 8,
            sqlite_connections: 4,
            application_name: "meja".into(),
            create: false,
            read_only: false,
        }
    }
}

impl OpenOptions {
    /// One connection, named: what a CLI command uses.
    pub fn single(application_name: impl Into<String>) -> Self {
        OpenOptions {
            pg_connections: 1,
            sqlite_connections: 1,
            application_name: application_name.into(),
            ..OpenOptions::default()
        }
    }

    /// What a console uses besides its change feed's connection: one PostgreSQL connection (a
    /// server serves thousands of consoles), two on SQLite, where reads run in the console's own
    /// process and a settling exact count should not hold up a page.
    pub fn console(application_name: impl Into<String>) -> Self {
        OpenOptions {
            sqlite_connections: 2,
            ..OpenOptions::single(application_name)
        }
    }

    /// Whether a missing SQLite database may be created (see `create`).
    pub fn creating(mut self, create: bool) -> Self {
        self.create = create;
        self
    }

    /// Whether to open for reading only (see `read_only`).
    pub fn reading_only(mut self, read_only: bool) -> Self {
        self.read_only = read_only;
        self
    }
}
