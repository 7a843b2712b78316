//! meja's reads run bare, for benches: the same statements with the same bound values, each row
//! fetched and dropped undecoded. Printed beside meja's own figure for the same read, the
//! difference is what meja adds (resolving the scope, decoding, finishing rows, pool overhead)
//! and the bare figure is what the database itself costs.

use super::*;
use crate::domain::access;
use crate::domain::filter::Filter;
use crate::domain::lifecycle::Actor;
use crate::domain::view::View;

/// Which read to run bare.
#[derive(Debug, Clone)]
pub enum BareRead {
    /// The statements of a page of `view` (`Store::list`).
    Page {
        view: View,
        after: Option<Cursor>,
        limit: u32,
    },
    /// The count of `view` (`Store::count`).
    Count { view: View, cap: Option<i64> },
    /// The change feed's read (`Store::events_after`).
    EventsAfter { after: i64, limit: u32 },
    /// The officers of the actor's subtree with their load (`Store::officers`, `meja officer
    /// list`).
    OfficerLoads,
    /// The assign picker's officers for one report (`Store::assignable_officers`): where the
    /// report is, then the loads of the officers at or above it.
    AssignPicker { id: ComplaintId },
}

/// A read with its scope resolved once, to be run many times.
#[derive(Debug, Clone)]
pub struct PreparedBare {
    read: BareRead,
    scope: resolve::Scope,
    root: String,
    hidden: &'static [Klasifikasi],
    actor: Actor,
}

impl Store {
    /// Resolves what `read` needs for `actor` under `filter` at `now`, as meja would.
    pub fn prepare_bare(
        &self,
        actor: &Actor,
        filter: &Filter,
        now: DateTime<Utc>,
        read: BareRead,
    ) -> Result<PreparedBare> {
        Ok(PreparedBare {
            read,
            scope: self.scope(actor, filter, now)?,
            root: access::subtree_root(actor).to_string(),
            hidden: access::hidden_classes(actor.role),
            actor: actor.clone(),
        })
    }

    /// Runs the prepared read's statements and says how many rows they gave.
    pub async fn run_bare(&self, p: &PreparedBare) -> Result<usize> {
        let (scope, root, hidden) = (&p.scope, p.root.as_str(), p.hidden);
        match &p.read {
            BareRead::Page { view, after, limit } => on_backend!(
                self,
                "reading a page bare",
                list_rows_bare(scope, *view, *after, limit + 1)
            ),
            BareRead::Count { view, cap } => {
                on_backend!(self, "counting bare", count_rows(scope, *view, *cap))
                    .map(|n| n as usize)
            }
            BareRead::EventsAfter { after, limit } => on_backend!(
                self,
                "reading the event log bare",
                events_after_bare(*after, root, hidden, *limit)
            ),
            BareRead::OfficerLoads => on_backend!(
                self,
                "reading officers' loads bare",
                officer_loads_bare(root, scope.now_ms)
            ),
            BareRead::AssignPicker { id } => {
                let sightings =
                    on_backend!(self, "reading where a report is bare", sightings(&[*id]))?;
                let paths = Store::assignee_places(&p.actor, &sightings).unwrap_or_default();
                on_backend!(
                    self,
                    "reading the assign picker bare",
                    officer_loads_at_bare(&paths, scope.now_ms)
                )
            }
        }
    }
}
