//! What the update side asks the store for, beneath `update`, `work`, `drafting` and `live`, which
//! all call it and never each other upwards: reloading the queue and the counts, the next page,
//! the detail of the selection, moving the selection (which asks for those), and the write of an
//! action. Each query carries a request id so that a stale answer is recognised and dropped; the
//! bookkeeping of answers (`connected`, `failed`) is here too.

use super::forms::Form;
use super::i18n::T;
use super::msg::{Effect, Failure, MsgTemplate};
use super::state::*;
use crate::domain::filter;
use crate::domain::lifecycle::{Action as DomainAction, ComplaintId, Named};
use crate::store::{Count, Page, ViewCounts};
use std::time::Duration;

/// How long the low-bandwidth profile waits after the last movement key before fetching the detail.
pub const DETAIL_DEBOUNCE: Duration = Duration::from_millis(300);

/// A query answered: the database is there. Whether it is *live* is the change feed's to say.
pub(crate) fn connected(s: &mut State) {
    if matches!(s.conn, Conn::Connecting | Conn::Lost(_)) {
        s.conn = Conn::Ok;
        s.dirty = true;
    }
}

/// A query or a write failed: the status line says why, and a lost database shows in the header.
pub(crate) fn failed(s: &mut State, f: Failure) {
    let lang = s.lang();
    if f.connection {
        s.conn = Conn::Lost(f.message.clone());
        s.notify(lang.fmt(T::NoticeDbError, &[("msg", &f.message)]), true);
    } else {
        s.notify(lang.fmt(T::NoticeRefused, &[("msg", &f.message)]), true);
    }
}

/// A page of the queue arrived: the rows replace (or extend) the queue, the kept complaint stays
/// selected, and the next page and the detail are asked for as needed.
pub(crate) fn apply_page(
    s: &mut State,
    req: u64,
    append: bool,
    result: Result<Page, Failure>,
) -> Vec<Effect> {
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
    // A complaint opened by its number stays in the detail whatever the view holds.
    let pinned = s
        .pinned
        .filter(|id| worked == Some(*id) && s.focus == Focus::Detail);
    match keep.filter(|_| found.is_none()).or(pinned) {
        Some(id) if s.focus == Focus::Detail && s.detail_visible() && worked == Some(id) => {
            s.req.detail = s.req.issue();
            fx.push(Effect::LoadDetail {
                req: s.req.detail,
                id,
            });
        }
        // Nothing matches: the detail must not go on showing a complaint of the old rows.
        _ if s.queue.rows.is_empty() && s.editor.is_none() => {
            if s.detail.take().is_some() {
                s.focus = Focus::Queue;
            }
        }
        _ => fx.extend(detail_for_selection(s, true)),
    }
    fx
}

pub(crate) use super::at_hand::{merge, scope};

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
    s.highlight = crate::domain::stem::query_stems(&filter.text);
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

/// Counts stop past this many reports while a filter is being typed or the queue moves ("1,000+"
/// in the tabs): each costs at most this many rows, however large the database.
pub const COUNT_CAP: i64 = 1000;

/// How long the filter and the queue must stay still before a count that stopped at the cap is
/// counted exactly.
pub const COUNT_SETTLE: Duration = Duration::from_millis(700);

fn load_counts(s: &mut State) -> Effect {
    s.req.counts = s.req.issue();
    counts_effect(s, Some(COUNT_CAP))
}

/// The counts, as asked for as `s.req.counts`.
fn counts_effect(s: &State, cap: Option<i64>) -> Effect {
    let typed = filter::parse(&s.filter_text).unwrap_or_default();
    let saved = s
        .tabs
        .iter()
        .filter_map(|t| match &t.kind {
            TabKind::Saved { filter, .. } => Some(merge(filter, &typed)),
            TabKind::Builtin(_) => None,
        })
        .collect();
    Effect::LoadCounts {
        req: s.req.counts,
        filter: typed,
        saved,
        now: s.now,
        cap,
    }
}

/// Counts arrived: shown at once; any that stopped at the cap is counted exactly once nothing
/// has moved for [`COUNT_SETTLE`] (a newer request makes the timer's message stale).
pub(crate) fn counts_arrived(
    s: &mut State,
    req: u64,
    result: Result<(ViewCounts, Vec<Count>), Failure>,
) -> Vec<Effect> {
    if req != s.req.counts {
        return Vec::new();
    }
    match result {
        Ok((builtin, saved)) => {
            let more = builtin.any_more() || saved.iter().any(|c| c.more);
            let mut saved = saved.into_iter();
            for tab in &mut s.tabs {
                tab.count = match tab.kind {
                    TabKind::Builtin(v) => Some(builtin.count(v)),
                    TabKind::Saved { .. } => saved.next(),
                };
            }
            connected(s);
            s.dirty = true;
            if more {
                return vec![Effect::After {
                    delay: COUNT_SETTLE,
                    msg: Box::new(MsgTemplate::CountsDue { req }),
                }];
            }
        }
        Err(f) => failed(s, f),
    }
    Vec::new()
}

/// The settle timer of capped counts ran out: when they are still the latest, count exactly.
pub(crate) fn counts_due(s: &mut State, req: u64) -> Vec<Effect> {
    if req != s.req.counts {
        return Vec::new();
    }
    vec![counts_effect(s, None)]
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

/// Keeps the selected row inside the queue's window.
pub(crate) fn scroll_into_view(s: &mut State) {
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
    ask_for_detail(s, id)
}

/// Asks the store for complaint `id`'s detail; an older answer still on its way is then ignored.
fn ask_for_detail(s: &mut State, id: ComplaintId) -> Vec<Effect> {
    s.req.detail = s.req.issue();
    vec![Effect::LoadDetail {
        req: s.req.detail,
        id,
    }]
}

/// Opens complaint `id` in the detail, in the current view or not: the store answers whether the
/// officer may see it (missing and invisible alike come back as not found).
pub(crate) fn go_to(s: &mut State, id: ComplaintId) -> Vec<Effect> {
    s.overlay = Overlay::None;
    s.pinned = Some(id);
    s.focus = Focus::Detail;
    s.detail = Some(Detail {
        id,
        data: None,
        scroll: 0,
        draft: None,
    });
    s.dirty = true;
    ask_for_detail(s, id)
}

/// Moves the selection to row `idx` (clamped), asking for the next page and the detail.
pub(crate) fn select(s: &mut State, idx: usize) -> Vec<Effect> {
    let len = s.queue.rows.len();
    if len == 0 {
        return Vec::new();
    }
    let idx = idx.min(len - 1);
    if idx == s.queue.selected {
        return prefetch(s);
    }
    s.queue.selected = idx;
    s.pinned = None;
    s.dirty = true;
    scroll_into_view(s);
    let mut fx = prefetch(s);
    fx.extend(detail_for_selection(s, false));
    fx
}

/// Records the write in flight (and the form to give back if it is refused) and asks for it.
pub(crate) fn act(
    s: &mut State,
    items: Vec<(ComplaintId, Option<i64>)>,
    action: DomainAction<Named>,
    form: Option<Box<Form>>,
    discard_draft: bool,
) -> Vec<Effect> {
    // Replies and approvals are written on what the officer saw: the store refuses them as
    // stale when someone else acted after that event.
    let seen_event = match (&action, items.as_slice()) {
        (DomainAction::Reply { .. } | DomainAction::SubmitForApproval { .. }, [(id, _)]) => s
            .editor
            .as_ref()
            .filter(|e| e.id == *id)
            .and_then(|e| e.based_on),
        (DomainAction::Approve, [(id, _)]) => s
            .detail
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .filter(|c| c.id == *id)
            .and_then(|c| c.events.iter().map(|e| e.id).max()),
        _ => None,
    };
    let happened = form.as_ref().and_then(|f| f.happened());
    s.acting = Some(Acting {
        kind: action.kind(),
        form,
    });
    s.dirty = true;
    vec![Effect::Act {
        items,
        action: Box::new(action),
        discard_draft,
        seen_event,
        happened,
    }]
}
