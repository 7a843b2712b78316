//! `meja import`: reports from another system, one complaint per record, in one transaction. A
//! record names its source's id; the pair (source, source id) is stored with the complaint
//! (migration 0007), so re-delivery is idempotent: the same record again changes nothing, new
//! content is recorded by an event saying what changed (old and new), and a status the source moved
//! becomes a move only when `lifecycle::plan` allows it. Every new record passes the intake's
//! input rules (`domain::input`, HTML made plain with the original kept in the first event); a
//! record that breaks them is named by its line and field. On SQLite the rows go in through the
//! connection's own handle, a prepared statement per table (`sqlite_rows`); on PostgreSQL as
//! UNNEST inserts (`pg`). A large import builds its indexes once at the end.

use super::{Backend, Reference, Result, Store, StoreError};
use crate::domain::access;
use crate::domain::clock::ClockBase;
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId, OfficerId};
use crate::domain::*;
use chrono::{DateTime, Utc};
use serde_json::Value;
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
    /// The record as the source wrote it, for the rejects file (nothing when not needed).
    pub raw: AsWritten,
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

/// A record as its source wrote it, kept for the rejects file: its own text, or its place in the
/// text of the lines read with it. A copy of every line was an allocation of a few kilobytes per
/// record on the reading thread, for the few records ever rejected (issue 14).
#[derive(Debug, Clone, Default)]
pub struct AsWritten {
    lines: Option<Arc<String>>,
    span: std::ops::Range<usize>,
}

impl AsWritten {
    pub fn own(text: String) -> AsWritten {
        AsWritten {
            span: 0..text.len(),
            lines: Some(Arc::new(text)),
        }
    }

    /// The record at `span` of `lines` (the text of the records read with it).
    pub fn within(lines: &Arc<String>, span: std::ops::Range<usize>) -> AsWritten {
        AsWritten {
            lines: Some(Arc::clone(lines)),
            span,
        }
    }

    pub fn text(&self) -> &str {
        self.lines
            .as_deref()
            .and_then(|lines| lines.get(self.span.clone()))
            .unwrap_or_default()
    }
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
    /// As the source wrote them (stored as the log holds details, `details`).
    pub details: Details,
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
    /// The stemmed judul and isi (`stem::stem_text`), the search columns.
    pub words: (String, String),
    /// The report's monev fact, written with it.
    pub fact: Option<crate::domain::monev::fact::Fact>,
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
/// Batches of prepared records waiting for the writer.
const STEPS_AHEAD: usize = 4;

/// One import under way: the writer's side (the records are prepared on a thread of their own,
/// `prepare`).
struct Run<'a> {
    store: &'a Store,
    actor: &'a Actor,
    options: &'a ImportOptions,
    reference: Arc<Reference>,
    now: DateTime<Utc>,
    tx: Tx,
    /// What this import recorded for a report delivered again (the preparing stage knows what
    /// was there before the import).
    again: HashMap<String, Known>,
    pending: Vec<NewRow>,
    /// The reports this import changed: their monev facts are computed again before it commits
    /// (a new report's is written with it).
    touched: Vec<ComplaintId>,
    /// Whether a report delivered again was changed (its figures moved).
    rewrote: bool,
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
        records: tokio::sync::mpsc::Receiver<Vec<Parsed>>,
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
                super::on_sqlite::import_begin(pool, options.large)
                    .await
                    .map_err(|e| StoreError::database("starting the import", e))?,
            ),
            Backend::Postgres(pool) => Tx::Postgres(
                super::on_postgres::import_begin(pool, options.large)
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
            again: HashMap::new(),
            pending: Vec::new(),
            touched: Vec::new(),
            rewrote: false,
            report: ImportReport::default(),
        };
        let prep = run.load().await?;
        if let (Tx::Sqlite(t), false) = (&mut run.tx, options.large) {
            sqlite_rows::pause_word_trigger(t)
                .await
                .map_err(|e| StoreError::database("starting the import", e))?;
        }
        let (mut restore, mut resum) = (Vec::new(), false);
        if options.large {
            restore = on_tx!(
                run.tx,
                "dropping indexes before a large import",
                import_drop_indexes()
            )?;
            // The monev sums are added once before it commits, not fact by fact.
            resum = on_tx!(
                run.tx,
                "pausing the monev sums for a large import",
                rollups_pause()
            )?;
        }
        // Checking and preparing the records runs beside the writing.
        let (steps_tx, mut steps) = tokio::sync::mpsc::channel(STEPS_AHEAD);
        let preparing = tokio::task::spawn_blocking(move || prepare::run(prep, records, steps_tx));
        while let Some(batch) = steps.recv().await {
            for step in batch {
                if let Err(rejection) = run.step(step).await? {
                    if !options.skip_bad {
                        return Err(StoreError::Invalid(format!(
                            "{rejection}; nothing was imported (--skip-bad FILE imports the rest and writes the rejects there)"
                        )));
                    }
                    run.report.rejected.push(rejection);
                }
            }
            progress(run.report.records());
        }
        // The records ended, or the preparing stage failed: only the first may commit.
        let sums = preparing.await.map_err(|e| {
            StoreError::Invalid(format!(
                "preparing the records failed ({e}); nothing was imported"
            ))
        })?;
        run.flush().await?;
        if options.large {
            on_tx!(
                run.tx,
                "building indexes after a large import",
                import_build_indexes(&restore)
            )?;
        }
        let reference = self.reference();
        let touched = std::mem::take(&mut run.touched);
        on_tx!(
            run.tx,
            "computing the re-delivered reports' monev figures",
            refresh_facts_of(&reference, &touched)
        )?;
        if options.large {
            // The new reports' sums are added; a report delivered again moved figures the
            // triggers, standing aside, did not follow: then every sum is computed again.
            match sums {
                Some(sums) if !resum && !run.rewrote => match &mut run.tx {
                    Tx::Sqlite(t) => sqlite_rows::add_sums(t, &sums).await,
                    Tx::Postgres(t) => pg::add_sums(t, &sums).await,
                }
                .map_err(|e| {
                    StoreError::database("adding the imported reports' monev figures", e)
                })?,
                _ => on_tx!(run.tx, "summing the monev figures", rollups_resum())?,
            }
        }
        if let (Tx::Sqlite(t), false) = (&mut run.tx, options.large) {
            sqlite_rows::resume_word_trigger(t)
                .await
                .map_err(|e| StoreError::database("finishing the import", e))?;
        }
        on_tx!(run.tx, "finishing the import", import_finish())?;
        match run.tx {
            Tx::Sqlite(t) => t.commit().await,
            Tx::Postgres(t) => t.commit().await,
        }
        .map_err(|e| StoreError::database("committing the import", e))?;
        if let (true, Backend::Postgres(pool)) = (options.large, &self.backend) {
            pg::vacuum(pool, self.pooler).await.map_err(|e| {
                StoreError::database(
                    "vacuuming and analysing the tables after the import (which is committed)",
                    e,
                )
            })?;
        }
        let mut report = run.report;
        report.seconds = started.elapsed().as_secs_f64();
        Ok(report)
    }
}

impl Run<'_> {
    /// What the import needs to know before the first record: the source's reports, the tracking
    /// numbers in use, the officers; handed to the preparing stage.
    async fn load(&mut self) -> Result<Prep> {
        let source = self.options.source.clone();
        let mut known = HashMap::new();
        for (source_id, id, digest, status) in on_tx!(
            self.tx,
            "reading the reports this source delivered before",
            import_known(&source)
        )? {
            known.insert(source_id, Known { id, digest, status });
        }
        let (ids, high) = on_tx!(
            self.tx,
            "reading the tracking numbers in use",
            import_taken_ids()
        )?;
        let mut exact = HashMap::new();
        for (i, inst) in self.reference.instansi.iter().enumerate() {
            // The first that matches, as the intake's resolution finds it.
            exact.entry(inst.code.to_lowercase()).or_insert(i);
            exact.entry(inst.name.to_lowercase()).or_insert(i);
        }
        let (mut officers, mut zones) = (HashMap::new(), HashMap::new());
        for (username, id, zone) in on_tx!(self.tx, "reading the officers", import_officers())? {
            officers.insert(username, id);
            zones.insert(id, sums::zone_offset(&zone));
        }
        Ok(Prep {
            store: self.store.clone(),
            actor: self.actor.clone(),
            source,
            reference: Arc::clone(&self.reference),
            now: self.now,
            known,
            again: HashSet::new(),
            taken: ids.into_iter().collect(),
            next_id: high,
            officers,
            instansi: HashMap::new(),
            kategori: HashMap::new(),
            named: HashMap::new(),
            exact,
            legal: legal_moves(),
            zones,
            sums: self.options.large.then(Sums::default),
        })
    }

    /// Writes the reports waiting.
    async fn flush(&mut self) -> Result<()> {
        let rows = std::mem::take(&mut self.pending);
        let written = rows.len();
        let impersonator = self.store.impersonator.clone();
        match &mut self.tx {
            Tx::Sqlite(t) => {
                // A large import indexes every report's words at the end instead.
                let index_words = !self.options.large;
                sqlite_rows::insert_rows(t, &rows, impersonator.as_deref(), index_words).await
            }
            Tx::Postgres(t) if rows.is_empty() => Ok(()),
            Tx::Postgres(t) => pg::insert(t, &rows, impersonator.as_deref()).await,
        }
        .map_err(|e| StoreError::database("writing imported reports", e))?;
        if written >= ROWS_PER_FLUSH {
            self.pending = Vec::with_capacity(ROWS_PER_FLUSH);
        }
        Ok(())
    }

    /// Writes one prepared record. The outer error stops the import (the database failed); the
    /// inner one rejects the record.
    async fn step(&mut self, step: Step) -> Result<std::result::Result<(), Rejection>> {
        match step {
            Step::Rejected(rejection) => return Ok(Err(rejection)),
            Step::Unchanged => self.report.unchanged += 1,
            Step::New(row) => {
                self.pending.push(*row);
                self.report.imported += 1;
                if self.pending.len() >= ROWS_PER_FLUSH {
                    self.flush().await?;
                }
            }
            Step::Again(again) => return self.again(*again).await,
        }
        Ok(Ok(()))
    }

    /// A report delivered before: unchanged since the last delivery, or recorded again.
    async fn again(&mut self, again: Again) -> Result<std::result::Result<(), Rejection>> {
        let Again {
            id,
            inc,
            checked,
            digest,
            before,
        } = again;
        let last = self.again.get(&inc.source_id).unwrap_or(&before);
        if last.digest.as_deref() == Some(digest.as_str()) {
            self.report.unchanged += 1;
            return Ok(Ok(()));
        }
        let previous_status = last.status.clone();
        // A report of this file may be the one re-delivered: it is written first.
        self.flush().await?;
        match self
            .redelivered(id, &inc, checked, &digest, previous_status)
            .await?
        {
            Ok(changed) => {
                self.again.insert(
                    inc.source_id.clone(),
                    Known {
                        id,
                        digest: Some(digest),
                        status: inc.source_status.clone(),
                    },
                );
                if changed {
                    self.rewrote = true;
                    self.report.updated += 1;
                } else {
                    self.report.unchanged += 1;
                }
                Ok(Ok(()))
            }
            Err(reason) => Ok(Err(Rejection {
                line: inc.line,
                reason,
                raw: inc.raw.text().to_string(),
            })),
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

mod details;
mod digest;
mod new_rows;
mod pg;
mod prepare;
mod redelivery;
mod sqlite_rows;
mod sums;

pub use details::Details;
use digest::digest;
use prepare::{Again, Known, Prep, Step};
pub(crate) use sums::{Sums, TALLY_COLUMNS, TALLY_SUMS};
