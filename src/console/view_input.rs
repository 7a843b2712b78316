//! What changes how the screen shows the work rather than the work itself: the split, a copy to
//! the clipboard, the mouse. Called by `update`, which carries out what the mouse asks for.

use super::action::{Action, Context};
use super::i18n::T;
use super::msg::{Effect, Mouse, MouseKind};
use super::requests::select;
use super::state::*;

/// What a mouse event comes to: effects, or a keymap action to run in a context.
pub enum Pointer {
    Effects(Vec<Effect>),
    Run(Context, Action),
}

/// `<` and `>`: the queue's share of a wide terminal, by five points within `SPLIT_RANGE`, then
/// remembered in the configuration file.
pub fn move_split(s: &mut State, a: Action) -> Vec<Effect> {
    let lang = s.lang();
    let (lo, hi) = (*SPLIT_RANGE.start(), *SPLIT_RANGE.end());
    let split = if a == Action::WiderQueue {
        s.settings.split.saturating_add(5)
    } else {
        s.settings.split.saturating_sub(5)
    }
    .clamp(lo, hi);
    if split == s.settings.split {
        return Vec::new();
    }
    s.settings.split = split;
    s.notify(
        lang.fmt(T::NoticeSplit, &[("pct", &split.to_string())]),
        false,
    );
    match s.settings.config_file.clone() {
        Some(file) => vec![Effect::RememberSplit {
            percent: split,
            file,
        }],
        None => Vec::new(),
    }
}

/// `Y` (and `A-c` in the editor): the tracking number, or the draft's text, onto the terminal's
/// clipboard; the event loop writes it as OSC 52. Off unless the configuration allows it (a
/// terminal that does not honour OSC 52 ignores it, but some show it).
pub fn copy(s: &mut State, ctx: Context) -> Vec<Effect> {
    let lang = s.lang();
    if !s.settings.osc52 {
        let file = s
            .settings
            .config_file
            .as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "config.toml".into());
        s.notify(lang.fmt(T::NoticeCopyOff, &[("file", &file)]), true);
        return Vec::new();
    }
    let text = if ctx == Context::Editor {
        s.editor.as_ref().map(|e| e.body())
    } else {
        super::at_hand::subject(s).map(|x| format!("#{}", x.id))
    };
    if let Some(text) = text.filter(|t| !t.is_empty()) {
        let shown = super::text::cut(&super::text::sanitize(&text), 40);
        s.clipboard = Some(text);
        s.notify(lang.fmt(T::NoticeCopied, &[("what", &shown)]), false);
    }
    Vec::new()
}

/// A click selects the row under it (a click on the selected row opens it) or focuses the
/// complaint; the wheel moves the selection or scrolls the complaint. Only on the screen's own
/// panes, with nothing over them.
pub fn mouse(s: &mut State, m: Mouse) -> Pointer {
    if !s.settings.mouse || s.overlay != Overlay::None || s.too_small() {
        return Pointer::Effects(Vec::new());
    }
    let area = ratatui::layout::Rect::new(0, 0, s.size.0, s.size.1);
    let a = super::render::areas(s, area);
    let at = ratatui::layout::Position::new(m.column, m.row);
    let in_queue = a.queue.filter(|r| r.contains(at));
    let in_detail = a.detail.filter(|r| r.contains(at));
    match (m.kind, in_queue, in_detail) {
        (MouseKind::Click, Some(q), _) => {
            // The first line of the queue is its column heads.
            let Some(line) = m.row.checked_sub(q.y + 1) else {
                return Pointer::Effects(Vec::new());
            };
            let idx = s.queue.offset + usize::from(line);
            if idx >= s.queue.rows.len() {
                return Pointer::Effects(Vec::new());
            }
            if idx == s.queue.selected && s.focus == Focus::Queue {
                return Pointer::Run(Context::Queue, Action::Open);
            }
            s.focus = Focus::Queue;
            s.dirty = true;
            Pointer::Effects(select(s, idx))
        }
        (MouseKind::Click, None, Some(_)) if s.detail.is_some() => {
            s.focus = Focus::Detail;
            s.dirty = true;
            Pointer::Effects(Vec::new())
        }
        (MouseKind::ScrollUp | MouseKind::ScrollDown, Some(_), _) => {
            let a = if m.kind == MouseKind::ScrollUp {
                Action::Up
            } else {
                Action::Down
            };
            Pointer::Run(Context::Queue, a)
        }
        (MouseKind::ScrollUp | MouseKind::ScrollDown, None, Some(_)) => {
            s.dirty = true;
            Pointer::Run(
                Context::Detail,
                if m.kind == MouseKind::ScrollUp {
                    Action::ScrollUp
                } else {
                    Action::ScrollDown
                },
            )
        }
        _ => Pointer::Effects(Vec::new()),
    }
}
