//! Overlays drawn over the screen: help (generated from the keymap), the filter prompt with its
//! error at the column, the command palette and confirmations.

use super::super::action::{Action, Context};
use super::super::at_hand::context_on_screen_below_overlay;
use super::super::i18n::T;
use super::super::labels::{status_code, status_label};
use super::super::palette;
use super::super::state::{Confirm, Overlay, Prompt, State};
use super::super::text::{cut, fit, sanitize, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Widget};

pub fn draw(frame: &mut Frame, s: &State) {
    let area = frame.area();
    match &s.overlay {
        Overlay::None => {}
        Overlay::Help {
            scroll,
            search,
            typing,
        } => help(frame, area, s, *scroll, search, *typing),
        Overlay::Filter(p) => filter(frame, area, s, p),
        Overlay::Palette { input, selected } => palette_box(frame, area, s, input, *selected),
        Overlay::Confirm(c) => confirm(frame, area, s, c),
        Overlay::Form(f) => super::form::draw(frame, area, s, f),
    }
}

fn boxed(frame: &mut Frame, r: Rect, title: &str, bottom: Option<String>, s: &State) -> Rect {
    let th = &s.settings.theme;
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            cut(
                &format!(" {title} "),
                usize::from(r.width.saturating_sub(2)),
            ),
            th.title,
        ));
    if let Some(b) = bottom {
        block = block.title_bottom(Span::raw(cut(
            &format!(" {b} "),
            usize::from(r.width.saturating_sub(2)),
        )));
    }
    let inner = block.inner(r);
    Clear.render(r, frame.buffer_mut());
    block.render(r, frame.buffer_mut());
    inner
}

fn keys(s: &State, ctx: Context, a: Action) -> String {
    s.keymap().keys_for(ctx, a, &s.conditions()).join("/")
}

fn help(frame: &mut Frame, area: Rect, s: &State, scroll: usize, search: &str, typing: bool) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(3);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 1, w, h);
    let close = keys(s, Context::Help, Action::Cancel);
    let scroll_keys = format!(
        "{}/{}",
        s.keymap()
            .key_for(Context::Help, Action::ScrollDown, &s.conditions()),
        s.keymap()
            .key_for(Context::Help, Action::ScrollUp, &s.conditions())
    );
    let footer = lang.fmt(
        T::HelpFooter,
        &[
            ("keys", &close),
            ("scroll", &scroll_keys),
            ("name", &sanitize(&s.keymap().name)),
        ],
    );
    let find = s
        .keymap()
        .key_for(Context::Help, Action::Filter, &s.conditions());
    let footer = if typing || !search.is_empty() {
        lang.fmt(T::HelpSearching, &[("text", &sanitize(search))])
    } else {
        format!("{footer} · {}", lang.fmt(T::HelpSearch, &[("key", &find)]))
    };
    let inner = boxed(frame, r, lang.t(T::HelpTitle), Some(footer), s);
    let needle = search.to_lowercase();
    let iw = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    // Only views that exist: keys 7-9 mean nothing without saved views behind them.
    let missing: Vec<String> = (s.tabs.len() + 1..=9)
        .filter_map(|n| u8::try_from(n).ok())
        .map(|n| Action::View(n).describe(lang))
        .collect();
    for (ctx, rows) in s.keymap().help(lang, &s.conditions()) {
        let rows: Vec<(String, String)> = rows
            .into_iter()
            .filter(|(_, d)| !missing.contains(d))
            .filter(|(k, d)| {
                needle.is_empty()
                    || k.to_lowercase().contains(&needle)
                    || d.to_lowercase().contains(&needle)
            })
            .collect();
        if rows.is_empty() {
            continue;
        }
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(
            ctx.title(lang).to_string(),
            th.title,
        )));
        let kw = rows
            .iter()
            .map(|(k, _)| width(k))
            .max()
            .unwrap_or(0)
            .min(iw / 3);
        for (k, d) in rows {
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(fit(&k, kw), th.key),
                Span::raw("  "),
                Span::raw(cut(&d, iw.saturating_sub(kw + 4))),
            ]));
        }
    }
    // The legend of the queue's status codes (those the search matches).
    let legend: Vec<crate::domain::Status> = crate::domain::Status::ALL
        .iter()
        .copied()
        .filter(|st| {
            needle.is_empty()
                || status_code(*st, lang).to_lowercase().contains(&needle)
                || status_label(*st, lang).to_lowercase().contains(&needle)
        })
        .collect();
    if !legend.is_empty() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            lang.t(T::LegendStatus).to_string(),
            th.title,
        )));
    }
    for st in legend {
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(fit(status_code(st, lang), 4), th.key),
            Span::raw("  "),
            Span::raw(status_label(st, lang).to_string()),
        ]));
    }
    let ih = usize::from(inner.height);
    let scroll = scroll.min(lines.len().saturating_sub(ih));
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(ih).collect();
    Paragraph::new(shown).render(inner, frame.buffer_mut());
}

fn input_line(frame: &mut Frame, inner: Rect, lead: &str, p: &Prompt) {
    let iw = usize::from(inner.width);
    let text = sanitize(&p.text);
    let before: String = text.chars().take(p.cursor).collect();
    let lead_w = width(lead);
    // Keep the cursor on screen: show the tail when the text is longer than the line.
    let room = iw.saturating_sub(lead_w + 1);
    let skip = width(&before).saturating_sub(room);
    let shown: String = {
        let mut acc = 0;
        text.chars()
            .skip_while(|c| {
                let go = acc < skip;
                acc += unicode_width::UnicodeWidthChar::width(*c).unwrap_or(0);
                go
            })
            .collect()
    };
    frame.buffer_mut().set_line(
        inner.x,
        inner.y,
        &Line::from(vec![
            Span::raw(lead.to_string()),
            Span::raw(cut(&shown, room)),
        ]),
        inner.width,
    );
    let cx = inner.x + (lead_w + width(&before) - skip).min(iw.saturating_sub(1)) as u16;
    frame.set_cursor_position(Position::new(cx, inner.y));
}

fn filter(frame: &mut Frame, area: Rect, s: &State, p: &Prompt) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let h = 5.min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(h + 1),
        area.width,
        h,
    );
    let bottom = lang.fmt(
        T::FilterKeys,
        &[
            ("accept", &keys(s, Context::Filter, Action::Accept)),
            ("cancel", &keys(s, Context::Filter, Action::Cancel)),
        ],
    );
    let inner = boxed(frame, r, lang.t(T::FilterTitle), Some(bottom), s);
    if inner.height == 0 {
        return;
    }
    let iw = usize::from(inner.width);
    let lead = "/ ";
    match &p.error {
        Some(e) => {
            let before: String = sanitize(&p.text).chars().take(e.position).collect();
            let col = (width(lead) + width(&before)).min(iw.saturating_sub(1));
            let caret = format!("{}^", " ".repeat(col));
            let msg = lang.fmt(
                T::FilterError,
                &[
                    ("col", &(e.position + 1).to_string()),
                    ("msg", &sanitize(&e.message)),
                ],
            );
            if inner.height > 1 {
                frame.buffer_mut().set_line(
                    inner.x,
                    inner.y + 1,
                    &Line::from(Span::styled(caret, th.error)),
                    inner.width,
                );
            }
            if inner.height > 2 {
                frame.buffer_mut().set_line(
                    inner.x,
                    inner.y + 2,
                    &Line::from(Span::styled(cut(&msg, iw), th.error)),
                    inner.width,
                );
            }
        }
        None if inner.height > 2 => {
            frame.buffer_mut().set_line(
                inner.x,
                inner.y + 2,
                &Line::raw(cut(lang.t(T::FilterHint), iw)),
                inner.width,
            );
        }
        None => {}
    }
    input_line(frame, inner, lead, p);
}

fn palette_box(frame: &mut Frame, area: Rect, s: &State, input: &Prompt, selected: usize) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(4).min(16);
    let r = Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h);
    let inner = boxed(frame, r, lang.t(T::PaletteTitle), None, s);
    if inner.height == 0 {
        return;
    }
    let iw = usize::from(inner.width);
    let cond = s.conditions();
    let number = palette::complaint_number(&input.text);
    let matches = match number {
        Some(_) => Vec::new(),
        None => palette::matches(&input.text, lang, &cond),
    };
    let list_h = usize::from(inner.height.saturating_sub(1));
    let first = selected.saturating_sub(list_h.saturating_sub(1));
    if let Some(id) = number.filter(|_| inner.height > 1) {
        let key = s.keymap().key_for(Context::Palette, Action::Accept, &cond);
        let text = lang.fmt(T::PaletteGoTo, &[("key", &key), ("id", &id.to_string())]);
        frame.buffer_mut().set_line(
            inner.x,
            inner.y + 1,
            &Line::from(Span::styled(cut(&text, iw), th.title)),
            inner.width,
        );
    } else if matches.is_empty() && inner.height > 1 {
        frame.buffer_mut().set_line(
            inner.x,
            inner.y + 1,
            &Line::raw(cut(lang.t(T::PaletteNone), iw)),
            inner.width,
        );
    }
    let ctx = context_on_screen_below_overlay(s);
    for (i, a) in matches.iter().enumerate().skip(first).take(list_h) {
        let key = s.keymap().key_for(ctx, *a, &cond);
        let name_w = 14.min(iw / 3);
        let key_w = 7.min(iw / 6);
        let rest = iw.saturating_sub(name_w + key_w + 3);
        let mut line = Line::from(vec![
            Span::raw(" "),
            Span::styled(fit(&a.name(), name_w), th.title),
            Span::raw(" "),
            Span::styled(fit(&key, key_w), th.key),
            Span::raw(" "),
            Span::raw(fit(&a.describe(lang), rest)),
        ]);
        if i == selected {
            for sp in &mut line.spans {
                sp.style = sp.style.patch(th.selected);
            }
        }
        let y = inner.y + 1 + (i - first) as u16;
        frame.buffer_mut().set_line(inner.x, y, &line, inner.width);
    }
    input_line(frame, inner, ": ", input);
}

fn confirm(frame: &mut Frame, area: Rect, s: &State, c: &Confirm) {
    let lang = s.lang();
    let mut lines: Vec<String> = match c {
        Confirm::Act { lines, .. } => lines.iter().map(|l| sanitize(l)).collect(),
        Confirm::DiscardDraft(id) => vec![lang.fmt(T::ConfirmDiscard, &[("id", &id.to_string())])],
    };
    let answer = lang.fmt(
        T::ConfirmKeys,
        &[
            ("yes", &keys(s, Context::Confirm, Action::Accept)),
            ("no", &keys(s, Context::Confirm, Action::Cancel)),
        ],
    );
    lines.push(answer);
    let w = (lines.iter().map(|l| width(l)).max().unwrap_or(0) as u16 + 4)
        .min(area.width.saturating_sub(2).max(1));
    let h = (lines.len() as u16 + 2).min(area.height);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height.saturating_sub(h) / 2,
        w,
        h,
    );
    let inner = boxed(frame, r, lang.t(T::ConfirmTitle), None, s);
    let iw = usize::from(inner.width);
    let lines: Vec<Line> = lines.iter().map(|l| Line::raw(cut(l, iw))).collect();
    Paragraph::new(lines).render(inner, frame.buffer_mut());
}
