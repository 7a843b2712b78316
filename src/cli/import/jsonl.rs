//! meja's own JSON lines (`meja export --format jsonl`): each line a complaint as `meja show
//! --json` has it, with its history. The tracking number is the source id, and kept when it is free.

use super::bad;
use crate::domain::clock::ClockBase;
use crate::domain::*;
use crate::store::import::{AsWritten, Details, Incoming, Life, Parsed, PastEvent, Wanted};
use anyhow::{Context, Result};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::{Map, Value};
use std::io::BufRead;
use std::sync::Arc;

/// Records whose lines are kept in one buffer, when the records are kept as written.
const HELD: usize = 256;

pub fn read(
    mut input: Box<dyn BufRead + Send>,
    keep_raw: bool,
    send: &mut dyn FnMut(Parsed) -> bool,
) -> Result<()> {
    // One buffer for many lines: a fresh one per line was a large allocation per record, each
    // making glibc's allocator sort through the small blocks the other threads had freed (most
    // of the reading thread's time, measured with perf). Without rejects to write, it holds one
    // line at a time; with them, the lines of `HELD` records, which share it as written.
    let mut buffer = String::new();
    let mut held: Vec<(Parsed, std::ops::Range<usize>)> = Vec::new();
    let mut number = 0u64;
    loop {
        if !keep_raw {
            buffer.clear();
        }
        let start = buffer.len();
        if input
            .read_line(&mut buffer)
            .context("reading the JSON lines")?
            == 0
        {
            break;
        }
        number += 1;
        let read = &buffer[start..];
        let line = read.strip_suffix('\n').unwrap_or(read);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            buffer.truncate(start);
            continue;
        }
        let parsed = match record(number, line) {
            Ok(incoming) => Parsed::Record(Box::new(incoming)),
            Err(reason) => bad(number, line, keep_raw, reason),
        };
        if !keep_raw {
            if !send(parsed) {
                return Ok(());
            }
            continue;
        }
        held.push((parsed, start..start + line.len()));
        if held.len() >= HELD && !hand_over(&mut held, &mut buffer, send) {
            return Ok(());
        }
    }
    hand_over(&mut held, &mut buffer, send);
    Ok(())
}

/// Sends the records held, each given its line in the text they were read from. False when
/// the import stopped taking records.
fn hand_over(
    held: &mut Vec<(Parsed, std::ops::Range<usize>)>,
    buffer: &mut String,
    send: &mut dyn FnMut(Parsed) -> bool,
) -> bool {
    let lines = Arc::new(std::mem::replace(
        buffer,
        String::with_capacity(buffer.capacity()),
    ));
    for (mut parsed, span) in held.drain(..) {
        if let Parsed::Record(incoming) = &mut parsed {
            incoming.raw = AsWritten::within(&lines, span);
        }
        if !send(parsed) {
            return false;
        }
    }
    true
}

/// One complaint. Read straight into its fields first (the common case, and the fast one); a
/// record that does not fit is read again field by field, to name the field that is wrong.
pub fn record(line: u64, text: &str) -> Result<Incoming, String> {
    match serde_json::from_str::<fast::Record>(text) {
        Ok(r) => r.into_incoming(line),
        Err(_) => checked_record(line, text),
    }
}

/// One complaint, each field named when it is not what it should be.
fn checked_record(line: u64, text: &str) -> Result<Incoming, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(o) = value else {
        return Err("expected one JSON object {...} per line".into());
    };
    let f = Fields(&o);
    let id = match o.get("id") {
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::String(s)) => s.clone(),
        _ => return Err("id: required (the report's number at its source)".into()),
    };
    let masked = f.boolean("reporter_masked")?;
    let reporter = match o.get("reporter") {
        Some(Value::Object(r)) if !masked => {
            let r = Fields(r);
            Reporter {
                name: r.text("reporter.name")?,
                phone: r.text("reporter.phone")?,
                email: r.text("reporter.email")?,
                nik: r.text("reporter.nik")?,
            }
        }
        _ => Reporter::default(),
    };
    let attachments = match o.get("attachments") {
        None | Some(Value::Null) => Vec::new(),
        Some(v) => serde_json::from_value(v.clone()).map_err(|e| format!("attachments: {e}"))?,
    };
    let status = f.code("status", Status::parse)?.unwrap_or(Status::Baru);
    let new = NewComplaint {
        judul: f.text("judul")?.unwrap_or_default(),
        isi: f.text("isi")?.unwrap_or_default(),
        klasifikasi: f
            .code("klasifikasi", Klasifikasi::parse)?
            .unwrap_or(Klasifikasi::Pengaduan),
        channel: f.code("channel", Channel::parse)?.unwrap_or(Channel::Api),
        tanggal_kejadian: match f.text("tanggal_kejadian")? {
            Some(d) => Some(NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                format!("tanggal_kejadian: expected a date like 2026-11-27, got '{d}'")
            })?),
            None => None,
        },
        lokasi: f.text("lokasi")?,
        lat: f.number("lat")?,
        lon: f.number("lon")?,
        kategori: f.text("kategori")?,
        tags: match o.get("tags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    t.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("tags[{i}]: expected text"))
                })
                .collect::<Result<_, _>>()?,
            Some(_) => return Err("tags: expected a list of text".into()),
        },
        anonim: f.boolean("anonim")?,
        rahasia: f.boolean("rahasia")?,
        reporter,
        attachments,
        instansi: f.text("instansi")?,
        received_at: f.time("received_at")?,
    };
    let events = match o.get("events") {
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .map(|(i, e)| event(i, e))
            .collect::<Result<Vec<_>, _>>()?,
        None | Some(Value::Null) => Vec::new(),
        Some(_) => return Err("events: expected a list".into()),
    };
    let life = if events.is_empty() {
        None
    } else {
        Some(Life {
            status,
            assignee: f.text("assignee")?,
            routed_by: f.text("routed_by")?,
            escalated_to: f.text("escalated_to")?,
            pending_reply_by: f.text("pending_reply_by")?,
            clock: clock(o.get("clock"), &events)?,
            updated_at: f.time("updated_at")?.unwrap_or_else(Utc::now),
            events,
        })
    };
    Ok(Incoming {
        line,
        raw: AsWritten::default(),
        keep_id: id.parse().ok(),
        source_id: id,
        new,
        source_status: Some(status.as_code().to_string()),
        wanted: Some(Wanted::Status(status)),
        life,
    })
}

fn event(i: usize, v: &Value) -> Result<PastEvent, String> {
    let Value::Object(o) = v else {
        return Err(format!("events[{i}]: expected an object"));
    };
    let f = Fields(o);
    let name = |field: &str| format!("events[{i}].{field}");
    Ok(PastEvent {
        at: f
            .time("at")
            .map_err(|e| format!("events[{i}].{e}"))?
            .ok_or_else(|| format!("{}: required", name("at")))?,
        recorded_at: f
            .time("recorded_at")
            .map_err(|e| format!("events[{i}].{e}"))?,
        actor: f
            .text("actor")
            .map_err(|e| format!("events[{i}].{e}"))?
            .ok_or_else(|| format!("{}: required", name("actor")))?,
        kind: f
            .code("kind", EventKind::parse)
            .map_err(|e| format!("events[{i}].{e}"))?
            .ok_or_else(|| format!("{}: required", name("kind")))?,
        status: f
            .code("status", Status::parse)
            .map_err(|e| format!("events[{i}].{e}"))?
            .ok_or_else(|| format!("{}: required", name("status")))?,
        details: o
            .get("details")
            .map_or_else(Details::none, Details::of_value),
        batch: f.text("batch").map_err(|e| format!("events[{i}].{e}"))?,
    })
}

/// The clock as the export shows it, back to the base it came from. Whether it was paused and
/// when it was breached are read from the last event that recorded this clock, when one did.
fn clock(v: Option<&Value>, events: &[PastEvent]) -> Result<Option<ClockBase>, String> {
    let Some(Value::Object(o)) = v else {
        return Ok(None);
    };
    let f = Fields(o);
    let (Some(kind), Some(started_at)) = (f.code("kind", ClockKind::parse)?, f.time("started_at")?)
    else {
        return Err("clock: kind and started_at are required".into());
    };
    let working_days = f
        .number("working_days")
        .map_err(|e| format!("clock.{e}"))?
        .unwrap_or(1.0) as u32;
    let state = f
        .code("state", ClockState::parse)
        .map_err(|e| format!("clock.{e}"))?
        .unwrap_or(ClockState::Running);
    let due_at = f.time("due_at").map_err(|e| format!("clock.{e}"))?;
    Ok(Some(base_of(
        kind,
        started_at,
        working_days,
        state,
        due_at,
        events,
    )))
}

/// The clock's base from what the export shows of it and the events that recorded it.
fn base_of(
    kind: ClockKind,
    started_at: DateTime<Utc>,
    working_days: u32,
    state: ClockState,
    due_at: Option<DateTime<Utc>>,
    events: &[PastEvent],
) -> ClockBase {
    let recorded = events
        .iter()
        .rev()
        .find_map(|e| e.details.clock().flatten())
        .filter(|r| r.kind == kind && r.started_at == started_at);
    let paused = recorded.map_or(state == ClockState::Paused, |r| r.paused);
    let breached_at = recorded
        .and_then(|r| r.breached_at)
        .or(due_at.filter(|_| state == ClockState::Breached));
    ClockBase {
        kind,
        started_at,
        working_days,
        paused,
        breached_at,
    }
}

mod fast;

/// Reads the fields of one JSON object, naming the field when its value is of the wrong type.
struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    fn text(&self, field: &str) -> Result<Option<String>, String> {
        let key = field.rsplit('.').next().unwrap_or(field);
        match self.0.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("{field}: expected text, got {}", kind_of(other))),
        }
    }
    fn number(&self, field: &str) -> Result<Option<f64>, String> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            Some(other) => Err(format!(
                "{field}: expected a number, got {}",
                kind_of(other)
            )),
        }
    }
    fn boolean(&self, field: &str) -> Result<bool, String> {
        match self.0.get(field) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(format!(
                "{field}: expected true or false, got {}",
                kind_of(other)
            )),
        }
    }
    fn code<T>(
        &self,
        field: &str,
        parse: fn(&str) -> Result<T, String>,
    ) -> Result<Option<T>, String> {
        match self.text(field)? {
            None => Ok(None),
            Some(s) => parse(&s).map(Some).map_err(|e| format!("{field}: {e}")),
        }
    }
    fn time(&self, field: &str) -> Result<Option<DateTime<Utc>>, String> {
        match self.text(field)? {
            None => Ok(None),
            Some(s) => super::time(field, &s).map(Some),
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = r#"{"id":1000042,"status":"ditindaklanjuti","klasifikasi":"pengaduan","channel":"web","judul":"Jalan rusak","isi":"Berlubang.","tanggal_kejadian":"2026-11-01","lokasi":"Jl. Merdeka","lat":-0.03,"lon":109.33,"kategori":"Infrastruktur / Jalan","tags":["jalan"],"anonim":false,"rahasia":false,"reporter":{"name":"Budi","phone":null,"email":null,"nik":null},"reporter_masked":false,"attachments":[],"instansi":"Kota Pontianak","zone":"WIB","assignee":"siti","routed_by":"Admin Nasional","escalated_to":null,"pending_reply_by":null,"merged_into":null,"received_at":"2026-11-02T02:30:00Z","updated_at":"2026-11-03T03:00:00Z","version":2,"clock":{"kind":"tindak_lanjut","started_at":"2026-11-03T03:00:00Z","working_days":5,"due_at":"2026-11-10T16:59:59Z","state":"running"},"events":[{"id":1,"complaint_id":1000042,"at":"2026-11-02T02:30:00Z","actor":"demo.nasional","kind":"intake","status":"baru","details":{},"batch":null},{"id":2,"complaint_id":1000042,"at":"2026-11-03T03:00:00Z","actor":"demo.nasional","kind":"claim","status":"ditindaklanjuti","details":{"clock":{"kind":"tindak_lanjut","started_at":"2026-11-03T03:00:00Z","working_days":5,"paused":true,"zone":"WIB","calendar":3,"due_at":null}},"batch":null}]}"#;

    #[test]
    fn the_fast_reader_and_the_field_by_field_reader_agree() {
        assert!(
            serde_json::from_str::<fast::Record>(LINE).is_ok(),
            "the fast path reads it"
        );
        let fast = record(7, LINE).unwrap();
        let checked = checked_record(7, LINE).unwrap();
        assert_eq!(fast.new, checked.new);
        assert_eq!(fast.source_id, "1000042");
        assert_eq!(fast.keep_id, Some(1_000_042));
        let (a, b) = (fast.life.unwrap(), checked.life.unwrap());
        assert_eq!(
            (a.status, a.clock, a.events.len()),
            (b.status, b.clock, b.events.len())
        );
        assert_eq!(a.assignee.as_deref(), Some("siti"));
        // The last event that recorded this clock says it was paused.
        assert!(a.clock.unwrap().paused);
    }

    #[test]
    fn each_record_kept_is_its_line_as_written() {
        let other = LINE.replace("1000042", "1000043");
        let input = format!("{LINE}\r\n\n  \n{{\"id\":\n{other}\n{LINE}");
        for keep_raw in [true, false] {
            let mut got = Vec::new();
            read(
                Box::new(std::io::Cursor::new(input.clone().into_bytes())),
                keep_raw,
                &mut |parsed| {
                    got.push(match parsed {
                        Parsed::Record(r) => (r.line, r.raw.text().to_string()),
                        Parsed::Bad(b) => (b.line, b.raw),
                    });
                    true
                },
            )
            .unwrap();
            let lines: Vec<(u64, &str)> = if keep_raw {
                vec![(1, LINE), (4, "{\"id\":"), (5, &other), (6, LINE)]
            } else {
                vec![(1, ""), (4, ""), (5, ""), (6, "")]
            };
            let expected: Vec<(u64, String)> =
                lines.into_iter().map(|(n, l)| (n, l.to_string())).collect();
            assert_eq!(got, expected, "keep_raw: {keep_raw}");
        }
    }

    #[test]
    fn the_records_held_are_handed_over_in_order() {
        let input: String = (0..HELD * 2 + 3)
            .map(|i| LINE.replace("1000042", &(2_000_000 + i).to_string()) + "\n")
            .collect();
        let mut got = Vec::new();
        read(
            Box::new(std::io::Cursor::new(input.clone().into_bytes())),
            true,
            &mut |parsed| {
                if let Parsed::Record(r) = parsed {
                    got.push(r.raw.text().to_string() + "\n");
                }
                true
            },
        )
        .unwrap();
        assert_eq!(got.concat(), input);
    }

    #[test]
    fn a_field_of_the_wrong_type_is_named() {
        let bad = LINE.replace(r#""judul":"Jalan rusak""#, r#""judul":5"#);
        assert_eq!(
            record(3, &bad).err().as_deref(),
            Some("judul: expected text, got a number")
        );
        let bad = LINE.replace(r#""kind":"claim""#, r#""kind":"klaim""#);
        let err = record(3, &bad).err().unwrap_or_default();
        assert!(
            err.starts_with("events[1].kind: unknown event kind 'klaim'"),
            "{err}"
        );
    }
}
