//! A form or picker over the screen: one line per field (label, what is typed, what it means),
//! the options of the focused choice narrowed to what was typed, the first problem, the keys.
//! Fits 80x24: at most five fields, options get the rows that are left.

use super::super::action::{Action, Context};
use super::super::forms::{FieldKind, Form, parse_date, parse_local_time};
use super::super::i18n::T;
use super::super::state::State;
use super::super::text::{cut, fit, sanitize, width};
use crate::domain::template;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Widget};

const LABEL_W: usize = 13;

pub fn draw(frame: &mut Frame, area: Rect, s: &State, f: &Form) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let cond = s.conditions();
    let km = s.keymap();
    let keys = |a: Action| km.keys_for(Context::Form, a, &cond).join("/");
    let w = area.width.saturating_sub(2).min(96);
    let focused_choice = f.field().is_some_and(|x| x.is_choice());
    let list_rows: u16 = if focused_choice { 8 } else { 0 };
    let want = f.fields.len() as u16 + list_rows + 4;
    let h = want.min(area.height.saturating_sub(2));
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + 1 + (area.height.saturating_sub(2) - h) / 2,
        w,
        h,
    );
    let bottom = lang.fmt(
        T::FormKeys,
        &[
            ("accept", &keys(Action::Accept)),
            ("next", &keys(Action::NextField)),
            ("up", &km.key_for(Context::Form, Action::Up, &cond)),
            ("down", &km.key_for(Context::Form, Action::Down, &cond)),
            ("cancel", &keys(Action::Cancel)),
        ],
    );
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(th.border)
        .title(Span::styled(
            cut(
                &format!(" {} ", sanitize(&f.title(lang))),
                usize::from(w.saturating_sub(2)),
            ),
            th.title,
        ))
        .title_bottom(Span::raw(cut(
            &format!(" {bottom} "),
            usize::from(w.saturating_sub(2)),
        )));
    let inner = block.inner(r);
    Clear.render(r, frame.buffer_mut());
    block.render(r, frame.buffer_mut());
    if inner.height == 0 || inner.width < 8 {
        return;
    }
    let iw = usize::from(inner.width);
    let lw = LABEL_W.min(iw / 3);
    let buf = frame.buffer_mut();
    let mut y = inner.y;
    let last = inner.y + inner.height;
    let mut cursor: Option<Position> = None;
    for (i, field) in f.fields.iter().enumerate() {
        if y >= last {
            break;
        }
        let focused = i == f.focus;
        let label = fit(lang.t(field.label), lw);
        let text = sanitize(&field.input.text);
        let room = iw.saturating_sub(lw + 3);
        // What the text means: the chosen option, the date, or what an empty field does.
        let meaning = match &field.kind {
            FieldKind::Choice { required, .. } => {
                if field.input.text.trim().is_empty() && !required {
                    Some(
                        lang.t(if field.label == T::FieldTarget {
                            T::FormNone
                        } else {
                            T::FormKeep
                        })
                        .to_string(),
                    )
                } else {
                    field.chosen().map(|o| format!("→ {}", sanitize(&o.label)))
                }
            }
            FieldKind::Complaint { .. } => field
                .value(f.today)
                .ok()
                .flatten()
                .map(|v| format!("→ #{v}")),
            FieldKind::Date => parse_date(&field.input.text, f.today)
                .map(|d| format!("→ {}", template::tanggal(d))),
            FieldKind::Time => match parse_local_time(&field.input.text, f.today) {
                Some(t) => Some(format!(
                    "→ {} {} {}",
                    template::tanggal(t.date()),
                    t.format("%H:%M"),
                    f.zone
                )),
                None if field.input.text.trim().is_empty() => Some(lang.t(T::FormNow).to_string()),
                None => None,
            },
            FieldKind::Text { .. } => None,
        };
        let before: String = text.chars().take(field.input.cursor).collect();
        // Keep the cursor visible: the tail of a long text.
        let skip = width(&before).saturating_sub(room.saturating_sub(1));
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
        let shown = cut(&shown, room);
        let mut spans = vec![
            Span::styled(if focused { "›" } else { " " }.to_string(), th.key),
            Span::styled(label, if focused { th.title } else { th.label }),
            Span::raw(": "),
            Span::raw(shown.clone()),
        ];
        if let Some(m) = meaning {
            let used = width(&shown);
            let rest = room.saturating_sub(used + 2);
            if rest > 3 {
                spans.push(Span::raw("  "));
                spans.push(Span::styled(cut(&m, rest), th.paused));
            }
        }
        buf.set_line(inner.x, y, &Line::from(spans), inner.width);
        if focused {
            let cx = inner.x as usize + 1 + lw + 2 + width(&before) - skip;
            cursor = Some(Position::new((cx.min(inner.x as usize + iw - 1)) as u16, y));
        }
        y += 1;
    }
    // The problem with the focused field, or else the first problem of the form.
    let problem = f
        .field()
        .and_then(|x| x.value(f.today).err().map(|e| (f.focus, e)))
        .or_else(|| f.first_error());
    if y < last {
        let line = match problem {
            Some((i, e)) if !f.loading => Line::from(Span::styled(
                cut(
                    &format!(" {}: {}", lang.t(f.fields[i].label), lang.t(e)),
                    iw,
                ),
                th.error,
            )),
            _ if f.loading => Line::raw(cut(&format!(" {}", lang.t(T::FormLoading)), iw)),
            _ => Line::default(),
        };
        buf.set_line(inner.x, y, &line, inner.width);
        y += 1;
    }
    if let Some(field) = f.field().filter(|x| x.is_choice())
        && y < last
    {
        let matches = field.matches();
        let rows = usize::from(last - y);
        let sel = field.sel().min(matches.len().saturating_sub(1));
        let first = sel.saturating_sub(rows.saturating_sub(1));
        // Both columns whole when they fit; else the label gives way down to two fifths, so
        // that what tells options apart (an officer's unit and load) stays readable.
        let label_need = matches.iter().map(|o| width(&o.label)).max().unwrap_or(0);
        let extra_need = matches.iter().map(|o| width(&o.extra)).max().unwrap_or(0);
        let avail = iw.saturating_sub(4);
        let extra_w = if label_need + extra_need <= avail {
            extra_need
        } else {
            extra_need.min(avail.saturating_sub(label_need.min(avail * 2 / 5)))
        };
        for (i, o) in matches.iter().enumerate().skip(first).take(rows) {
            let label_w = iw.saturating_sub(extra_w + 4);
            let mut line = Line::from(vec![
                Span::raw("  "),
                Span::raw(fit(&sanitize(&o.label), label_w)),
                Span::raw(" "),
                Span::styled(fit(&sanitize(&o.extra), extra_w), th.label),
            ]);
            if i == sel {
                for sp in &mut line.spans {
                    sp.style = sp.style.patch(th.selected);
                }
            }
            buf.set_line(inner.x, y, &line, inner.width);
            y += 1;
        }
    }
    if let Some(p) = cursor {
        frame.set_cursor_position(p);
    }
}
