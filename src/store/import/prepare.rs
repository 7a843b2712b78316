//! The import's first stage, on a thread of its own beside the writer: each record read is
//! checked as the intake checks it, compared with what its source delivered before, and, when it
//! is new, made into the rows the writer writes (with its search words and monev fact). Only what
//! needs the database (a report delivered again with new content) is left to the writer, in the
//! order the records came.

use super::{AsWritten, Checked, Incoming, NewRow, Parsed, Rejection, digest, empty};
use crate::domain::access;
use crate::domain::input::{self, IntakeContext};
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId, OfficerId};
use crate::domain::*;
use crate::store::{Reference, Store, resolve};
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use tokio::sync::mpsc::{Receiver, Sender};

/// What the source delivered before under a source id: the complaint, its digest and status.
pub(super) struct Known {
    pub id: ComplaintId,
    pub digest: Option<String>,
    pub status: Option<String>,
}

/// A record, prepared: what the writer does with it.
pub(super) enum Step {
    /// A report seen for the first time, its rows ready.
    New(Box<NewRow>),
    /// The same record as last time: nothing to write.
    Unchanged,
    /// A report delivered before, whose content or status may have moved: the writer compares
    /// and records it (`redelivery`).
    Again(Box<Again>),
    Rejected(Rejection),
}

pub(super) struct Again {
    pub id: ComplaintId,
    pub inc: Incoming,
    pub checked: Checked,
    pub digest: String,
    /// What the source delivered before this import (the writer knows better once it has
    /// recorded a delivery of this import's).
    pub before: Known,
}

/// The preparing stage's state: the reference, the source's reports and the numbers in use.
pub(super) struct Prep {
    pub store: Store,
    pub actor: Actor,
    pub source: String,
    pub reference: Arc<Reference>,
    pub now: DateTime<Utc>,
    pub known: HashMap<String, Known>,
    /// Source ids handed to the writer as delivered again: what their digest is now, only the
    /// writer knows, so every later record with one of them goes to the writer too.
    pub again: HashSet<String>,
    pub taken: HashSet<ComplaintId>,
    pub next_id: ComplaintId,
    pub officers: HashMap<String, OfficerId>,
    pub instansi: HashMap<String, Result<Instansi, String>>,
    pub kategori: HashMap<String, Result<i64, String>>,
    pub named: HashMap<String, Result<InstansiId, String>>,
    /// Every instansi by its code and by its name, lower-cased (index into the reference).
    pub exact: HashMap<String, usize>,
    /// (kind, from, to) of every move `plan` accepts for some role (`domain::moves`).
    pub legal: HashSet<(&'static str, Status, Status)>,
    /// Each officer's UTC offset in milliseconds (the zone of their instansi).
    pub zones: HashMap<i64, i64>,
    /// The monev sums of the new reports, when the import adds them at the end (a large one).
    pub sums: Option<super::Sums>,
}

/// The stage's loop: batches of records in, batches of steps out, until the records end or the
/// writer stops taking steps. Returns the new reports' monev sums, when it kept them.
pub(super) fn run(
    mut prep: Prep,
    mut records: Receiver<Vec<Parsed>>,
    steps: Sender<Vec<Step>>,
) -> Option<super::Sums> {
    while let Some(batch) = records.blocking_recv() {
        let prepared = batch
            .into_iter()
            .map(|parsed| match parsed {
                Parsed::Record(incoming) => prep.step(*incoming),
                Parsed::Bad(rejection) => Step::Rejected(rejection),
            })
            .collect();
        if steps.blocking_send(prepared).is_err() {
            return None;
        }
    }
    prep.sums
}

impl Prep {
    /// What to do with one record.
    pub(super) fn step(&mut self, mut inc: Incoming) -> Step {
        let raw = std::mem::take(&mut inc.raw);
        let line = inc.line;
        let reject = |reason: String, raw: AsWritten| {
            Step::Rejected(Rejection {
                line,
                reason,
                raw: raw.text().to_string(),
            })
        };
        let checked = match self.check(&mut inc) {
            Ok(checked) => checked,
            Err(reason) => return reject(reason, raw),
        };
        let digest = digest(&checked.new, inc.source_status.as_deref());
        let known = self.known.get(&inc.source_id);
        let handed = self.again.contains(&inc.source_id);
        match known {
            Some(k) if !handed && k.digest.as_deref() == Some(digest.as_str()) => Step::Unchanged,
            Some(k) => {
                let before = Known {
                    id: k.id,
                    digest: k.digest.clone(),
                    status: k.status.clone(),
                };
                if !handed {
                    self.again.insert(inc.source_id.clone());
                }
                inc.raw = raw;
                Step::Again(Box::new(Again {
                    id: before.id,
                    inc,
                    checked,
                    digest,
                    before,
                }))
            }
            None => match self.row(inc, checked, digest) {
                Ok(row) => {
                    self.known.insert(
                        row.source_id.clone(),
                        Known {
                            id: row.id,
                            digest: Some(row.digest.clone()),
                            status: row.source_status.clone(),
                        },
                    );
                    Step::New(Box::new(row))
                }
                Err(reason) => reject(reason, raw),
            },
        }
    }

    /// The intake's checks on a record: where it goes, who may put it there, the input rules.
    fn check(&mut self, inc: &mut Incoming) -> Result<Checked, String> {
        if inc.source_id.trim().is_empty() {
            return Err("id: the record has no id at its source".into());
        }
        let instansi = self.instansi(inc.new.instansi.as_deref().unwrap_or(""))?;
        access::may_import(&self.actor, &instansi.path).map_err(|d| {
            format!(
                "instansi: {} may not import into {}: {d}",
                self.actor.username, instansi.name
            )
        })?;
        // What the source sent, when its markup was made plain: kept verbatim in the first event.
        let original = [("judul", &inc.new.judul), ("isi", &inc.new.isi)]
            .into_iter()
            .filter(|(_, text)| {
                matches!(
                    crate::domain::markup::plain_text(text),
                    std::borrow::Cow::Owned(_)
                )
            })
            .map(|(field, text)| (field.to_string(), Value::from(text.as_str())))
            .collect::<serde_json::Map<_, _>>();
        let context = IntakeContext {
            now: self.now,
            zone: instansi.zone,
        };
        let new = input::check_complaint(std::mem::replace(&mut inc.new, empty()), &context)
            .map_err(|e| e.to_string())?;
        let kategori_id = match new.kategori.as_deref() {
            Some(name) => Some(self.kategori(name)?),
            None => None,
        };
        Ok(Checked {
            new,
            instansi,
            kategori_id,
            original,
        })
    }

    fn instansi(&mut self, name: &str) -> Result<Instansi, String> {
        if let Some(found) = self.instansi.get(name) {
            return found.clone();
        }
        // An exact code or name (what exports carry) is looked up; anything else is resolved as
        // the intake resolves it, within the importer's reach.
        if let Some(&i) = self.exact.get(&name.trim().to_lowercase())
            && access::in_subtree(&self.actor, &self.reference.instansi[i].path)
        {
            let found = Ok(self.reference.instansi[i].clone());
            self.instansi.insert(name.to_string(), found.clone());
            return found;
        }
        let found = self
            .store
            .receiving_instansi(&self.actor, Some(name))
            .map_err(|e| format!("instansi: {e}"));
        self.instansi.insert(name.to_string(), found.clone());
        found
    }

    fn kategori(&mut self, name: &str) -> Result<i64, String> {
        if let Some(found) = self.kategori.get(name) {
            return found.clone();
        }
        let found = resolve::category(&self.reference.categories, name)
            .map(|c| c.id)
            .map_err(|e| format!("kategori: {e}"));
        self.kategori.insert(name.to_string(), found.clone());
        found
    }

    pub(super) fn officer(
        &self,
        field: &str,
        name: &Option<String>,
    ) -> Result<Option<OfficerId>, String> {
        match name {
            None => Ok(None),
            Some(name) => self.officers.get(name).copied().map(Some).ok_or_else(|| {
                format!("{field}: unknown officer '{name}' (add the officer before importing)")
            }),
        }
    }

    /// An instansi named by the history (routed by, escalated to), by its exact code or name.
    pub(super) fn instansi_named(
        &mut self,
        field: &str,
        name: &Option<String>,
    ) -> Result<Option<InstansiId>, String> {
        let Some(name) = name else {
            return Ok(None);
        };
        if let Some(found) = self.named.get(name) {
            return found.clone().map(Some).map_err(|e| format!("{field}: {e}"));
        }
        let found = match self.exact.get(&name.trim().to_lowercase()) {
            Some(&i) => Ok(self.reference.instansi[i].id),
            None => resolve::instansi(&self.reference, name)
                .map(|i| i.id)
                .map_err(|e| e.to_string()),
        };
        self.named.insert(name.clone(), found.clone());
        found.map(Some).map_err(|e| format!("{field}: {e}"))
    }

    pub(super) fn fresh_id(&mut self, keep: Option<ComplaintId>) -> ComplaintId {
        if let Some(id) = keep.filter(|id| *id > 0 && !self.taken.contains(id)) {
            self.taken.insert(id);
            return id;
        }
        loop {
            self.next_id += 1;
            if self.taken.insert(self.next_id) {
                return self.next_id;
            }
        }
    }
}
