//! Reading: a complaint as the actor may see it, the pages and counts of the queues, likely
//! duplicates, the event log, who else is at a complaint, and the actor's drafts.

use super::{
    Count, Cursor, Draft, ListQuery, PRESENCE_EXPIRY, Page, Presence, Reference, Result, Store,
    ViewCounts, ms, not_found, on_backend, resolve,
};
use crate::domain::access::{self};
use crate::domain::clock::ClockBase;
use crate::domain::filter::Filter;
use crate::domain::lifecycle::{Actor, ComplaintId};
use crate::domain::view::View;
use crate::domain::*;
use chrono::{DateTime, Utc};

/// How many of a view's matches relevance ranks: its newest this many (all of them when it has
/// no more; the older ones follow, newest first). Scoring every match of a common
/// word was most of a search's time (173,429 matches of `jalan` at a million reports: 1.15 s on
/// SQLite, of which bm25 alone took 0.2 s), and a word that common ranks most of its matches
/// alike; the newest are what a desk works on. The console says when a ranking was cut.
pub const RANK_WINDOW: i64 = 1000;

impl Store {
    /// A complaint with its events and clock, as the actor may see it.
    pub async fn complaint(&self, actor: &Actor, id: ComplaintId) -> Result<Complaint> {
        let mut c = on_backend!(
            self,
            "reading the complaint",
            load_complaint(id, &self.reference())
        )?
        .ok_or_else(|| not_found(id))?;
        if !self.as_seen_by(actor, &mut c) {
            // Outside the actor's scope it does not exist for them.
            return Err(not_found(id));
        }
        c.events = on_backend!(self, "reading the complaint's events", load_events(id))?;
        Ok(c)
    }

    /// Several complaints at once, each as `complaint` gives it, in the order asked: two queries
    /// for a page of an export instead of two per complaint. Those the actor may not see, or that
    /// do not exist, are left out.
    pub async fn complaints(&self, actor: &Actor, ids: &[ComplaintId]) -> Result<Vec<Complaint>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let found = on_backend!(
            self,
            "reading complaints",
            load_complaints(ids, &self.reference())
        )?;
        let mut by_id: std::collections::HashMap<ComplaintId, Complaint> = found
            .into_iter()
            .filter_map(|mut c| self.as_seen_by(actor, &mut c).then_some((c.id, c)))
            .collect();
        let seen: Vec<ComplaintId> = ids
            .iter()
            .copied()
            .filter(|id| by_id.contains_key(id))
            .collect();
        for e in on_backend!(
            self,
            "reading the complaints' events",
            load_events_of(&seen)
        )? {
            if let Some(c) = by_id.get_mut(&e.complaint_id) {
                c.events.push(e);
            }
        }
        Ok(seen.iter().filter_map(|id| by_id.remove(id)).collect())
    }

    /// Whether the actor may see `c`; the reporter masked where they may not see who reported.
    fn as_seen_by(&self, actor: &Actor, c: &mut Complaint) -> bool {
        let path = self
            .reference()
            .instansi(c.instansi_id)
            .map(|i| i.path.clone())
            .unwrap_or_default();
        let sighting = access::Sighting {
            instansi_path: &path,
            klasifikasi: c.klasifikasi,
        };
        if access::may_see(actor, sighting).is_err() {
            return false;
        }
        if !access::may_see_reporter(actor, sighting, c.anonim) {
            c.reporter = Reporter::masked();
            c.reporter_masked = true;
        }
        true
    }

    /// One page of a view, filtered, in the actor's scope.
    pub async fn list(&self, actor: &Actor, query: &ListQuery) -> Result<Page> {
        let scope = self.scope(actor, &query.filter, query.now)?;
        let limit = query.limit.clamp(1, 10_000);
        let mut rows = on_backend!(
            self,
            "reading a page of the queue",
            list_rows(&scope, query.view, query.after, limit + 1)
        )?;
        let reference = self.reference();
        let next = if rows.len() > limit as usize {
            rows.truncate(limit as usize);
            rows.last().map(|r| Cursor {
                key: r.1,
                id: r.0.id,
            })
        } else {
            None
        };
        let now = query.now;
        Ok(Page {
            rows: rows
                .into_iter()
                .map(|(row, _, base)| finish_row(&reference, row, base, now))
                .collect(),
            next,
        })
    }

    /// Likely duplicates of a complaint, for merging: open complaints in the actor's scope from the
    /// same reporter (phone, e-mail or NIK) first, then those sharing words of its title.
    pub async fn similar(
        &self,
        actor: &Actor,
        id: ComplaintId,
        limit: u32,
    ) -> Result<Vec<ComplaintRow>> {
        let target = self.complaint(actor, id).await?;
        let Some((reporter, judul)) = on_backend!(
            self,
            "reading what identifies a duplicate",
            duplicate_keys(id)
        )?
        else {
            return Err(not_found(id));
        };
        // Reporter identity is not a matching key where the reader may not see it.
        let reporter = if target.reporter_masked {
            Vec::new()
        } else {
            reporter
        };
        let words = resolve::title_words(&judul);
        let scope = self.scope(actor, &Filter::default(), Utc::now())?;
        let rows = on_backend!(
            self,
            "finding likely duplicates",
            similar_rows(&scope, id, &reporter, &words, limit)
        )?;
        let same: std::collections::HashSet<ComplaintId> = on_backend!(
            self,
            "finding the reporter's other reports",
            same_reporter(&reporter)
        )?
        .into_iter()
        .collect();
        let reference = self.reference();
        let now = Utc::now();
        let mut rows: Vec<ComplaintRow> = rows
            .into_iter()
            .map(|(row, _, base)| finish_row(&reference, row, base, now))
            .collect();
        // Exact and near-exact duplicates first whatever their age: the same title, then the most
        // title words in common, the same reporter breaking ties (a reporter may well file about
        // something else: alone it makes no duplicate when the title has words to compare).
        let normal = |t: &str| resolve::title_words(t).join(" ");
        let own = normal(&judul);
        let score = |r: &ComplaintRow| {
            let lower = r.judul.to_lowercase();
            let shared = words.iter().filter(|w| lower.contains(w.as_str())).count();
            let exact = !own.is_empty() && normal(&r.judul) == own;
            (exact, shared, same.contains(&r.id))
        };
        if !words.is_empty() {
            rows.retain(|r| score(r).1 > 0);
        }
        rows.sort_by_key(|r| std::cmp::Reverse(score(r)));
        rows.truncate(limit as usize);
        Ok(rows)
    }

    /// How many complaints each built-in view holds for the actor, under the same filter.
    pub async fn counts(
        &self,
        actor: &Actor,
        filter: &Filter,
        now: DateTime<Utc>,
    ) -> Result<ViewCounts> {
        self.counts_capped(actor, filter, now, None).await
    }

    /// The counts of [`Store::counts`], each stopped once it passes `cap` rows: a broad filter
    /// over a million reports costs as little as a narrow one. The console asks for these while
    /// a filter is being typed or the queue moves, and for the exact counts once it settles.
    pub async fn counts_capped(
        &self,
        actor: &Actor,
        filter: &Filter,
        now: DateTime<Utc>,
        cap: Option<i64>,
    ) -> Result<ViewCounts> {
        let scope = self.scope(actor, filter, now)?;
        let mut counts = Vec::with_capacity(View::ALL.len());
        for view in View::ALL {
            counts.push((
                *view,
                on_backend!(self, "counting a queue", count_rows(&scope, *view, cap))?,
            ));
        }
        Ok(ViewCounts { counts, cap })
    }

    /// The count of one view (a saved tab's, say), stopped past `cap` rows when one is given.
    pub async fn count(
        &self,
        actor: &Actor,
        view: View,
        filter: &Filter,
        now: DateTime<Utc>,
        cap: Option<i64>,
    ) -> Result<Count> {
        let scope = self.scope(actor, filter, now)?;
        let n = on_backend!(self, "counting a queue", count_rows(&scope, view, cap))?;
        Ok(Count::of(n, cap))
    }

    pub(super) fn scope(
        &self,
        actor: &Actor,
        filter: &Filter,
        now: DateTime<Utc>,
    ) -> Result<resolve::Scope> {
        resolve::scope(&self.reference(), actor, filter, now)
    }

    /// The id of the newest event: where a live console starts following the log.
    pub async fn latest_event_id(&self) -> Result<i64> {
        on_backend!(self, "reading the newest event", latest_event_id())
    }

    /// Events after `after_id`, oldest first, that the actor may see.
    pub async fn events_after(
        &self,
        actor: &Actor,
        after_id: i64,
        limit: u32,
    ) -> Result<Vec<Event>> {
        let scope = access::subtree_root(actor);
        let hidden = access::hidden_classes(actor.role);
        on_backend!(
            self,
            "reading the event log",
            events_after(after_id, scope, hidden, limit)
        )
    }

    /// Says (and keeps saying: call again every few seconds) that the actor is at a complaint,
    /// viewing it or writing on it; None says they left.
    pub async fn set_presence(&self, actor: &Actor, at: Option<(ComplaintId, bool)>) -> Result<()> {
        match at {
            Some((id, writing)) => {
                self.visible_state(actor, id).await?;
                on_backend!(
                    self,
                    "recording presence",
                    upsert_presence(
                        actor.id,
                        id,
                        if writing { "writing" } else { "viewing" },
                        ms(Utc::now())
                    )
                )
            }
            None => on_backend!(self, "clearing presence", delete_presence(actor.id)),
        }
    }

    /// Who else is at these complaints now (entries older than PRESENCE_EXPIRY are gone).
    pub async fn presence(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        now: DateTime<Utc>,
    ) -> Result<Vec<Presence>> {
        // Who is at a complaint is news about it: only for complaints the actor sees.
        let visible: Vec<ComplaintId> = self
            .visible_sightings(actor, ids)
            .await?
            .into_iter()
            .map(|(id, ..)| id)
            .collect();
        on_backend!(
            self,
            "reading who else is at the complaints",
            load_presence(&visible, ms(now - PRESENCE_EXPIRY), actor.id)
        )
    }

    // Drafts and templates (used by the console's editor; saved as the officer types).

    pub async fn save_draft(
        &self,
        actor: &Actor,
        id: ComplaintId,
        kind: &str,
        body: &str,
        based_on_event: Option<i64>,
    ) -> Result<()> {
        self.visible_state(actor, id).await?;
        on_backend!(
            self,
            "saving a draft",
            upsert_draft(id, actor.id, kind, body, based_on_event, ms(Utc::now()))
        )
    }

    pub async fn draft(&self, actor: &Actor, id: ComplaintId) -> Result<Option<Draft>> {
        self.visible_state(actor, id).await?;
        on_backend!(self, "reading a draft", load_draft(id, actor.id))
    }

    /// Not checked for visibility: it deletes only the actor's own draft and answers nothing about
    /// the complaint, and a draft left on a report that became invisible must still be removable.
    pub async fn discard_draft(&self, actor: &Actor, id: ComplaintId) -> Result<()> {
        on_backend!(self, "discarding a draft", delete_draft(id, actor.id))
    }
}

/// Fills in what a row read from SQL lacks: the instansi's name and zone, and the clock at `now`.
fn finish_row(
    reference: &Reference,
    mut row: ComplaintRow,
    base: Option<ClockBase>,
    now: DateTime<Utc>,
) -> ComplaintRow {
    let inst = reference.instansi(row.instansi_id);
    row.instansi = inst.map(|i| i.name.clone()).unwrap_or_default();
    row.zone = inst.map(|i| i.zone).unwrap_or(Zone::Wib);
    let calendar = reference.calendars.for_instansi(row.instansi_id);
    row.clock = base.map(|b| b.clock(&calendar, row.zone, now));
    row
}
