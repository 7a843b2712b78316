//! `meja import`: reports from another system, one complaint per record, in one transaction. A
//! record names its source's id; the pair (source, source id) is stored with the complaint
//! (migration 0007), so re-delivery is idempotent: the same record again changes nothing, new
//! content is recorded by an event saying what changed (old and new), and a status the source moved
//! becomes a move only when `lifecycle::plan` allows it. Every new record passes the intake's
//! input rules (`domain::input`, HTML made plain with the original kept in the first event); a
//! record that breaks them is named by its line and field. Rows go in as multi-row inserts, as the
//! seed's bulk loader writes them; a large import on SQLite builds its indexes once at the end.

use super::{Backend, Reference, Result, Store, StoreError, resolve};
use crate::domain::access;
use crate::domain::clock::ClockBase;
use crate::domain::input::{self, IntakeContext};
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId, OfficerId};
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How an import runs.
#[derive(Debug, Clone)]
pub struct ImportOptions {
    /// The source's name: with a record's id there, what makes re-delivery idempotent.
    pub source: String,
    /// Import the good records and report the bad ones, instead of importing nothing.
    pub skip_bad: bool,
    /// A large import (SQLite builds the complaint indexes once at the end instead of row by row).
    pub large: bool,
}

/// One record as a format reader made it.
#[derive(Debug, Clone)]
pub struct Incoming {
    /// Where the record starts in the input (1-based).
    pub line: u64,
    /// The record as the source wrote it, for the rejects file (empty when not needed).
    pub raw: String,
    pub source_id: String,
    pub new: NewComplaint,
    /// The source's own word for the report's status, as delivered.
    pub source_status: Option<String>,
    /// Where that status says the report should be.
    pub wanted: Option<Wanted>,
    /// The report's history, where the format has it (meja's own JSON lines).
    pub life: Option<Life>,
    /// The tracking number to keep when it is free (meja's own JSON lines).
    pub keep_id: Option<ComplaintId>,
}

/// Where the source's status says the report should be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// Still being worked on (Open311 `open`).
    Open,
    /// Finished (Open311 `closed`).
    Closed,
    /// A status of meja's own.
    Status(Status),
}

/// What happened to a report before it came here.
#[derive(Debug, Clone)]
pub struct Life {
    pub status: Status,
    pub assignee: Option<String>,
    pub routed_by: Option<String>,
    pub escalated_to: Option<String>,
    pub pending_reply_by: Option<String>,
    pub clock: Option<ClockBase>,
    pub updated_at: DateTime<Utc>,
    pub events: Vec<PastEvent>,
}

#[derive(Debug, Clone)]
pub struct PastEvent {
    pub at: DateTime<Utc>,
    pub recorded_at: Option<DateTime<Utc>>,
    pub actor: String,
    pub kind: EventKind,
    pub status: Status,
    pub details: Value,
    pub batch: Option<String>,
}

/// A record that was not imported: where it is, why (the field first), and what it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub line: u64,
    pub reason: String,
    pub raw: String,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

/// What a format reader hands over: a record, or one it could not read.
#[derive(Debug, Clone)]
pub enum Parsed {
    Record(Box<Incoming>),
    Bad(Rejection),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportReport {
    pub imported: u64,
    pub unchanged: u64,
    pub updated: u64,
    pub rejected: Vec<Rejection>,
    pub seconds: f64,
}

impl ImportReport {
    pub fn records(&self) -> u64 {
        self.imported + self.unchanged + self.updated + self.rejected.len() as u64
    }
}

/// A new complaint as written.
pub(crate) struct NewRow {
    pub id: ComplaintId,
    pub new: NewComplaint,
    pub status: Status,
    pub kategori_id: Option<i64>,
    pub instansi_id: InstansiId,
    pub instansi_path: String,
    pub assignee: Option<OfficerId>,
    pub routed_by: Option<InstansiId>,
    pub escalated_to: Option<InstansiId>,
    pub pending_reply_by: Option<OfficerId>,
    pub received_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub clock: Option<ClockBase>,
    pub breach_at: Option<i64>,
    pub close_at: Option<i64>,
    pub source: String,
    pub source_id: String,
    pub digest: String,
    pub source_status: Option<String>,
    pub events: Vec<EventRow>,
}

pub(crate) struct EventRow {
    pub at: i64,
    pub recorded_at: Option<i64>,
    pub actor_id: OfficerId,
    pub actor: String,
    pub kind: EventKind,
    pub status: Status,
    pub details: String,
    pub batch: Option<String>,
    pub version: i64,
}

/// New content for a complaint imported before.
pub(crate) struct ContentChange {
    pub id: ComplaintId,
    pub version: i64,
    pub status: Status,
    pub new: NewComplaint,
    pub kategori_id: Option<i64>,
    pub at: i64,
    pub actor_id: OfficerId,
    pub actor: String,
    pub details: String,
}

/// What a re-delivered report may change, as the complaint holds it now.
#[derive(sqlx::FromRow)]
pub(crate) struct CurrentContent {
    pub judul: String,
    pub isi: String,
    pub lokasi: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub tanggal_kejadian: Option<String>,
    pub tags: String,
    pub kategori_id: Option<i64>,
}

/// The import's one transaction, on either backend.
enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Runs the same `ops` function inside the import's transaction, whichever backend it is on.
macro_rules! on_tx {
    ($tx:expr, $doing:expr, $f:ident ( $($arg:expr),* $(,)? )) => {
        match &mut $tx {
            Tx::Sqlite(t) => $crate::store::on_sqlite::$f(&mut **t, $($arg),*).await,
            Tx::Postgres(t) => $crate::store::on_postgres::$f(&mut **t, $($arg),*).await,
        }
        .map_err(|e| StoreError::database($doing, e))
    };
}

/// New complaints written per statement batch.
const ROWS_PER_FLUSH: usize = 500;

struct Known {
    id: ComplaintId,
    digest: Option<String>,
    status: Option<String>,
}

/// One import under way.
struct Run<'a> {
    store: &'a Store,
    actor: &'a Actor,
    options: &'a ImportOptions,
    reference: Arc<Reference>,
    now: DateTime<Utc>,
    tx: Tx,
    known: HashMap<String, Known>,
    taken: HashSet<ComplaintId>,
    next_id: ComplaintId,
    officers: HashMap<String, OfficerId>,
    instansi: HashMap<String, std::result::Result<Instansi, String>>,
    kategori: HashMap<String, std::result::Result<i64, String>>,
    named: HashMap<String, std::result::Result<InstansiId, String>>,
    /// Every instansi by its code and by its name, lower-cased (index into the reference).
    exact: HashMap<String, usize>,
    /// (kind, from, to) of every move `plan` accepts for some role (`domain::moves`).
    legal: HashSet<(&'static str, Status, Status)>,
    pending: Vec<NewRow>,
    /// The reports this import wrote or changed: their monev facts are computed before it commits.
    touched: Vec<ComplaintId>,
    report: ImportReport,
}

impl Store {
    /// Imports the records `records` delivers, in one transaction. With `skip_bad`, bad records
    /// are reported and the rest imported; without, the first bad record stops the import and
    /// nothing is written. `progress` is told how many records are done after each batch.
    pub async fn import(
        &self,
        actor: &Actor,
        options: &ImportOptions,
        mut records: tokio::sync::mpsc::Receiver<Vec<Parsed>>,
        progress: &(dyn Fn(u64) + Sync),
    ) -> Result<ImportReport> {
        let started = std::time::Instant::now();
        if let Err(d) = access::may_import(actor, &actor.instansi_path) {
            return Err(StoreError::Denied(format!(
                "{} may not import reports: {d} (an admin imports into their instansi's subtree)",
                actor.username
            )));
        }
        // Imported history (past events, any status, other officers' moves) is written as it
        // happened elsewhere: on PostgreSQL only the owner, which the policies let write it.
        if !self.may_sweep().await? {
            return Err(StoreError::Denied(
                "on PostgreSQL an import writes history that no officer's own moves made: run it as the database owner, acting --as an admin".into(),
            ));
        }
        let tx = match &self.backend {
            Backend::Sqlite(pool) => Tx::Sqlite(
                super::on_sqlite::import_begin(pool)
                    .await
                    .map_err(|e| StoreError::database("starting the import", e))?,
            ),
            Backend::Postgres(pool) => Tx::Postgres(
                super::on_postgres::import_begin(pool)
                    .await
                    .map_err(|e| StoreError::database("starting the import", e))?,
            ),
        };
        let mut run = Run {
            store: self,
            actor,
            options,
            reference: self.reference(),
            now: Utc::now(),
            tx,
            known: HashMap::new(),
            taken: HashSet::new(),
            next_id: 0,
            officers: HashMap::new(),
            instansi: HashMap::new(),
            kategori: HashMap::new(),
            named: HashMap::new(),
            exact: HashMap::new(),
            legal: legal_moves(),
            pending: Vec::new(),
            touched: Vec::new(),
            report: ImportReport::default(),
        };
        run.load().await?;
        if options.large {
            on_tx!(
                run.tx,
                "dropping indexes before a large import",
                import_drop_indexes()
            )?;
        }
        while let Some(batch) = records.recv().await {
            for parsed in batch {
                let outcome = match parsed {
                    Parsed::Record(incoming) => run.one(*incoming).await?,
                    Parsed::Bad(rejection) => Err(rejection),
                };
                if let Err(rejection) = outcome {
                    if !options.skip_bad {
                        return Err(StoreError::Invalid(format!(
                            "{rejection}; nothing was imported (--skip-bad FILE imports the rest and writes the rejects there)"
                        )));
                    }
                    run.report.rejected.push(rejection);
                }
            }
            run.flush().await?;
            progress(run.report.records());
        }
        run.flush().await?;
        if options.large {
            on_tx!(
                run.tx,
                "building indexes after a large import",
                import_build_indexes()
            )?;
        }
        let reference = self.reference();
        let touched = std::mem::take(&mut run.touched);
        on_tx!(
            run.tx,
            "computing the imported reports' monev figures",
            refresh_facts_of(&reference, &touched)
        )?;
        on_tx!(run.tx, "finishing the import", import_finish())?;
        match run.tx {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
        .map_err(|e| StoreError::database("committing the import", e))?;
        let mut report = run.report;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}

impl Run<'_> {
    /// What the import needs to know before the first record: the source's reports, the tracking
    /// numbers in use, the officers.
    async fn load(&mut self) -> Result<()> {
        let source = self.options.source.clone();
        for (source_id, id, digest, status) in on_tx!(
            self.tx,
            "reading the reports this source delivered before",
            import_known(&source)
        )? {
            self.known.insert(source_id, Known { id, digest, status });
        }
        let (ids, high) = on_tx!(
            self.tx,
            "reading the tracking numbers in use",
            import_taken_ids()
        )?;
        self.taken = ids.into_iter().collect();
        self.next_id = high;
        for (i, inst) in self.reference.instansi.iter().enumerate() {
            // The first that matches, as the intake's resolution finds it.
            self.exact.entry(inst.code.to_lowercase()).or_insert(i);
            self.exact.entry(inst.name.to_lowercase()).or_insert(i);
        }
        self.officers = on_tx!(self.tx, "reading the officers", import_officers())?
            .into_iter()
            .collect();
        Ok(())
    }

    async fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.pending);
        self.touched.extend(rows.iter().map(|r| r.id));
        let impersonator = self.store.impersonator.clone();
        on_tx!(
            self.tx,
            "writing imported reports",
            import_insert(&rows, impersonator.as_deref())
        )?;
        if rows.len() >= ROWS_PER_FLUSH {
            self.pending = Vec::with_capacity(ROWS_PER_FLUSH);
        }
        Ok(())
    }

    /// Imports one record. The outer error stops the import (the database failed); the inner one
    /// rejects the record.
    async fn one(&mut self, mut inc: Incoming) -> Result<std::result::Result<(), Rejection>> {
        let line = inc.line;
        let raw = inc.raw.clone();
        let reject = |reason: String| Rejection {
            line,
            reason,
            raw: raw.clone(),
        };
        let checked = match self.check(&mut inc) {
            Ok(checked) => checked,
            Err(reason) => return Ok(Err(reject(reason))),
        };
        let digest = digest(&checked.new, inc.source_status.as_deref());
        let known = self
            .known
            .get(&inc.source_id)
            .map(|k| (k.id, k.digest.clone(), k.status.clone()));
        match known {
            Some((_, Some(d), _)) if d == digest => {
                self.report.unchanged += 1;
                Ok(Ok(()))
            }
            Some((id, _, previous_status)) => {
                // A report of this file may be the one re-delivered: it is written first.
                self.flush().await?;
                match self
                    .redelivered(id, &inc, checked, &digest, previous_status)
                    .await?
                {
                    Ok(changed) => {
                        if let Some(k) = self.known.get_mut(&inc.source_id) {
                            k.digest = Some(digest);
                            k.status = inc.source_status.clone();
                        }
                        if changed {
                            self.report.updated += 1;
                        } else {
                            self.report.unchanged += 1;
                        }
                        Ok(Ok(()))
                    }
                    Err(reason) => Ok(Err(reject(reason))),
                }
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
                    self.pending.push(row);
                    self.report.imported += 1;
                    if self.pending.len() >= ROWS_PER_FLUSH {
                        self.flush().await?;
                    }
                    Ok(Ok(()))
                }
                Err(reason) => Ok(Err(reject(reason))),
            },
        }
    }

    /// The intake's checks on a record: where it goes, who may put it there, the input rules.
    fn check(&mut self, inc: &mut Incoming) -> std::result::Result<Checked, String> {
        if inc.source_id.trim().is_empty() {
            return Err("id: the record has no id at its source".into());
        }
        let instansi = self.instansi(inc.new.instansi.as_deref().unwrap_or(""))?;
        access::may_import(self.actor, &instansi.path).map_err(|d| {
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

    fn instansi(&mut self, name: &str) -> std::result::Result<Instansi, String> {
        if let Some(found) = self.instansi.get(name) {
            return found.clone();
        }
        // An exact code or name (what exports carry) is looked up; anything else is resolved as
        // the intake resolves it, within the importer's reach.
        if let Some(&i) = self.exact.get(&name.trim().to_lowercase())
            && access::in_subtree(self.actor, &self.reference.instansi[i].path)
        {
            let found = Ok(self.reference.instansi[i].clone());
            self.instansi.insert(name.to_string(), found.clone());
            return found;
        }
        let found = self
            .store
            .receiving_instansi(self.actor, Some(name))
            .map_err(|e| format!("instansi: {e}"));
        self.instansi.insert(name.to_string(), found.clone());
        found
    }

    fn kategori(&mut self, name: &str) -> std::result::Result<i64, String> {
        if let Some(found) = self.kategori.get(name) {
            return found.clone();
        }
        let found = resolve::category(&self.reference.categories, name)
            .map(|c| c.id)
            .map_err(|e| format!("kategori: {e}"));
        self.kategori.insert(name.to_string(), found.clone());
        found
    }

    fn officer(
        &self,
        field: &str,
        name: &Option<String>,
    ) -> std::result::Result<Option<OfficerId>, String> {
        match name {
            None => Ok(None),
            Some(name) => self.officers.get(name).copied().map(Some).ok_or_else(|| {
                format!("{field}: unknown officer '{name}' (add the officer before importing)")
            }),
        }
    }

    /// An instansi named by the history (routed by, escalated to), by its exact code or name.
    fn instansi_named(
        &mut self,
        field: &str,
        name: &Option<String>,
    ) -> std::result::Result<Option<InstansiId>, String> {
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

    fn fresh_id(&mut self, keep: Option<ComplaintId>) -> ComplaintId {
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

/// What a record's content is left as once the checks took it.
fn empty() -> NewComplaint {
    NewComplaint {
        judul: String::new(),
        isi: String::new(),
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Api,
        tanggal_kejadian: None,
        lokasi: None,
        lat: None,
        lon: None,
        kategori: None,
        tags: Vec::new(),
        anonim: false,
        rahasia: false,
        reporter: Reporter::default(),
        attachments: Vec::new(),
        instansi: None,
        received_at: None,
    }
}

/// A record that passed the intake's checks.
struct Checked {
    new: NewComplaint,
    instansi: Instansi,
    kategori_id: Option<i64>,
    original: serde_json::Map<String, Value>,
}

/// (kind, from, to) of every move `plan` accepts for some role (`domain::moves`), and the
/// sweep's closing of an answered report, which no officer makes (`plan` keeps it for the sweep).
fn legal_moves() -> HashSet<(&'static str, Status, Status)> {
    let mut legal: HashSet<_> = crate::domain::moves::legal_moves()
        .0
        .into_iter()
        .map(|m| (m.kind, m.from, m.to))
        .collect();
    legal.insert((
        EventKind::AutoClose.as_code(),
        Status::Ditanggapi,
        Status::Selesai,
    ));
    legal
}

/// A digest of what a re-delivery may change (content and the source's status): the same digest
/// again means nothing happened at the source. FNV-1a over the fields as JSON.
fn digest(new: &NewComplaint, source_status: Option<&str>) -> String {
    let fields = json!([
        new.judul,
        new.isi,
        new.lokasi,
        new.lat,
        new.lon,
        new.tanggal_kejadian,
        new.tags,
        new.kategori,
        source_status
    ]);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in fields.to_string().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

mod new_rows;
mod redelivery;
