//! The common case of a JSON line read straight into typed fields (no tree of values first): a
//! million records a minute is the budget. Anything that does not fit goes to the field-by-field
//! reader, which names what is wrong.

use super::super::time;
use super::base_of;
use crate::domain::*;
use crate::store::import::{AsWritten, Details, Incoming, Life, PastEvent, Wanted};
use chrono::{NaiveDate, Utc};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Number(i64),
    Text(String),
}

#[derive(Deserialize, Default)]
struct Person {
    name: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    nik: Option<String>,
}

#[derive(Deserialize)]
struct Clock {
    kind: String,
    started_at: String,
    working_days: Option<u32>,
    state: Option<String>,
    due_at: Option<String>,
}

/// An event's times and codes are borrowed from the line when they need no unescaping: they are
/// parsed, never kept, and a history is a dozen of them per record.
#[derive(Deserialize)]
struct Event<'a> {
    #[serde(borrow)]
    at: Cow<'a, str>,
    #[serde(borrow)]
    recorded_at: Option<Cow<'a, str>>,
    actor: String,
    #[serde(borrow)]
    kind: Cow<'a, str>,
    #[serde(borrow)]
    status: Cow<'a, str>,
    /// Kept as written: stored as it is when it is already as the log holds it.
    #[serde(borrow)]
    details: Option<&'a RawValue>,
    batch: Option<String>,
}

#[derive(Deserialize)]
pub(super) struct Record<'a> {
    id: Id,
    judul: Option<String>,
    isi: Option<String>,
    klasifikasi: Option<String>,
    channel: Option<String>,
    tanggal_kejadian: Option<String>,
    lokasi: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
    kategori: Option<String>,
    tags: Option<Vec<String>>,
    anonim: Option<bool>,
    rahasia: Option<bool>,
    reporter: Option<Person>,
    reporter_masked: Option<bool>,
    attachments: Option<Vec<Attachment>>,
    instansi: Option<String>,
    received_at: Option<String>,
    updated_at: Option<String>,
    status: Option<String>,
    assignee: Option<String>,
    routed_by: Option<String>,
    escalated_to: Option<String>,
    pending_reply_by: Option<String>,
    clock: Option<Clock>,
    #[serde(borrow)]
    events: Option<Vec<Event<'a>>>,
}

fn code<T>(
    field: &str,
    v: Option<String>,
    parse: fn(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    v.map(|s| parse(&s).map_err(|e| format!("{field}: {e}")))
        .transpose()
}

impl Record<'_> {
    pub(super) fn into_incoming(self, line: u64) -> Result<Incoming, String> {
        let id = match self.id {
            Id::Number(n) => n.to_string(),
            Id::Text(s) => s,
        };
        let status = code("status", self.status, Status::parse)?.unwrap_or(Status::Baru);
        let reporter = match self.reporter {
            Some(p) if self.reporter_masked != Some(true) => Reporter {
                name: p.name,
                phone: p.phone,
                email: p.email,
                nik: p.nik,
            },
            _ => Reporter::default(),
        };
        let new = NewComplaint {
            judul: self.judul.unwrap_or_default(),
            isi: self.isi.unwrap_or_default(),
            klasifikasi: code("klasifikasi", self.klasifikasi, Klasifikasi::parse)?
                .unwrap_or(Klasifikasi::Pengaduan),
            channel: code("channel", self.channel, Channel::parse)?.unwrap_or(Channel::Api),
            tanggal_kejadian: self
                .tanggal_kejadian
                .map(|d| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d").map_err(|_| {
                        format!("tanggal_kejadian: expected a date like 2026-11-27, got '{d}'")
                    })
                })
                .transpose()?,
            lokasi: self.lokasi,
            lat: self.lat,
            lon: self.lon,
            kategori: self.kategori,
            tags: self.tags.unwrap_or_default(),
            anonim: self.anonim.unwrap_or(false),
            rahasia: self.rahasia.unwrap_or(false),
            reporter,
            attachments: self.attachments.unwrap_or_default(),
            instansi: self.instansi,
            received_at: self
                .received_at
                .map(|t| time("received_at", &t))
                .transpose()?,
        };
        let mut events = Vec::new();
        for (i, e) in self.events.unwrap_or_default().into_iter().enumerate() {
            let at = |field: &str, t: &str| time(field, t).map_err(|m| format!("events[{i}].{m}"));
            events.push(PastEvent {
                at: at("at", &e.at)?,
                recorded_at: e.recorded_at.map(|t| at("recorded_at", &t)).transpose()?,
                actor: e.actor,
                kind: EventKind::parse(&e.kind).map_err(|m| format!("events[{i}].kind: {m}"))?,
                status: Status::parse(&e.status).map_err(|m| format!("events[{i}].status: {m}"))?,
                details: e.details.map_or_else(Details::none, |d| {
                    Details::from_json_text(d.get().to_string())
                }),
                batch: e.batch,
            });
        }
        let clock = match self.clock {
            None => None,
            Some(c) => Some(base_of(
                ClockKind::parse(&c.kind).map_err(|m| format!("clock.kind: {m}"))?,
                time("clock.started_at", &c.started_at)?,
                c.working_days.unwrap_or(1),
                code("clock.state", c.state, ClockState::parse)?.unwrap_or(ClockState::Running),
                c.due_at.map(|t| time("clock.due_at", &t)).transpose()?,
                &events,
            )),
        };
        let life = if events.is_empty() {
            None
        } else {
            Some(Life {
                status,
                assignee: self.assignee,
                routed_by: self.routed_by,
                escalated_to: self.escalated_to,
                pending_reply_by: self.pending_reply_by,
                clock,
                updated_at: self
                    .updated_at
                    .map(|t| time("updated_at", &t))
                    .transpose()?
                    .unwrap_or_else(Utc::now),
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
}
