//! The monev figures' inputs: every complaint of a subtree the actor may count, read into the
//! domain's `Life` with its events, and the officers whose load is reported.

use super::{Result, Store, on_backend};
use crate::domain::access;
use crate::domain::lifecycle::Actor;
use crate::domain::monev::{Life, OfficerSeat, Record};
use crate::domain::*;
use chrono::{DateTime, Utc};

/// What `domain::monev` computes the figures from.
#[derive(Debug, Clone)]
pub struct MonevWorld {
    pub lives: Vec<Life>,
    pub officers: Vec<OfficerSeat>,
}

impl Store {
    /// The complaints of the subtree at `subtree` that the actor may count, and the officers of
    /// it: the actor's scope bounds both (asking for an instansi above one's own counts one's own
    /// subtree), and an officer counts only the complaints assigned to them and only themselves.
    pub async fn monev(&self, actor: &Actor, subtree: &str) -> Result<MonevWorld> {
        self.monev_since(actor, subtree, None).await
    }

    /// Like `monev`, but with `since` only the complaints a period starting then can count:
    /// received or moved since, or open now. The figures of such a period are the same as over
    /// every complaint (`tests/monev_report.rs` holds them equal), read from far fewer rows.
    pub async fn monev_since(
        &self,
        actor: &Actor,
        subtree: &str,
        since: Option<DateTime<Utc>>,
    ) -> Result<MonevWorld> {
        let since = since.map(super::ms);
        let root = access::subtree_root(actor);
        let scope = if subtree.starts_with(root) {
            subtree
        } else if root.starts_with(subtree) {
            root
        } else {
            return Ok(MonevWorld {
                lives: Vec::new(),
                officers: Vec::new(),
            });
        };
        let hidden = access::hidden_classes(actor.role);
        let own = (actor.role == Role::Officer).then_some(actor.id);
        let records = on_backend!(
            self,
            "reading the complaints to count",
            monev_records(scope, hidden, own, since)
        )?;
        let events = on_backend!(
            self,
            "reading the events to count",
            monev_events(scope, hidden, own, since)
        )?;
        let reference = self.reference();
        let calendars = self.calendars();
        let mut lives = Vec::with_capacity(records.len());
        let mut rest = events.as_slice();
        for (id, received_at, channel, kategori_id, instansi_id, path, assignee, due) in records {
            // Both lists are ordered by complaint: this complaint's events lead what is left.
            let skip = rest.iter().take_while(|e| e.complaint_id < id).count();
            rest = &rest[skip..];
            let mine = rest.iter().take_while(|e| e.complaint_id == id).count();
            let (log, after) = rest.split_at(mine);
            rest = after;
            let instansi = reference.instansi(instansi_id);
            let zone = instansi.map(|i| i.zone).unwrap_or(Zone::Wib);
            let deadlines = instansi.map(|i| i.deadlines).unwrap_or_default();
            let calendar = calendars.for_path(&path);
            lives.push(
                Life::of(
                    Record {
                        id,
                        received_at,
                        channel,
                        kategori_id,
                        instansi_path: path,
                        zone,
                        assignee,
                    },
                    log,
                    &deadlines,
                    &calendar,
                )
                .with_current_due(due),
            );
        }
        let officers = if actor.role == Role::Officer {
            vec![OfficerSeat {
                username: actor.username.clone(),
                role: actor.role,
                instansi_path: actor.instansi_path.clone(),
                zone: reference
                    .instansi(actor.instansi_id)
                    .map_or(Zone::Wib, |i| i.zone),
            }]
        } else {
            self.officers(actor, Utc::now())
                .await?
                .into_iter()
                .filter(|o| o.officer.active)
                .filter_map(|o| {
                    let instansi = reference.instansi(o.officer.instansi_id)?;
                    if !instansi.path.starts_with(scope) {
                        return None;
                    }
                    Some(OfficerSeat {
                        username: o.officer.username,
                        role: o.officer.role,
                        instansi_path: instansi.path.clone(),
                        zone: instansi.zone,
                    })
                })
                .collect()
        };
        Ok(MonevWorld { lives, officers })
    }
}
