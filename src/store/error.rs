use crate::domain::lifecycle::Refusal;

/// Why a store call failed. Every variant's message is one line an officer can act on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
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
        StoreError::Refused(r)
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
