//! Acting on complaints: the intake of a new report, and every move on one, judged by
//! `lifecycle::plan` and written with its event in one transaction.

use super::{
    ActionOutcome, BulkOutcome, IntakeRow, Recording, Result, Store, StoreError, ms, on_backend,
    resolve,
};
use crate::domain::access::{self, Naming};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::clock::ClockBase;
use crate::domain::input;
use crate::domain::lifecycle::{self, Action, Actor, ComplaintId, Named};
use crate::domain::*;
use chrono::{DateTime, Utc};

impl Store {
    /// Records a complaint received by phone, letter, at the desk or by import.
    pub async fn intake(&self, actor: &Actor, new: NewComplaint) -> Result<Complaint> {
        let id = self.insert_new(actor, new, None).await?;
        self.complaint(actor, id).await
    }

    pub(crate) async fn insert_new(
        &self,
        actor: &Actor,
        new: NewComplaint,
        batch: Option<&str>,
    ) -> Result<ComplaintId> {
        let reference = self.reference();
        let instansi = self.receiving_instansi(actor, new.instansi.as_deref())?;
        let sighting = access::Sighting {
            instansi_path: &instansi.path,
            klasifikasi: new.klasifikasi,
        };
        if let Err(d) = access::may_record(actor, sighting) {
            return Err(StoreError::Denied(format!(
                "{} may not record a {} report for {}: {d}",
                actor.username, new.klasifikasi, instansi.name
            )));
        }
        // The input rules, the same for every surface and both backends (README, "Input rules").
        let context = input::IntakeContext {
            now: Utc::now(),
            zone: instansi.zone,
        };
        // What the source sent, when its markup was made plain: kept verbatim in the event.
        let original = [("judul", &new.judul), ("isi", &new.isi)]
            .into_iter()
            .filter(|(_, text)| {
                matches!(
                    crate::domain::markup::plain_text(text),
                    std::borrow::Cow::Owned(_)
                )
            })
            .map(|(field, text)| (field.to_string(), serde_json::Value::from(text.as_str())))
            .collect::<serde_json::Map<_, _>>();
        let new = input::check_complaint(new, &context)?;
        let kategori_id = match new.kategori.as_deref() {
            Some(name) => Some(resolve::category(&reference.categories, name)?.id),
            None => None,
        };
        let received_at = new.received_at.unwrap_or(context.now);
        let calendar = reference.calendars.for_instansi(instansi.id);
        let base = ClockBase::apply(
            None,
            ClockEffect::Start(ClockKind::Verifikasi),
            received_at,
            &instansi.deadlines,
            &calendar,
            instansi.zone,
        );
        let (breach_at, close_at) = cached_due(base.as_ref(), &calendar, instansi.zone);
        let row = IntakeRow {
            new: &new,
            kategori_id,
            instansi: &instansi,
            received_at: ms(received_at),
            base,
            breach_at,
            close_at,
        };
        let mut details = serde_json::json!({ "channel": new.channel, "instansi": instansi.name });
        if !original.is_empty() {
            details["original"] = serde_json::Value::Object(original);
        }
        on_backend!(
            self,
            "recording the new report",
            insert_intake(
                &row,
                actor,
                self.impersonator.as_deref(),
                &details.to_string(),
                batch,
                &self.reference()
            )
        )
    }

    /// Takes one action on one complaint. With `expected_version`, the action is refused as a
    /// conflict when the complaint changed since the caller read it; without, it applies to the
    /// current version and retries once if someone else wrote in between.
    pub async fn act(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
    ) -> Result<ActionOutcome> {
        self.act_at(actor, id, expected_version, action, None).await
    }

    /// Like `act`, recording that the action happened at `happened` (a reply given by phone
    /// yesterday, typed in today): never in the future, never before the complaint's latest
    /// event. The event keeps both times, and the clocks count from when it happened.
    pub async fn act_at(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        happened: Option<DateTime<Utc>>,
    ) -> Result<ActionOutcome> {
        self.act_in_batch(
            actor,
            id,
            expected_version,
            action,
            Recording {
                happened,
                ..Recording::at(Utc::now())
            },
        )
        .await
    }

    pub(crate) async fn act_in_batch(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        recording: Recording<'_>,
    ) -> Result<ActionOutcome> {
        let Recording {
            batch,
            happened,
            now,
        } = recording;
        // The input rules first: the same limits and control-character rule on every backend.
        let action = &action.clone().checked()?;
        let mut attempts = 0;
        loop {
            attempts += 1;
            // Visibility first: neither a version conflict nor a resolved target may tell that an
            // invisible complaint exists.
            let state = self.visible_state(actor, id).await?;
            if let Some(expected) = expected_version
                && expected != state.version
            {
                return Err(StoreError::Conflict(format!(
                    "#{id} changed since you read it (version {expected}, now {}): look at the new events and try again",
                    state.version
                )));
            }
            let reference = self.reference();
            // Times in refusals are said in the zone of the instansi holding the complaint.
            let zone = reference
                .instansi(state.instansi_id)
                .map_or(Zone::Wib, |i| i.zone);
            let at = match happened {
                // A minute's grace for clocks that disagree a little; beyond it, the future.
                Some(at) if at > now + chrono::Duration::minutes(1) => {
                    return Err(Refusal::AtInFuture { at, zone }.into());
                }
                Some(at) => at.min(now),
                None => now,
            };
            if happened.is_some()
                && let Some(previous) = state.last_event_at.filter(|p| at < *p)
            {
                return Err(Refusal::AtBeforePrevious { at, previous, zone }.into());
            }
            let resolved = self.resolve_action(actor, &state, action).await?;
            let facts = state.facts(&reference, at);
            let transition = lifecycle::plan(&facts, actor, &resolved).map_err(StoreError::from)?;
            let write =
                resolve::write_for(&reference, &state, &resolved, &transition, actor, at, now);
            match on_backend!(
                self,
                "writing the move and its event",
                apply_write(&write, self.impersonator.as_deref(), batch, &reference)
            )? {
                Some(outcome) => return Ok(outcome),
                None if expected_version.is_none() && attempts < 3 => continue,
                None => {
                    return Err(StoreError::Conflict(format!(
                        "#{id} was changed by someone else at the same moment: look at the new events and try again"
                    )));
                }
            }
        }
    }

    /// Acts on many complaints as one batch; each is accepted or refused on its own.
    pub async fn act_bulk(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        action: &Action<Named>,
    ) -> Result<BulkOutcome> {
        let batch = format!("b{}-{}", Utc::now().timestamp_millis(), actor.id);
        let mut done = Vec::new();
        let mut refused = Vec::new();
        for &id in ids {
            match self
                .act_in_batch(
                    actor,
                    id,
                    None,
                    action,
                    Recording {
                        batch: Some(&batch),
                        ..Recording::at(Utc::now())
                    },
                )
                .await
            {
                Ok(o) => done.push(o),
                Err(e @ (StoreError::Database(_) | StoreError::Io(_))) => return Err(e),
                Err(e) => refused.push((id, e)),
            }
        }
        Ok(BulkOutcome {
            batch,
            done,
            refused,
        })
    }

    pub(super) async fn resolve_action(
        &self,
        actor: &Actor,
        state: &resolve::State,
        action: &Action<Named>,
    ) -> Result<Action> {
        let reference = self.reference();
        Ok(match action {
            Action::Verify {
                changes,
                dispose_to,
            } => Action::Verify {
                changes: changes.clone(),
                dispose_to: match dispose_to {
                    Some(q) => Some(resolve::target(&self.find_instansi_for(actor, q)?)),
                    None => None,
                },
            },
            Action::Dispose { to } => Action::Dispose {
                to: resolve::target(&self.find_instansi_for(actor, to)?),
            },
            Action::Hold { until, reason } => Action::Hold {
                until: *until,
                reason: reason.clone(),
            },
            Action::Resume => Action::Resume,
            Action::ReturnNotAuthority { reason } => Action::ReturnNotAuthority {
                reason: reason.clone(),
            },
            Action::Archive { reason, note } => Action::Archive {
                reason: *reason,
                note: note.clone(),
            },
            Action::Claim => Action::Claim,
            Action::Assign { to } => {
                let o = self.officer_for(actor, to).await?;
                Action::Assign {
                    to: lifecycle::OfficerTarget {
                        id: o.id,
                        username: o.username,
                        role: o.role,
                        instansi_path: o.instansi_path,
                        active: o.active,
                    },
                }
            }
            Action::Unassign => Action::Unassign,
            Action::Reply { body } => Action::Reply { body: body.clone() },
            Action::Note { body } => Action::Note { body: body.clone() },
            Action::SubmitForApproval { body } => Action::SubmitForApproval { body: body.clone() },
            Action::Approve => Action::Approve,
            Action::SendBack { note } => Action::SendBack { note: note.clone() },
            Action::Escalate { to, reason } => {
                // Escalation goes up: the instansi above the complaint may be named too.
                let naming = Naming::Escalation {
                    complaint_path: &state.instansi_path,
                };
                let target = resolve::escalation_target(&reference, state, to, |q| {
                    resolve::instansi_for(&reference, actor, q, naming)
                })?;
                Action::Escalate {
                    to: target,
                    reason: reason.clone(),
                }
            }
            Action::Deescalate { note } => Action::Deescalate { note: note.clone() },
            Action::ReporterReply { body } => Action::ReporterReply { body: body.clone() },
            Action::Close { note } => Action::Close { note: note.clone() },
            Action::AutoClose => Action::AutoClose,
            Action::Reopen { reason } => Action::Reopen {
                reason: reason.clone(),
            },
            Action::Merge { into } => Action::Merge {
                into: self.complaint_target(actor, state.id, *into).await?,
            },
            Action::Link { other } => Action::Link {
                other: self.complaint_target(actor, state.id, *other).await?,
            },
        })
    }

    /// The complaint's state if the actor may see it; invisible and missing answer alike.
    pub(super) async fn visible_state(
        &self,
        actor: &Actor,
        id: ComplaintId,
    ) -> Result<resolve::State> {
        match on_backend!(self, "reading the complaint's state", load_state(id))? {
            Some(state) if access::may_see(actor, state.sighting()).is_ok() => Ok(state),
            _ => Err(not_found(id)),
        }
    }

    /// Of these complaints, those that exist and the actor may see, with what access needs.
    pub(super) async fn visible_sightings(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
    ) -> Result<Vec<(ComplaintId, String, Klasifikasi)>> {
        let mut found = on_backend!(self, "reading where complaints are", sightings(ids))?;
        found.retain(|(_, path, klasifikasi)| {
            let c = access::Sighting {
                instansi_path: path,
                klasifikasi: *klasifikasi,
            };
            access::may_see(actor, c).is_ok()
        });
        Ok(found)
    }

    /// Another complaint named by an action on `from`, with whether the two are linked already.
    pub(super) async fn complaint_target(
        &self,
        actor: &Actor,
        from: ComplaintId,
        id: ComplaintId,
    ) -> Result<lifecycle::ComplaintTarget> {
        let state = self.visible_state(actor, id).await?;
        let linked = on_backend!(
            self,
            "reading links between complaints",
            linked(from.min(id), from.max(id))
        )?;
        Ok(lifecycle::ComplaintTarget {
            id,
            status: state.status,
            linked,
        })
    }

    /// Like `act`, for replies and approvals written on what the author saw: refused as stale
    /// (with the events the author has not seen) when someone else acted on the complaint after
    /// event `seen_event`, so that no answer goes out based on old information.
    pub async fn act_guarded(
        &self,
        actor: &Actor,
        id: ComplaintId,
        expected_version: Option<i64>,
        action: &Action<Named>,
        seen_event: i64,
    ) -> Result<ActionOutcome> {
        // The unseen events are the complaint's: only for a complaint the actor sees.
        self.visible_state(actor, id).await?;
        let unseen = on_backend!(
            self,
            "reading others' new events on the complaint",
            events_by_others_after(id, seen_event, actor.id)
        )?;
        if !unseen.is_empty() {
            return Err(StoreError::Stale(unseen));
        }
        self.act(actor, id, expected_version, action).await
    }
}

/// How a complaint that is missing, or invisible to the actor, is answered: the same words for both.
pub(crate) fn not_found(id: ComplaintId) -> StoreError {
    StoreError::Refused(Refusal::Unseen { id })
}

/// Due times cached in the complaint row: (breach_at, close_at) in milliseconds.
pub(crate) fn cached_due(
    base: Option<&ClockBase>,
    calendar: &WorkingCalendar,
    zone: Zone,
) -> (Option<i64>, Option<i64>) {
    match base.and_then(|b| b.due(calendar, zone).map(|d| (b.kind, ms(d)))) {
        Some((ClockKind::Penutupan, due)) => (None, Some(due)),
        Some((_, due)) => (Some(due), None),
        None => (None, None),
    }
}
