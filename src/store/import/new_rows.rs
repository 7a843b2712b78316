//! A record seen for the first time becomes a complaint row with its events: an intake of the
//! importing admin's, or the history the record carries (meja's own JSON lines), held to the moves
//! meja's rules make.

use super::prepare::Prep;
use super::{Checked, EventRow, Incoming, Life, NewRow};
use crate::domain::clock::{ClockBase, ClockEvent, ClockRecord};
use crate::domain::model::Event;
use crate::domain::*;
use crate::store::{cached_due, from_ms, ms, rollups};
use serde_json::{Value, json};

impl Prep {
    pub(super) fn row(
        &mut self,
        inc: Incoming,
        checked: Checked,
        digest: String,
    ) -> Result<NewRow, String> {
        let Checked {
            new,
            instansi,
            kategori_id,
            original,
        } = checked;
        let calendar = self.reference.calendars.for_instansi(instansi.id);
        let received_at = new.received_at.unwrap_or(self.now);
        let mark = json!({ "source": self.source, "id": inc.source_id });
        let mut row = NewRow {
            id: 0,
            new,
            status: Status::Baru,
            kategori_id,
            instansi_id: instansi.id,
            instansi_path: instansi.path.clone(),
            assignee: None,
            routed_by: None,
            escalated_to: None,
            pending_reply_by: None,
            received_at: ms(received_at),
            updated_at: ms(received_at),
            version: 1,
            clock: None,
            breach_at: None,
            close_at: None,
            source: self.source.clone(),
            source_id: inc.source_id,
            digest,
            source_status: inc.source_status,
            events: Vec::new(),
            words: (String::new(), String::new()),
            fact: None,
        };
        // The log as the database will hold it, for the report's monev fact, and the clock
        // each event records.
        let mut log = Log::default();
        match inc.life {
            None => {
                // A report received elsewhere: its verification clock starts when it was received.
                let base = ClockBase::apply(
                    None,
                    ClockEffect::Start(ClockKind::Verifikasi),
                    received_at,
                    &instansi.deadlines,
                    &calendar,
                    instansi.zone,
                );
                let mut details = json!({
                    "channel": row.new.channel,
                    "instansi": instansi.name,
                    "import": mark,
                });
                if let Some(b) = &base {
                    details["clock"] =
                        json!(ClockRecord::of(b, instansi.zone, instansi.id, &calendar));
                }
                if !original.is_empty() {
                    details["original"] = Value::Object(original);
                }
                row.clock = base;
                let event = super::EventRow {
                    at: row.received_at,
                    recorded_at: Some(ms(self.now)),
                    actor_id: self.actor.id,
                    actor: self.actor.username.clone(),
                    kind: EventKind::Intake,
                    status: Status::Baru,
                    details: details.to_string(),
                    batch: None,
                    version: 1,
                };
                let event_logged = logged(&event, details);
                log.clocks.push(ClockEvent::of(&event_logged));
                log.events.push(event_logged);
                row.events.push(event);
            }
            Some(life) => self.lived(&mut row, &mut log, life, mark, original)?,
        }
        (row.breach_at, row.close_at) = cached_due(row.clock.as_ref(), &calendar, instansi.zone);
        row.id = self.fresh_id(inc.keep_id);
        // What the writer would otherwise compute on its own path: the search words, and the
        // fact (from the row and the log as written, to the millisecond).
        row.words = (
            stem::stem_text(&row.new.judul),
            stem::stem_text(&row.new.isi),
        );
        for e in &mut log.events {
            e.complaint_id = row.id;
        }
        let fact = rollups::fact_with_clocks(
            rollups::FactRow {
                id: row.id,
                received_at: from_ms(row.received_at),
                channel: row.new.channel,
                kategori_id: row.kategori_id,
                klasifikasi: row.new.klasifikasi,
                instansi_id: row.instansi_id,
                instansi_path: &row.instansi_path,
                assignee_id: row.assignee,
            },
            &log.events,
            &log.clocks,
            &self.reference,
        );
        if let Some(sums) = &mut self.sums {
            sums.add_fact(&fact);
            for e in &row.events {
                sums.add_event(e.actor_id, e.at, e.kind, &self.zones);
            }
        }
        row.fact = Some(fact);
        Ok(row)
    }

    /// The history a record carries: statuses, people and the clock as the source left them, each
    /// event a move `plan` accepts (from the status before to the status after).
    fn lived(
        &mut self,
        row: &mut NewRow,
        log: &mut Log,
        life: Life,
        mark: Value,
        original: serde_json::Map<String, Value>,
    ) -> Result<(), String> {
        let Some(first) = life.events.first() else {
            return Err("events: a history starts with the intake, and this one is empty".into());
        };
        if first.kind != EventKind::Intake || first.status != Status::Baru {
            return Err(format!(
                "events[0]: a history starts with the intake of a new report, not {} to {}",
                first.kind, first.status
            ));
        }
        let mut status = Status::Baru;
        for (n, e) in life.events.iter().enumerate() {
            if n > 0 && !self.legal.contains(&(e.kind.as_code(), status, e.status)) {
                return Err(format!(
                    "events[{n}]: {} from {status} to {} is not a move meja's rules make",
                    e.kind, e.status
                ));
            }
            status = e.status;
        }
        if status != life.status {
            return Err(format!(
                "status: {} but the last event leaves the report {status}",
                life.status
            ));
        }
        row.status = life.status;
        row.assignee = self.officer("assignee", &life.assignee)?;
        row.pending_reply_by = self.officer("pending_reply_by", &life.pending_reply_by)?;
        row.routed_by = self.instansi_named("routed_by", &life.routed_by)?;
        row.escalated_to = self.instansi_named("escalated_to", &life.escalated_to)?;
        row.updated_at = ms(life.updated_at);
        row.clock = life.clock;
        row.version = life.events.len() as i64;
        for (n, e) in life.events.into_iter().enumerate() {
            let stored = e
                .details
                .stored((n == 0).then_some((&mark, &original)))
                .map_err(|reason| format!("events[{n}].{reason}"))?;
            let event = EventRow {
                at: ms(e.at),
                recorded_at: e.recorded_at.map(ms),
                // The officer who acted, when this deployment knows them; else the importer,
                // with the name the source gave.
                actor_id: self
                    .officers
                    .get(&e.actor)
                    .copied()
                    .unwrap_or(self.actor.id),
                actor: e.actor,
                kind: e.kind,
                status: e.status,
                details: stored.text,
                batch: e.batch,
                version: n as i64 + 1,
            };
            log.clocks.push(ClockEvent {
                at: from_ms(event.at),
                kind: event.kind,
                clock: stored.clock,
            });
            log.events.push(logged(&event, stored.read));
            row.events.push(event);
        }
        Ok(())
    }
}

/// A report's log as the database will hold it: the events (with only the details the monev
/// figures read), and the clock each records (`ClockEvent::of` of each).
#[derive(Default)]
struct Log {
    events: Vec<Event>,
    clocks: Vec<ClockEvent>,
}

/// An event as the log holds it once written (times to the millisecond; the complaint's id is
/// set once it is known, the event's own is its place in the log).
fn logged(e: &EventRow, details: Value) -> Event {
    Event {
        id: e.version,
        complaint_id: 0,
        at: from_ms(e.at),
        recorded_at: e.recorded_at.map(from_ms),
        actor: e.actor.clone(),
        kind: e.kind,
        status: e.status,
        details,
        batch: e.batch.clone(),
    }
}
