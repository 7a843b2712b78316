//! The queue table: tracking id, clock, status, classification, channel, title, assignee, marks.
//! Columns keep fixed widths so that a changed row rewrites only that row; the selection is reverse
//! video; narrower terminals fold the channel and classification columns.

use super::super::at_hand::row_mark;
use super::super::i18n::{Lang, T};
use super::super::labels::{channel_label, klas_label, status_code};
use super::super::state::State;
use super::super::text::{fit, fit_right, sanitize};
use super::super::theme::Theme;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::{Clock, ClockState, ComplaintRow, Status, Zone};
use chrono::{DateTime, Utc};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How a clock reads at `now`: working days left, hours on the last day, or how late it is (the
/// symbol '!' marks an overdue clock, so it is visible without colour), with its style.
pub fn clock_cell(
    clock: Option<&Clock>,
    now: DateTime<Utc>,
    cal: &WorkingCalendar,
    zone: Zone,
    lang: Lang,
    th: &Theme,
) -> (String, Style) {
    let Some(c) = clock else {
        return (lang.t(T::ClockNone).to_string(), Style::new());
    };
    let Some(due) = c.due_at else {
        return (lang.t(T::ClockPaused).to_string(), th.paused);
    };
    if c.state == ClockState::Paused {
        return (lang.t(T::ClockPaused).to_string(), th.paused);
    }
    if now > due {
        let late = (-cal.working_days_left(now, due, zone)).max(1);
        return (
            lang.fmt(T::ClockOverdue, &[("n", &lang.number(late))]),
            th.overdue,
        );
    }
    let left = cal.working_days_left(now, due, zone);
    if left == 0 {
        let hours = (due - now).num_hours().max(0);
        return (
            lang.fmt(T::ClockHours, &[("n", &hours.to_string())]),
            th.due_soon,
        );
    }
    let style = if left <= 1 { th.due_soon } else { Style::new() };
    (lang.fmt(T::ClockDays, &[("n", &lang.number(left))]), style)
}

/// Column widths for a queue `w` columns wide: (id, clock, status, klas, channel, assignee, title).
/// The title gets what the fixed columns leave: statuses are short codes (legend in `?`).
fn columns(w: usize) -> [usize; 7] {
    let id = 8;
    let clock = 7;
    let status = 4;
    let klas = if w >= 70 { 3 } else { 0 };
    let channel = if w >= 100 { 8 } else { 0 };
    let assignee = if w >= 100 { 14 } else { 10 };
    let fixed = 1 + id + clock + status + klas + channel + assignee;
    let gaps = 5 + usize::from(klas > 0) + usize::from(channel > 0);
    let title = w.saturating_sub(fixed + gaps).max(1);
    [id, clock, status, klas, channel, assignee, title]
}

pub fn draw(buf: &mut Buffer, r: Rect, s: &State) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let w = usize::from(r.width);
    let [id_w, clock_w, status_w, klas_w, ch_w, who_w, title_w] = columns(w);
    let mut head = vec![
        Span::raw(" "),
        Span::raw(fit(lang.t(T::ColId), id_w)),
        Span::raw(" "),
        Span::raw(fit_right(lang.t(T::ColClock), clock_w)),
        Span::raw(" "),
        Span::raw(fit(lang.t(T::ColStatusCode), status_w)),
        Span::raw(" "),
    ];
    if klas_w > 0 {
        head.push(Span::raw(fit(lang.t(T::ColKlas), klas_w)));
        head.push(Span::raw(" "));
    }
    if ch_w > 0 {
        head.push(Span::raw(fit(lang.t(T::ColChannel), ch_w)));
        head.push(Span::raw(" "));
    }
    head.push(Span::raw(fit(lang.t(T::ColTitle), title_w)));
    head.push(Span::raw(" "));
    head.push(Span::raw(fit(lang.t(T::ColAssignee), who_w)));
    let head_style = th.column_head;
    buf.set_line(r.x, r.y, &Line::from(head).style(head_style), r.width);

    let body_h = usize::from(r.height.saturating_sub(1));
    let q = &s.queue;
    if q.rows.is_empty() {
        let msg = if q.loading || !q.loaded {
            lang.t(T::QueueLoading)
        } else {
            lang.t(T::QueueEmpty)
        };
        if body_h > 0 {
            buf.set_line(
                r.x + 1,
                r.y + 1,
                &Line::raw(fit(msg, w.saturating_sub(1))),
                r.width.saturating_sub(1),
            );
        }
        return;
    }
    for (i, row) in q.rows.iter().enumerate().skip(q.offset).take(body_h) {
        let y = r.y + 1 + (i - q.offset) as u16;
        let mut spans = row_spans(
            s,
            row,
            [id_w, clock_w, status_w, klas_w, ch_w, who_w, title_w],
        );
        let mut line = Line::default();
        if i == q.selected {
            for sp in &mut spans {
                sp.style = sp.style.patch(th.selected);
            }
            line = line.style(th.selected);
        }
        line.spans = spans;
        buf.set_line(r.x, y, &line, r.width);
    }
    let shown = q.rows.len().saturating_sub(q.offset);
    if q.loading && q.next.is_some() && shown < body_h {
        let y = r.y + 1 + shown as u16;
        buf.set_line(
            r.x + 1,
            y,
            &Line::raw(fit(lang.t(T::QueueMore), w.saturating_sub(1))),
            r.width.saturating_sub(1),
        );
    }
}

fn row_spans(s: &State, row: &ComplaintRow, cols: [usize; 7]) -> Vec<Span<'static>> {
    let [id_w, clock_w, status_w, klas_w, ch_w, who_w, title_w] = cols;
    let lang = s.lang();
    let th = &s.settings.theme;
    let calendar = s.calendars.for_instansi(row.instansi_id);
    let (clock, clock_style) = clock_cell(row.clock.as_ref(), s.now, &calendar, row.zone, lang, th);
    let marked = s.queue.marks.contains(&row.id);
    let plain = if row.status.is_closed() {
        th.closed
    } else {
        Style::new()
    };
    let mut spans = vec![
        match (marked, row_mark(s, row.id)) {
            (true, _) => Span::styled("*", th.mark),
            (false, Some(m)) => Span::styled(m.to_string(), th.mark),
            (false, None) => Span::raw(" "),
        },
        Span::styled(fit(&format!("#{}", row.id), id_w), plain),
        Span::raw(" "),
        Span::styled(fit_right(&clock, clock_w), clock_style),
        Span::raw(" "),
        Span::styled(
            fit(status_code(row.status, lang), status_w),
            match row.status {
                Status::Baru => th.status_new,
                Status::MenungguPersetujuan => th.status_wait,
                _ => plain,
            },
        ),
        Span::raw(" "),
    ];
    if klas_w > 0 {
        spans.push(Span::styled(
            fit(klas_label(row.klasifikasi, lang, true), klas_w),
            plain,
        ));
        spans.push(Span::raw(" "));
    }
    if ch_w > 0 {
        spans.push(Span::styled(
            fit(channel_label(row.channel, lang), ch_w),
            plain,
        ));
        spans.push(Span::raw(" "));
    }
    if row.escalated && title_w > 2 {
        spans.push(Span::styled("↑ ", th.escalated));
        spans.push(Span::styled(fit(&sanitize(&row.judul), title_w - 2), plain));
    } else {
        spans.push(Span::styled(fit(&sanitize(&row.judul), title_w), plain));
    }
    spans.push(Span::raw(" "));
    let who = row
        .assignee
        .as_deref()
        .map(sanitize)
        .unwrap_or_else(|| "-".into());
    spans.push(Span::styled(fit(&who, who_w), plain));
    spans
}
