//! The console's state: everything the screen is drawn from. Owned by one task (the event loop or
//! a headless test driver) and changed only by the update side (`update` and the modules it
//! dispatches to).

use super::draft::Editor;
use super::forms::Form;
use super::i18n::{Lang, T};
use super::keymap::{Conditions, Keymap};
use super::keys::Key;
pub use super::prompt::Prompt;
use super::theme::Theme;
use crate::domain::calendar::CalendarBook;
use crate::domain::filter::Filter;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::domain::view::{Order, View};
use crate::domain::{Category, Complaint, ComplaintRow, Instansi, Role};
use crate::store::{Count, Cursor, Draft, Template};
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;
use std::sync::Arc;

/// Smallest usable terminal; below it one line says what size is needed.
pub const MIN_W: u16 = 60;
pub const MIN_H: u16 = 15;
/// From this width on, the detail sits beside the queue.
pub const WIDE_W: u16 = 120;
/// Rows fetched per page of the queue (keyset paging).
pub const PAGE: u32 = 100;
/// Fetch the next page when the selection comes this close to the last loaded row.
pub const PREFETCH: usize = 20;

/// Where "now" comes from: the system clock, or a fixed moment (tests, snapshots).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClockSource {
    System,
    Fixed(DateTime<Utc>),
}

impl ClockSource {
    pub fn now(self) -> DateTime<Utc> {
        match self {
            ClockSource::System => Utc::now(),
            ClockSource::Fixed(t) => t,
        }
    }
}

/// A saved view from the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedView {
    pub name: String,
    pub filter: String,
}

/// The queue's share of a wide terminal: from a third to four fifths, three fifths unless chosen.
pub const SPLIT_DEFAULT: u8 = 60;
pub const SPLIT_RANGE: std::ops::RangeInclusive<u8> = 30..=80;

/// Everything the console is configured with.
#[derive(Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub keymap: Keymap,
    pub theme: Theme,
    pub low_bandwidth: bool,
    pub readonly: bool,
    pub db_label: String,
    pub saved_views: Vec<SavedView>,
    pub clock: ClockSource,
    /// Problems found while loading configuration, shown once at start.
    pub notices: Vec<String>,
    /// The queue's share of a wide terminal, in percent (`config::SPLIT_RANGE`).
    pub split: u8,
    /// Where a moved split is remembered (the configuration file); None: not remembered.
    pub config_file: Option<std::path::PathBuf>,
    /// Mouse input is asked for (config `mouse`).
    pub mouse: bool,
    /// Copying to the clipboard by OSC 52 is allowed (config `osc52`).
    pub osc52: bool,
    /// The detail's number links here, `{id}` replaced (config `link`; OSC 8).
    pub link: Option<String>,
}

impl Settings {
    pub fn new(lang: Lang, keymap: Keymap) -> Settings {
        Settings {
            lang,
            keymap,
            theme: Theme::color(),
            low_bandwidth: false,
            readonly: false,
            db_label: String::new(),
            saved_views: Vec::new(),
            clock: ClockSource::System,
            notices: Vec::new(),
            split: SPLIT_DEFAULT,
            config_file: None,
            mouse: false,
            osc52: false,
            link: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Me {
    pub username: String,
    pub name: Option<String>,
    pub role: Role,
    pub instansi: Option<String>,
    /// Materialized path of the officer's instansi: the subtree they may route to.
    pub instansi_path: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conn {
    Connecting,
    Ok,
    /// The change feed is following the event log.
    Live,
    /// The change feed lost the database and is trying again.
    Reconnecting(u32),
    Lost(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TabKind {
    Builtin(View),
    Saved { name: String, filter: Box<Filter> },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tab {
    pub kind: TabKind,
    /// Unknown until the first counts arrive.
    pub count: Option<Count>,
}

impl Tab {
    pub fn label(&self, lang: Lang) -> String {
        match &self.kind {
            TabKind::Builtin(v) => view_label(*v, lang).to_string(),
            TabKind::Saved { name, .. } => name.clone(),
        }
    }
}

pub fn view_label(v: View, lang: Lang) -> &'static str {
    lang.t(match v {
        View::Masuk => T::ViewMasuk,
        View::Saya => T::ViewSaya,
        View::Tim => T::ViewTim,
        View::Terlambat => T::ViewTerlambat,
        View::Eskalasi => T::ViewEskalasi,
        View::Semua => T::ViewSemua,
    })
}

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    None,
    /// `search` narrows the list to keys and descriptions containing it; `typing` while the
    /// officer types it (after `/`).
    Help {
        scroll: usize,
        search: String,
        typing: bool,
    },
    Filter(Prompt),
    Palette {
        input: Prompt,
        selected: usize,
    },
    Confirm(Confirm),
    Form(Box<Form>),
}

/// A question before a destructive or bulk action; `form` is what to go back to on cancel.
#[derive(Debug, Clone, PartialEq)]
pub enum Confirm {
    Act {
        items: Vec<(ComplaintId, Option<i64>)>,
        action: Box<DomainAction<Named>>,
        /// The preview: what will change, one line each.
        lines: Vec<String>,
        form: Option<Box<Form>>,
    },
    DiscardDraft(ComplaintId),
}

/// The instansi tree and the categories, read once from the store (for the forms).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RefData {
    pub instansi: Vec<Instansi>,
    /// The matcher's reading of each instansi (name, code, aliases), parallel to `instansi`:
    /// the instansi pickers narrow by it.
    /// Shared with every picker option that lists the instansi (opening a form copies no names).
    pub names: Vec<std::sync::Arc<crate::domain::instansi_match::Names>>,
    pub categories: Vec<Category>,
}

impl RefData {
    /// Whether officers' public replies in `instansi_id` wait for a supervisor (inherited by units).
    pub fn requires_approval(&self, instansi_id: i64) -> bool {
        let mut id = Some(instansi_id);
        let mut hops = 0;
        while let Some(i) = id.and_then(|id| self.instansi.iter().find(|x| x.id == id)) {
            if i.requires_approval {
                return true;
            }
            id = i.parent_id;
            hops += 1;
            if hops > 32 {
                break;
            }
        }
        false
    }
}

/// A write in flight, and what to give back if it is refused.
#[derive(Debug, Clone, PartialEq)]
pub struct Acting {
    pub kind: crate::domain::EventKind,
    pub form: Option<Box<Form>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Queue,
    Detail,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Queue {
    pub rows: Vec<ComplaintRow>,
    pub next: Option<Cursor>,
    pub loading: bool,
    pub loaded: bool,
    pub selected: usize,
    /// First row shown; changes only when the selection leaves the window (stable rows, few bytes).
    pub offset: usize,
    pub marks: BTreeSet<ComplaintId>,
    /// Rows that arrived live since the officer last switched views (shown marked).
    pub fresh: BTreeSet<ComplaintId>,
    /// For a live reload: the selected row's line on screen, kept so the row does not move.
    pub anchor: Option<usize>,
    /// Colleagues' changes arrived while a load was in flight: reload once it is done.
    pub live_pending: bool,
}

impl Queue {
    pub fn current(&self) -> Option<&ComplaintRow> {
        self.rows.get(self.selected)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Detail {
    pub id: ComplaintId,
    pub data: Option<Box<Complaint>>,
    pub scroll: usize,
    /// The officer's saved draft on this complaint, if any.
    pub draft: Option<Draft>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// Request ids of the newest query of each kind: answers to older ones are stale and dropped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requests {
    pub seq: u64,
    pub list: u64,
    pub counts: u64,
    pub detail: u64,
    /// Generation of the low-bandwidth detail debounce.
    pub detail_gen: u64,
}

impl Requests {
    pub fn issue(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }
}

#[derive(Debug, Clone)]
pub struct State {
    pub settings: Settings,
    pub me: Me,
    pub conn: Conn,
    pub tabs: Vec<Tab>,
    pub tab: usize,
    /// The filter typed at the `/` prompt, as text ("" for none).
    pub filter_text: String,
    /// The last filter the store accepted, while a new one is being tried: if the store refuses
    /// the new one, the queue (still showing the old rows) goes back to it and says so.
    pub filter_good: Option<String>,
    /// The order chosen with the sort key, over every tab; a typed `urut:` clears it.
    pub order: Option<Order>,
    /// The stems of the filter's words in force (`stem::query_stems`), which the detail
    /// highlights in the title and body; set with each reload of the queue.
    pub highlight: Vec<String>,
    pub queue: Queue,
    pub detail: Option<Detail>,
    pub focus: Focus,
    pub overlay: Overlay,
    pub pending: Vec<Key>,
    pub notice: Option<Notice>,
    pub size: (u16, u16),
    pub now: DateTime<Utc>,
    /// The working-day calendar of every instansi (read once from the store): each complaint's
    /// days are counted on the calendar of the instansi that holds it.
    pub calendars: Arc<CalendarBook>,
    pub req: Requests,
    /// Select this complaint when the queue reloads (after an action or a refresh).
    pub keep: Option<ComplaintId>,
    /// Something visible changed since the last frame.
    pub dirty: bool,
    /// Clear the terminal before the next frame (Ctrl-L).
    pub clear: bool,
    pub quit: bool,
    /// The officer asked to suspend (C-z): the event loop hands the terminal back to the shell.
    pub suspend: bool,
    /// Instansi and categories for the forms.
    pub reference: Arc<RefData>,
    /// Reply templates (loaded when first needed).
    pub templates: Option<Vec<Template>>,
    /// The draft editor beside the complaint.
    pub editor: Option<Editor>,
    /// The write in flight.
    pub acting: Option<Acting>,
    /// Open the editor when this complaint's detail arrives: Some(kind) to start one, None to
    /// restore a saved draft only.
    pub want_editor: Option<(ComplaintId, Option<super::draft::DraftKind>)>,
    /// The text to hand to `$EDITOR` (taken by the event loop, which owns the terminal).
    pub external: Option<String>,
    /// Text to put on the terminal's clipboard (OSC 52); the event loop writes it.
    pub clipboard: Option<String>,
    /// Who else is at the complaints on screen (refreshed every few seconds).
    pub presence: Vec<crate::store::Presence>,
    /// The complaint opened by its number: the detail stays on it (it may be in no view) until
    /// the officer moves the selection or goes back.
    pub pinned: Option<ComplaintId>,
    /// Events this console wrote and the feed has not brought back yet: the feed skips these, and
    /// only these, as the action that wrote them already shows its effect.
    pub own_events: std::collections::BTreeSet<i64>,
    /// The supervisor's board, when it is on screen instead of the queue.
    pub board: Option<super::board_items::BoardScreen>,
}

impl State {
    pub fn lang(&self) -> Lang {
        self.settings.lang
    }

    pub fn keymap(&self) -> &Keymap {
        &self.settings.keymap
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_W || self.size.1 < MIN_H
    }

    pub fn wide(&self) -> bool {
        self.size.0 >= WIDE_W
    }

    /// Whether the detail pane is on screen.
    pub fn detail_visible(&self) -> bool {
        !self.too_small() && (self.wide() || self.focus == Focus::Detail)
    }

    pub fn conditions(&self) -> Conditions {
        Conditions {
            readonly: self.settings.readonly,
            marked: !self.queue.marks.is_empty(),
            wide: self.wide(),
        }
    }

    /// Rows of the queue window: the screen less header, tabs, column heads and status line.
    pub fn queue_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(4)).max(1)
    }

    /// The text lines the detail pane can show at once.
    pub fn detail_height(&self) -> usize {
        usize::from(self.size.1.saturating_sub(5)).max(1)
    }

    pub fn current_tab(&self) -> &Tab {
        &self.tabs[self.tab.min(self.tabs.len().saturating_sub(1))]
    }

    pub fn notify(&mut self, text: String, error: bool) {
        self.notice = Some(Notice { text, error });
        self.dirty = true;
    }
}
