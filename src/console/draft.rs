//! The draft editor: a public reply or an internal note on one complaint, in a ratatui-textarea
//! fed key by key without its own shortcuts (our keymap decides what a key does). The draft is
//! saved to the store a second after the first unsaved change and when the editor is left, so a
//! killed terminal loses at most the last second of typing.

use super::keys::{Key, KeyName};
use crate::domain::lifecycle::ComplaintId;
use crate::domain::template;
use crate::domain::{Complaint, WorkingCalendar};
use chrono::{DateTime, Utc};
use ratatui::style::Style;
use ratatui_textarea::{CursorMove, Input, Key as TaKey, TextArea, WrapMode};
use std::collections::BTreeMap;
use std::time::Duration;

/// How long after the first unsaved change the draft is written.
pub const AUTOSAVE: Duration = Duration::from_millis(1000);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Reply,
    Note,
}

impl DraftKind {
    pub fn code(self) -> &'static str {
        match self {
            DraftKind::Reply => "reply",
            DraftKind::Note => "note",
        }
    }
    pub fn from_code(code: &str) -> DraftKind {
        if code == "note" {
            DraftKind::Note
        } else {
            DraftKind::Reply
        }
    }
}

#[derive(Debug, Clone)]
pub struct Editor {
    pub id: ComplaintId,
    pub kind: DraftKind,
    pub area: TextArea<'static>,
    /// The newest event the author had seen when the draft was started.
    pub based_on: Option<i64>,
    /// The text as last saved (or loaded).
    pub saved: String,
    pub saved_at: Option<DateTime<Utc>>,
    /// An autosave timer is running.
    pub timer: bool,
    /// The send is in flight.
    pub busy: bool,
    /// The send was refused as stale: base the draft on the events the detail shows next.
    pub rebase: bool,
    /// The colleagues' events that stopped the send, shown above the text until the author
    /// sends anyway with a key of its own (the send key alone no longer sends).
    pub stale: Vec<crate::domain::Event>,
    /// The supervisor's note when a submitted reply came back, shown above the text.
    pub sent_back: Option<String>,
}

/// A text area holding `body`, cursor at the end, wrapped, without colours of its own. Control
/// characters in a stored or externally edited text are shown as U+FFFD, never sent to the screen.
fn text_area(body: &str) -> TextArea<'static> {
    let clean: String = body
        .chars()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect();
    let mut area = TextArea::new(clean.split('\n').map(str::to_string).collect());
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::new());
    area.set_style(Style::new());
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// A reply its author submitted and a supervisor sent back, when that is the newest word on the
/// complaint: (the submitted text, who sent it back, their note). Both are in the log, on the
/// submit and send_back events' details.
pub fn sent_back(c: &Complaint) -> Option<(String, String, String)> {
    use crate::domain::EventKind as K;
    let last = c
        .events
        .iter()
        .rev()
        .find(|e| matches!(e.kind, K::Submit | K::SendBack | K::Reply | K::Approve))?;
    if last.kind != K::SendBack {
        return None;
    }
    let text = |e: &crate::domain::Event, key: &str| {
        e.details
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let body = c
        .events
        .iter()
        .rev()
        .find(|e| e.kind == K::Submit && e.id < last.id)
        .map(|e| text(e, "body"))
        .unwrap_or_default();
    Some((body, last.actor.clone(), text(last, "note")))
}

impl Editor {
    pub fn new(id: ComplaintId, kind: DraftKind, body: &str, based_on: Option<i64>) -> Editor {
        let area = text_area(body);
        Editor {
            id,
            kind,
            area,
            based_on,
            saved: body.to_string(),
            saved_at: None,
            timer: false,
            busy: false,
            rebase: false,
            stale: Vec::new(),
            sent_back: None,
        }
    }

    pub fn body(&self) -> String {
        self.area.lines().join("\n")
    }

    pub fn unsaved(&self) -> bool {
        self.body() != self.saved
    }

    /// Replaces the whole text (after `$EDITOR`).
    pub fn set_body(&mut self, body: &str) {
        self.area = text_area(body);
    }

    /// Inserts text at the cursor.
    pub fn insert(&mut self, text: &str) {
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.area.insert_newline();
            }
            self.area.insert_str(line);
        }
    }

    /// Edits with a key the keymap left unbound: text, Enter, Tab, deletion and cursor moves.
    /// Returns (handled, text changed).
    pub fn key(&mut self, key: Key) -> (bool, bool) {
        let plain = !key.ctrl && !key.alt;
        let mv = |area: &mut TextArea, m: CursorMove| {
            area.move_cursor(m);
            (true, false)
        };
        let input = |k: TaKey| Input {
            key: k,
            ctrl: false,
            alt: false,
            shift: false,
        };
        match key.name {
            KeyName::Char(c) if plain && !c.is_control() => (
                true,
                self.area.input_without_shortcuts(input(TaKey::Char(c))),
            ),
            KeyName::Enter if plain => {
                (true, self.area.input_without_shortcuts(input(TaKey::Enter)))
            }
            KeyName::Tab if plain => (true, self.area.input_without_shortcuts(input(TaKey::Tab))),
            KeyName::Backspace => (
                true,
                self.area.input_without_shortcuts(input(TaKey::Backspace)),
            ),
            KeyName::Delete => (
                true,
                self.area.input_without_shortcuts(input(TaKey::Delete)),
            ),
            KeyName::Left if key.ctrl => mv(&mut self.area, CursorMove::WordBack),
            KeyName::Right if key.ctrl => mv(&mut self.area, CursorMove::WordForward),
            KeyName::Left => mv(&mut self.area, CursorMove::Back),
            KeyName::Right => mv(&mut self.area, CursorMove::Forward),
            KeyName::Up => mv(&mut self.area, CursorMove::Up),
            KeyName::Down => mv(&mut self.area, CursorMove::Down),
            KeyName::Home => mv(&mut self.area, CursorMove::Head),
            KeyName::End => mv(&mut self.area, CursorMove::End),
            KeyName::PageUp => {
                self.area.scroll(ratatui_textarea::Scrolling::PageUp);
                (true, false)
            }
            KeyName::PageDown => {
                self.area.scroll(ratatui_textarea::Scrolling::PageDown);
                (true, false)
            }
            _ => (false, false),
        }
    }
}

/// The values of the template placeholders for a complaint at `now`. A value that cannot be
/// known (no running clock) is left out, so its placeholder stays visible and stops the send.
/// `calendar` is the calendar of the complaint's instansi: its regional days off are not working
/// days left.
pub fn placeholder_values(
    c: &Complaint,
    calendar: &WorkingCalendar,
    now: DateTime<Utc>,
) -> BTreeMap<&'static str, String> {
    let mut v = BTreeMap::new();
    let pelapor = match &c.reporter.name {
        Some(n) if !c.reporter_masked && !n.trim().is_empty() => n.trim().to_string(),
        _ => "Bapak/Ibu Pelapor".to_string(),
    };
    v.insert("pelapor", pelapor);
    v.insert("nomor", format!("#{}", c.id));
    v.insert("instansi", c.instansi.clone());
    if let Some(clock) = &c.clock
        && clock.state != crate::domain::ClockState::Paused
        && let Some(due) = clock.due_at
    {
        let local = due.with_timezone(&c.zone.offset()).date_naive();
        v.insert("tenggat", template::tanggal(local));
        let left = calendar.working_days_left(now, due, c.zone).max(0);
        v.insert("sisa_hari", left.to_string());
    }
    v
}
