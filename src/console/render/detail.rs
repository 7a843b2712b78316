//! The detail of one complaint: fields, the reporter (masked when the reader may not see an anonim
//! reporter), the report's text and the timeline of events with their details.

use super::super::action::{Action, Context};
use super::super::at_hand::presence_line;
use super::super::draft::DraftKind;
use super::super::history;
use super::super::i18n::T;
use super::super::labels::{channel_label, draft_kind_label, klas_label, status_label};
use super::super::state::{Focus, State};
use super::super::text::{cut, fit, sanitize, sanitize_lines, wrap};
use crate::domain::stem;
use crate::domain::{ClockKind, ClockState, Complaint, Event, EventKind, Zone};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Widget};

const LABEL_W: usize = 12;

pub fn draw(buf: &mut Buffer, r: Rect, s: &State) {
    let lang = s.lang();
    let th = &s.settings.theme;
    let focused = s.focus == Focus::Detail;
    let title = match s.detail.as_ref().and_then(|d| d.data.as_ref()) {
        Some(c) => format!(" #{} ", c.id),
        None => format!(" {} ", lang.t(T::DetailTitle)),
    };
    // The focused pane shows it with a thick, highlighted border (the queue's is the reverse
    // selection row), so j and k land where the officer expects.
    let block = Block::new()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(if focused { th.focus } else { th.border })
        .title(Span::styled(
            cut(&title, usize::from(r.width.saturating_sub(2))),
            if focused { th.title } else { Style::new() },
        ));
    let inner = block.inner(r);
    block.render(r, buf);
    let w = usize::from(inner.width);
    let lines = match s.detail.as_ref() {
        Some(d) => match &d.data {
            Some(c) => content(c, s, w),
            None => vec![Line::raw(lang.t(T::DetailLoading))],
        },
        None => {
            let key = s
                .keymap()
                .key_for(Context::Queue, Action::Open, &s.conditions());
            vec![Line::raw(lang.fmt(T::DetailNone, &[("key", &key)]))]
        }
    };
    let h = usize::from(inner.height);
    let scroll = s
        .detail
        .as_ref()
        .map(|d| d.scroll.min(lines.len().saturating_sub(h)))
        .unwrap_or(0);
    let shown: Vec<Line> = lines.into_iter().skip(scroll).take(h).collect();
    Paragraph::new(shown).render(inner, buf);
}

fn field(label: &str, value: String, w: usize, th_label: Style) -> Vec<Line<'static>> {
    let vw = w.saturating_sub(LABEL_W + 1).max(1);
    wrap(&value, vw)
        .into_iter()
        .enumerate()
        .map(|(i, part)| {
            let l = if i == 0 {
                fit(label, LABEL_W)
            } else {
                " ".repeat(LABEL_W)
            };
            Line::from(vec![
                Span::styled(l, th_label),
                Span::raw(" "),
                Span::raw(part),
            ])
        })
        .collect()
}

fn clock_text(c: &Complaint, s: &State) -> String {
    let lang = s.lang();
    let Some(clock) = &c.clock else {
        return lang.t(T::EmptyValue).to_string();
    };
    let kind = lang.t(match clock.kind {
        ClockKind::Verifikasi => T::ClockVerifikasi,
        ClockKind::TindakLanjut => T::ClockTindakLanjut,
        ClockKind::Penutupan => T::ClockPenutupan,
    });
    let Some(due) = clock.due_at.filter(|_| clock.state != ClockState::Paused) else {
        return lang.fmt(
            T::ClockDetailPaused,
            &[("kind", kind), ("n", &clock.working_days.to_string())],
        );
    };
    let left = s
        .calendars
        .for_instansi(c.instansi_id)
        .working_days_left(s.now, due, c.zone);
    let left_text = if s.now > due {
        let late = -left;
        if late > 0 {
            lang.fmt(T::ClockLate, &[("n", &lang.number(late))])
        } else {
            lang.t(T::ClockLateToday).to_string()
        }
    } else if left == 0 {
        lang.t(T::ClockLeftToday).to_string()
    } else {
        lang.fmt(T::ClockLeftDays, &[("n", &lang.number(left))])
    };
    let due_text = format!(
        "{} {}",
        lang.date_time(due, c.zone.offset()),
        zone_name(c.zone)
    );
    lang.fmt(
        T::ClockDetail,
        &[("kind", kind), ("left", &left_text), ("due", &due_text)],
    )
}

fn zone_name(z: Zone) -> &'static str {
    z.as_code()
}

fn event_lines(e: &Event, s: &State, zone: Zone, w: usize) -> Vec<Line<'static>> {
    let lang = s.lang();
    let th = &s.settings.theme;
    // Recorded later than it happened (a phone call typed in afterwards): say both. A report's
    // intake is dated when it was received, which is what its reader needs.
    let recorded = e
        .recorded_at
        .filter(|_| e.kind != EventKind::Intake)
        .map(|r| {
            format!(
                " ({})",
                lang.fmt(
                    T::EvRecordedAt,
                    &[("at", &lang.date_time(r, zone.offset()))]
                )
            )
        })
        .unwrap_or_default();
    let head = format!(
        "{}  {} · {}{recorded}",
        lang.date_time(e.at, zone.offset()),
        sanitize(&history::sentence(e, lang)),
        status_label(e.status, lang)
    );
    let mut out: Vec<Line<'static>> = wrap(&head, w)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, th.label)))
        .collect();
    for d in history::details(e, lang, &s.reference) {
        for part in sanitize_lines(&d) {
            for l in wrap(&part, w.saturating_sub(2).max(1)) {
                out.push(Line::raw(format!("  {l}")));
            }
        }
    }
    out
}

/// One wrapped line of the title or body in `base`, the words the filter's words match (by
/// stem: `rusak` marks `Kerusakan`) in the theme's `matched` style over it. A reversed cell reads
/// on a monochrome terminal too.
fn highlighted(line: String, base: Style, s: &State) -> Line<'static> {
    let found = stem::matches(&line, &s.highlight);
    if found.is_empty() {
        return Line::from(Span::styled(line, base));
    }
    let hit = base.patch(s.settings.theme.matched);
    let mut spans = Vec::with_capacity(2 * found.len() + 1);
    let mut at = 0;
    for r in found {
        if r.start > at {
            spans.push(Span::styled(line[at..r.start].to_string(), base));
        }
        spans.push(Span::styled(line[r.clone()].to_string(), hit));
        at = r.end;
    }
    if at < line.len() {
        spans.push(Span::styled(line[at..].to_string(), base));
    }
    Line::from(spans)
}

fn content(c: &Complaint, s: &State, w: usize) -> Vec<Line<'static>> {
    let lang = s.lang();
    let th = &s.settings.theme;
    let lw = th.label;
    let dash = || lang.t(T::EmptyValue).to_string();
    let mut lines: Vec<Line<'static>> = wrap(&sanitize(&c.judul), w)
        .into_iter()
        .map(|l| highlighted(l, th.title, s))
        .collect();
    // Who else is at this complaint right now (live; expires when their console goes away).
    if let Some(here) = presence_line(s, c.id) {
        for l in wrap(&here, w) {
            lines.push(Line::from(Span::styled(l, th.notice)));
        }
    }
    let mut f = |label: T, value: String| lines.extend(field(lang.t(label), value, w, lw));
    f(T::FieldStatus, status_label(c.status, lang).to_string());
    f(T::FieldClock, clock_text(c, s));
    f(
        T::FieldKlas,
        format!(
            "{} · {}",
            klas_label(c.klasifikasi, lang, false),
            channel_label(c.channel, lang)
        ),
    );
    f(T::FieldInstansi, sanitize(&c.instansi));
    f(
        T::FieldAssignee,
        c.assignee
            .as_deref()
            .map(sanitize)
            .unwrap_or_else(|| lang.t(T::Nobody).to_string()),
    );
    f(
        T::FieldReceived,
        format!(
            "{} {}",
            lang.date_time(c.received_at, c.zone.offset()),
            zone_name(c.zone)
        ),
    );
    if let Some(d) = c.tanggal_kejadian {
        f(T::FieldIncident, lang.date(d));
    }
    f(
        T::FieldKategori,
        c.kategori.as_deref().map(sanitize).unwrap_or_else(dash),
    );
    if let Some(l) = &c.lokasi {
        f(T::FieldLokasi, sanitize(l));
    }
    if !c.tags.is_empty() {
        f(
            T::FieldTags,
            c.tags
                .iter()
                .map(|t| sanitize(t))
                .collect::<Vec<_>>()
                .join(", "),
        );
    }
    let reporter = if c.reporter_masked {
        lang.t(T::ReporterMasked).to_string()
    } else {
        let r = &c.reporter;
        let parts: Vec<String> = [&r.name, &r.phone, &r.email, &r.nik]
            .into_iter()
            .flatten()
            .map(|p| sanitize(p))
            .collect();
        if parts.is_empty() {
            dash()
        } else {
            parts.join(" · ")
        }
    };
    f(T::FieldReporter, reporter);
    let mut flags = Vec::new();
    if c.anonim {
        flags.push(lang.t(T::FlagAnonim));
    }
    if c.rahasia {
        flags.push(lang.t(T::FlagRahasia));
    }
    if flags.is_empty() {
        flags.push(lang.t(T::FlagBiasa));
    }
    f(T::FieldFlags, flags.join(", "));
    if !c.attachments.is_empty() {
        let list: Vec<String> = c
            .attachments
            .iter()
            .map(|a| {
                format!(
                    "{} ({} KB)",
                    sanitize(&a.name),
                    lang.number(a.size_bytes / 1024)
                )
            })
            .collect();
        f(T::FieldAttachments, list.join(", "));
    }
    if let Some(to) = &c.escalated_to {
        let mut text = lang.fmt(T::EscalatedTo, &[("to", &sanitize(to))]);
        // Who escalated, when and why: the newest escalation event.
        if let Some(e) = c
            .events
            .iter()
            .rev()
            .find(|e| e.kind == EventKind::Escalate)
        {
            let why = e
                .details
                .get("reason")
                .and_then(|v| v.as_str())
                .unwrap_or("");
            text.push(' ');
            text.push_str(&lang.fmt(
                T::EscalatedBy,
                &[
                    ("who", &sanitize(&e.actor)),
                    ("when", &lang.date_time(e.at, c.zone.offset())),
                    ("why", &sanitize(why)),
                ],
            ));
        }
        f(T::FieldEscalated, text);
    }
    if let Some(who) = &c.pending_reply_by {
        f(
            T::FieldPending,
            lang.fmt(T::PendingReply, &[("who", &sanitize(who))]),
        );
    }
    if let Some(id) = c.merged_into {
        f(
            T::FieldMerged,
            lang.fmt(T::MergedInto, &[("id", &id.to_string())]),
        );
    }
    if let Some(d) = s.detail.as_ref().and_then(|d| d.draft.as_ref())
        && d.complaint_id == c.id
        && s.editor.as_ref().is_none_or(|e| e.id != c.id)
    {
        let kind = draft_kind_label(DraftKind::from_code(&d.kind), lang);
        let action = if d.kind == "note" {
            Action::Note
        } else {
            Action::Reply
        };
        let key = s.keymap().key_for(Context::Detail, action, &s.conditions());
        let key = if key.is_empty() {
            s.keymap().key_for(Context::Queue, action, &s.conditions())
        } else {
            key
        };
        let text = lang.fmt(
            T::DraftInDetail,
            &[
                ("kind", kind),
                ("n", &lang.number(d.body.chars().count() as i64)),
                ("key", &key),
            ],
        );
        lines.extend(
            wrap(&text, w)
                .into_iter()
                .map(|l| Line::from(Span::styled(l, th.notice))),
        );
    }
    if c.status == crate::domain::Status::MenungguPersetujuan
        && let Some(e) = c.events.iter().rev().find(|e| e.kind == EventKind::Submit)
    {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            lang.t(T::DraftPending).to_string(),
            th.title,
        )));
        let body = e.details.get("body").and_then(|v| v.as_str()).unwrap_or("");
        for para in sanitize_lines(body) {
            lines.extend(wrap(&para, w).into_iter().map(Line::raw));
        }
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        lang.t(T::SectionBody).to_string(),
        th.title,
    )));
    for para in sanitize_lines(&c.isi) {
        lines.extend(
            wrap(&para, w)
                .into_iter()
                .map(|l| highlighted(l, Style::new(), s)),
        );
    }
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(
        lang.t(T::SectionTimeline).to_string(),
        th.title,
    )));
    if c.events.is_empty() {
        lines.push(Line::raw(lang.t(T::TimelineEmpty)));
    }
    for e in &c.events {
        lines.extend(event_lines(e, s, c.zone, w));
    }
    lines
}
