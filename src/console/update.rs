//! The update function of the Elm architecture: (state, message) -> effects. Pure apart from the
//! state it changes: queries and writes are returned as effects for the runtime to carry out, each
//! tagged with a request id so that a stale answer is recognised and dropped.

use super::action::{Action, Context};
use super::drafting;
use super::i18n::T;
use super::keymap::Resolution;
use super::keys::{Key, KeyName};
use super::palette;
use super::state::*;
use super::work;
use crate::domain::filter::{self, Filter};
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::domain::view::View;
use crate::domain::{Complaint, ComplaintRow, Officer};
use crate::store::{Cursor, Draft, OfficerLoad, Page, Template, ViewCounts};
use chrono::{DateTime, Utc};
use crossterm::event::KeyEvent;
use std::time::Duration;

/// A failed store call, as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The database or the link to it failed (as opposed to a refusal or a conflict).
    pub connection: bool,
    pub message: String,
}

/// The outcome of an action on one or more complaints.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub done: Vec<ComplaintId>,
    pub refused: Vec<(ComplaintId, crate::store::StoreError)>,
}

#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Resize(u16, u16),
    /// The clock moved on (once a minute with the system clock).
    Tick(DateTime<Utc>),
    Me(Result<Officer, Failure>),
    Page {
        req: u64,
        append: bool,
        result: Result<Page, Failure>,
    },
    Counts {
        req: u64,
        result: Result<(ViewCounts, Vec<i64>), Failure>,
    },
    Detail {
        req: u64,
        result: Result<Box<Complaint>, Failure>,
        /// The officer's saved draft on it.
        draft: Option<Draft>,
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
    LoadCounts {
        req: u64,
        filter: Filter,
        saved: Vec<Filter>,
        now: DateTime<Utc>,
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
    LoadTemplates,
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
}

/// How long the low-bandwidth profile waits after the last movement key before fetching the detail.
pub const DETAIL_DEBOUNCE: Duration = Duration::from_millis(300);

pub fn update(s: &mut State, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Key(ev) => match Key::from_event(&ev) {
            Some(key) => on_key(s, key),
            None => Vec::new(),
        },
        Msg::Resize(w, h) => {
            let was_visible = s.detail_visible();
            s.size = (w, h);
            s.dirty = true;
            scroll_into_view(s);
            if !was_visible && s.detail_visible() {
                return detail_for_selection(s, true);
            }
            Vec::new()
        }
        Msg::Tick(now) => {
            if now != s.now {
                s.now = now;
                s.dirty = true;
            }
            Vec::new()
        }
        Msg::Me(Ok(o)) => {
            s.me.name = Some(o.name);
            s.me.instansi = Some(o.instansi_name);
            s.me.role = o.role;
            s.me.instansi_path = o.instansi_path;
            s.dirty = true;
            Vec::new()
        }
        Msg::Me(Err(f)) => {
            failed(s, f);
            Vec::new()
        }
        Msg::Page {
            req,
            append,
            result,
        } => on_page(s, req, append, result),
        Msg::Feed(feed) => super::live::on_feed(s, feed),
        Msg::PresenceTick => super::live::presence_tick(s),
        Msg::Presence(result) => {
            super::live::on_presence(s, result);
            Vec::new()
        }
        Msg::Counts { req, result } => {
            if req != s.req.counts {
                return Vec::new();
            }
            match result {
                Ok((builtin, saved)) => {
                    let mut saved = saved.into_iter();
                    for tab in &mut s.tabs {
                        tab.count = match tab.kind {
                            TabKind::Builtin(v) => Some(builtin.get(v)),
                            TabKind::Saved { .. } => saved.next(),
                        };
                    }
                    connected(s);
                    s.dirty = true;
                }
                Err(f) => failed(s, f),
            }
            Vec::new()
        }
        Msg::Detail { req, result, draft } => {
            if req != s.req.detail {
                return Vec::new();
            }
            match result {
                Ok(c) => {
                    if let Some(d) = &mut s.detail {
                        if d.id != c.id {
                            d.scroll = 0;
                        }
                        d.id = c.id;
                        d.data = Some(c);
                        d.draft = draft;
                    } else {
                        s.detail = Some(Detail {
                            id: c.id,
                            data: Some(c),
                            scroll: 0,
                            draft,
                        });
                    }
                    connected(s);
                    s.dirty = true;
                    return drafting::detail_arrived(s);
                }
                Err(f) => failed(s, f),
            }
            Vec::new()
        }
        Msg::DetailDue { generation } => {
            if generation == s.req.detail_gen {
                detail_for_selection(s, true)
            } else {
                Vec::new()
            }
        }
        Msg::Acted { kind, result } => work::acted(s, kind, result),
        other => work::on_msg(s, other),
    }
}

/// A query answered: the database is there. Whether it is *live* is the change feed's to say.
pub(crate) fn connected(s: &mut State) {
    if matches!(s.conn, Conn::Connecting | Conn::Lost(_)) {
        s.conn = Conn::Ok;
        s.dirty = true;
    }
}

pub(crate) fn failed(s: &mut State, f: Failure) {
    let lang = s.lang();
    if f.connection {
        s.conn = Conn::Lost(f.message.clone());
        s.notify(lang.fmt(T::NoticeDbError, &[("msg", &f.message)]), true);
    } else {
        s.notify(lang.fmt(T::NoticeRefused, &[("msg", &f.message)]), true);
    }
}

fn on_page(s: &mut State, req: u64, append: bool, result: Result<Page, Failure>) -> Vec<Effect> {
    let mut fx = apply_page(s, req, append, result);
    if !s.queue.loading && std::mem::take(&mut s.queue.live_pending) {
        fx.extend(super::live::live_reload(s));
    }
    fx
}

fn apply_page(s: &mut State, req: u64, append: bool, result: Result<Page, Failure>) -> Vec<Effect> {
    if req != s.req.list {
        return Vec::new();
    }
    s.queue.loading = false;
    let page = match result {
        Ok(p) => p,
        Err(f) => {
            failed(s, f);
            return Vec::new();
        }
    };
    connected(s);
    s.dirty = true;
    if append {
        s.queue.rows.extend(page.rows);
        s.queue.next = page.next;
        return Vec::new();
    }
    let keep = s.keep.take();
    s.queue.rows = page.rows;
    s.queue.next = page.next;
    s.queue.loaded = true;
    let len = s.queue.rows.len();
    let found = keep.and_then(|id| s.queue.rows.iter().position(|r| r.id == id));
    s.queue.selected = match found {
        Some(i) => i,
        None => s.queue.selected.min(len.saturating_sub(1)),
    };
    // A live reload keeps the selected row on the screen line it was on.
    if let (Some(line), Some(i)) = (s.queue.anchor.take(), found) {
        s.queue.offset = i.saturating_sub(line);
    }
    scroll_into_view(s);
    let mut fx = prefetch(s);
    // The complaint being worked in the detail left the view (e.g. claimed out of Masuk): the
    // detail stays on it, so the next key still acts on the complaint the officer sees.
    let worked = s.detail.as_ref().map(|d| d.id);
    match keep {
        Some(id)
            if found.is_none()
                && s.focus == Focus::Detail
                && s.detail_visible()
                && worked == Some(id) =>
        {
            s.req.detail = s.req.issue();
            fx.push(Effect::LoadDetail {
                req: s.req.detail,
                id,
            });
        }
        _ => fx.extend(detail_for_selection(s, true)),
    }
    fx
}

/// The tab's scope: its view and the filter in force (a saved view's filter plus the typed one).
fn scope(s: &State) -> (View, Filter) {
    let typed = filter::parse(&s.filter_text).unwrap_or_default();
    match &s.current_tab().kind {
        TabKind::Builtin(v) => (*v, typed),
        TabKind::Saved { filter, .. } => (View::Semua, merge(filter, &typed)),
    }
}

/// Both filters at once: the canonical texts joined and parsed again.
pub fn merge(a: &Filter, b: &Filter) -> Filter {
    filter::parse(&format!("{a} {b}")).unwrap_or_else(|_| a.clone())
}

/// Loads the queue from the top (and the counts); `keep` keeps the selected complaint selected.
pub fn reload(s: &mut State, keep: bool) -> Vec<Effect> {
    s.keep = if keep {
        s.queue.current().map(|r| r.id)
    } else {
        None
    };
    if !keep {
        s.queue.selected = 0;
        s.queue.offset = 0;
    }
    let (view, filter) = scope(s);
    let limit = if keep {
        (s.queue.rows.len() as u32).clamp(PAGE, 10 * PAGE)
    } else {
        PAGE
    };
    s.req.list = s.req.issue();
    s.queue.loading = true;
    s.dirty = true;
    let mut fx = vec![Effect::LoadPage {
        req: s.req.list,
        append: false,
        view,
        filter,
        after: None,
        limit,
        now: s.now,
    }];
    fx.push(load_counts(s));
    fx
}

fn load_counts(s: &mut State) -> Effect {
    let typed = filter::parse(&s.filter_text).unwrap_or_default();
    let saved = s
        .tabs
        .iter()
        .filter_map(|t| match &t.kind {
            TabKind::Saved { filter, .. } => Some(merge(filter, &typed)),
            TabKind::Builtin(_) => None,
        })
        .collect();
    s.req.counts = s.req.issue();
    Effect::LoadCounts {
        req: s.req.counts,
        filter: typed,
        saved,
        now: s.now,
    }
}

fn prefetch(s: &mut State) -> Vec<Effect> {
    let q = &s.queue;
    if q.loading || q.next.is_none() || q.selected + PREFETCH < q.rows.len() {
        return Vec::new();
    }
    let (view, filter) = scope(s);
    s.req.list = s.req.issue();
    s.queue.loading = true;
    vec![Effect::LoadPage {
        req: s.req.list,
        append: true,
        view,
        filter,
        after: s.queue.next,
        limit: PAGE,
        now: s.now,
    }]
}

fn scroll_into_view(s: &mut State) {
    let h = s.queue_height();
    let q = &mut s.queue;
    if q.selected < q.offset {
        q.offset = q.selected;
    } else if q.selected >= q.offset + h {
        q.offset = q.selected + 1 - h;
    }
    let max_offset = q.rows.len().saturating_sub(h);
    if q.offset > max_offset {
        q.offset = max_offset;
    }
}

/// Fetches the detail of the selected complaint when the pane shows it. In the low-bandwidth
/// profile a movement only restarts a short timer; the fetch happens when the keys stop.
pub(crate) fn detail_for_selection(s: &mut State, now: bool) -> Vec<Effect> {
    if !s.detail_visible() {
        return Vec::new();
    }
    let Some(id) = s.queue.current().map(|r| r.id) else {
        return Vec::new();
    };
    if !now && s.settings.low_bandwidth {
        s.req.detail_gen += 1;
        return vec![Effect::After {
            delay: DETAIL_DEBOUNCE,
            msg: Box::new(MsgTemplate::DetailDue {
                generation: s.req.detail_gen,
            }),
        }];
    }
    if s.detail.as_ref().is_none() {
        s.detail = Some(Detail {
            id,
            data: None,
            scroll: 0,
            draft: None,
        });
        s.dirty = true;
    }
    s.req.detail = s.req.issue();
    vec![Effect::LoadDetail {
        req: s.req.detail,
        id,
    }]
}

fn select(s: &mut State, idx: usize) -> Vec<Effect> {
    let len = s.queue.rows.len();
    if len == 0 {
        return Vec::new();
    }
    let idx = idx.min(len - 1);
    if idx == s.queue.selected {
        return prefetch(s);
    }
    s.queue.selected = idx;
    s.dirty = true;
    scroll_into_view(s);
    let mut fx = prefetch(s);
    fx.extend(detail_for_selection(s, false));
    fx
}

pub(crate) fn context(s: &State) -> Context {
    super::render::context_on_screen(s)
}

fn on_key(s: &mut State, key: Key) -> Vec<Effect> {
    let ctx = context(s);
    let cond = s.conditions();
    s.pending.push(key);
    let seq = s.pending.clone();
    match s.settings.keymap.resolve(ctx, &seq, &cond) {
        Resolution::Action(a) => {
            s.pending.clear();
            s.dirty = true;
            // A notice stays until the next command; moving the selection keeps it.
            if !matches!(
                a,
                Action::Up
                    | Action::Down
                    | Action::PageUp
                    | Action::PageDown
                    | Action::Top
                    | Action::Bottom
            ) {
                s.notice = None;
            }
            run(s, ctx, a)
        }
        Resolution::Pending => {
            s.dirty = true;
            Vec::new()
        }
        Resolution::Unbound => {
            let had_prefix = s.pending.len() > 1;
            s.pending.clear();
            if had_prefix {
                s.dirty = true;
                return Vec::new();
            }
            if edit_prompt(s, key) {
                return Vec::new();
            }
            if ctx == Context::Form && work::edit_form(s, key) {
                return Vec::new();
            }
            if ctx == Context::Editor {
                return drafting::edit_draft(s, key);
            }
            let lang = s.lang();
            let help = s.keymap().key_for(ctx, Action::Help, &cond);
            s.notify(
                lang.fmt(
                    T::NoticeUnbound,
                    &[("key", &key.to_string()), ("help", &help)],
                ),
                false,
            );
            Vec::new()
        }
    }
}

/// Built-in line editing of the filter and palette prompts, for keys the keymap leaves unbound.
fn edit_prompt(s: &mut State, key: Key) -> bool {
    let prompt = match &mut s.overlay {
        Overlay::Filter(p) => p,
        Overlay::Palette { input, .. } => input,
        _ => return false,
    };
    match (key.typed_char(), key.name) {
        (Some(c), _) => prompt.insert(c),
        (None, KeyName::Backspace) => prompt.backspace(),
        (None, KeyName::Delete) => prompt.delete(),
        (None, KeyName::Left) => prompt.cursor = prompt.cursor.saturating_sub(1),
        (None, KeyName::Right) => {
            prompt.cursor = (prompt.cursor + 1).min(prompt.text.chars().count())
        }
        (None, KeyName::Home) => prompt.cursor = 0,
        (None, KeyName::End) => prompt.cursor = prompt.text.chars().count(),
        _ => return false,
    }
    after_edit(s);
    true
}

fn after_edit(s: &mut State) {
    match &mut s.overlay {
        Overlay::Filter(p) => p.error = filter::parse(&p.text).err(),
        Overlay::Palette { selected, .. } => *selected = 0,
        _ => {}
    }
    s.dirty = true;
}

fn switch_tab(s: &mut State, idx: usize) -> Vec<Effect> {
    if idx >= s.tabs.len() {
        return Vec::new();
    }
    if idx == s.tab && s.queue.loaded {
        return Vec::new();
    }
    s.tab = idx;
    s.queue.rows.clear();
    s.queue.next = None;
    s.queue.loaded = false;
    s.queue.marks.clear();
    s.queue.fresh.clear();
    s.focus = Focus::Queue;
    reload(s, false)
}

/// Carries out an action in a context.
pub fn run(s: &mut State, ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    if a.mutates() && s.settings.readonly {
        s.notify(lang.t(T::NoticeReadonly).to_string(), true);
        return Vec::new();
    }
    match (ctx, a) {
        (Context::Help, Action::Cancel | Action::Help) => {
            s.overlay = Overlay::None;
            Vec::new()
        }
        (Context::Help, _) => {
            if let Overlay::Help { scroll } = &mut s.overlay {
                let page = usize::from(s.size.1.saturating_sub(6)).max(1);
                *scroll = match a {
                    Action::Up | Action::ScrollUp => scroll.saturating_sub(1),
                    Action::Down | Action::ScrollDown => *scroll + 1,
                    Action::PageUp => scroll.saturating_sub(page),
                    Action::PageDown => *scroll + page,
                    Action::Top => 0,
                    Action::Bottom => usize::MAX / 2,
                    _ => *scroll,
                };
            }
            if a == Action::Quit {
                s.quit = true;
            }
            Vec::new()
        }
        (Context::Filter, Action::Accept) => {
            let Overlay::Filter(p) = &mut s.overlay else {
                return Vec::new();
            };
            match filter::parse(&p.text) {
                Ok(f) => {
                    s.filter_text = f.to_string();
                    s.overlay = Overlay::None;
                    s.notice = None;
                    reload(s, false)
                }
                Err(e) => {
                    p.error = Some(e);
                    Vec::new()
                }
            }
        }
        (Context::Filter | Context::Palette, Action::Cancel) => {
            s.overlay = Overlay::None;
            Vec::new()
        }
        (Context::Confirm, Action::Cancel) => {
            // Back to the form the question came from, with everything typed.
            let overlay = std::mem::replace(&mut s.overlay, Overlay::None);
            if let Overlay::Confirm(Confirm::Act { form: Some(f), .. }) = overlay {
                s.overlay = Overlay::Form(f);
            }
            Vec::new()
        }
        (Context::Form, _) => work::run_form(s, a),
        (Context::Editor, _) => drafting::run_editor(s, a),
        (Context::Filter | Context::Palette, Action::ClearInput) => {
            match &mut s.overlay {
                Overlay::Filter(p) => p.clear(),
                Overlay::Palette { input, .. } => input.clear(),
                _ => {}
            }
            after_edit(s);
            Vec::new()
        }
        (Context::Palette, Action::Up | Action::Down | Action::Complete | Action::Accept) => {
            on_palette(s, a)
        }
        (Context::Confirm, Action::Accept) => work::confirmed(s),
        (_, action) => run_main(s, ctx, action),
    }
}

fn on_palette(s: &mut State, a: Action) -> Vec<Effect> {
    let cond = s.conditions();
    let lang = s.lang();
    let Overlay::Palette { input, selected } = &mut s.overlay else {
        return Vec::new();
    };
    let matches = palette::matches(&input.text, lang, &cond);
    match a {
        Action::Up => *selected = selected.saturating_sub(1),
        Action::Down => *selected = (*selected + 1).min(matches.len().saturating_sub(1)),
        Action::Complete => {
            if let Some(m) = matches.get(*selected) {
                *input = Prompt::with(&m.name());
                *selected = 0;
            }
        }
        _ => {
            let chosen = matches.get(*selected).copied();
            s.overlay = Overlay::None;
            if let Some(action) = chosen {
                let ctx = if s.focus == Focus::Detail && s.detail_visible() {
                    Context::Detail
                } else {
                    Context::Queue
                };
                return run(s, ctx, action);
            }
        }
    }
    Vec::new()
}

fn run_main(s: &mut State, ctx: Context, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    let page = s.queue_height().saturating_sub(1).max(1);
    let in_detail = ctx == Context::Detail;
    match a {
        Action::Quit => {
            s.quit = true;
            Vec::new()
        }
        Action::Help => {
            s.overlay = Overlay::Help { scroll: 0 };
            Vec::new()
        }
        Action::Redraw => {
            s.clear = true;
            Vec::new()
        }
        Action::Palette => {
            s.overlay = Overlay::Palette {
                input: Prompt::default(),
                selected: 0,
            };
            Vec::new()
        }
        Action::Filter => {
            let mut p = Prompt::with(&s.filter_text);
            if !p.text.is_empty() {
                p.insert(' ');
            }
            s.overlay = Overlay::Filter(p);
            Vec::new()
        }
        Action::ClearFilter => {
            if s.filter_text.is_empty() {
                return Vec::new();
            }
            s.filter_text.clear();
            s.notify(lang.t(T::NoticeFilterCleared).to_string(), false);
            reload(s, false)
        }
        Action::Refresh => {
            s.notify(lang.t(T::NoticeRefreshed).to_string(), false);
            reload(s, true)
        }
        Action::NextView => switch_tab(s, (s.tab + 1) % s.tabs.len().max(1)),
        Action::PrevView => {
            let n = s.tabs.len().max(1);
            switch_tab(s, (s.tab + n - 1) % n)
        }
        Action::View(n) => switch_tab(s, usize::from(n) - 1),
        Action::ScrollUp | Action::ScrollDown if in_detail => {
            scroll_detail(s, if a == Action::ScrollUp { -1 } else { 1 })
        }
        Action::PageUp | Action::PageDown if in_detail => {
            let h = s.detail_height() as isize - 1;
            scroll_detail(s, if a == Action::PageUp { -h } else { h })
        }
        Action::Top | Action::Bottom if in_detail => scroll_detail(
            s,
            if a == Action::Top {
                isize::MIN / 2
            } else {
                isize::MAX / 2
            },
        ),
        Action::Up | Action::Prev | Action::ScrollUp => {
            let i = s.queue.selected.saturating_sub(1);
            select(s, i)
        }
        Action::Down | Action::Next | Action::ScrollDown => {
            let i = s.queue.selected + 1;
            select(s, i)
        }
        Action::PageUp => {
            let i = s.queue.selected.saturating_sub(page);
            select(s, i)
        }
        Action::PageDown => {
            let i = s.queue.selected + page;
            select(s, i)
        }
        Action::Top => select(s, 0),
        Action::Bottom => {
            let i = s.queue.rows.len().saturating_sub(1);
            select(s, i)
        }
        Action::Open => {
            if s.queue.current().is_none() {
                s.notify(lang.t(T::NoticeNothingSelected).to_string(), false);
                return Vec::new();
            }
            s.focus = Focus::Detail;
            let id = s.queue.current().map(|r| r.id);
            let loaded = s.detail.as_ref().map(|d| d.id) == id;
            // A saved draft on it opens again with the complaint.
            s.want_editor = id.map(|id| (id, None));
            if loaded {
                drafting::detail_arrived(s)
            } else {
                detail_for_selection(s, true)
            }
        }
        Action::Back => {
            if s.focus == Focus::Detail {
                s.focus = Focus::Queue;
            } else {
                s.notice = None;
            }
            Vec::new()
        }
        Action::Mark => {
            if let Some(id) = s.queue.current().map(|r| r.id) {
                if !s.queue.marks.remove(&id) {
                    s.queue.marks.insert(id);
                }
                if !in_detail {
                    let i = s.queue.selected + 1;
                    return select(s, i);
                }
            }
            Vec::new()
        }
        Action::ClearMarks => {
            s.queue.marks.clear();
            Vec::new()
        }
        Action::Accept
        | Action::Cancel
        | Action::Complete
        | Action::ClearInput
        | Action::NextField
        | Action::PrevField
        | Action::Send
        | Action::Template
        | Action::ExternalEditor
        | Action::DiscardDraft => Vec::new(),
        other => work::run_work(s, ctx, other),
    }
}

fn scroll_detail(s: &mut State, by: isize) -> Vec<Effect> {
    if let Some(d) = &mut s.detail {
        let to = (d.scroll as isize).saturating_add(by).max(0) as usize;
        // The renderer clamps to the content; keep the state within a sane bound.
        d.scroll = to.min(100_000);
    }
    Vec::new()
}

/// The state a console starts in, before anything is loaded.
pub fn initial(
    settings: Settings,
    me: Me,
    size: (u16, u16),
    calendars: std::sync::Arc<crate::domain::calendar::CalendarBook>,
) -> State {
    let now = settings.clock.now();
    let mut tabs: Vec<Tab> = View::ALL
        .iter()
        .map(|v| Tab {
            kind: TabKind::Builtin(*v),
            count: None,
        })
        .collect();
    let mut notices = settings.notices.clone();
    for sv in &settings.saved_views {
        match filter::parse(&sv.filter) {
            Ok(f) => tabs.push(Tab {
                kind: TabKind::Saved {
                    name: super::text::sanitize(&sv.name),
                    filter: Box::new(f),
                },
                count: None,
            }),
            Err(e) => notices.push(format!("[[views]] {}: {e}", sv.name)),
        }
    }
    let lang = settings.lang;
    let mut s = State {
        settings,
        me,
        conn: Conn::Connecting,
        tabs,
        tab: 0,
        filter_text: String::new(),
        queue: Queue::default(),
        detail: None,
        focus: Focus::Queue,
        overlay: Overlay::None,
        pending: Vec::new(),
        notice: None,
        size,
        now,
        calendars,
        req: Requests::default(),
        keep: None,
        dirty: true,
        clear: false,
        quit: false,
        reference: Default::default(),
        templates: None,
        editor: None,
        acting: None,
        want_editor: None,
        external: None,
        presence: Vec::new(),
    };
    if notices.is_empty() {
        let cond = s.conditions();
        let k = s.keymap();
        let help = k.key_for(Context::Queue, Action::Help, &cond);
        let palette = k.key_for(Context::Queue, Action::Palette, &cond);
        let quit = k.key_for(Context::Queue, Action::Quit, &cond);
        let text = lang.fmt(
            T::NoticeWelcome,
            &[("help", &help), ("palette", &palette), ("quit", &quit)],
        );
        s.notice = Some(Notice { text, error: false });
    } else {
        s.notice = Some(Notice {
            text: notices.join(" · "),
            error: true,
        });
    }
    s
}

/// The first effects of a console: who am I, the first page, the counts.
pub fn start(s: &mut State) -> Vec<Effect> {
    let mut fx = vec![Effect::LoadMe];
    fx.extend(reload(s, false));
    fx
}
