//! The store: the one place that speaks SQL. One interface (`Store`) over two backends, SQLite (the
//! embedded default) and PostgreSQL (shared deployments). The queries are written once in `ops.rs`
//! and compiled for each backend; the rules they enforce come from `crate::domain`.

pub mod clocks;
pub mod doctor;
mod error;
pub mod feed;
pub mod open;
mod resolve;
pub mod security;
pub mod seed;

pub use error::StoreError;

use crate::domain::access::{self, Naming};
use crate::domain::calendar::{self, CalendarBook, WorkingCalendar};
use crate::domain::clock::ClockBase;
use crate::domain::filter::Filter;
use crate::domain::input;
use crate::domain::lifecycle::{self, Action, Actor, ComplaintId, Named};
use crate::domain::view::View;
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The queries, written once against `Db` and compiled for each backend.
pub(crate) mod on_sqlite {
    #![allow(dead_code)]
    pub(crate) type Db = sqlx::Sqlite;
    pub(crate) const IS_SQLITE: bool = true;
    include!("ops.rs");
}
pub(crate) mod on_postgres {
    #![allow(dead_code)]
    pub(crate) type Db = sqlx::Postgres;
    pub(crate) const IS_SQLITE: bool = false;
    include!("ops.rs");
}

#[derive(Debug, Clone)]
pub(crate) enum Backend {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Runs the same `ops` function on whichever backend this store has.
macro_rules! on_backend {
    ($self:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match &$self.backend {
            $crate::store::Backend::Sqlite(pool) => {
                $crate::store::on_sqlite::$f(pool, $($arg),*).await.map_err($crate::store::StoreError::from)
            }
            $crate::store::Backend::Postgres(pool) => {
                $crate::store::on_postgres::$f(pool, $($arg),*).await.map_err($crate::store::StoreError::from)
            }
        }
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
}

impl Reference {
    pub fn instansi(&self, id: InstansiId) -> Option<&Instansi> {
        self.by_id.get(&id).map(|&i| &self.instansi[i])
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
}

/// One page of a queue and the cursor of the next page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    pub rows: Vec<ComplaintRow>,
    pub next: Option<Cursor>,
}

/// Keyset position: the sort key of the last row (milliseconds) and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Cursor {
    pub key: i64,
    pub id: ComplaintId,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ListQuery {
    pub view: View,
    pub filter: Filter,
    pub limit: u32,
    pub after: Option<Cursor>,
    /// The moment "overdue" and "due soon" are judged at; usually now.
    pub now: DateTime<Utc>,
}

impl ListQuery {
    pub fn new(view: View) -> Self {
        ListQuery {
            view,
            filter: Filter::default(),
            limit: 50,
            after: None,
            now: Utc::now(),
        }
    }
}

/// Counts of the built-in views for one officer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ViewCounts {
    pub counts: Vec<(View, i64)>,
}

impl ViewCounts {
    pub fn get(&self, view: View) -> i64 {
        self.counts
            .iter()
            .find(|(v, _)| *v == view)
            .map(|(_, c)| *c)
            .unwrap_or(0)
    }
}

/// The result of an accepted action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionOutcome {
    pub complaint_id: ComplaintId,
    pub event_id: i64,
    pub kind: EventKind,
    pub status: Status,
    pub version: i64,
}

/// How an action is recorded: in a batch (bulk actions), when it happened (`--at`; None: now),
/// and when it is recorded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Recording<'a> {
    pub batch: Option<&'a str>,
    pub happened: Option<DateTime<Utc>>,
    pub now: DateTime<Utc>,
}

impl Recording<'_> {
    pub fn at(now: DateTime<Utc>) -> Self {
        Recording {
            batch: None,
            happened: None,
            now,
        }
    }
}

/// The result of a bulk action: one batch in the event log.
#[derive(Debug, Clone)]
pub struct BulkOutcome {
    pub batch: String,
    pub done: Vec<ActionOutcome>,
    pub refused: Vec<(ComplaintId, StoreError)>,
}

/// What one run of the clocks did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    pub closed: Vec<ComplaintId>,
    pub resumed: Vec<ComplaintId>,
    pub escalated: Vec<ComplaintId>,
    /// Open reports whose clock is due within one working day (not changed, only counted).
    pub due_soon: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerLoad {
    #[serde(flatten)]
    pub officer: Officer,
    pub open: i64,
    pub overdue: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInstansi {
    pub code: String,
    pub name: String,
    pub kind: InstansiKind,
    pub zone: Zone,
    /// Parent by code or name; None only for the national root of an empty database.
    pub parent: Option<String>,
    pub deadlines: Deadlines,
    pub requires_approval: bool,
    pub auto_escalate: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOfficer {
    pub username: String,
    pub name: String,
    pub role: Role,
    /// Instansi by code or name.
    pub instansi: String,
    /// PostgreSQL: the password of the officer's new login role (None: peer or certificate
    /// authentication, as `pg_hba.conf` says). Unused on SQLite.
    pub password: Option<String>,
}

/// A saved reply draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Draft {
    pub complaint_id: ComplaintId,
    pub kind: String,
    pub body: String,
    /// The newest event the author had seen when the draft was started.
    pub based_on_event: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// Someone else at a complaint: viewing it, or writing a reply on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Presence {
    pub complaint_id: ComplaintId,
    pub username: String,
    pub name: String,
    pub writing: bool,
    pub seen_at: DateTime<Utc>,
}

/// A console refreshes its presence more often than this; older rows are consoles that went away.
pub const PRESENCE_EXPIRY: chrono::Duration = chrono::Duration::seconds(15);

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Template {
    pub name: String,
    pub status: Option<Status>,
    pub body: String,
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
        let instansi = on_backend!(self, load_instansi())?;
        let holidays = on_backend!(self, load_holidays())?;
        let categories = on_backend!(self, load_categories())?;
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

    pub fn categories(&self) -> Vec<Category> {
        self.reference().categories.clone()
    }

    /// The acting officer by username; unknown or disabled officers are refused.
    pub async fn actor(&self, username: &str) -> Result<Actor> {
        let officer = self.officer(username).await?;
        if !officer.active {
            return Err(StoreError::Denied(format!(
                "officer '{username}' is disabled"
            )));
        }
        Ok(Actor {
            id: officer.id,
            username: officer.username,
            role: officer.role,
            instansi_id: officer.instansi_id,
            instansi_path: officer.instansi_path,
        })
    }

    pub async fn officer(&self, username: &str) -> Result<Officer> {
        on_backend!(self, officer_by_username(username))?.ok_or_else(|| {
            Refusal::UnknownOfficer {
                username: username.to_string(),
            }
            .into()
        })
    }

    /// Officers the actor may see, with their open and overdue load.
    pub async fn officers(&self, actor: &Actor, now: DateTime<Utc>) -> Result<Vec<OfficerLoad>> {
        let scope = access::subtree_root(actor);
        on_backend!(self, officer_loads(scope, ms(now)))
    }

    /// Officers who may take all of these complaints from the actor (the assign picker): in the
    /// actor's subtree, active, and able to see each complaint (`access::may_assign`). A complaint
    /// the actor does not see is refused as missing.
    pub async fn assignable_officers(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        now: DateTime<Utc>,
    ) -> Result<Vec<OfficerLoad>> {
        let sightings = self.visible_sightings(actor, ids).await?;
        if let Some(&id) = ids
            .iter()
            .find(|id| !sightings.iter().any(|(seen, ..)| seen == *id))
        {
            return Err(not_found(id));
        }
        let mut loads = self.officers(actor, now).await?;
        loads.retain(|o| {
            let person = access::Person {
                id: o.officer.id,
                role: o.officer.role,
                instansi_path: &o.officer.instansi_path,
            };
            o.officer.active
                && sightings.iter().all(|(_, path, klasifikasi)| {
                    let c = access::Sighting {
                        instansi_path: path,
                        klasifikasi: *klasifikasi,
                    };
                    access::may_assign(actor, c, person).is_ok()
                })
        });
        Ok(loads)
    }

    /// An officer the actor may name: one in their subtree (`officer list` shows the same set).
    async fn officer_for(&self, actor: &Actor, username: &str) -> Result<Officer> {
        let officer = self.officer(username).await?;
        if !access::in_subtree(actor, &officer.instansi_path) {
            return Err(Refusal::UnknownOfficer {
                username: username.to_string(),
            }
            .into());
        }
        Ok(officer)
    }

    pub async fn add_officer(&self, actor: &Actor, new: NewOfficer) -> Result<Officer> {
        let instansi = self.find_instansi_for(actor, &new.instansi)?;
        let person = access::Person {
            id: 0,
            role: new.role,
            instansi_path: &instansi.path,
        };
        if let Err(d) = access::may_administer_officer(actor, person) {
            return Err(StoreError::Denied(format!(
                "{} may not add a {} to {}: {d}",
                actor.username, new.role, instansi.name
            )));
        }
        let username = new.username.trim();
        if username.is_empty() || username.contains(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "bad username '{username}': use one word without spaces"
            )));
        }
        if on_backend!(self, officer_by_username(username))?.is_some() {
            return Err(StoreError::Denied(format!(
                "officer '{username}' already exists"
            )));
        }
        self.write_new_officer(&new, instansi.id).await?;
        self.officer(username).await
    }

    pub async fn set_officer_active(
        &self,
        actor: &Actor,
        username: &str,
        active: bool,
    ) -> Result<Officer> {
        let officer = self.officer_for(actor, username).await?;
        let person = access::Person {
            id: officer.id,
            role: officer.role,
            instansi_path: &officer.instansi_path,
        };
        if let Err(d) = access::may_set_active(actor, person, active) {
            return Err(StoreError::Denied(format!(
                "{} may not change officer {}: {d}",
                actor.username, officer.username
            )));
        }
        self.write_officer_active(&officer, active).await?;
        self.officer(username).await
    }

    /// Every stored day off: the national calendar and every instansi's regional days.
    pub fn holidays(&self) -> Vec<Holiday> {
        self.reference().calendars.all_days().cloned().collect()
    }

    /// Adds or replaces a day off: a national one (no instansi) or a regional one of
    /// `holiday.instansi_id`. Recomputes the open clocks the day applies to (everywhere, or the
    /// instansi's subtree) and returns how many due times moved.
    pub async fn add_holiday(&self, actor: &Actor, holiday: Holiday) -> Result<u64> {
        let place = self.holiday_place(actor, holiday.kind, holiday.instansi_id)?;
        on_backend!(self, upsert_holiday(&holiday))?;
        self.reload().await?;
        self.recompute_clocks_in(&place).await
    }

    /// Removes a day off of one instansi's regional calendar, or of the national calendar when
    /// `instansi_id` is None; recomputes as `add_holiday` does.
    pub async fn remove_holiday(
        &self,
        actor: &Actor,
        date: NaiveDate,
        instansi_id: Option<InstansiId>,
    ) -> Result<u64> {
        // What is stored decides the rule (national or regional): read it fresh, another process
        // may have changed the calendar since this handle last looked.
        self.reload().await?;
        let reference = self.reference();
        let stored = match instansi_id {
            None => reference.calendars.national().holiday(date).cloned(),
            Some(id) => reference
                .calendars
                .regional_days_of(id)
                .iter()
                .find(|h| h.date == date)
                .cloned(),
        };
        // The permission is judged before saying whether the day exists.
        let kind = stored.as_ref().map_or(
            if instansi_id.is_some() {
                HolidayKind::Regional
            } else {
                HolidayKind::LiburNasional
            },
            |h| h.kind,
        );
        let place = self.holiday_place(actor, kind, instansi_id)?;
        if stored.is_none() || !on_backend!(self, delete_holiday(date, instansi_id))? {
            let calendar = match instansi_id.and_then(|id| reference.instansi(id)) {
                Some(i) => format!("the regional days off of {}", i.name),
                None => "the national holiday calendar".to_string(),
            };
            return Err(StoreError::NotFound(format!("{date} is not in {calendar}")));
        }
        self.reload().await?;
        self.recompute_clocks_in(&place).await
    }

    /// Checks that the actor may change the days off of `instansi_id` (None: the national
    /// calendar) and returns the subtree path whose clocks the change moves.
    fn holiday_place(
        &self,
        actor: &Actor,
        kind: HolidayKind,
        instansi_id: Option<InstansiId>,
    ) -> Result<String> {
        let instansi = match instansi_id {
            Some(id) => Some(self.reference().instansi(id).cloned().ok_or_else(|| {
                StoreError::NotFound(format!("no instansi with id {id} for the regional day"))
            })?),
            None => None,
        };
        calendar::may_change(actor, kind, instansi.as_ref().map(|i| i.path.as_str())).map_err(
            // The rule sees a path; the officer reads the instansi's name.
            |refusal| match (refusal, &instansi) {
                (Refusal::HolidayOutsideSubtree { .. }, Some(i)) => {
                    Refusal::HolidayOutsideSubtree {
                        instansi: i.name.clone(),
                    }
                }
                (Refusal::HolidayRole { role, .. }, Some(i)) => Refusal::HolidayRole {
                    role,
                    instansi: i.name.clone(),
                },
                (other, _) => other,
            },
        )?;
        Ok(instansi.map_or_else(|| "/".to_string(), |i| i.path))
    }

    /// Recomputes the cached due times of every open clock from its base and the current calendars.
    pub async fn recompute_clocks(&self) -> Result<u64> {
        self.recompute_clocks_in("/").await
    }

    /// Recomputes the cached due times of the open clocks held in one subtree (a regional day
    /// moves no clock outside it); returns how many moved.
    pub async fn recompute_clocks_in(&self, subtree_path: &str) -> Result<u64> {
        let reference = self.reference();
        let bases = on_backend!(
            self,
            open_clock_bases(subtree_path, &subtree_end(subtree_path))
        )?;
        let mut changes = Vec::new();
        for (id, instansi_id, base, breach_at, close_at) in bases {
            let zone = reference
                .instansi(instansi_id)
                .map(|i| i.zone)
                .unwrap_or(Zone::Wib);
            let calendar = reference.calendars.for_instansi(instansi_id);
            let (b, c) = cached_due(Some(&base), &calendar, zone);
            if b != breach_at || c != close_at {
                changes.push((id, b, c));
            }
        }
        let n = changes.len() as u64;
        on_backend!(self, update_due_times(&changes))?;
        Ok(n)
    }

    /// Adds a node to the instansi tree. The first instansi of an empty database (the national
    /// root) needs no actor; after that only admins of the parent's subtree add nodes.
    pub async fn add_instansi(&self, actor: Option<&Actor>, new: NewInstansi) -> Result<Instansi> {
        let code = new.code.trim().to_uppercase();
        if code.is_empty() || code.contains(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "bad instansi code '{}': use one word, e.g. KOTA-PONTIANAK",
                new.code
            )));
        }
        if new.name.trim().is_empty() {
            return Err(StoreError::Invalid("the instansi needs a name".into()));
        }
        if self.reference().instansi.iter().any(|i| i.code == code) {
            return Err(StoreError::Denied(format!("instansi code {code} is taken")));
        }
        let parent = match (new.parent.as_deref(), actor) {
            // An admin names only the parents they may name; the bootstrap has no actor to scope.
            (Some(q), Some(a)) => Some(self.find_instansi_for(a, q)?),
            (Some(q), None) => Some(self.find_instansi(q)?),
            (None, _) if self.reference().instansi.is_empty() => None,
            (None, _) => {
                return Err(StoreError::Invalid(
                    "only the first instansi (the national root) has no parent: give --parent"
                        .into(),
                ));
            }
        };
        match (actor, &parent) {
            (_, None) => {}
            (Some(a), Some(p)) => {
                if let Err(d) = access::may_administer_instansi(a, &p.path) {
                    return Err(StoreError::Denied(format!(
                        "{} may not add instansi under {}: {d}",
                        a.username, p.name
                    )));
                }
            }
            (None, Some(_)) => {
                return Err(StoreError::Denied(
                    "adding an instansi needs an admin (--as)".into(),
                ));
            }
        }
        let d = new.deadlines;
        if d.verify_days == 0 || d.follow_up_days == 0 || d.close_days == 0 {
            return Err(StoreError::Invalid(
                "deadlines are whole working days of at least 1".into(),
            ));
        }
        let id = on_backend!(self, next_instansi_id())?;
        let path = match &parent {
            Some(p) => format!("{}{id}/", p.path),
            None => format!("/{id}/"),
        };
        let inst = Instansi {
            id,
            parent_id: parent.map(|p| p.id),
            code,
            name: new.name.trim().to_string(),
            kind: new.kind,
            zone: new.zone,
            path,
            deadlines: d,
            requires_approval: new.requires_approval,
            auto_escalate: new.auto_escalate,
        };
        on_backend!(self, insert_instansi(&inst))?;
        self.reload().await?;
        Ok(inst)
    }

    /// Resolves an instansi by code, exact name, or a part of its name that matches only one.
    pub fn find_instansi(&self, query: &str) -> Result<Instansi> {
        resolve::instansi(&self.reference().instansi, query)
    }

    /// Resolves an instansi the actor may name (their subtree; the national level: any), so that
    /// neither an answer nor a refusal tells about instansi outside it (`access::may_name`).
    pub fn find_instansi_for(&self, actor: &Actor, query: &str) -> Result<Instansi> {
        resolve::instansi_for(&self.reference(), actor, query, Naming::Within)
    }

    pub fn find_category(&self, query: &str) -> Result<Category> {
        resolve::category(&self.reference().categories, query)
    }

    /// The zone a local received time is read in: that of the instansi receiving the report
    /// (`instansi`, as the intake names it), else that of the actor's own instansi.
    pub fn receiving_zone(&self, actor: &Actor, instansi: Option<&str>) -> Result<Zone> {
        Ok(self.receiving_instansi(actor, instansi)?.zone)
    }

    /// The instansi a new report goes to: the one named (code or name, within the actor's reach),
    /// else the actor's own. A blank name counts as none.
    fn receiving_instansi(&self, actor: &Actor, instansi: Option<&str>) -> Result<Instansi> {
        match instansi {
            Some(q) if !input::is_blank(q) => self.find_instansi_for(actor, q.trim()),
            _ => self
                .reference()
                .instansi(actor.instansi_id)
                .cloned()
                .ok_or_else(|| StoreError::Invalid("the receiving officer has no instansi".into())),
        }
    }

    /// The time zone of the actor's instansi (WIB when unknown).
    pub fn find_instansi_zone(&self, actor: &Actor) -> Zone {
        self.reference()
            .instansi(actor.instansi_id)
            .map(|i| i.zone)
            .unwrap_or(Zone::Wib)
    }

    pub async fn officer_count(&self) -> Result<i64> {
        on_backend!(self, officer_count())
    }

    /// Adds the first officer of an empty database, with no one to authorize it.
    pub async fn bootstrap_officer(&self, new: NewOfficer) -> Result<Officer> {
        if self.officer_count().await? > 0 {
            return Err(StoreError::Denied(
                "the database already has officers: act as an admin (--as) to add more".into(),
            ));
        }
        let instansi = self.find_instansi(&new.instansi)?;
        self.write_new_officer(&new, instansi.id).await?;
        self.officer(new.username.trim()).await
    }

    /// Records a complaint received by phone, letter, at the desk or by import.
    pub async fn intake(&self, actor: &Actor, new: NewComplaint) -> Result<Complaint> {
        let id = self.insert_new(actor, new, None).await?;
        self.complaint(actor, id).await
    }

    pub(crate) async fn insert_new(
        &self,
        actor: &Actor,
        new: NewComplaint,
        batch: Option<&str>,
    ) -> Result<ComplaintId> {
        let reference = self.reference();
        let instansi = self.receiving_instansi(actor, new.instansi.as_deref())?;
        let sighting = access::Sighting {
            instansi_path: &instansi.path,
            klasifikasi: new.klasifikasi,
        };
        if let Err(d) = access::may_record(actor, sighting) {
            return Err(StoreError::Denied(format!(
                "{} may not record a {} report for {}: {d}",
                actor.username, new.klasifikasi, instansi.name
            )));
        }
        // The input rules, the same for every surface and both backends (README, "Input rules").
        let context = input::IntakeContext {
            now: Utc::now(),
            zone: instansi.zone,
        };
        let new = input::check_complaint(new, &context)?;
        let kategori_id = match new.kategori.as_deref() {
            Some(name) => Some(resolve::category(&reference.categories, name)?.id),
            None => None,
        };
        let received_at = new.received_at.unwrap_or(context.now);
        let calendar = reference.calendars.for_instansi(instansi.id);
        let base = ClockBase::apply(
            None,
            ClockEffect::Start(ClockKind::Verifikasi),
            received_at,
            &instansi.deadlines,
            &calendar,
            instansi.zone,
        );
        let (breach_at, close_at) = cached_due(base.as_ref(), &calendar, instansi.zone);
        let row = IntakeRow {
            new: &new,
            kategori_id,
            instansi: &instansi,
            received_at: ms(received_at),
            base,
            breach_at,
            close_at,
        };
        let details = serde_json::json!({ "channel": new.channel, "instansi": instansi.name });
        on_backend!(
            self,
            insert_intake(
                &row,
                actor,
                self.impersonator.as_deref(),
                &details.to_string(),
                batch
            )
        )
    }

    /// A complaint with its events and clock, as the actor may see it.
    pub async fn complaint(&self, actor: &Actor, id: ComplaintId) -> Result<Complaint> {
        let mut c = on_backend!(self, load_complaint(id, &self.reference()))?
            .ok_or_else(|| not_found(id))?;
        let path = self
            .reference()
            .instansi(c.instansi_id)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        let sighting = access::Sighting {
            instansi_path: &path,
            klasifikasi: c.klasifikasi,
        };
        if access::may_see(actor, sighting).is_err() {
            // Outside the actor's scope it does not exist for them.
            return Err(not_found(id));
        }
        if !access::may_see_reporter(actor, sighting, c.anonim) {
            c.reporter = Reporter::masked();
            c.reporter_masked = true;
        }
        c.events = on_backend!(self, load_events(id))?;
        Ok(c)
    }

    /// One page of a view, filtered, in the actor's scope.
    pub async fn list(&self, actor: &Actor, query: &ListQuery) -> Result<Page> {
        let scope = self.scope(actor, &query.filter, query.now)?;
        let limit = query.limit.clamp(1, 10_000);
        let mut rows = on_backend!(self, list_rows(&scope, query.view, query.after, limit + 1))?;
        let reference = self.reference();
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|r| Cursor {
                key: r.1,
                id: r.0.id,
            })
        } else {
            None
        };
        let now = query.now;
        Ok(Page {
            rows: rows
                .into_iter()
                .map(|(row, _, base)| finish_row(&reference, row, base, now))
                .collect(),
            next,
        })
    }

    /// Likely duplicates of a complaint, for merging: open complaints in the actor's scope from the
    /// same reporter (phone, e-mail or NIK) first, then those sharing words of its title.
    pub async fn similar(
        &self,
        actor: &Actor,
        id: ComplaintId,
        limit: u32,
    ) -> Result<Vec<ComplaintRow>> {
        let target = self.complaint(actor, id).await?;
        let Some((reporter, judul)) = on_backend!(self, duplicate_keys(id))? else {
            return Err(not_found(id));
        };
        // Reporter identity is not a matching key where the reader may not see it.
        let reporter = if target.reporter_masked {
            Vec::new()
        } else {
            reporter
        };
        let words = resolve::title_words(&judul);
        let scope = self.scope(actor, &Filter::default(), Utc::now())?;
        let rows = on_backend!(self, similar_rows(&scope, id, &reporter, &words, limit))?;
        let reference = self.reference();
        let now = Utc::now();
        let mut rows: Vec<ComplaintRow> = rows
            .into_iter()
            .map(|(row, _, base)| finish_row(&reference, row, base, now))
            .collect();
        // Rank by how many title words match, reporter matches first (they are already among them).
        let score = |r: &ComplaintRow| {
            let lower = r.judul.to_lowercase();
            words.iter().filter(|w| lower.contains(w.as_str())).count()
        };
        rows.sort_by_key(|r| std::cmp::Reverse(score(r)));
        rows.truncate(limit as usize);
        Ok(rows)
    }

    /// How many complaints each built-in view holds for the actor, under the same filter.
    pub async fn counts(
        &self,
        actor: &Actor,
        filter: &Filter,
        now: DateTime<Utc>,
    ) -> Result<ViewCounts> {
        let scope = self.scope(actor, filter, now)?;
        let mut counts = Vec::with_capacity(View::ALL.len());
        for view in View::ALL {
            counts.push((*view, on_backend!(self, count_rows(&scope, *view))?));
        }
        Ok(ViewCounts { counts })
    }

    fn scope(&self, actor: &Actor, filter: &Filter, now: DateTime<Utc>) -> Result<resolve::Scope> {
        resolve::scope(&self.reference(), actor, filter, now)
    }

    /// The id of the newest event: where a live console starts following the log.
    pub async fn latest_event_id(&self) -> Result<i64> {
        on_backend!(self, latest_event_id())
    }

    /// Events after `after_id`, oldest first, that the actor may see.
    pub async fn events_after(
        &self,
        actor: &Actor,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<Event>> {
        let scope = access::subtree_root(actor);
        let hidden = access::hidden_classes(actor.role);
        on_backend!(self, events_after(after_id, scope, hidden, limit))
    }

    /// Takes one action on one complaint. With `expected_version`, the action is refused as a
    /// conflict when the complaint changed since the caller read it; without, it applies to the
    /// current version and retries once if someone else wrote in between.
    pub async fn act(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
    ) -> Result<ActionOutcome> {
        self.act_at(actor, id, expected_version, action, None).await
    }

    /// Like `act`, recording that the action happened at `happened` (a reply given by phone
    /// yesterday, typed in today): never in the future, never before the complaint's latest
    /// event. The event keeps both times, and the clocks count from when it happened.
    pub async fn act_at(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        happened: Option<DateTime<Utc>>,
    ) -> Result<ActionOutcome> {
        self.act_in_batch(
            actor,
            id,
            expected_version,
            action,
            Recording {
                happened,
                ..Recording::at(Utc::now())
            },
        )
        .await
    }

    pub(crate) async fn act_in_batch(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        recording: Recording<'_>,
    ) -> Result<ActionOutcome> {
        let Recording {
            batch,
            happened,
            now,
        } = recording;
        // The input rules first: the same limits and control-character rule on every backend.
        let action = &action.clone().checked()?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            // Visibility first: neither a version conflict nor a resolved target may tell that an
            // invisible complaint exists.
            let state = self.visible_state(actor, id).await?;
            if let Some(expected) = expected_version
                && expected != state.version
            {
                return Err(StoreError::Conflict(format!(
                    "#{id} changed since you read it (version {expected}, now {}): look at the new events and try again",
                    state.version
                )));
            }
            let reference = self.reference();
            // Times in refusals are said in the zone of the instansi holding the complaint.
            let zone = reference
                .instansi(state.instansi_id)
                .map_or(Zone::Wib, |i| i.zone);
            let at = match happened {
                // A minute's grace for clocks that disagree a little; beyond it, the future.
                Some(at) if at > now + chrono::Duration::minutes(1) => {
                    return Err(Refusal::AtInFuture { at, zone }.into());
                }
                Some(at) => at.min(now),
                None => now,
            };
            if happened.is_some()
                && let Some(previous) = state.last_event_at.filter(|p| at < *p)
            {
                return Err(Refusal::AtBeforePrevious { at, previous, zone }.into());
            }
            let resolved = self.resolve_action(actor, &state, action).await?;
            let facts = state.facts(&reference, at);
            let transition = lifecycle::plan(&facts, actor, &resolved).map_err(StoreError::from)?;
            let write =
                resolve::write_for(&reference, &state, &resolved, &transition, actor, at, now);
            match on_backend!(
                self,
                apply_write(&write, self.impersonator.as_deref(), batch)
            )? {
                Some(outcome) => return Ok(outcome),
                None if expected_version.is_none() && attempts < 3 => continue,
                None => {
                    return Err(StoreError::Conflict(format!(
                        "#{id} was changed by someone else at the same moment: look at the new events and try again"
                    )));
                }
            }
        }
    }

    /// Acts on many complaints as one batch; each is accepted or refused on its own.
    pub async fn act_bulk(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        action: &Action<Named>,
    ) -> Result<BulkOutcome> {
        let batch = format!("b{}-{}", Utc::now().timestamp_millis(), actor.id);
        let mut done = Vec::new();
        let mut refused = Vec::new();
        for &id in ids {
            match self
                .act_in_batch(
                    actor,
                    id,
                    None,
                    action,
                    Recording {
                        batch: Some(&batch),
                        ..Recording::at(Utc::now())
                    },
                )
                .await
            {
                Ok(o) => done.push(o),
                Err(e @ (StoreError::Database(_) | StoreError::Io(_))) => return Err(e),
                Err(e) => refused.push((id, e)),
            }
        }
        Ok(BulkOutcome {
            batch,
            done,
            refused,
        })
    }

    async fn resolve_action(
        &self,
        actor: &Actor,
        state: &resolve::State,
        action: &Action<Named>,
    ) -> Result<Action> {
        let reference = self.reference();
        Ok(match action {
            Action::Verify {
                changes,
                dispose_to,
            } => Action::Verify {
                changes: changes.clone(),
                dispose_to: match dispose_to {
                    Some(q) => Some(resolve::target(&self.find_instansi_for(actor, q)?)),
                    None => None,
                },
            },
            Action::Dispose { to } => Action::Dispose {
                to: resolve::target(&self.find_instansi_for(actor, to)?),
            },
            Action::Hold { until, reason } => Action::Hold {
                until: *until,
                reason: reason.clone(),
            },
            Action::Resume => Action::Resume,
            Action::ReturnNotAuthority { reason } => Action::ReturnNotAuthority {
                reason: reason.clone(),
            },
            Action::Archive { reason, note } => Action::Archive {
                reason: *reason,
                note: note.clone(),
            },
            Action::Claim => Action::Claim,
            Action::Assign { to } => {
                let o = self.officer_for(actor, to).await?;
                Action::Assign {
                    to: lifecycle::OfficerTarget {
                        id: o.id,
                        username: o.username,
                        role: o.role,
                        instansi_path: o.instansi_path,
                        active: o.active,
                    },
                }
            }
            Action::Unassign => Action::Unassign,
            Action::Reply { body } => Action::Reply { body: body.clone() },
            Action::Note { body } => Action::Note { body: body.clone() },
            Action::SubmitForApproval { body } => Action::SubmitForApproval { body: body.clone() },
            Action::Approve => Action::Approve,
            Action::SendBack { note } => Action::SendBack { note: note.clone() },
            Action::Escalate { to, reason } => {
                // Escalation goes up: the instansi above the complaint may be named too.
                let naming = Naming::Escalation {
                    complaint_path: &state.instansi_path,
                };
                let target = resolve::escalation_target(&reference, state, to, |q| {
                    resolve::instansi_for(&reference, actor, q, naming)
                })?;
                Action::Escalate {
                    to: target,
                    reason: reason.clone(),
                }
            }
            Action::Deescalate { note } => Action::Deescalate { note: note.clone() },
            Action::ReporterReply { body } => Action::ReporterReply { body: body.clone() },
            Action::Close { note } => Action::Close { note: note.clone() },
            Action::AutoClose => Action::AutoClose,
            Action::Reopen { reason } => Action::Reopen {
                reason: reason.clone(),
            },
            Action::Merge { into } => Action::Merge {
                into: self.complaint_target(actor, state.id, *into).await?,
            },
            Action::Link { other } => Action::Link {
                other: self.complaint_target(actor, state.id, *other).await?,
            },
        })
    }

    /// The complaint's state if the actor may see it; invisible and missing answer alike.
    async fn visible_state(&self, actor: &Actor, id: ComplaintId) -> Result<resolve::State> {
        match on_backend!(self, load_state(id))? {
            Some(state) if access::may_see(actor, state.sighting()).is_ok() => Ok(state),
            _ => Err(not_found(id)),
        }
    }

    /// Of these complaints, those that exist and the actor may see, with what access needs.
    async fn visible_sightings(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
    ) -> Result<Vec<(ComplaintId, String, Klasifikasi)>> {
        let mut found = on_backend!(self, sightings(ids))?;
        found.retain(|(_, path, klasifikasi)| {
            let c = access::Sighting {
                instansi_path: path,
                klasifikasi: *klasifikasi,
            };
            access::may_see(actor, c).is_ok()
        });
        Ok(found)
    }

    /// Another complaint named by an action on `from`, with whether the two are linked already.
    async fn complaint_target(
        &self,
        actor: &Actor,
        from: ComplaintId,
        id: ComplaintId,
    ) -> Result<lifecycle::ComplaintTarget> {
        let state = self.visible_state(actor, id).await?;
        let linked = on_backend!(self, linked(from.min(id), from.max(id)))?;
        Ok(lifecycle::ComplaintTarget {
            id,
            status: state.status,
            linked,
        })
    }

    /// Applies the clocks at `now`: closes answered reports whose silent period passed, resumes holds
    /// whose date came, escalates breached clocks where the instansi asks for it. Idempotent.
    pub async fn sweep(&self, now: DateTime<Utc>) -> Result<SweepReport> {
        self.reload().await?;
        let system = Actor::system();
        let mut report = SweepReport::default();
        for id in on_backend!(self, due_to_close(ms(now)))? {
            match self
                .act_in_batch(&system, id, None, &Action::AutoClose, Recording::at(now))
                .await
            {
                Ok(_) => report.closed.push(id),
                Err(StoreError::Refused(_) | StoreError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        // A hold ends on its day in the zone of the instansi holding the report: WIT's date is the
        // latest anywhere in the country, so it bounds the candidates, and each one is checked
        // against its own local day.
        let reference = self.reference();
        let latest_today = now.with_timezone(&Zone::Wit.offset()).date_naive();
        for (id, instansi_id, until) in
            on_backend!(self, holds_to_resume(&latest_today.to_string()))?
        {
            let zone = reference
                .instansi(instansi_id)
                .map_or(Zone::Wib, |i| i.zone);
            let local_today = now.with_timezone(&zone.offset()).date_naive();
            if until > local_today {
                continue;
            }
            match self
                .act_in_batch(&system, id, None, &Action::Resume, Recording::at(now))
                .await
            {
                Ok(_) => report.resumed.push(id),
                Err(StoreError::Refused(_) | StoreError::Conflict(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let reference = self.reference();
        // Units follow their instansi's policy, as they do for approval.
        let auto: Vec<InstansiId> = reference
            .instansi
            .iter()
            .filter(|i| resolve::inherited(&reference, i.id, |x| x.auto_escalate))
            .map(|i| i.id)
            .collect();
        if !auto.is_empty() {
            for id in on_backend!(self, breached_unescalated(ms(now), &auto))? {
                let escalate = Action::Escalate {
                    to: "induk".to_string(),
                    reason: "tenggat terlewati (otomatis)".to_string(),
                };
                match self
                    .act_in_batch(&system, id, None, &escalate, Recording::at(now))
                    .await
                {
                    Ok(_) => report.escalated.push(id),
                    Err(
                        StoreError::Refused(_) | StoreError::Conflict(_) | StoreError::Invalid(_),
                    ) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        let soon = resolve::SoonThreshold::at(&reference, now);
        report.due_soon = on_backend!(self, count_due_between(ms(now), &soon))?;
        Ok(report)
    }

    /// Says (and keeps saying: call again every few seconds) that the actor is at a complaint,
    /// viewing it or writing on it; None says they left.
    pub async fn set_presence(&self, actor: &Actor, at: Option<(ComplaintId, bool)>) -> Result<()> {
        match at {
            Some((id, writing)) => {
                self.visible_state(actor, id).await?;
                on_backend!(
                    self,
                    upsert_presence(
                        actor.id,
                        id,
                        if writing { "writing" } else { "viewing" },
                        ms(Utc::now())
                    )
                )
            }
            None => on_backend!(self, delete_presence(actor.id)),
        }
    }

    /// Who else is at these complaints now (entries older than PRESENCE_EXPIRY are gone).
    pub async fn presence(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        now: DateTime<Utc>,
    ) -> Result<Vec<Presence>> {
        // Who is at a complaint is news about it: only for complaints the actor sees.
        let visible: Vec<ComplaintId> = self
            .visible_sightings(actor, ids)
            .await?
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        on_backend!(
            self,
            load_presence(&visible, ms(now - PRESENCE_EXPIRY), actor.id)
        )
    }

    /// Like `act`, for replies and approvals written on what the author saw: refused as stale
    /// (with the events the author has not seen) when someone else acted on the complaint after
    /// event `seen_event`, so that no answer goes out based on old information.
    pub async fn act_guarded(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        seen_event: i64,
    ) -> Result<ActionOutcome> {
        // The unseen events are the complaint's: only for a complaint the actor sees.
        self.visible_state(actor, id).await?;
        let unseen = on_backend!(self, events_by_others_after(id, seen_event, actor.id))?;
        if !unseen.is_empty() {
            return Err(StoreError::Stale(unseen));
        }
        self.act(actor, id, expected_version, action).await
    }

    // Drafts and templates (used by the console's editor; saved as the officer types).

    pub async fn save_draft(
        &self,
        actor: &Actor,
        id: ComplaintId,
        kind: &str,
        body: &str,
        based_on_event: Option<i64>,
    ) -> Result<()> {
        self.visible_state(actor, id).await?;
        on_backend!(
            self,
            upsert_draft(id, actor.id, kind, body, based_on_event, ms(Utc::now()))
        )
    }

    pub async fn draft(&self, actor: &Actor, id: ComplaintId) -> Result<Option<Draft>> {
        self.visible_state(actor, id).await?;
        on_backend!(self, load_draft(id, actor.id))
    }

    /// Not checked for visibility: it deletes only the actor's own draft and answers nothing about
    /// the complaint, and a draft left on a report that became invisible must still be removable.
    pub async fn discard_draft(&self, actor: &Actor, id: ComplaintId) -> Result<()> {
        on_backend!(self, delete_draft(id, actor.id))
    }

    pub async fn templates(&self) -> Result<Vec<Template>> {
        on_backend!(self, load_templates())
    }

    pub async fn add_template(&self, actor: &Actor, template: &Template) -> Result<()> {
        require_admin_or_supervisor(actor, "manage reply templates")?;
        on_backend!(self, upsert_template(template))
    }

    pub async fn remove_template(&self, actor: &Actor, name: &str) -> Result<()> {
        require_admin_or_supervisor(actor, "manage reply templates")?;
        if !on_backend!(self, delete_template(name))? {
            return Err(StoreError::NotFound(format!("no template named '{name}'")));
        }
        Ok(())
    }
}

/// How a complaint that is missing, or invisible to the actor, is answered: the same words for both.
fn not_found(id: ComplaintId) -> StoreError {
    StoreError::Refused(Refusal::Unseen { id })
}

fn require_admin_or_supervisor(actor: &Actor, what: &str) -> Result<()> {
    if actor.role.is_supervisor_or_above() {
        Ok(())
    } else {
        Err(StoreError::Denied(format!(
            "{} may not {what}: that needs a supervisor role or above",
            actor.username
        )))
    }
}

/// Fills in what a row read from SQL lacks: the instansi's name and zone, and the clock at `now`.
fn finish_row(
    reference: &Reference,
    mut row: ComplaintRow,
    base: Option<ClockBase>,
    now: DateTime<Utc>,
) -> ComplaintRow {
    let inst = reference.instansi(row.instansi_id);
    row.instansi = inst.map(|i| i.name.clone()).unwrap_or_default();
    row.zone = inst.map(|i| i.zone).unwrap_or(Zone::Wib);
    let calendar = reference.calendars.for_instansi(row.instansi_id);
    row.clock = base.map(|b| b.clock(&calendar, row.zone, now));
    row
}

/// Due times cached in the complaint row: (breach_at, close_at) in milliseconds.
pub(crate) fn cached_due(
    base: Option<&ClockBase>,
    calendar: &WorkingCalendar,
    zone: Zone,
) -> (Option<i64>, Option<i64>) {
    match base.and_then(|b| b.due(calendar, zone).map(|d| (b.kind, ms(d)))) {
        Some((ClockKind::Penutupan, due)) => (None, Some(due)),
        Some((_, due)) => (Some(due), None),
        None => (None, None),
    }
}

/// What `insert_intake` writes.
pub(crate) struct IntakeRow<'a> {
    pub new: &'a NewComplaint,
    pub kategori_id: Option<i64>,
    pub instansi: &'a Instansi,
    pub received_at: i64,
    pub base: Option<ClockBase>,
    pub breach_at: Option<i64>,
    pub close_at: Option<i64>,
}
