use crate::domain::lifecycle::Refusal;
use std::borrow::Cow;
use std::sync::Arc;

/// Why a store call failed. Every variant's message is one line an officer can act on; a failure
/// of the database or the file system keeps the underlying error as its source, with what the
/// store was doing when it happened.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StoreError {
    /// No such complaint, officer, instansi, ... (or not visible to the actor).
    #[error("{0}")]
    NotFound(String),
    /// The rules refuse the move (`lifecycle::plan`, the calendar rule): typed, so that each
    /// surface says it in its language and scripts read its code.
    #[error("{0}")]
    Refused(Refusal),
    /// The actor lacks a permission outside the complaint rules (administration, sign-in).
    #[error("{0}")]
    Denied(String),
    /// Someone else changed the complaint since it was read.
    #[error("conflict: {0}")]
    Conflict(String),
    /// Malformed input (a bad name, an empty text, a bad date).
    #[error("{0}")]
    Invalid(String),
    /// A field breaks the input rules (`domain::input`): typed, with the field and what it expects.
    #[error("{0}")]
    Input(#[from] crate::domain::input::InputError),
    /// Others acted on the complaint after the author last looked: these events are new to them.
    #[error("stale: {} new event(s) on the complaint since you started ({}); read them, then confirm or revise", .0.len(), stale_summary(.0))]
    Stale(Vec<crate::domain::model::Event>),
    /// The database failed (or could not be reached) while the store was doing something.
    #[error(transparent)]
    Database(DatabaseError),
    /// The database's schema is not the one this meja needs (PostgreSQL is migrated by its owner).
    #[error("{0}")]
    Schema(String),
    /// A file could not be read or written, or a worker of the store failed.
    #[error(transparent)]
    Io(IoError),
}

/// A database failure: what the store was doing, and sqlx's error (shared, so that the error can
/// be cloned into every refused item of a bulk action).
#[derive(Debug, Clone)]
pub struct DatabaseError {
    pub doing: Cow<'static, str>,
    pub source: Arc<sqlx::Error>,
}

impl std::fmt::Display for DatabaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.doing, database_message(&self.source))
    }
}

impl std::error::Error for DatabaseError {
    /// sqlx's error itself (not the `Arc` around it), so that callers can downcast to it.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// A failure outside the database: what the store was doing, and the error underneath (an
/// `io::Error`, a worker thread's failure), kept as the source.
#[derive(Debug, Clone)]
pub struct IoError {
    pub doing: Cow<'static, str>,
    pub source: Arc<dyn std::error::Error + Send + Sync>,
}

impl std::fmt::Display for IoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.doing, self.source)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

impl StoreError {
    /// A database failure while `doing` something (said as an -ing phrase: "reading the officers").
    pub fn database(doing: impl Into<Cow<'static, str>>, source: sqlx::Error) -> Self {
        StoreError::Database(DatabaseError {
            doing: doing.into(),
            source: Arc::new(source),
        })
    }

    /// A migration that failed while `doing` something.
    pub fn migration(
        doing: impl Into<Cow<'static, str>>,
        source: sqlx::migrate::MigrateError,
    ) -> Self {
        StoreError::database(doing, sqlx::Error::Migrate(Box::new(source)))
    }

    /// A file-system (or other non-database) failure while `doing` something.
    pub fn io(
        doing: impl Into<Cow<'static, str>>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        StoreError::Io(IoError {
            doing: doing.into(),
            source: Arc::new(source),
        })
    }
}

/// Attaches what the store was doing to a database error.
pub(crate) trait Doing<T> {
    fn doing(self, what: impl Into<Cow<'static, str>>) -> Result<T, StoreError>;
}

impl<T> Doing<T> for Result<T, sqlx::Error> {
    fn doing(self, what: impl Into<Cow<'static, str>>) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::database(what, e))
    }
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        StoreError::Refused(r)
    }
}

/// Two errors are equal when they say the same: typed errors by their content, failures of the
/// database or the file system by what was being done and what went wrong (their sources are
/// not comparable themselves).
impl PartialEq for StoreError {
    fn eq(&self, other: &Self) -> bool {
        use StoreError::*;
        match (self, other) {
            (NotFound(a), NotFound(b))
            | (Denied(a), Denied(b))
            | (Conflict(a), Conflict(b))
            | (Invalid(a), Invalid(b))
            | (Schema(a), Schema(b)) => a == b,
            (Refused(a), Refused(b)) => a == b,
            (Input(a), Input(b)) => a == b,
            (Stale(a), Stale(b)) => a == b,
            (Database(a), Database(b)) => a.to_string() == b.to_string(),
            (Io(a), Io(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }
}

/// One line, without sqlx's nesting, that says what went wrong with the database.
fn database_message(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Database(db) => {
            let msg = db.message();
            if msg.contains("file is not a database") {
                "the file is not a meja database (not SQLite)".to_string()
            } else {
                msg.to_string()
            }
        }
        sqlx::Error::PoolTimedOut => "timed out waiting for a database connection".to_string(),
        sqlx::Error::Io(io) => format!("cannot reach the database: {io}"),
        other => other
            .to_string()
            .lines()
            .next()
            .unwrap_or("unknown error")
            .to_string(),
    }
}

fn stale_summary(events: &[crate::domain::model::Event]) -> String {
    events
        .iter()
        .map(|e| format!("{} by {}", e.kind, e.actor))
        .collect::<Vec<_>>()
        .join(", ")
}

impl StoreError {
    /// The one line for a person, in their language where the error is typed (the rules'
    /// refusals and the input rules); the store's remaining plain messages are English.
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        match self {
            StoreError::Refused(r) => r.message(lang),
            StoreError::Input(e) => e.message(lang),
            other => other.to_string(),
        }
    }

    /// A stable code for `--json` output and scripts.
    pub fn code(&self) -> &'static str {
        match self {
            StoreError::NotFound(_) => "not_found",
            StoreError::Refused(r) => r.code(),
            StoreError::Denied(_) => "denied",
            StoreError::Conflict(_) => "conflict",
            StoreError::Invalid(_) => "invalid",
            StoreError::Input(_) => "invalid_input",
            StoreError::Stale(_) => "stale",
            StoreError::Database(_) => "database",
            StoreError::Schema(_) => "schema",
            StoreError::Io(_) => "io",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error;

    #[test]
    fn a_database_error_says_what_was_done_and_keeps_its_source() {
        let e = StoreError::database("reading the officers", sqlx::Error::PoolTimedOut);
        assert_eq!(
            e.to_string(),
            "reading the officers: timed out waiting for a database connection"
        );
        assert_eq!(e.code(), "database");
        let source = e.source().expect("the sqlx error is the source");
        assert!(source.downcast_ref::<sqlx::Error>().is_some(), "{source:?}");
        assert_eq!(e.clone(), e);
    }

    #[test]
    fn an_io_error_keeps_its_source() {
        let io = std::io::Error::new(std::io::ErrorKind::PermissionDenied, "no");
        let e = StoreError::io("creating /x", io);
        assert_eq!(e.to_string(), "creating /x: no");
        let source = e.source().expect("the io error is the source");
        assert!(source.downcast_ref::<std::io::Error>().is_some());
    }
}
