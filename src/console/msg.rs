//! The messages and effects of the Elm loop, at the bottom of the update side: `update` and its
//! helpers turn a `Msg` into `Effect`s, `app` carries the effects out against the store and turns
//! the answers back into `Msg`s. Plain data, so that every module above can name them without
//! importing another's logic.

use crate::domain::filter::Filter;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::domain::view::View;
use crate::domain::{Complaint, ComplaintRow, Officer};
use crate::store::{Count, Cursor, Draft, OfficerLoad, Page, Template, ViewCounts};
use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use std::time::Duration;

/// A failed store call, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The database or the link to it failed (as opposed to a refusal or a conflict).
    pub connection: bool,
    pub message: String,
    /// The store error's stable code (`not_found`, `database`, ...).
    pub code: &'static str,
}

/// The outcome of an action on one or more complaints.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub done: Vec<ComplaintId>,
    pub refused: Vec<(ComplaintId, crate::store::StoreError)>,
    /// The events this console wrote: the feed skips exactly these (not every event of the same
    /// officer, whose changes from a shell or another console must arrive).
    pub events: Vec<i64>,
}

/// What the mouse did, where (only what meja answers to).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mouse {
    pub kind: MouseKind,
    pub column: u16,
    pub row: u16,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// The clock moved on (once a minute with the system clock).
    Tick(DateTime<Utc>),
    /// A click or a turn of the wheel at (column, row), when the mouse is on.
    Mouse(Mouse),
    /// The split was written to the configuration file, or why not.
    Remembered(Result<(), String>),
    Me(Result<Officer, Failure>),
    Page {
        req: u64,
        append: bool,
        result: Result<Page, Failure>,
    },
    Counts {
        req: u64,
        result: Result<(ViewCounts, Vec<Count>), Failure>,
    },
    Detail {
        req: u64,
        result: Result<Box<Complaint>, Failure>,
        /// The officer's saved draft on it.
        draft: Option<Draft>,
    },
    /// The counts asked for as `req` stopped at the cap and nothing has moved since: time for
    /// the exact ones.
    CountsDue {
        req: u64,
    },
    /// The low-bandwidth debounce of the detail pane ran out.
    DetailDue {
        generation: u64,
    },
    /// A write came back: `kind` is the event kind asked for.
    Acted {
        kind: crate::domain::EventKind,
        result: Result<Outcome, Failure>,
    },
    Officers(Result<Vec<OfficerLoad>, Failure>),
    Similar {
        id: ComplaintId,
        result: Result<Vec<ComplaintRow>, Failure>,
    },
    /// Where a report awaiting disposition most likely goes (the verify/dispose form's picker).
    Suggestions {
        id: ComplaintId,
        result: Result<Vec<crate::domain::routing::Suggestion>, Failure>,
    },
    Templates(Result<Vec<Template>, Failure>),
    /// The autosave timer of the draft on `id` ran out.
    DraftDue {
        id: ComplaintId,
    },
    DraftSaved {
        id: ComplaintId,
        body: String,
        at: DateTime<Utc>,
        result: Result<(), Failure>,
    },
    /// `$EDITOR` finished: the new text, or why it failed.
    ExternalEdited(Result<String, String>),
    /// The change feed: new events or the connection's state.
    Feed(crate::store::feed::FeedMsg),
    /// Time to refresh presence.
    PresenceTick,
    Presence(Result<Vec<crate::store::Presence>, Failure>),
    /// Every complaint matching the view and the filter (`*` when not all rows are loaded).
    Matching(Result<Vec<ComplaintId>, Failure>),
    /// The supervisor's board (`board`).
    Board {
        req: u64,
        result: Result<Box<crate::domain::monev::board::Board>, Failure>,
    },
    /// The board's coalescing wait after a change is over.
    BoardDue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadMe,
    LoadPage {
        req: u64,
        append: bool,
        view: View,
        filter: Filter,
        after: Option<Cursor>,
        limit: u32,
        now: DateTime<Utc>,
    },
    /// The built-in views' counts and each saved tab's, stopped past `cap` rows when one is
    /// given (exact otherwise).
    LoadCounts {
        req: u64,
        filter: Filter,
        saved: Vec<Filter>,
        now: DateTime<Utc>,
        cap: Option<i64>,
    },
    LoadDetail {
        req: u64,
        id: ComplaintId,
    },
    /// Act on each complaint; with a version, only if it is still the version the officer saw.
    /// More than one complaint is one batch. `discard_draft` drops the officer's draft after a
    /// successful send.
    Act {
        items: Vec<(ComplaintId, Option<i64>)>,
        action: Box<DomainAction<Named>>,
        discard_draft: bool,
        /// For replies and approvals: the newest event the officer saw (the store refuses the
        /// action as stale when others acted since).
        seen_event: Option<i64>,
        /// When it happened, if the officer said it was earlier than now.
        happened: Option<chrono::DateTime<chrono::Utc>>,
    },
    /// The officers who may take these complaints (the assign picker).
    LoadOfficers {
        ids: Vec<ComplaintId>,
        now: DateTime<Utc>,
    },
    LoadSimilar {
        id: ComplaintId,
    },
    /// The routing suggestions for a report (`Store::suggest`).
    LoadSuggestions {
        id: ComplaintId,
    },
    LoadTemplates,
    /// The ids of every complaint in `view` matching `filter` (up to the store's page limit).
    LoadMatching {
        view: View,
        filter: Filter,
        now: DateTime<Utc>,
    },
    /// Save the draft (an empty body discards it). `rebase`: the draft is now based on
    /// `based_on` (the store otherwise keeps the event a draft was started on).
    SaveDraft {
        id: ComplaintId,
        kind: &'static str,
        body: String,
        based_on: Option<i64>,
        at: DateTime<Utc>,
        rebase: bool,
    },
    DiscardDraft {
        id: ComplaintId,
    },
    /// Say where the officer is (complaint, writing?) and ask who else is at these complaints.
    Presence {
        at: Option<(ComplaintId, bool)>,
        ids: Vec<ComplaintId>,
    },
    /// Remember the queue's share of a wide terminal in the configuration file.
    RememberSplit {
        percent: u8,
        file: std::path::PathBuf,
    },
    /// The supervisor's board as of `now`.
    LoadBoard {
        req: u64,
        now: DateTime<Utc>,
    },
    /// Deliver `msg` after `delay`.
    After {
        delay: Duration,
        msg: Box<MsgTemplate>,
    },
}

/// Messages a timer may deliver (kept separate so that effects stay comparable in tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgTemplate {
    DetailDue { generation: u64 },
    DraftDue { id: ComplaintId },
    BoardDue,
    CountsDue { req: u64 },
}
