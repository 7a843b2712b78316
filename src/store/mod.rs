//! The store: the one place that speaks SQL. One interface (`Store`) over two backends, SQLite (the
//! embedded default) and PostgreSQL (shared deployments). The queries are written once in `ops/`
//! and compiled for each backend; the rules they enforce come from `crate::domain`.

mod acting;
mod admin;
mod bare;
mod board;
pub(crate) mod bulk;
pub mod clocks;
pub mod doctor;
mod error;
pub mod feed;
#[cfg(test)]
mod hints_tests;
pub mod import;
pub mod indexes;
mod monev;
pub mod open;
mod options;
#[cfg(test)]
mod plan_tests;
mod pooler;
mod queries;
mod resolve;
pub(crate) mod rollups;
mod routing;
pub mod security;
pub mod seed;
pub(crate) mod sums;
mod sweep;
mod types;

pub(crate) use acting::{cached_due, not_found};
pub use bare::{BareRead, PreparedBare};
pub(crate) use error::Doing;
pub use error::{DatabaseError, IoError, StoreError};
pub use monev::MonevWorld;
pub use queries::RANK_WINDOW;
pub use types::{
    ActionOutcome, BulkOutcome, Count, Cursor, Draft, ListQuery, NewInstansi, NewOfficer,
    OfficerLoad, PRESENCE_EXPIRY, Page, Presence, SweepReport, Template, ViewCounts,
};
pub(crate) use types::{IntakeRow, Recording};

use crate::domain::calendar::{CalendarBook, WorkingCalendar};
use crate::domain::instansi_match;
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The queries, written once against `Db` and compiled for each backend.
pub(crate) mod on_sqlite {
    #![allow(dead_code)]
    pub(crate) type Db = sqlx::Sqlite;
    pub(crate) const IS_SQLITE: bool = true;
    include!("ops/common.rs");
    include!("ops/rows.rs");
    include!("ops/reference.rs");
    include!("ops/complaints.rs");
    include!("ops/lists.rs");
    include!("ops/view_sums.rs");
    include!("ops/sweep.rs");
    include!("ops/monev.rs");
    include!("ops/facts.rs");
    include!("ops/tally.rs");
    include!("ops/desk.rs");
    include!("ops/import.rs");
    include!("ops/search.rs");
    include!("ops/routing.rs");
}
pub(crate) mod on_postgres {
    #![allow(dead_code)]
    pub(crate) type Db = sqlx::Postgres;
    pub(crate) const IS_SQLITE: bool = false;
    include!("ops/common.rs");
    include!("ops/rows.rs");
    include!("ops/reference.rs");
    include!("ops/complaints.rs");
    include!("ops/lists.rs");
    include!("ops/view_sums.rs");
    include!("ops/sweep.rs");
    include!("ops/monev.rs");
    include!("ops/facts.rs");
    include!("ops/tally.rs");
    include!("ops/desk.rs");
    include!("ops/import.rs");
    include!("ops/search.rs");
    include!("ops/routing.rs");
}

#[derive(Debug, Clone)]
pub(crate) enum Backend {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs the same `ops` function on whichever backend this store has, saying what it does (an
/// -ing phrase) should the database fail: `on_backend!(self, "reading the officers", f(args))`.
macro_rules! on_backend {
    ($self:expr, $doing:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.backend {
            $crate::store::Backend::Sqlite(pool) => $crate::store::on_sqlite::$f(pool, $($arg),*).await,
            $crate::store::Backend::Postgres(pool) => {
                let result = $crate::store::on_postgres::$f(pool, $($arg),*).await;
                // Through a transaction pooler the call's transaction commits as the connection
                // returns to the pool: wait for it (pooler.rs).
                if $self.pooler {
                    $crate::store::pooler::settle(pool).await;
                }
                result
            }
        }
        .map_err(|e| $crate::store::StoreError::database($doing, e))
    };
}
pub(crate) use on_backend;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BackendKind {
    Sqlite,
    Postgres,
}

/// The instansi tree and the calendars, read once and refreshed when meja itself changes them.
#[derive(Debug, Default)]
pub(crate) struct Reference {
    pub instansi: Vec<Instansi>,
    pub by_id: HashMap<InstansiId, usize>,
    /// The calendar of each instansi: national days plus the regional days of its subtree.
    pub calendars: Arc<CalendarBook>,
    pub categories: Vec<Category>,
    /// Each instansi's other names (`instansi_alias`) as the reference document holds them (a
    /// JSON array of [instansi id, alias]), read the first time a name is matched (`aliases`):
    /// they are a third of the document, and most commands match no name.
    aliases_json: String,
    aliases: std::sync::OnceLock<HashMap<InstansiId, Vec<String>>>,
    /// What the matcher reads of each instansi (name, code, aliases), parallel to `instansi`:
    /// made the first time a name is matched (`names`), since most commands match none and
    /// reading 3,489 instansi's names cost a command more than its query.
    names: std::sync::OnceLock<Vec<instansi_match::Names>>,
}

/// The reference tables as read (`load_reference`), before they are made into a `Reference`.
pub(crate) struct ReferenceTables {
    pub instansi: Vec<Instansi>,
    pub holidays: Vec<Holiday>,
    pub categories: Vec<Category>,
    /// The aliases' JSON array, left unread (`Reference::aliases`).
    pub aliases_json: String,
}

impl Reference {
    /// The matcher's reading of every instansi, parallel to `instansi`.
    pub fn names(&self) -> Result<&[instansi_match::Names]> {
        if let Some(names) = self.names.get() {
            return Ok(names);
        }
        let names = Reference::names_of(&self.instansi, self.aliases()?);
        Ok(self.names.get_or_init(|| names))
    }

    /// Each instansi's other names, by id, each instansi's in byte order.
    pub fn aliases(&self) -> Result<&HashMap<InstansiId, Vec<String>>> {
        if let Some(aliases) = self.aliases.get() {
            return Ok(aliases);
        }
        let rows: Vec<(InstansiId, String)> =
            serde_json::from_str(&self.aliases_json).map_err(|e| {
                StoreError::database(
                    "reading the instansi aliases of the reference document",
                    sqlx::Error::Decode(e.into()),
                )
            })?;
        let mut aliases: HashMap<InstansiId, Vec<String>> = HashMap::new();
        for (id, alias) in rows {
            aliases.entry(id).or_default().push(alias);
        }
        for own in aliases.values_mut() {
            own.sort_unstable();
        }
        Ok(self.aliases.get_or_init(|| aliases))
    }

    pub fn instansi(&self, id: InstansiId) -> Option<&Instansi> {
        self.by_id.get(&id).map(|&i| &self.instansi[i])
    }

    /// The matcher's reading of every instansi, once per reload.
    pub fn names_of(
        instansi: &[Instansi],
        aliases: &HashMap<InstansiId, Vec<String>>,
    ) -> Vec<instansi_match::Names> {
        instansi
            .iter()
            .map(|i| {
                let own = aliases.get(&i.id).map(Vec::as_slice).unwrap_or_default();
                instansi_match::Names::new(&i.code, &i.name, own.iter().map(String::as_str))
            })
            .collect()
    }
}

/// A handle to meja's database. Cheap to clone; every clone shares the pool.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) backend: Backend,
    pub(crate) reference: Arc<RwLock<Arc<Reference>>>,
    /// The database login acting on an officer's behalf (PostgreSQL `--as`), recorded in each
    /// event it writes; None when the officer acts as themselves.
    pub(crate) impersonator: Option<Arc<str>>,
    /// PostgreSQL reached through a transaction pooler (`?pooler=transaction`, pooler.rs): no
    /// session state, and the change feed polls instead of listening.
    pub(crate) pooler: bool,
}

pub(crate) fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(v: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(v).unwrap_or_default()
}

/// The upper bound of a materialized-path subtree: '/' sorts just before '0'.
pub(crate) fn subtree_end(path: &str) -> String {
    let mut end = path.trim_end_matches('/').to_string();
    end.push('0');
    end
}

impl Store {
    pub fn kind(&self) -> BackendKind {
        match self.backend {
            Backend::Sqlite(_) => BackendKind::Sqlite,
            Backend::Postgres(_) => BackendKind::Postgres,
        }
    }

    pub(crate) fn reference(&self) -> Arc<Reference> {
        self.reference
            .read()
            .map(|r| Arc::clone(&r))
            .unwrap_or_default()
    }

    /// Re-reads the instansi tree, categories and calendar (after meja or another process changed them).
    pub async fn reload(&self) -> Result<()> {
        let ReferenceTables {
            instansi,
            holidays,
            categories,
            aliases_json,
        } = on_backend!(self, "reading the reference data", load_reference())?;
        let by_id = instansi
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id, i))
            .collect();
        let calendars =
            CalendarBook::new(holidays, instansi.iter().map(|i| (i.id, i.path.as_str())));
        let fresh = Reference {
            instansi,
            by_id,
            calendars: Arc::new(calendars),
            categories,
            aliases_json,
            aliases: Default::default(),
            names: Default::default(),
        };
        if let Ok(mut guard) = self.reference.write() {
            *guard = Arc::new(fresh);
        }
        Ok(())
    }

    /// The national calendar, for callers that have no instansi: regional days are not in it.
    pub fn calendar(&self) -> Arc<WorkingCalendar> {
        self.reference().calendars.national()
    }

    /// The calendar in force at an instansi: the one its complaints' clocks are counted on.
    pub fn calendar_for(&self, instansi_id: InstansiId) -> Arc<WorkingCalendar> {
        self.reference().calendars.for_instansi(instansi_id)
    }

    /// Every instansi's calendar, for callers that show complaints of many instansi.
    pub fn calendars(&self) -> Arc<CalendarBook> {
        Arc::clone(&self.reference().calendars)
    }

    pub fn instansi_list(&self) -> Vec<Instansi> {
        self.reference().instansi.clone()
    }

    /// The matcher's reading of every instansi (name, code, aliases), parallel to
    /// `instansi_list`.
    pub fn instansi_names(&self) -> Result<Vec<instansi_match::Names>> {
        Ok(self.reference().names()?.to_vec())
    }

    /// Each instansi's other names, by id.
    pub fn instansi_aliases(&self) -> Result<HashMap<InstansiId, Vec<String>>> {
        Ok(self.reference().aliases()?.clone())
    }

    pub fn categories(&self) -> Vec<Category> {
        self.reference().categories.clone()
    }
}
