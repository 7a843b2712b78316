//! What goes in and out of the store: pages and cursors of a queue, counts, the outcome of an
//! action, new instansi and officers, drafts, presence and templates. Plain data, no SQL.

use super::StoreError;
use crate::domain::clock::ClockBase;
use crate::domain::filter::Filter;
use crate::domain::lifecycle::ComplaintId;
use crate::domain::view::View;
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde::Serialize;

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

/// Counts of the built-in views for one officer: exact, or (with `cap`) each stopped once it
/// passed the cap, so that a count costs at most `cap + 1` rows however large the data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ViewCounts {
    pub counts: Vec<(View, i64)>,
    /// Counting stopped past this many rows (a count of `cap + 1` means "more than `cap`").
    pub cap: Option<i64>,
}

impl ViewCounts {
    pub fn get(&self, view: View) -> i64 {
        self.counts
            .iter()
            .find(|(v, _)| *v == view)
            .map(|(_, c)| *c)
            .unwrap_or(0)
    }

    /// The view's count as far as it went.
    pub fn count(&self, view: View) -> Count {
        Count::of(self.get(view), self.cap)
    }

    /// Whether any count stopped at the cap (and so is not exact).
    pub fn any_more(&self) -> bool {
        self.counts
            .iter()
            .any(|(_, n)| Count::of(*n, self.cap).more)
    }
}

/// A queue's size as far as it was counted: with `more`, at least `n` and possibly many more
/// (the console shows "1,000+").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Count {
    pub n: i64,
    pub more: bool,
}

impl Count {
    pub fn exact(n: i64) -> Count {
        Count { n, more: false }
    }

    /// A count of rows read up to `cap + 1`: past the cap it says "more than cap".
    pub fn of(counted: i64, cap: Option<i64>) -> Count {
        match cap {
            Some(cap) if counted > cap => Count { n: cap, more: true },
            _ => Count::exact(counted),
        }
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
