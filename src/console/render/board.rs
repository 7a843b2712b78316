//! Drawing the supervisor's board: the period's figures with compliance bars, the backlog, the
//! clocks, the children ranked, each officer's load and the inflow per working day as sparklines.
//! One column that scrolls to keep the selected figure in sight at 80 columns; two columns side by
//! side from 150. Every name from the database passes `sanitize`.

use super::super::board_items::{Item, Section, items, percent};
use super::super::i18n::{Lang, T};
use super::super::labels::{channel_label, status_code, status_label};
use super::super::state::State;
use super::super::text::{fit, fit_right, sanitize, width};
use super::super::theme::Theme;
use crate::domain::monev::board::Board;
use crate::domain::monev::{AGE_BRACKETS, Compliance};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::symbols::bar;
use ratatui::text::{Line, Span};

/// From this width the board shows two columns.
const TWO_COLUMNS: u16 = 150;
/// The left column's width when there are two.
const LEFT_W: u16 = 72;

/// One line of a column: the item it shows (if the cursor can stop on it) and its spans.
struct Row {
    item: Option<Item>,
    spans: Vec<Span<'static>>,
}

fn plain(item: Option<Item>, text: String, style: Style) -> Row {
    Row {
        item,
        spans: vec![Span::styled(text, style)],
    }
}

pub fn draw(buf: &mut Buffer, area: Rect, s: &State) {
    let Some(b) = s.board.as_ref() else {
        return;
    };
    let lang = s.lang();
    let th = &s.settings.theme;
    if area.height == 0 {
        return;
    }
    let Some(data) = b.data.as_deref() else {
        let text = match &b.error {
            Some(e) => lang.fmt(T::BoardFailed, &[("msg", &sanitize(e))]),
            None => lang.t(T::BoardLoading).to_string(),
        };
        let style = if b.error.is_some() {
            th.error
        } else {
            Style::new()
        };
        let line = Line::from(Span::styled(fit(&text, usize::from(area.width)), style));
        buf.set_line(area.x, area.y, &line, area.width);
        return;
    };
    let title = lang.fmt(
        T::BoardTitle,
        &[
            ("instansi", &sanitize(&data.instansi)),
            ("from", &lang.short_date(data.period.from)),
            ("to", &lang.short_date(data.period.to)),
        ],
    );
    let title = format!(" {title}");
    let mut spans = vec![Span::styled(fit(&title, usize::from(area.width)), th.title)];
    if let Some(e) = &b.error {
        // The last figures stay on screen, with why they could not be refreshed.
        let msg = lang.fmt(T::BoardFailed, &[("msg", &sanitize(e))]);
        spans = vec![Span::styled(fit(&msg, usize::from(area.width)), th.error)];
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 1);
    let selected = items(data).get(b.selected).copied();
    if area.width >= TWO_COLUMNS {
        let left = Rect::new(body.x, body.y, LEFT_W, body.height);
        let right = Rect::new(
            body.x + LEFT_W + 1,
            body.y,
            body.width - LEFT_W - 1,
            body.height,
        );
        let l = column(
            data,
            lang,
            th,
            &[
                Section::Figures,
                Section::Backlog,
                Section::Clocks,
                Section::Inflow,
            ],
            left.width,
        );
        let r = column(
            data,
            lang,
            th,
            &[Section::Children, Section::Officers],
            right.width,
        );
        put_column(buf, left, l, selected, th);
        put_column(buf, right, r, selected, th);
    } else {
        let all = column(
            data,
            lang,
            th,
            &[
                Section::Figures,
                Section::Backlog,
                Section::Clocks,
                Section::Children,
                Section::Officers,
                Section::Inflow,
            ],
            body.width,
        );
        put_column(buf, body, all, selected, th);
    }
}

/// Draws the rows, scrolled just enough that the selected one is in sight, and marks it.
fn put_column(buf: &mut Buffer, r: Rect, rows: Vec<Row>, selected: Option<Item>, th: &Theme) {
    let h = usize::from(r.height);
    let at = rows
        .iter()
        .position(|row| row.item.is_some() && row.item == selected);
    let offset = match at {
        Some(i) if i + 1 > h => i + 1 - h,
        _ => 0,
    };
    for (y, row) in rows.into_iter().skip(offset).take(h).enumerate() {
        let line_y = r.y + y as u16;
        let chosen = row.item.is_some() && row.item == selected;
        buf.set_line(r.x, line_y, &Line::from(row.spans), r.width);
        if chosen {
            buf.set_style(Rect::new(r.x, line_y, r.width, 1), th.selected);
        }
    }
}

fn column(b: &Board, lang: Lang, th: &Theme, sections: &[Section], w: u16) -> Vec<Row> {
    let w = usize::from(w);
    let mut rows = Vec::new();
    for (i, section) in sections.iter().enumerate() {
        if i > 0 {
            rows.push(plain(None, String::new(), Style::new()));
        }
        match section {
            Section::Figures => figures(&mut rows, b, lang, th, w),
            Section::Backlog => backlog(&mut rows, b, lang, th, w),
            Section::Clocks => clocks(&mut rows, b, lang, th, w),
            Section::Children => children(&mut rows, b, lang, th, w),
            Section::Officers => officers(&mut rows, b, lang, th, w),
            Section::Inflow => inflow(&mut rows, b, lang, th, w),
        }
    }
    rows
}

fn heading(rows: &mut Vec<Row>, text: &str, th: &Theme, w: usize) {
    rows.push(plain(None, fit(&format!(" {text}"), w), th.column_head));
}

/// The width of the figures' labels.
const LABEL_W: usize = 30;

/// "  label ........ value" with the value right-aligned after the label.
fn figure(item: Item, label: &str, value: Vec<Span<'static>>, w: usize) -> Row {
    let mut spans = vec![Span::raw(fit(&format!("  {label}"), LABEL_W.min(w)))];
    spans.extend(value);
    Row {
        item: Some(item),
        spans,
    }
}

/// A compliance bar: filled cells for the rate, the rest shaded; coloured by how close to the
/// mark it is (in colour; monochrome keeps the shapes only).
fn bar_spans(rate: Option<f64>, cells: usize, th: &Theme) -> Vec<Span<'static>> {
    if cells == 0 {
        return Vec::new();
    }
    let Some(r) = rate else {
        return vec![Span::raw(" ".repeat(cells + 1))];
    };
    let filled = ((r * cells as f64).round() as usize).min(cells);
    let style = if r >= 0.9 {
        th.notice
    } else if r >= 0.7 {
        th.due_soon
    } else {
        th.overdue
    };
    vec![
        Span::styled("█".repeat(filled), style),
        Span::raw(format!("{} ", "░".repeat(cells - filled))),
    ]
}

fn rate_with_parts(c: &Compliance, lang: Lang, th: &Theme, cells: usize) -> Vec<Span<'static>> {
    let whole = c.met + c.missed + c.open_overdue;
    let mut v = bar_spans(c.rate(), cells, th);
    v.push(Span::raw(fit_right(&percent(c.rate(), lang), 7)));
    v.push(Span::raw(format!(
        "  {}/{}",
        lang.count(c.met),
        lang.count(whole)
    )));
    v
}

fn figures(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    let f = &b.figures;
    let cells = if w >= 60 { 10 } else { 0 };
    heading(rows, lang.t(T::BoardFigures), th, w);
    let n = |v: u64| vec![Span::raw(fit_right(&lang.count(v), 7))];
    rows.push(figure(
        Item::Received,
        lang.t(T::BoardReceived),
        n(f.received),
        w,
    ));
    rows.push(figure(
        Item::Excluded,
        lang.t(T::BoardExcluded),
        n(f.excluded),
        w,
    ));
    let mut completion = bar_spans(f.completion_rate, cells, th);
    completion.push(Span::raw(fit_right(&percent(f.completion_rate, lang), 7)));
    completion.push(Span::raw(format!(
        "  {}/{}",
        lang.count(f.selesai),
        lang.count(f.received - f.excluded)
    )));
    rows.push(figure(
        Item::Completion,
        lang.t(T::BoardCompletion),
        completion,
        w,
    ));
    rows.push(figure(
        Item::Verified,
        lang.t(T::BoardVerified),
        rate_with_parts(&f.verified_in_time, lang, th, cells),
        w,
    ));
    rows.push(figure(
        Item::FollowedUp,
        lang.t(T::BoardFollowedUp),
        rate_with_parts(&f.followed_up_in_time, lang, th, cells),
        w,
    ));
    let days = |d: Option<u32>| d.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
    let mp = lang.fmt(
        T::BoardMedianP90,
        &[
            ("m", &days(f.first_follow_up_median)),
            ("p", &days(f.first_follow_up_p90)),
        ],
    );
    rows.push(figure(
        Item::FirstFollowUp,
        lang.t(T::BoardFirstFollowUp),
        vec![Span::raw(mp)],
        w,
    ));
    rows.push(figure(
        Item::Escalations,
        lang.t(T::BoardEscalations),
        vec![Span::raw(format!(
            "{} / {}",
            fit_right(&lang.count(f.escalations), 5),
            lang.count(f.escalations_resolved)
        ))],
        w,
    ));
}

fn backlog(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    let n = |v: u64| vec![Span::raw(fit_right(&lang.count(v), 7))];
    heading(rows, lang.t(T::BoardBacklog), th, w);
    rows.push(figure(
        Item::Open,
        lang.t(T::BoardOpen),
        n(b.backlog.open),
        w,
    ));
    for (status, count) in &b.backlog.by_status {
        let label = format!(
            "  {} {}",
            fit(status_code(*status, lang), 4),
            status_label(*status, lang)
        );
        rows.push(figure(Item::Status(*status), &label, n(*count), w));
    }
    for (i, bracket) in AGE_BRACKETS.iter().enumerate() {
        let label = lang.fmt(T::BoardAge, &[("b", bracket)]);
        rows.push(figure(Item::Age(i), &label, n(b.backlog.by_age[i]), w));
    }
}

fn clocks(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    let c = &b.clocks;
    heading(rows, lang.t(T::BoardClocks), th, w);
    let n = |v: u64, style: Style| vec![Span::styled(fit_right(&lang.count(v), 7), style)];
    // A count that calls for attention is coloured only when it is not zero.
    let alarm = |v: u64, style: Style| n(v, if v > 0 { style } else { Style::new() });
    rows.push(figure(
        Item::DueToday,
        lang.t(T::BoardDueToday),
        alarm(c.due_today, th.due_soon),
        w,
    ));
    let next = lang.fmt(
        T::BoardDueNext,
        &[("day", &lang.short_date(b.next_working_day))],
    );
    rows.push(figure(Item::DueNext, &next, n(c.due_next, Style::new()), w));
    rows.push(figure(
        Item::Breached,
        lang.t(T::BoardBreached),
        alarm(c.breached, th.overdue),
        w,
    ));
}

/// The children's table: the widths of its figures' columns, and the name takes the rest.
fn children(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    heading(rows, lang.t(T::BoardChildren), th, w);
    if b.children.is_empty() {
        rows.push(plain(
            None,
            fit(&format!("  {}", lang.t(T::BoardNone)), w),
            Style::new(),
        ));
        return;
    }
    // Bars where there is room: a wide terminal shows every rate as a bar.
    let cells = match w {
        0..=75 => 0,
        76..=109 => 8,
        _ => 14,
    };
    let rate_w = 7;
    let fixed = 4
        + 6
        + (cells + 1 + rate_w)
        + 2 * (if w >= 110 { cells + 1 } else { 0 } + rate_w)
        + 5
        + 6
        + 8;
    let name_w = w.saturating_sub(fixed).max(8);
    let mut head = format!(
        " {:>3} {}{}",
        "#",
        fit(lang.t(T::BoardColName), name_w),
        fit_right(lang.t(T::BoardColReceived), 6)
    );
    let side = if w >= 110 { cells + 1 } else { 0 };
    // Each rate's head ends over its percentage, a space before it.
    for (label, w) in [
        (T::BoardColCompletion, cells + 1 + rate_w),
        (T::BoardColVerified, side + rate_w),
        (T::BoardColFollowedUp, side + rate_w),
    ] {
        head.push(' ');
        head.push_str(&fit_right(lang.t(label), w));
    }
    head.push_str(&fit_right(lang.t(T::BoardColBreached), 5));
    head.push_str(&fit_right(lang.t(T::BoardColOpen), 6));
    rows.push(plain(None, fit(&head, w), th.label));
    for (i, line) in b.children.iter().enumerate() {
        let name = match &line.code {
            Some(_) => sanitize(&line.name),
            None => lang.fmt(T::BoardOwnDesk, &[("name", &sanitize(&line.name))]),
        };
        let f = &line.figures;
        let mut spans = vec![Span::raw(format!(
            " {:>3} {}{}",
            i + 1,
            fit(&name, name_w),
            fit_right(&lang.count(f.received), 6)
        ))];
        spans.push(Span::raw(" "));
        spans.extend(bar_spans(f.completion_rate, cells, th));
        spans.push(Span::raw(fit_right(
            &percent(f.completion_rate, lang),
            rate_w,
        )));
        for c in [&f.verified_in_time, &f.followed_up_in_time] {
            spans.push(Span::raw(" "));
            spans.extend(bar_spans(c.rate(), if w >= 110 { cells } else { 0 }, th));
            spans.push(Span::raw(fit_right(&percent(c.rate(), lang), rate_w)));
        }
        let late_style = if line.breached > 0 {
            th.overdue
        } else {
            Style::new()
        };
        spans.push(Span::styled(
            fit_right(&lang.count(line.breached), 5),
            late_style,
        ));
        spans.push(Span::raw(fit_right(&lang.count(line.backlog.open), 6)));
        rows.push(Row {
            item: Some(Item::Child(i)),
            spans,
        });
    }
}

fn officers(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    heading(rows, lang.t(T::BoardOfficers), th, w);
    if b.officers.is_empty() {
        rows.push(plain(
            None,
            fit(&format!("  {}", lang.t(T::BoardNone)), w),
            Style::new(),
        ));
        return;
    }
    let name_w = w.saturating_sub(4 * 7 + 3).clamp(8, 32);
    let head = format!(
        "   {}{}{}{}{}",
        fit(lang.t(T::BoardColOfficer), name_w),
        fit_right(lang.t(T::BoardColOpen), 7),
        fit_right(lang.t(T::BoardColOverdue), 7),
        fit_right(lang.t(T::BoardColAwaiting), 7),
        fit_right(lang.t(T::BoardColHandled), 7),
    );
    rows.push(plain(None, fit(&head, w), th.label));
    for (i, o) in b.officers.iter().enumerate() {
        let l = &o.load;
        let overdue_style = if l.overdue > 0 {
            th.overdue
        } else {
            Style::new()
        };
        rows.push(Row {
            item: Some(Item::Officer(i)),
            spans: vec![
                Span::raw(format!(
                    "   {}{}",
                    fit(&sanitize(&o.username), name_w),
                    fit_right(&lang.count(l.open), 7)
                )),
                Span::styled(fit_right(&lang.count(l.overdue), 7), overdue_style),
                Span::raw(format!(
                    "{}{}",
                    fit_right(&lang.count(l.awaiting_approval), 7),
                    fit_right(&lang.count(l.handled), 7)
                )),
            ],
        });
    }
}

/// A count as one of the nine bar levels, against the largest count shown.
fn level(n: u64, max: u64) -> &'static str {
    const LEVELS: [&str; 9] = [
        bar::NINE_LEVELS.empty,
        bar::NINE_LEVELS.one_eighth,
        bar::NINE_LEVELS.one_quarter,
        bar::NINE_LEVELS.three_eighths,
        bar::NINE_LEVELS.half,
        bar::NINE_LEVELS.five_eighths,
        bar::NINE_LEVELS.three_quarters,
        bar::NINE_LEVELS.seven_eighths,
        bar::NINE_LEVELS.full,
    ];
    if n == 0 || max == 0 {
        return LEVELS[0];
    }
    // Any inflow shows: the smallest non-zero count is at least an eighth.
    let l = ((n * 8).div_ceil(max)).clamp(1, 8);
    LEVELS[l as usize]
}

fn sparkline(counts: &[u64], max: u64, per_day: usize) -> String {
    counts
        .iter()
        .map(|n| level(*n, max).repeat(per_day))
        .collect()
}

fn inflow(rows: &mut Vec<Row>, b: &Board, lang: Lang, th: &Theme, w: usize) {
    let days = b.inflow.days.len();
    heading(
        rows,
        &lang.fmt(
            T::BoardInflow,
            &[("n", &crate::domain::monev::board::INFLOW_DAYS.to_string())],
        ),
        th,
        w,
    );
    if days == 0 || b.inflow.by_channel.is_empty() {
        rows.push(plain(
            None,
            fit(&format!("  {}", lang.t(T::BoardNone)), w),
            Style::new(),
        ));
        return;
    }
    let label_w = 10;
    let total_w = 8;
    let per_day = (w.saturating_sub(label_w + total_w + 2) / days).clamp(1, 3);
    let total = b.inflow.total();
    let max = b
        .inflow
        .by_channel
        .iter()
        .flat_map(|(_, c)| c.iter().copied())
        .max()
        .unwrap_or(0);
    for (channel, counts) in &b.inflow.by_channel {
        rows.push(Row {
            item: Some(Item::Channel(*channel)),
            spans: vec![
                Span::raw(format!(
                    "  {}",
                    fit(channel_label(*channel, lang), label_w - 2)
                )),
                Span::styled(sparkline(counts, max, per_day), th.notice),
                Span::raw(fit_right(&lang.count(counts.iter().sum()), total_w)),
            ],
        });
    }
    // Every channel together, on its own scale.
    let all_max = total.iter().copied().max().unwrap_or(0);
    rows.push(Row {
        item: None,
        spans: vec![
            Span::raw(format!("  {}", fit(lang.t(T::BoardInflowAll), label_w - 2))),
            Span::styled(sparkline(&total, all_max, per_day), th.title),
            Span::raw(fit_right(&lang.count(total.iter().sum()), total_w)),
        ],
    });
    let first = b
        .inflow
        .days
        .first()
        .map(|d| lang.short_date(*d))
        .unwrap_or_default();
    let last = b
        .inflow
        .days
        .last()
        .map(|d| lang.short_date(*d))
        .unwrap_or_default();
    let span = days * per_day;
    let axis = format!(
        "{}{}{}",
        " ".repeat(label_w),
        first,
        fit_right(&last, span.saturating_sub(width(&first)))
    );
    rows.push(plain(None, fit(&axis, w), th.label));
}
