//! Text and JSON output of the CLI. Text from the database passes through `text::visible` (the
//! sanitiser every terminal write goes through) and table columns are fitted by display width, so
//! a wide (CJK, emoji) name keeps the columns after it in line; JSON is the stable format
//! documented in the README.

use crate::domain::calendar::WorkingCalendar;
use crate::domain::clock::{Clock, ClockEvent, Deadlines, history, with_running_due};
use crate::domain::text::{self, visible};
use crate::domain::*;
use crate::store::{OfficerLoad, Page, Template, ViewCounts};
use anyhow::Result;
use serde::Serialize;
use serde_json::json;
use std::io::Write;

pub fn json(value: &impl Serialize) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        TerminalSafe(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)?;
    writeln!(out)?;
    Ok(())
}

/// One line of JSON (an error object), escaped as `json` escapes.
pub fn json_line(value: &impl Serialize) -> Result<String> {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        TerminalSafe(serde_json::ser::CompactFormatter),
    );
    value.serialize(&mut ser)?;
    Ok(String::from_utf8(out)?)
}

/// Characters JSON may carry raw but a terminal must not receive: C1 controls (CSI and OSC among
/// them), the bidirectional controls that reorder what is shown, and the rest of what the one
/// sanitiser replaces. serde_json escapes C0 itself.
fn needs_escape(c: char) -> bool {
    text::needs_stand_in(c)
}

/// A JSON formatter that writes those characters as `\uXXXX` escapes: the same JSON to a
/// parser, nothing a terminal acts on when the output is read by a person.
struct TerminalSafe<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for TerminalSafe<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A count with thousands separated the Indonesian way (1.234.567), as the CLI's text writes it.
pub fn thousands(n: u64) -> String {
    Lang::Id.count(n)
}

/// Text from the database made safe and fitted into exactly `width` columns of the terminal:
/// cut with '…' or padded with spaces, counting a wide character as the two columns it takes.
/// Print the result with a plain `{}`: a `{:<N}` would pad again by characters.
fn fit(s: &str, width: usize) -> String {
    text::fit(&visible(s), width)
}

/// A clock in RFC 3339 with the instansi's offset, as `show --json` and `list --json` print it.
pub fn clock_json(clock: Option<&Clock>, zone: Zone) -> serde_json::Value {
    match clock {
        None => serde_json::Value::Null,
        Some(c) => json!({
            "kind": c.kind,
            "state": c.state,
            "working_days": c.working_days,
            "started_at": c.started_at.with_timezone(&zone.offset()).to_rfc3339(),
            "due_at": c.due_at.map(|d| d.with_timezone(&zone.offset()).to_rfc3339()),
        }),
    }
}

fn clock_text(c: Option<&Clock>) -> String {
    match c {
        None => "-".into(),
        Some(c) => match (c.state, c.due_at) {
            (ClockState::Paused, _) => "jeda".into(),
            (ClockState::Breached, Some(due)) => format!("!{}", due.format("%d/%m")),
            (_, Some(due)) => due.format("%d/%m").to_string(),
            _ => "-".into(),
        },
    }
}

pub fn page(page: &Page, as_json: bool) -> Result<()> {
    if as_json {
        let rows: Vec<serde_json::Value> = page
            .rows
            .iter()
            .map(|r| {
                json!({
                    "id": r.id, "status": r.status, "klasifikasi": r.klasifikasi, "channel": r.channel,
                    "judul": r.judul, "instansi": r.instansi, "assignee": r.assignee,
                    "received_at": r.received_at.to_rfc3339(), "escalated": r.escalated, "version": r.version,
                    "clock": clock_json(r.clock.as_ref(), r.zone),
                })
            })
            .collect();
        let next = page.next.map(|c| format!("{}:{}", c.key, c.id));
        return json(&json!({ "rows": rows, "next": next }));
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{:<9} {:<7} {:<20} {:<9} {:<8} {:<14} JUDUL",
        "ID", "TENGGAT", "STATUS", "KLAS", "KANAL", "PETUGAS"
    )?;
    for r in &page.rows {
        writeln!(
            out,
            "#{:<8} {:<7} {:<20} {} {:<8} {} {}",
            r.id,
            clock_text(r.clock.as_ref()),
            r.status.as_code(),
            fit(r.klasifikasi.as_code(), 9),
            r.channel.as_code(),
            fit(r.assignee.as_deref().unwrap_or("-"), 14),
            visible(&r.judul)
        )?;
    }
    if let Some(c) = page.next {
        writeln!(out, "-- more: --after {}:{}", c.key, c.id)?;
    }
    Ok(())
}

pub fn counts(counts: &ViewCounts, as_json: bool) -> Result<()> {
    if as_json {
        let map: serde_json::Map<String, serde_json::Value> = counts
            .counts
            .iter()
            .map(|(v, n)| (v.as_code().to_string(), (*n).into()))
            .collect();
        return json(&map);
    }
    for (v, n) in &counts.counts {
        println!("{:<10} {}", v.as_code(), thousands(*n as u64));
    }
    Ok(())
}

pub fn complaint(
    c: &Complaint,
    calendar: &WorkingCalendar,
    deadlines: &Deadlines,
    as_json: bool,
) -> Result<()> {
    let events: Vec<ClockEvent> = c.events.iter().map(ClockEvent::of).collect();
    let clocks = with_running_due(
        history(&events, deadlines, calendar, c.zone),
        c.clock.and_then(|k| k.due_at),
    );
    let off = c.zone.offset();
    if as_json {
        let mut value = serde_json::to_value(c)?;
        if let Some(obj) = value.as_object_mut() {
            obj.insert("clock".into(), clock_json(c.clock.as_ref(), c.zone));
            obj.insert(
                "clocks".into(),
                clocks
                    .iter()
                    .map(|s| {
                        json!({
                            "kind": s.kind,
                            "started_at": s.started_at.with_timezone(&off).to_rfc3339(),
                            "due_at": s.due_at.map(|d| d.with_timezone(&off).to_rfc3339()),
                            "ended_at": s.ended_at.map(|d| d.with_timezone(&off).to_rfc3339()),
                            "outcome": s.outcome,
                        })
                    })
                    .collect(),
            );
            obj.insert(
                "received_at".into(),
                c.received_at.with_timezone(&off).to_rfc3339().into(),
            );
            obj.insert(
                "updated_at".into(),
                c.updated_at.with_timezone(&off).to_rfc3339().into(),
            );
        }
        return json(&value);
    }
    let mut out = std::io::stdout().lock();
    writeln!(out, "#{}  {}", c.id, visible(&c.judul))?;
    writeln!(out, "status      {} (version {})", c.status, c.version)?;
    writeln!(out, "klasifikasi {}   kanal {}", c.klasifikasi, c.channel)?;
    writeln!(out, "instansi    {} ({})", visible(&c.instansi), c.zone)?;
    if let Some(k) = &c.kategori {
        writeln!(out, "kategori    {}", visible(k))?;
    }
    if !c.tags.is_empty() {
        writeln!(out, "tags        {}", visible(&c.tags.join(", ")))?;
    }
    writeln!(
        out,
        "diterima    {}",
        c.received_at
            .with_timezone(&off)
            .format("%Y-%m-%d %H:%M %:z")
    )?;
    if let Some(l) = &c.lokasi {
        writeln!(out, "lokasi      {}", visible(l))?;
    }
    let reporter = [
        c.reporter.name.as_deref(),
        c.reporter.phone.as_deref(),
        c.reporter.email.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    writeln!(
        out,
        "pelapor     {}{}{}",
        visible(&reporter),
        if c.anonim { " [anonim]" } else { "" },
        if c.rahasia { " [rahasia]" } else { "" }
    )?;
    writeln!(
        out,
        "petugas     {}",
        c.assignee.as_deref().map(visible).unwrap_or("-".into())
    )?;
    if let Some(e) = &c.escalated_to {
        writeln!(out, "eskalasi    {}", visible(e))?;
    }
    if let Some(clock) = &c.clock {
        let due = clock
            .due_at
            .map(|d| {
                d.with_timezone(&off)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_else(|| "(jeda)".into());
        writeln!(
            out,
            "tenggat     {} {} {} ({})",
            clock.kind, due, c.zone, clock.state
        )?;
    }
    writeln!(out)?;
    for line in crate::domain::text::visible_multiline(&c.isi).lines() {
        writeln!(out, "  {line}")?;
    }
    writeln!(out)?;
    for e in &c.events {
        let details = match e.details.as_object() {
            Some(map) => map
                .iter()
                // The recorded clock is the history's (printed above as `clocks`), not a detail.
                .filter(|(k, _)| *k != "from" && *k != "clock")
                .map(|(k, v)| {
                    format!(
                        "{k}={}",
                        v.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| v.to_string())
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
            None => String::new(),
        };
        let recorded = e
            .recorded_at
            .map(|r| {
                format!(
                    " (recorded {})",
                    r.with_timezone(&off).format("%Y-%m-%d %H:%M")
                )
            })
            .unwrap_or_default();
        writeln!(
            out,
            "{}  {} {:<16} -> {:<20} {}{recorded}",
            e.at.with_timezone(&off).format("%Y-%m-%d %H:%M"),
            fit(&e.actor, 14),
            e.kind,
            e.status.as_code(),
            visible(&details)
        )?;
    }
    Ok(())
}

pub fn events(events: &[Event], as_json: bool) -> Result<()> {
    if as_json {
        return json(&events);
    }
    for e in events {
        println!("{}", event_line(e, false)?);
    }
    Ok(())
}

/// One event on one line: JSON (a line of JSON lines), or text.
pub fn event_line(e: &Event, as_json: bool) -> Result<String> {
    if as_json {
        return json_line(e);
    }
    Ok(format!(
        "{:>8} #{} {} {} {} -> {}",
        e.id,
        e.complaint_id,
        e.at.to_rfc3339(),
        visible(&e.actor),
        e.kind,
        e.status
    ))
}

pub fn officers(list: &[OfficerLoad], as_json: bool) -> Result<()> {
    if as_json {
        return json(&list);
    }
    println!(
        "{:<20} {:<11} {:<7} {:>5} {:>6}  {:<28} NAMA",
        "USERNAME", "PERAN", "AKTIF", "BUKA", "TELAT", "INSTANSI"
    );
    for o in list {
        let x = &o.officer;
        println!(
            "{:<20} {:<11} {:<7} {:>5} {:>6}  {} {}",
            fit(&x.username, 20),
            x.role.as_code(),
            if x.active { "ya" } else { "tidak" },
            o.open,
            o.overdue,
            fit(&x.instansi_name, 28),
            visible(&x.name)
        );
    }
    Ok(())
}

pub fn instansi(list: &[Instansi], as_json: bool) -> Result<()> {
    if as_json {
        return json(&list);
    }
    for i in list {
        let depth = i.path.matches('/').count().saturating_sub(2);
        let d = i.deadlines;
        println!(
            "{} {:<4} {:<11} {}/{}/{}{}  {}{}",
            fit(&i.code, 14),
            i.zone.as_code(),
            i.kind.as_code(),
            d.verify_days,
            d.follow_up_days,
            d.close_days,
            if i.requires_approval { " 4-mata" } else { "" },
            "  ".repeat(depth),
            visible(&i.name)
        );
    }
    Ok(())
}

/// Routing suggestions, best first: the instansi and each reason in the reader's language.
pub fn suggestions(
    id: i64,
    list: &[crate::domain::routing::Suggestion],
    as_json: bool,
    lang: Lang,
) -> Result<()> {
    if as_json {
        let out: Vec<serde_json::Value> = list
            .iter()
            .map(|s| {
                let reasons: Vec<serde_json::Value> = s
                    .reasons
                    .iter()
                    .map(|r| {
                        let mut v = serde_json::to_value(r).unwrap_or_default();
                        if let Some(o) = v.as_object_mut() {
                            o.insert("text".into(), r.text(lang).into());
                        }
                        v
                    })
                    .collect();
                serde_json::json!({
                    "instansi": s.code, "name": s.name, "score": s.score, "reasons": reasons
                })
            })
            .collect();
        return json(&serde_json::json!({ "id": id, "suggestions": out }));
    }
    if list.is_empty() {
        println!(
            "#{id}: {}",
            lang.pick("belum ada saran", "no suggestion yet")
        );
    }
    for (n, s) in list.iter().enumerate() {
        println!("{}. {} ({})", n + 1, visible(&s.name), visible(&s.code));
        for r in &s.reasons {
            println!("   {}", visible(&r.text(lang)));
        }
    }
    Ok(())
}

/// Instansi with their aliases: one line per alias, or one JSON object per instansi.
pub fn aliases(list: &[(Instansi, Vec<String>)], as_json: bool) -> Result<()> {
    if as_json {
        let out: Vec<serde_json::Value> = list
            .iter()
            .map(|(i, aliases)| {
                serde_json::json!({ "instansi": i.code, "name": i.name, "aliases": aliases })
            })
            .collect();
        return json(&out);
    }
    for (i, aliases) in list {
        for a in aliases {
            println!("{} {}  {}", fit(&i.code, 24), visible(a), visible(&i.name));
        }
    }
    Ok(())
}

/// Days off; a regional day names the instansi it belongs to (it may be one above the instansi
/// whose calendar is listed).
pub fn holidays(list: &[Holiday], instansi: &[Instansi], as_json: bool) -> Result<()> {
    if as_json {
        return json(&list);
    }
    for h in list {
        let from = h
            .instansi_id
            .map(|id| {
                let code = instansi
                    .iter()
                    .find(|i| i.id == id)
                    .map_or_else(|| format!("instansi {id}"), |i| i.code.clone());
                format!("  @{}", visible(&code))
            })
            .unwrap_or_default();
        println!(
            "{}  {:<14} {}  [{}]{from}",
            h.date.format("%Y-%m-%d %a"),
            h.kind.as_code(),
            visible(&h.name),
            visible(&h.decree)
        );
    }
    Ok(())
}

pub fn templates(list: &[Template], as_json: bool) -> Result<()> {
    if as_json {
        return json(&list);
    }
    for t in list {
        println!(
            "{} {:<20} {}",
            fit(&t.name, 24),
            t.status.map(|s| s.as_code()).unwrap_or("*"),
            // The last column: cut, not padded, so that no line ends in spaces.
            text::cut(&visible(&t.body), 60)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn json_escapes_what_a_terminal_would_act_on() {
        let text = "A\u{9b}31m\u{202e}B\u{1b}]0;x\u{7}C";
        let line = super::json_line(&serde_json::json!({ "judul": text })).unwrap();
        assert!(
            !line
                .chars()
                .any(|c| c.is_control() || super::needs_escape(c)),
            "{line:?}"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["judul"], text, "the same JSON to a parser");
    }
}
