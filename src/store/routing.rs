//! `meja suggest`: the instansi a report awaiting disposition most likely goes to, from where
//! this desk disposed the reports most like it (`ops/routing.rs`), the names in its text and its
//! place (`domain::routing`, which weighs them).

use super::{Result, Store, StoreError, on_backend, resolve};
use crate::domain::access;
use crate::domain::filter::Filter;
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId};
use crate::domain::routing::{self, Suggestion};
use crate::domain::*;
use chrono::Utc;
use std::collections::{HashMap, HashSet};

/// How many of the best text matches are read for their dispositions (as for merge suggestions).
const CANDIDATES: u32 = 400;
/// How many words make the full-text query: the title's, and the body's only when the title has
/// fewer than `FEW` (a body's common words match most reports: ranking them costs 135 ms on 100k
/// reports against 17 ms for the title's, and they add noise, not signal).
const WORDS: usize = 8;
const FEW: usize = 3;

impl Store {
    /// The three instansi the actor may dispose `id` to that are most likely right, each with its
    /// reasons. Only for a report awaiting disposition (new, verified, returned, or disposed to
    /// a regional desk that forwards it).
    pub async fn suggest(&self, actor: &Actor, id: ComplaintId) -> Result<Vec<Suggestion>> {
        let c = self.complaint(actor, id).await?;
        if !matches!(
            c.status,
            Status::Baru | Status::Terverifikasi | Status::BukanWewenang | Status::Didisposisikan
        ) {
            return Err(StoreError::Invalid(format!(
                "#{id} is not awaiting disposition (it is {})",
                c.status
            )));
        }
        self.suggest_held_out(actor, &c, c.instansi_id, &HashSet::new())
            .await
    }

    /// The suggestion for `c` as if it were at `desk` awaiting disposition, not counting the
    /// dispositions of `held_out` (the routing bench measures on reports disposed already, each
    /// judged without the tenth of them it holds out).
    pub async fn suggest_held_out(
        &self,
        actor: &Actor,
        c: &Complaint,
        desk: InstansiId,
        held_out: &HashSet<ComplaintId>,
    ) -> Result<Vec<Suggestion>> {
        let mut words = resolve::title_words(&c.judul);
        if words.len() < FEW {
            for w in resolve::title_words(&c.isi) {
                if !words.contains(&w) {
                    words.push(w);
                }
            }
        }
        words.truncate(WORDS);
        let scope = self.scope(actor, &Filter::default(), Utc::now())?;
        let events = on_backend!(
            self,
            "finding where similar reports went",
            disposed_like(&scope, c.id, &words, desk, CANDIDATES)
        )?;
        let reference = self.reference();
        let mut by_name: HashMap<&str, Option<InstansiId>> = HashMap::new();
        for i in &reference.instansi {
            by_name
                .entry(i.name.as_str())
                .and_modify(|e| *e = None)
                .or_insert(Some(i.id));
        }
        // Each similar report counts once: where this desk first sent it.
        let mut seen = HashSet::new();
        let mut went: Vec<InstansiId> = Vec::new();
        for (complaint, details) in events {
            if held_out.contains(&complaint) || !seen.insert(complaint) {
                continue;
            }
            let to = serde_json::from_str::<serde_json::Value>(&details)
                .ok()
                .and_then(|d| d.get("to").and_then(|t| t.as_str()).map(str::to_string));
            if let Some(id) = to.and_then(|t| by_name.get(t.as_str()).copied().flatten()) {
                went.push(id);
            }
        }
        let may_dispose = |i: &Instansi| access::may_dispose_into(actor, &i.path).is_ok();
        let tree = routing::Tree {
            instansi: &reference.instansi,
            names: reference.names()?,
            may_dispose: &may_dispose,
        };
        let report = routing::Report {
            judul: &c.judul,
            isi: &c.isi,
            lokasi: c.lokasi.as_deref(),
            holder: desk,
        };
        Ok(routing::suggest(&tree, &report, &went))
    }
}
