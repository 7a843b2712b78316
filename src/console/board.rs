//! The supervisor's board (update side): opening it (supervisors and above), moving over its
//! figures, Enter to open the queue a figure counts, and keeping it current with the change feed,
//! coalesced: a burst of changes becomes one reload after `BOARD_COALESCE`, never one per event.

use super::action::Action;
use super::board_items::{BOARD_COALESCE, BoardScreen, items, target};
use super::i18n::T;
use super::msg::{Effect, Failure, MsgTemplate};
use super::requests::{connected, reload};
use super::state::{Focus, Overlay, State, TabKind};
use crate::domain::Role;
use crate::domain::monev::board::Board;
use crate::domain::view::View;
use std::sync::Arc;

/// Opens the board, or says why not: it counts a whole instansi, which is a supervisor's view.
pub fn open(s: &mut State) -> Vec<Effect> {
    let lang = s.lang();
    if s.me.role < Role::Supervisor {
        s.notify(lang.t(T::BoardRefused).to_string(), true);
        return Vec::new();
    }
    s.overlay = Overlay::None;
    s.board = Some(BoardScreen::default());
    s.dirty = true;
    load(s)
}

fn load(s: &mut State) -> Vec<Effect> {
    let Some(b) = s.board.as_mut() else {
        return Vec::new();
    };
    b.req = s.req.issue();
    b.loads += 1;
    b.loading = true;
    b.stale = false;
    vec![Effect::LoadBoard {
        req: b.req,
        now: s.now,
    }]
}

/// The board's answer: a figure that changed redraws, the same figures again draw nothing.
pub fn arrived(s: &mut State, req: u64, result: Result<Box<Board>, Failure>) -> Vec<Effect> {
    let Some(b) = s.board.as_mut() else {
        return Vec::new();
    };
    if req != b.req {
        return Vec::new();
    }
    b.loading = false;
    match result {
        Ok(data) => {
            if b.data.as_deref() != Some(&*data) || b.error.is_some() {
                let n = items(&data).len();
                b.selected = b.selected.min(n.saturating_sub(1));
                b.data = Some(Arc::new(*data));
                b.error = None;
                s.dirty = true;
            }
            connected(s);
        }
        Err(f) => {
            b.error = Some(f.message);
            s.dirty = true;
        }
    }
    // Changes that came while this load ran: one more reload, after the usual wait.
    if s.board.as_ref().is_some_and(|b| b.stale) {
        return changed(s);
    }
    Vec::new()
}

/// The feed reported colleagues' changes: reload once the coalescing wait is over (a wait
/// already running covers these too).
pub fn changed(s: &mut State) -> Vec<Effect> {
    let Some(b) = s.board.as_mut() else {
        return Vec::new();
    };
    b.stale = true;
    if b.waiting || b.loading {
        return Vec::new();
    }
    b.waiting = true;
    vec![Effect::After {
        delay: BOARD_COALESCE,
        msg: Box::new(MsgTemplate::BoardDue),
    }]
}

/// The coalescing wait is over.
pub fn due(s: &mut State) -> Vec<Effect> {
    let Some(b) = s.board.as_mut() else {
        return Vec::new();
    };
    b.waiting = false;
    if b.stale && !b.loading {
        return load(s);
    }
    Vec::new()
}

/// The actions of the board's own keys; the rest of the console's (help, palette, quit, views)
/// work as anywhere, views closing the board first.
pub fn run(s: &mut State, a: Action) -> Option<Vec<Effect>> {
    let lang = s.lang();
    let n = s
        .board
        .as_ref()
        .and_then(|b| b.data.as_ref())
        .map(|d| items(d).len())
        .unwrap_or(0);
    let page = usize::from(s.size.1.saturating_sub(4)).max(1);
    let b = s.board.as_mut()?;
    let last = n.saturating_sub(1);
    let fx = match a {
        Action::Up | Action::ScrollUp | Action::Prev => {
            b.selected = b.selected.saturating_sub(1);
            Vec::new()
        }
        Action::Down | Action::ScrollDown | Action::Next => {
            b.selected = (b.selected + 1).min(last);
            Vec::new()
        }
        Action::PageUp => {
            b.selected = b.selected.saturating_sub(page);
            Vec::new()
        }
        Action::PageDown => {
            b.selected = (b.selected + page).min(last);
            Vec::new()
        }
        Action::Top => {
            b.selected = 0;
            Vec::new()
        }
        Action::Bottom => {
            b.selected = last;
            Vec::new()
        }
        Action::Back | Action::Board => {
            s.board = None;
            Vec::new()
        }
        Action::Refresh => {
            s.notify(lang.t(T::NoticeRefreshed).to_string(), false);
            load(s)
        }
        Action::Open => open_queue(s),
        // Going to a view or a filter leaves the board for the queue.
        Action::View(_) | Action::NextView | Action::PrevView | Action::Filter | Action::GoTo => {
            s.board = None;
            return None;
        }
        Action::Help
        | Action::Palette
        | Action::Quit
        | Action::Redraw
        | Action::Suspend
        | Action::ClearFilter => return None,
        _ => {
            s.notify(lang.t(T::BoardNotHere).to_string(), true);
            Vec::new()
        }
    };
    s.dirty = true;
    Some(fx)
}

/// Enter: the queue the selected figure counts, as the view and filter of the queue.
fn open_queue(s: &mut State) -> Vec<Effect> {
    let lang = s.lang();
    let Some(b) = s.board.as_ref() else {
        return Vec::new();
    };
    let Some(data) = b.data.clone() else {
        return Vec::new();
    };
    let Some(item) = items(&data).get(b.selected).copied() else {
        return Vec::new();
    };
    let Some(t) = target(&data, item) else {
        s.notify(lang.t(T::BoardNoQueue).to_string(), false);
        return Vec::new();
    };
    let Some(tab) = s
        .tabs
        .iter()
        .position(|tab| tab.kind == TabKind::Builtin(t.view))
        .or_else(|| {
            s.tabs
                .iter()
                .position(|tab| tab.kind == TabKind::Builtin(View::Semua))
        })
    else {
        return Vec::new();
    };
    s.board = None;
    let old = std::mem::replace(&mut s.filter_text, t.filter.clone());
    s.filter_good.get_or_insert(old);
    s.tab = tab;
    s.queue.rows.clear();
    s.queue.next = None;
    s.queue.loaded = false;
    s.queue.marks.clear();
    s.queue.fresh.clear();
    s.focus = Focus::Queue;
    s.pinned = None;
    let shown = if t.filter.is_empty() {
        super::state::view_label(t.view, lang).to_string()
    } else {
        t.filter
    };
    s.notify(lang.fmt(T::BoardOpened, &[("q", &shown)]), false);
    reload(s, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::console::tests::{keys, state};

    fn supervisor() -> State {
        let mut s = state((80, 24));
        s.me.role = Role::Supervisor;
        s
    }

    fn loads(fx: &[Effect]) -> usize {
        fx.iter()
            .filter(|e| matches!(e, Effect::LoadBoard { .. }))
            .count()
    }

    fn timers(fx: &[Effect]) -> usize {
        fx.iter()
            .filter(|e| matches!(e, Effect::After { msg, .. } if **msg == MsgTemplate::BoardDue))
            .count()
    }

    #[test]
    fn an_officer_is_refused_and_a_supervisor_gets_the_board() {
        let mut s = state((80, 24));
        let fx = keys(&mut s, "B");
        assert!(s.board.is_none());
        assert_eq!(loads(&fx), 0);
        assert!(s.notice.as_ref().is_some_and(|n| n.error));
        let mut s = supervisor();
        let fx = keys(&mut s, "B");
        assert_eq!(loads(&fx), 1);
        assert_eq!(
            super::super::at_hand::context_on_screen(&s),
            super::super::action::Context::Board
        );
        keys(&mut s, "Esc");
        assert!(s.board.is_none());
    }

    /// A burst of changes waits for one timer and becomes one load; changes while that load runs
    /// become one more, after another wait.
    #[test]
    fn changes_are_coalesced_into_one_reload() {
        let mut s = supervisor();
        let fx = keys(&mut s, "B");
        let req = s.board.as_ref().map(|b| b.req).unwrap_or_default();
        assert_eq!(loads(&fx), 1);
        // Changes while the first load runs: no timer yet, the answer starts one.
        assert_eq!(changed(&mut s), Vec::new());
        let fx = arrived(&mut s, req, Err(failure()));
        assert_eq!((timers(&fx), loads(&fx)), (1, 0));
        for _ in 0..5 {
            assert_eq!(changed(&mut s), Vec::new(), "the running wait covers them");
        }
        let fx = due(&mut s);
        assert_eq!(loads(&fx), 1);
        assert_eq!(s.board.as_ref().map(|b| b.loads), Some(2));
        // Nothing changed since: the next wait's end loads nothing.
        let req = s.board.as_ref().map(|b| b.req).unwrap_or_default();
        arrived(&mut s, req, Err(failure()));
        assert_eq!(due(&mut s), Vec::new());
    }

    fn failure() -> Failure {
        Failure {
            connection: true,
            message: "gone".into(),
            code: "database",
        }
    }
}
