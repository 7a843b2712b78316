//! `meja doctor`: what is wrong with an installation, and the command that fixes each problem.
//! It opens the database for reading only and changes nothing.

use super::open::OpenOptions;
use super::{Backend, Store};
use chrono::{Datelike, Duration, NaiveDate};

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Ok,
    /// Worth knowing, not broken (a small terminal, no colours).
    Warning,
    /// Broken: meja will misbehave until it is fixed.
    Problem,
    /// Not checked here (no terminal attached, or an earlier problem prevents it).
    Skipped,
}

/// One check: what was looked at, what was found, and for a problem the command that fixes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub name: &'static str,
    pub outcome: Outcome,
    pub found: String,
    pub fix: Option<String>,
}

fn check(name: &'static str, outcome: Outcome, found: impl Into<String>) -> Check {
    Check {
        name,
        outcome,
        found: found.into(),
        fix: None,
    }
}

/// The indexes the query planner's hints and the views need (the SQLite migration's; PostgreSQL
/// has the same names).
pub(crate) fn needed_indexes() -> Vec<&'static str> {
    super::bulk::bulk_index_names()
}

/// The database checks: reachable, at this meja's schema, its indexes present, and a national
/// calendar that covers the next twelve months from `today`.
pub async fn database(url: &str, today: NaiveDate) -> Vec<Check> {
    let mut checks = Vec::new();
    let options = OpenOptions {
        read_only: true,
        ..OpenOptions::single("meja doctor")
    };
    let store = match Store::connect(url, &options).await {
        Ok(store) => {
            let what = match store.kind() {
                super::BackendKind::Sqlite => "SQLite file, opened for reading",
                super::BackendKind::Postgres => "PostgreSQL, reachable",
            };
            checks.push(check("database", Outcome::Ok, what));
            store
        }
        Err(e) => {
            checks.push(Check {
                fix: Some("check --db (or MEJA_DB); `meja migrate` makes a new database".into()),
                ..check("database", Outcome::Problem, e.to_string())
            });
            return checks;
        }
    };
    match store.check_schema().await {
        Ok(()) => {
            let want = super::open::wanted_schema(store.kind());
            checks.push(check("schema", Outcome::Ok, format!("schema {want}")));
        }
        Err(e) => {
            checks.push(Check {
                fix: Some(
                    if e.to_string().contains("upgrade meja") {
                        "install the meja that matches this database"
                    } else {
                        "meja migrate"
                    }
                    .into(),
                ),
                ..check("schema", Outcome::Problem, e.to_string())
            });
        }
    }
    checks.push(match missing_indexes(&store).await {
        Ok(missing) if missing.is_empty() => check(
            "indexes",
            Outcome::Ok,
            format!("all {} present", needed_indexes().len()),
        ),
        Ok(missing) => Check {
            fix: Some(match store.kind() {
                super::BackendKind::Sqlite => "meja migrate (it recreates missing indexes)".into(),
                super::BackendKind::Postgres => {
                    "the database owner recreates them as migrations/postgres/0001_init.sql defines them"
                        .into()
                }
            }),
            ..check(
                "indexes",
                Outcome::Problem,
                format!("missing: {}", missing.join(", ")),
            )
        },
        Err(e) => check("indexes", Outcome::Problem, e.to_string()),
    });
    checks.push(calendar(&store, today).await);
    store.close().await;
    checks
}

async fn missing_indexes(store: &Store) -> Result<Vec<&'static str>, super::StoreError> {
    let present: Vec<String> = match &store.backend {
        Backend::Sqlite(pool) => {
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'index'")
                .fetch_all(pool)
                .await?
        }
        Backend::Postgres(pool) => {
            sqlx::query_scalar(
                "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema()",
            )
            .fetch_all(pool)
            .await?
        }
    };
    Ok(needed_indexes()
        .into_iter()
        .filter(|name| !present.iter().any(|p| p == name))
        .collect())
}

/// The national calendar must know the days off of the next twelve months: a clock counted past
/// its last known year would count decreed holidays as working days.
async fn calendar(store: &Store, today: NaiveDate) -> Check {
    let horizon = today + Duration::days(365);
    // Read straight from the table, so that a stale schema elsewhere does not hide this problem.
    let national = "SELECT MAX(day) FROM holiday WHERE kind <> 'regional'";
    let last: Result<Option<String>, sqlx::Error> = match &store.backend {
        Backend::Sqlite(pool) => sqlx::query_scalar(national).fetch_one(pool).await,
        Backend::Postgres(pool) => sqlx::query_scalar(national).fetch_one(pool).await,
    };
    let last = match last {
        Ok(day) => day.and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        Err(e) => return check("calendar", Outcome::Problem, e.to_string()),
    };
    match last {
        // A year's decree lists all its days: knowing any day of the horizon's year is knowing it.
        Some(last) if last.year() >= horizon.year() => check(
            "calendar",
            Outcome::Ok,
            format!("national days off known until {last}"),
        ),
        Some(last) => Check {
            fix: Some(format!(
                "add the decreed days of {} (SKB cuti bersama): meja holiday add DATE --name N --kind libur_nasional|cuti_bersama --decree D",
                last.year() + 1
            )),
            ..check(
                "calendar",
                Outcome::Problem,
                format!(
                    "national days off known only until {last}; the next twelve months reach {horizon}"
                ),
            )
        },
        None => Check {
            fix: Some("meja migrate (it loads the shipped calendar)".into()),
            ..check("calendar", Outcome::Problem, "no national days off at all")
        },
    }
}
