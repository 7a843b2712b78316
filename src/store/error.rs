use crate::domain::lifecycle::Refusal;

/// Why a store call failed. Every variant's message is one line an officer can act on.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No such complaint, officer, instansi, ... (or not visible to the actor).
    #[error("{0}")]
    NotFound(String),
    /// The rules refuse the move or the actor lacks the permission.
    #[error("{0}")]
    Refused(String),
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
    #[error("database: {0}")]
    Database(String),
    /// The database's schema is not the one this meja needs (PostgreSQL is migrated by its owner).
    #[error("{0}")]
    Schema(String),
    #[error("{0}")]
    Io(String),
}

impl From<Refusal> for StoreError {
    fn from(r: Refusal) -> Self {
        match r {
            Refusal::Invalid(m) => StoreError::Invalid(m),
            unseen @ Refusal::Unseen(_) => StoreError::NotFound(unseen.to_string()),
            other => StoreError::Refused(other.to_string()),
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        StoreError::Database(database_message(&e))
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Database(format!("migration failed: {e}"))
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
