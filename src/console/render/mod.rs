//! Drawing the state: header, view tabs, the queue, the detail, the status line and the overlays.
//! Pure functions of the state into a ratatui frame; every string from the database goes through
//! `text::sanitize` first. Nothing here comes from the update side: what the view and the update
//! must agree on (the context on screen, the complaint at hand, its suggested actions, the words
//! for statuses and kinds) is computed beneath both, in `at_hand` and `labels`.

mod board;
mod detail;
mod editor;
mod form;
mod overlay;
mod queue;

use super::action::{Action, Context};
use super::at_hand::scope;
use super::at_hand::{context_on_screen, subject, suggested};
use super::i18n::T;
use super::labels::{order_label, role_label};
use super::state::{Conn, Focus, MIN_H, MIN_W, State};
use super::text::{cut, fit, sanitize, width};
use crate::domain::view::Order;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub use queue::clock_cell;

/// Where the detail's `#number` is on screen, and where it links to (config `link`): the frame
/// writer lays an OSC 8 link over those cells after each frame, as the same text in the same
/// style, since a cell of ratatui cannot carry one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkSpot {
    pub x: u16,
    pub y: u16,
    pub text: String,
    pub bold: bool,
    pub url: String,
}

pub fn link_spot(s: &State, area: Rect) -> Option<LinkSpot> {
    let template = s.settings.link.as_ref()?;
    if s.too_small() || s.overlay != super::state::Overlay::None {
        return None;
    }
    let id = s.detail.as_ref().and_then(|d| d.data.as_ref())?.id;
    let r = areas(s, area).detail?;
    let text = format!("#{id}");
    // The title is " #id " after the corner, and only when it is not cut.
    if usize::from(r.width) < width(&text) + 4 {
        return None;
    }
    Some(LinkSpot {
        x: r.x + 2,
        y: r.y,
        text,
        bold: s.focus == Focus::Detail,
        url: template.replace("{id}", &id.to_string()),
    })
}

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub queue: Option<Rect>,
    pub detail: Option<Rect>,
    /// The draft editor, beside the complaint (below it on a narrow terminal).
    pub editor: Option<Rect>,
    pub status: Rect,
}

pub fn areas(s: &State, area: Rect) -> Areas {
    let w = area.width;
    let h = area.height;
    let row = |y: u16| Rect::new(area.x, area.y + y, w, 1);
    let body = Rect::new(area.x, area.y + 2, w, h.saturating_sub(3));
    if s.editor.is_some() {
        let (detail, editor) = if s.wide() {
            let dw = w / 2;
            (
                Rect::new(body.x, body.y, dw, body.height),
                Rect::new(body.x + dw, body.y, w - dw, body.height),
            )
        } else {
            let dh = (body.height * 2 / 5).max(4).min(body.height);
            (
                Rect::new(body.x, body.y, w, dh),
                Rect::new(body.x, body.y + dh, w, body.height - dh),
            )
        };
        return Areas {
            header: row(0),
            tabs: row(1),
            queue: None,
            detail: Some(detail),
            editor: Some(editor),
            status: row(h.saturating_sub(1)),
        };
    }
    let (queue, detail) = if s.wide() {
        // The queue takes its share (three fifths unless moved): its title column is what an
        // officer scans.
        let qw = (u32::from(w) * u32::from(s.settings.split) / 100) as u16;
        let qw = qw.max(60).min(w);
        (
            Some(Rect::new(body.x, body.y, qw, body.height)),
            Some(Rect::new(body.x + qw, body.y, w - qw, body.height)),
        )
    } else if s.focus == Focus::Detail {
        (None, Some(body))
    } else {
        (Some(body), None)
    };
    Areas {
        header: row(0),
        tabs: row(1),
        queue,
        detail,
        editor: None,
        status: row(h.saturating_sub(1)),
    }
}

pub fn draw(frame: &mut Frame, s: &State) {
    let area = frame.area();
    if s.too_small() {
        let lang = s.lang();
        let msg = lang.fmt(
            T::TooSmall,
            &[
                ("w", &MIN_W.to_string()),
                ("h", &MIN_H.to_string()),
                ("cw", &area.width.to_string()),
                ("ch", &area.height.to_string()),
            ],
        );
        if area.width > 0 && area.height > 0 {
            let line = Line::raw(cut(&msg, usize::from(area.width)));
            frame
                .buffer_mut()
                .set_line(area.x, area.y, &line, area.width);
            // Keys do nothing here; the notice says so (and how to quit) on the next line.
            if let Some(n) = s.notice.as_ref() {
                let lines = super::text::wrap(&n.text, usize::from(area.width));
                for (i, l) in lines.iter().take(usize::from(area.height) - 1).enumerate() {
                    frame.buffer_mut().set_line(
                        area.x,
                        area.y + 1 + i as u16,
                        &Line::raw(l.clone()),
                        area.width,
                    );
                }
            }
        }
        return;
    }
    let a = areas(s, area);
    let buf = frame.buffer_mut();
    header(buf, a.header, s);
    if s.board.is_some() {
        // The board takes the tabs' line and the panes below it.
        let body = Rect::new(
            area.x,
            area.y + 1,
            area.width,
            area.height.saturating_sub(2),
        );
        board::draw(buf, body, s);
        status_line(buf, a.status, s);
        overlay::draw(frame, s);
        return;
    }
    tabs(buf, a.tabs, s);
    if let Some(q) = a.queue {
        queue::draw(buf, q, s);
    }
    if let Some(d) = a.detail {
        detail::draw(buf, d, s);
    }
    if let Some(e) = a.editor {
        editor::draw(buf, e, s);
    }
    long_notice(buf, area, a.status, s);
    status_line(buf, a.status, s);
    overlay::draw(frame, s);
}

fn put(buf: &mut Buffer, x: u16, y: u16, w: u16, spans: Vec<Span<'_>>) {
    buf.set_line(x, y, &Line::from(spans), w);
}

fn header(buf: &mut Buffer, r: Rect, s: &State) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let me = &s.me;
    let who = match &me.name {
        Some(n) => format!("{} ({})", sanitize(n), sanitize(&me.username)),
        None => sanitize(&me.username),
    };
    let mut left = format!(
        " {} │ {who} · {}",
        lang.t(T::AppName),
        role_label(me.role, lang)
    );
    if let Some(i) = &me.instansi {
        left.push_str(&format!(" · {}", sanitize(i)));
    }
    if !s.settings.db_label.is_empty() {
        left.push_str(&format!(" │ {}", sanitize(&s.settings.db_label)));
    }
    let mut right = String::from(" ");
    if s.settings.readonly {
        right.push_str(lang.t(T::ReadOnlyTag));
        right.push(' ');
    }
    if s.settings.low_bandwidth {
        right.push_str(lang.t(T::LowBandwidthTag));
        right.push(' ');
    }
    let (conn, conn_style) = match &s.conn {
        Conn::Ok => (lang.t(T::ConnOk), th.notice),
        Conn::Connecting => (lang.t(T::ConnLoading), Style::new()),
        Conn::Live => (lang.t(T::ConnLive), th.notice),
        Conn::Reconnecting(_) => (lang.t(T::ConnReconnecting), th.error),
        Conn::Lost(_) => (lang.t(T::ConnLost), th.error),
    };
    let rw = width(&right) + width(conn) + 1;
    let lw = usize::from(r.width).saturating_sub(rw);
    put(
        buf,
        r.x,
        r.y,
        r.width,
        vec![
            Span::styled(fit(&left, lw), th.header),
            Span::raw(right),
            Span::styled(conn.to_string(), conn_style),
            Span::raw(" "),
        ],
    );
}

fn tabs(buf: &mut Buffer, r: Rect, s: &State) {
    let lang = s.lang();
    let th = &s.settings.theme;
    // The queue's order, at the right end: the tabs give way to it. A ranking of more matches
    // than relevance ranks says that it ranked the newest (`store::RANK_WINDOW`).
    let order = scope(s).1.order();
    let cut_ranking = order == Order::Relevan
        && s.tabs.get(s.tab).and_then(|t| t.count).is_some_and(|c| {
            c.n > crate::store::RANK_WINDOW || (c.more && c.n >= crate::store::RANK_WINDOW)
        });
    // The longer label when it fits, else the order alone.
    let mut labels = vec![format!(" {} ", order_label(order, lang))];
    if cut_ranking {
        let n = lang.number(crate::store::RANK_WINDOW);
        let long = lang.fmt(T::OrderRelevanWindow, &[("n", n.as_str())]);
        labels.insert(0, format!(" {long} "));
    }
    // Full labels when they fit; else tighter; else inactive tabs shortened to a few letters.
    let texts = |pad: &str, short: Option<usize>| -> Vec<String> {
        s.tabs
            .iter()
            .enumerate()
            .map(|(i, tab)| {
                let count = match tab.count {
                    Some(c) if c.more => format!("{}+", lang.number(c.n)),
                    Some(c) => lang.number(c.n),
                    None => "…".into(),
                };
                let num = if i < 9 {
                    format!("{} ", i + 1)
                } else {
                    String::new()
                };
                let label = match short {
                    Some(n) if i != s.tab => cut(&tab.label(lang), n),
                    _ => tab.label(lang),
                };
                format!("{pad}{num}{label} {count}{pad}")
            })
            .collect()
    };
    let total = |t: &[String]| t.iter().map(|x| width(x) + 1).sum::<usize>();
    let fitted = |room: usize| {
        let mut list = texts(" ", None);
        for (pad, short) in [("", None), ("", Some(4)), ("", Some(2))] {
            if total(&list) <= room {
                break;
            }
            list = texts(pad, short);
        }
        list
    };
    let room_beside = |label: &String| usize::from(r.width).saturating_sub(width(label));
    let order = labels
        .iter()
        .find(|label| total(&fitted(room_beside(label))) <= room_beside(label))
        .unwrap_or(&labels[labels.len() - 1])
        .clone();
    let room = room_beside(&order);
    let list = fitted(room);
    let used = total(&list);
    let mut spans = Vec::new();
    for (i, text) in list.into_iter().enumerate() {
        let style = if i == s.tab { th.tab_active } else { th.tab };
        spans.push(Span::styled(text, style));
        spans.push(Span::raw(" "));
    }
    if used <= room {
        spans.push(Span::raw(" ".repeat(room - used)));
        spans.push(Span::styled(order, th.column_head));
    }
    put(buf, r.x, r.y, r.width, spans);
}

/// (keys, label) hints of the status line for the context on screen, from the keymap.
pub fn hints(s: &State) -> Vec<(String, String)> {
    let lang = s.lang();
    let cond = s.conditions();
    let km = s.keymap();
    let ctx = context_on_screen(s);
    let one = |a: Action| (km.key_for(ctx, a, &cond), a.label(lang));
    let pair = |a: Action, b: Action, label: T| {
        let (ka, kb) = (km.key_for(ctx, a, &cond), km.key_for(ctx, b, &cond));
        let keys = match (ka.is_empty(), kb.is_empty()) {
            (false, false) => format!("{ka}/{kb}"),
            (false, true) => ka,
            _ => kb,
        };
        (keys, lang.t(label).to_string())
    };
    let views = {
        let (a, b) = (
            km.key_for(ctx, Action::View(1), &cond),
            km.key_for(ctx, Action::View(s.tabs.len().clamp(1, 9) as u8), &cond),
        );
        (format!("{a}-{b}"), lang.t(T::HintViews).to_string())
    };
    // What makes sense next for the selected complaint, from its status.
    let next: Vec<Action> = match subject(s) {
        Some(x) => suggested(s, x.status, x.assignee, x.escalated),
        None => Vec::new(),
    };
    let list = match ctx {
        // Static in the queue: a move must not rewrite the status line (bytes on slow links);
        // the detail shows what fits the complaint's status.
        Context::Queue => vec![
            pair(Action::Down, Action::Up, T::HintMove),
            one(Action::Open),
            one(Action::Filter),
            views,
            {
                // Claim only where the row can be claimed; elsewhere its place stays, blank, so
                // that the hints after it do not move (and cost bytes) as the selection moves.
                let (keys, label) = one(Action::Claim);
                if keys.is_empty() || next.contains(&Action::Claim) {
                    (keys, label)
                } else {
                    (" ".repeat(width(&keys)), " ".repeat(width(&label)))
                }
            },
            one(Action::Mark),
            one(Action::Palette),
            one(Action::Help),
            one(Action::Quit),
        ],
        Context::Detail => {
            let mut v = vec![one(Action::Back)];
            v.extend(next.iter().take(3).map(|a| one(*a)));
            v.extend([
                one(Action::Palette),
                pair(Action::ScrollDown, Action::ScrollUp, T::HintScroll),
                pair(Action::Next, Action::Prev, T::HintMove),
                one(Action::Help),
                one(Action::Quit),
            ]);
            v
        }
        Context::Form => {
            let mut v = vec![
                one(Action::Accept),
                one(Action::NextField),
                pair(Action::Down, Action::Up, T::HintChoose),
            ];
            // Where the picker holds routing suggestions, the key that takes the first.
            if let super::state::Overlay::Form(f) = &s.overlay
                && f.suggested > 0
            {
                v.push(one(Action::AcceptSuggestion));
            }
            v.push(one(Action::Cancel));
            v
        }
        Context::Editor => vec![
            {
                // "send reply", "submit for approval" or "save note", as the pane says.
                let label = editor::send_label(s);
                let key = km.key_for(ctx, Action::Send, &cond);
                let label = label
                    .strip_prefix(&format!("{key} "))
                    .unwrap_or(&label)
                    .to_string();
                (key, label)
            },
            one(Action::Template),
            one(Action::ExternalEditor),
            one(Action::DiscardDraft),
            one(Action::Help),
            one(Action::Back),
        ],
        Context::Help => vec![
            one(Action::Cancel),
            pair(Action::ScrollDown, Action::ScrollUp, T::HintScroll),
        ],
        Context::Filter => vec![
            one(Action::Accept),
            one(Action::Cancel),
            one(Action::ClearInput),
        ],
        Context::Palette => vec![
            one(Action::Accept),
            one(Action::Complete),
            pair(Action::Down, Action::Up, T::HintMove),
            one(Action::Cancel),
        ],
        Context::Board => vec![
            pair(Action::Down, Action::Up, T::HintMove),
            one(Action::Open),
            one(Action::Back),
            one(Action::Refresh),
            one(Action::Palette),
            one(Action::Help),
            one(Action::Quit),
        ],
        Context::Confirm | Context::Global => vec![one(Action::Accept), one(Action::Cancel)],
    };
    list.into_iter()
        .filter(|(k, _)| !k.is_empty() && k != "-")
        .collect()
}

/// What the status line shows at its right end: the filter, the marks, the position.
fn status_right(s: &State, r: Rect) -> String {
    let lang = s.lang();
    let q = &s.queue;
    let mut right = String::new();
    if !s.filter_text.is_empty() {
        let f = lang.fmt(T::FilterActive, &[("f", &sanitize(&s.filter_text))]);
        right.push_str(&cut(&f, usize::from(r.width) / 3));
        right.push_str("  ");
    }
    if !q.marks.is_empty() {
        right.push_str(&lang.fmt(T::Marked, &[("n", &lang.number(q.marks.len() as i64))]));
        right.push_str("  ");
    }
    if !q.rows.is_empty() && s.board.is_none() {
        let i = lang.number(q.selected as i64 + 1);
        let n = lang.number(q.rows.len() as i64);
        let key = if q.next.is_some() {
            T::QueuePositionMore
        } else {
            T::QueuePosition
        };
        right.push_str(&lang.fmt(key, &[("i", &i), ("n", &n)]));
        right.push(' ');
    }
    right
}

/// A notice too long for the status line (a keymap file's mistakes, a long refusal) is shown
/// whole, wrapped, in the rows just above it, until the next key clears it.
fn long_notice(buf: &mut Buffer, area: Rect, status: Rect, s: &State) {
    let Some(n) = s.notice.as_ref().filter(|_| s.pending.is_empty()) else {
        return;
    };
    let text = sanitize(&n.text);
    let room = usize::from(status.width).saturating_sub(width(&status_right(s, status)) + 2);
    if width(&text) <= room {
        return;
    }
    let th = &s.settings.theme;
    let w = usize::from(area.width).saturating_sub(2).max(1);
    let mut lines = super::text::wrap(&text, w);
    // Leave the header and tabs, and a row of the body, in view.
    let most = usize::from(status.y.saturating_sub(area.y + 4)).clamp(1, 8);
    if lines.len() > most {
        lines.truncate(most);
        if let Some(last) = lines.last_mut() {
            *last = fit(&format!("{last}…"), w);
        }
    }
    let style = if n.error { th.error } else { th.notice };
    let top = status.y - lines.len() as u16 - 1;
    put(
        buf,
        area.x,
        top,
        area.width,
        vec![Span::styled("─".repeat(usize::from(area.width)), th.border)],
    );
    for (i, l) in lines.iter().enumerate() {
        put(
            buf,
            area.x,
            top + 1 + i as u16,
            area.width,
            vec![
                Span::raw(" "),
                Span::styled(fit(l, usize::from(area.width).saturating_sub(1)), style),
            ],
        );
    }
}

fn status_line(buf: &mut Buffer, r: Rect, s: &State) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let right = status_right(s, r);
    let room = usize::from(r.width).saturating_sub(width(&right) + 1);
    let mut spans = vec![Span::raw(" ")];
    if !s.pending.is_empty() {
        let keys = super::keys::seq_to_string(&s.pending);
        spans.push(Span::styled(
            fit(&lang.fmt(T::Pending, &[("keys", &keys)]), room),
            th.key,
        ));
    } else if let Some(n) = &s.notice {
        let style = if n.error { th.error } else { th.notice };
        spans.push(Span::styled(fit(&sanitize(&n.text), room), style));
    } else {
        let mut list = hints(s);
        let cost = |l: &[(String, String)]| {
            l.iter()
                .map(|(k, label)| width(k) + width(label) + 3)
                .sum::<usize>()
        };
        // Help and quit (the last two) stay on a narrow line: the hints before them give way.
        while cost(&list) > room && list.len() > 2 {
            list.remove(list.len() - 3);
        }
        let mut used = 0;
        for (keys, label) in list {
            let wk = width(&keys) + width(&label) + 3;
            if used + wk > room {
                break;
            }
            used += wk;
            spans.push(Span::styled(keys, th.key));
            spans.push(Span::raw(format!(" {label}  ")));
        }
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
    }
    spans.push(Span::raw(right));
    put(buf, r.x, r.y, r.width, spans);
}
