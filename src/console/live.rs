//! Live updates in the console (issue 5): what the change feed reports is applied without moving
//! the row under the cursor; presence of colleagues is refreshed every few seconds.
//!
//! A batch of events from others reloads the current view keeping the selected complaint on the
//! same screen line (rows that change, change in place; new ones appear marked), refreshes the
//! counts, and reloads the open complaint with a notice of who changed what. The events this
//! console wrote are already reflected by the action that made them; the same officer's changes
//! from elsewhere (a shell, a second console) arrive like anyone's.

use super::i18n::T;
use super::msg::{Effect, Failure};
use super::requests::reload;
use super::state::{Conn, State};
use crate::domain::model::Event;
use crate::domain::types::EventKind;
use crate::store::Presence;
use crate::store::feed::{Connection, FeedMsg};
use std::collections::BTreeSet;

/// How often the console says where its officer is and asks who else is around.
pub const PRESENCE_EVERY: std::time::Duration = std::time::Duration::from_secs(5);

pub fn on_feed(s: &mut State, msg: FeedMsg) -> Vec<Effect> {
    match msg {
        FeedMsg::State(Connection::Live) => {
            let was_lost = matches!(s.conn, Conn::Reconnecting(_) | Conn::Lost(_));
            s.conn = Conn::Live;
            s.dirty = true;
            if was_lost {
                let text = s.lang().t(T::NoticeReconnected).to_string();
                s.notify(text, false);
                return live_reload(s);
            }
            Vec::new()
        }
        FeedMsg::State(Connection::Reconnecting { attempt, .. }) => {
            s.conn = Conn::Reconnecting(attempt);
            s.dirty = true;
            Vec::new()
        }
        FeedMsg::Events(events) => on_events(s, events),
    }
}

fn on_events(s: &mut State, events: Vec<Event>) -> Vec<Effect> {
    // Keyed by what this console wrote, not by who wrote it: the officer's own changes from a
    // shell or a second console arrive like a colleague's.
    let others: Vec<&Event> = events
        .iter()
        .filter(|e| !s.own_events.remove(&e.id))
        .collect();
    if others.is_empty() {
        return Vec::new();
    }
    let lang = s.lang();
    let new_ids: BTreeSet<_> = others
        .iter()
        .filter(|e| e.kind == EventKind::Intake)
        .map(|e| e.complaint_id)
        .collect();
    s.queue.fresh.extend(new_ids.iter().copied());
    let open = s.detail.as_ref().map(|d| d.id);
    let mut fx = live_reload(s);
    fx.extend(super::board::changed(s));
    if let Some(id) = open
        && let Some(last) = others.iter().rev().find(|e| e.complaint_id == id)
    {
        let text = lang.fmt(
            T::NoticeLiveChange,
            &[
                ("what", &super::history::sentence(last, lang)),
                ("id", &id.to_string()),
            ],
        );
        s.notify(text, false);
        s.req.detail = s.req.issue();
        fx.push(Effect::LoadDetail {
            req: s.req.detail,
            id,
        });
    } else if !new_ids.is_empty() {
        let text = lang.fmt(T::NoticeLiveNew, &[("n", &new_ids.len().to_string())]);
        s.notify(text, false);
    }
    fx
}

/// Reloads the view keeping the selected complaint on the line of the screen it is on. A burst of
/// changes while a load is in flight becomes one more reload when it lands, not one per batch: a
/// busy instansi would otherwise run the list and the counts queries for every event.
pub fn live_reload(s: &mut State) -> Vec<Effect> {
    if s.queue.loading {
        s.queue.live_pending = true;
        return Vec::new();
    }
    s.queue.anchor = Some(s.queue.selected.saturating_sub(s.queue.offset));
    reload(s, true)
}

/// Where the officer is (the open complaint, and whether they are writing on it) and which
/// complaints are on screen, for the presence round.
pub fn presence_tick(s: &State) -> Vec<Effect> {
    let at = s
        .detail
        .as_ref()
        .map(|d| (d.id, s.editor.as_ref().is_some_and(|e| e.id == d.id)));
    let h = s.queue_height();
    let mut ids: Vec<_> = s
        .queue
        .rows
        .iter()
        .skip(s.queue.offset)
        .take(h)
        .map(|r| r.id)
        .collect();
    if let Some((id, _)) = at
        && !ids.contains(&id)
    {
        ids.push(id);
    }
    if s.settings.readonly && ids.is_empty() {
        return Vec::new();
    }
    vec![Effect::Presence { at, ids }]
}

pub fn on_presence(s: &mut State, result: Result<Vec<Presence>, Failure>) {
    if let Ok(list) = result
        && list != s.presence
    {
        s.presence = list;
        s.dirty = true;
    }
}
