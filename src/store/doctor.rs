//! `meja doctor`: what is wrong with an installation, and the command that fixes each problem.
//! It opens the database for reading only and changes nothing.

use super::indexes::{INDEXES, drift};
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
    checks.push(indexes(&store).await);
    checks.push(calendar(&store, today).await);
    store.close().await;
    checks
}

/// The indexes of `super::indexes::INDEXES`, as that list defines them. A missing one makes
/// SQLite refuse every query whose hint names it.
async fn indexes(store: &Store) -> Check {
    let wanted = INDEXES
        .iter()
        .filter(|i| i.on_backend(store.kind()))
        .count();
    match drift(store).await {
        Ok(drift) if drift.is_empty() => match store.search_words_pending().await {
            Ok(false) => check("indexes", Outcome::Ok, format!("all {wanted} present")),
            // Reports from before migration 0010 are not found by search until then.
            Ok(true) => Check {
                fix: Some("meja migrate (it writes them)".into()),
                ..check(
                    "indexes",
                    Outcome::Problem,
                    "the search words of the reports from before schema 10 are not written yet",
                )
            },
            Err(e) => check("indexes", Outcome::Problem, e.to_string()),
        },
        Ok(drift) => Check {
            fix: Some(match store.kind() {
                super::BackendKind::Sqlite => {
                    "meja migrate (opening the database for writing also rebuilds them)".into()
                }
                super::BackendKind::Postgres => "meja migrate, by the database owner".into(),
            }),
            ..check("indexes", Outcome::Problem, drift.describe())
        },
        Err(e) => check("indexes", Outcome::Problem, e.to_string()),
    }
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
