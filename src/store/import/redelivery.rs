//! A record delivered again with new content. What may change is what the source knows better
//! than meja: the report's text and particulars (judul, isi, lokasi, lat/lon, tanggal_kejadian,
//! tags, kategori). They change with one event, a note by the importing admin that says what
//! changed, old and new (`details.import.changes`), so the log keeps both. Routing, the reporter,
//! the classification and the history are meja's once a report is here. A status the source moved
//! becomes a move only through `lifecycle::plan`: closed at the source closes an answered report
//! (`close`), open again reopens a finished one (`reopen`); any other move is refused with plan's
//! reason, naming the field `status`.

use super::{ContentChange, Incoming, Run, Tx, Wanted};
use crate::domain::lifecycle::{self, Action};
use crate::domain::*;
use crate::store::{StoreError, ms, resolve};
use serde_json::{Map, Value, json};

impl Run<'_> {
    /// Ok(Ok(true)): something was recorded; Ok(Ok(false)): nothing to record; Ok(Err): the
    /// record is rejected and nothing of it written.
    pub(super) async fn redelivered(
        &mut self,
        id: lifecycle::ComplaintId,
        inc: &Incoming,
        checked: super::Checked,
        digest: &str,
        previous_status: Option<String>,
    ) -> crate::store::Result<Result<bool, String>> {
        let Some((content, mut state)) = on_tx!(
            self.tx,
            "reading the imported report again",
            import_content(id)
        )?
        else {
            return Ok(Err(format!("id: #{id}, imported before, is gone")));
        };
        if crate::domain::access::may_see(self.actor, state.sighting()).is_err() {
            return Ok(Err(format!(
                "id: the report was imported before as #{id}, which is outside your part of the instansi tree"
            )));
        }
        let reference = std::sync::Arc::clone(&self.reference);
        // The move the source's new status asks for, judged before anything is written.
        let status_moved = inc.source_status.is_some() && inc.source_status != previous_status;
        let wanted_move = match inc.wanted.filter(|_| status_moved) {
            None => None,
            Some(wanted) => match move_for(state.status, wanted) {
                Ok(action) => action,
                Err(reason) => return Ok(Err(reason)),
            },
        };
        if let Some(action) = &wanted_move {
            let facts = state.facts(&reference, self.now);
            if let Err(refusal) = lifecycle::plan(&facts, self.actor, action) {
                return Ok(Err(format!(
                    "status: the source says {}, but {} #{id} is refused: {refusal}",
                    inc.source_status.as_deref().unwrap_or_default(),
                    action.kind()
                )));
            }
        }
        let new = &checked.new;
        let mut changes = Map::new();
        let mut put = |field: &str, old: Value, new: Value| {
            if old != new {
                changes.insert(field.into(), json!({ "old": old, "new": new }));
            }
        };
        put("judul", json!(content.judul), json!(new.judul));
        put("isi", json!(content.isi), json!(new.isi));
        put("lokasi", json!(content.lokasi), json!(new.lokasi));
        put("lat", json!(content.lat), json!(new.lat));
        put("lon", json!(content.lon), json!(new.lon));
        put(
            "tanggal_kejadian",
            json!(content.tanggal_kejadian),
            json!(new.tanggal_kejadian.map(|d| d.to_string())),
        );
        let old_tags: Value = serde_json::from_str(&content.tags).unwrap_or(json!([]));
        put("tags", old_tags, json!(new.tags));
        put(
            "kategori_id",
            json!(content.kategori_id),
            json!(checked.kategori_id),
        );
        let mut recorded = false;
        if !changes.is_empty() {
            let fields: Vec<&str> = changes.keys().map(String::as_str).collect();
            let body = format!(
                "Diperbarui dari {} ({}): {}",
                self.options.source,
                inc.source_id,
                fields.join(", ")
            );
            let facts = state.facts(&reference, self.now);
            let note = Action::Note { body: body.clone() };
            if let Err(refusal) = lifecycle::plan(&facts, self.actor, &note) {
                return Ok(Err(format!("id: #{id}: {refusal}")));
            }
            let mut import = json!({
                "source": self.options.source,
                "id": inc.source_id,
                "changes": Value::Object(changes),
            });
            if !checked.original.is_empty() {
                import["original"] = Value::Object(checked.original.clone());
            }
            let change = ContentChange {
                id,
                version: state.version,
                status: state.status,
                new: checked.new.clone(),
                kategori_id: checked.kategori_id,
                at: ms(self.now),
                actor_id: self.actor.id,
                actor: self.actor.username.clone(),
                details: json!({ "body": body, "import": import }).to_string(),
            };
            let impersonator = self.store.impersonator.clone();
            on_tx!(
                self.tx,
                "recording the new content of an imported report",
                import_change(&change, impersonator.as_deref())
            )?;
            state.version += 1;
            self.touched.push(id);
            recorded = true;
        }
        if let Some(action) = wanted_move {
            // Judged again on the complaint as it is now (the note above changed its version).
            let Some((_, state)) = on_tx!(
                self.tx,
                "reading the imported report again",
                import_content(id)
            )?
            else {
                return Ok(Err(format!("id: #{id}, imported before, is gone")));
            };
            let facts = state.facts(&reference, self.now);
            let transition = match lifecycle::plan(&facts, self.actor, &action) {
                Ok(t) => t,
                Err(refusal) => return Ok(Err(format!("status: {refusal}"))),
            };
            let write = resolve::write_for(
                &reference,
                &state,
                &action,
                &transition,
                self.actor,
                self.now,
                self.now,
            );
            let impersonator = self.store.impersonator.clone();
            let written = on_tx!(
                self.tx,
                "moving an imported report as its source did",
                write_move(&write, impersonator.as_deref(), None, &reference)
            )?;
            if written.is_none() {
                return Err(StoreError::Conflict(format!(
                    "#{id} was changed by someone else during the import: import again"
                )));
            }
            recorded = true;
        }
        let status = inc.source_status.clone();
        on_tx!(
            self.tx,
            "remembering what the source delivered",
            import_remember(id, digest, status.as_deref())
        )?;
        Ok(Ok(recorded))
    }
}

/// The move that brings a report where its source says it is, if any is needed.
fn move_for(current: Status, wanted: Wanted) -> Result<Option<Action>, String> {
    let reason = "ditutup di sumbernya".to_string();
    let close = || Action::Close {
        note: reason.clone(),
    };
    let reopen = || Action::Reopen {
        reason: "dibuka kembali di sumbernya".into(),
    };
    Ok(match wanted {
        Wanted::Closed | Wanted::Status(Status::Selesai) if current.is_closed() => None,
        Wanted::Closed | Wanted::Status(Status::Selesai) => Some(close()),
        Wanted::Open if current == Status::Selesai => Some(reopen()),
        Wanted::Open => None,
        Wanted::Status(s) if s == current => None,
        Wanted::Status(s) if current == Status::Selesai && !s.is_closed() => Some(reopen()),
        Wanted::Status(s) => {
            return Err(format!(
                "status: the source moved the report to {s}; meja is at {current}, and an import makes only the close and reopen moves (meja's verbs make the others)"
            ));
        }
    })
}
