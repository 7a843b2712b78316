//! The monev rollups (migration 0009): each complaint's fact, kept by every writer of events, and
//! the sums the database keeps of them. This file computes facts, fills them in for a database
//! that has none yet, and sums them after a bulk load; `report.rs` and `board.rs` read the sums.

use super::{Reference, Result, Store, on_backend};
use crate::domain::clock::ClockEvent;
use crate::domain::lifecycle::{ComplaintId, InstansiId};
use crate::domain::model::Event;
use crate::domain::monev::fact::Fact;
use crate::domain::monev::fact::day_number;
use crate::domain::monev::{Life, Record};
use crate::domain::types::{Channel, Klasifikasi, Zone};
use chrono::{DateTime, NaiveDate, Utc};

/// The columns of a fact row, in the order `bind_fact!` binds them.
pub(crate) const FACT_COLUMNS: &str = "complaint_id, instansi_path, klasifikasi, assignee_id, status, channel, kategori_id, \
    received_day, received_month, excluded, selesai, verify_met, verify_missed, follow_met, follow_missed, reply_days, escalations";
pub(crate) const FACT_ARITY: usize = 17;
/// The columns a new fact of the same complaint may change.
pub(crate) const FACT_MEASURES: &[&str] = &[
    "instansi_path",
    "klasifikasi",
    "assignee_id",
    "status",
    "channel",
    "kategori_id",
    "received_day",
    "received_month",
    "excluded",
    "selesai",
    "verify_met",
    "verify_missed",
    "follow_met",
    "follow_missed",
    "reply_days",
    "escalations",
];

/// Binds a fact's values to a query in `FACT_COLUMNS` order.
macro_rules! bind_fact {
    ($q:expr, $f:expr) => {{
        use $crate::domain::monev::fact::{day_number, month_start};
        let f = $f;
        $q.bind(f.complaint_id)
            .bind(&f.instansi_path)
            .bind(f.klasifikasi.as_code())
            .bind(f.assignee_id)
            .bind(f.status.as_code())
            .bind(f.channel.as_code())
            .bind(f.kategori_id)
            .bind(day_number(f.received_day))
            .bind(day_number(month_start(f.received_day)))
            .bind(f.excluded)
            .bind(f.selesai)
            .bind(f.verify_met as i32)
            .bind(f.verify_missed as i32)
            .bind(f.follow_met as i32)
            .bind(f.follow_missed as i32)
            .bind(f.reply_days.map(|d| d as i32))
            .bind(f.escalations_json())
    }};
}
pub(crate) use bind_fact;

/// Complaints whose facts are computed per transaction when filling a database's facts.
const FACTS_PER_TRANSACTION: i64 = 5_000;
/// Beyond this span of ids to fill, the sums are computed once at the end.
const BULK_FILL: i64 = 50_000;

/// What a fact needs of a complaint's row.
pub(crate) struct FactRow<'a> {
    pub id: ComplaintId,
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub kategori_id: Option<i64>,
    pub klasifikasi: Klasifikasi,
    pub instansi_id: InstansiId,
    pub instansi_path: &'a str,
    pub assignee_id: Option<i64>,
}

/// The fact of a complaint from its row and its whole event log (oldest first), with the holder's
/// zone, deadlines and calendar.
pub(crate) fn fact_of(row: FactRow<'_>, events: &[Event], reference: &Reference) -> Fact {
    let clock_events: Vec<ClockEvent> = events.iter().map(ClockEvent::of).collect();
    fact_with_clocks(row, events, &clock_events, reference)
}

/// The same, with the clock facts of the events already read (`Life::with_clocks`).
pub(crate) fn fact_with_clocks(
    row: FactRow<'_>,
    events: &[Event],
    clock_events: &[ClockEvent],
    reference: &Reference,
) -> Fact {
    let instansi = reference.instansi(row.instansi_id);
    let zone = instansi.map_or(Zone::Wib, |i| i.zone);
    let deadlines = instansi.map(|i| i.deadlines).unwrap_or_default();
    let calendar = reference.calendars.for_path(row.instansi_path);
    let life = Life::with_clocks(
        Record {
            id: row.id,
            received_at: row.received_at,
            channel: row.channel,
            kategori_id: row.kategori_id,
            instansi_path: row.instansi_path.to_string(),
            zone,
            assignee: None,
        },
        events,
        clock_events,
        &deadlines,
        &calendar,
    );
    Fact::of(
        &life,
        row.klasifikasi,
        row.assignee_id,
        &reference.calendars,
    )
}

impl Store {
    /// Once after migration 0009: computes the facts of every complaint that has none (a database
    /// from before the rollups), in id order, a few thousand per transaction; `progress` hears how many
    /// are done. Returns how many were written.
    pub async fn fill_missing_facts(&self, mut progress: impl FnMut(u64)) -> Result<u64> {
        if !on_backend!(self, "checking the monev figures", facts_pending())? {
            return Ok(0);
        }
        // The facts read the instansi tree and the calendars as migrating left them.
        self.reload().await?;
        let done = match on_backend!(
            self,
            "looking for complaints without monev figures",
            facts_missing()
        )? {
            Some((lo, hi)) => self.refresh_facts_between(lo, hi, &mut progress).await?,
            None => 0,
        };
        on_backend!(self, "recording the monev figures computed", facts_done())?;
        Ok(done)
    }

    /// Computes every complaint's fact again (`meja migrate --refresh-figures`, the owner's).
    pub async fn refresh_all_facts(&self) -> Result<u64> {
        let Some((lo, hi)) = on_backend!(self, "looking for complaints", facts_span())? else {
            return Ok(0);
        };
        self.refresh_facts_between(lo, hi, &mut |_| {}).await
    }

    async fn refresh_facts_between(
        &self,
        lo: ComplaintId,
        hi: ComplaintId,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        // Many at once (a large database from before the rollups): summed once at the end rather
        // than fact by fact by the triggers.
        let bulk = hi - lo > BULK_FILL;
        if bulk {
            self.bulk_rollups_begin().await?;
        }
        let reference = self.reference();
        let mut done = 0;
        let mut from = lo;
        while from <= hi {
            let to = (from + FACTS_PER_TRANSACTION - 1).min(hi);
            done += on_backend!(
                self,
                "computing the complaints' monev figures",
                refresh_facts_range(&reference, from, to)
            )?;
            progress(done);
            from = to + 1;
        }
        if bulk {
            self.sum_rollups().await?;
        }
        Ok(done)
    }

    /// After a day off was added or removed in the subtree at `scope`: the facts whose working
    /// days to the first reply it changes are computed again. On PostgreSQL only the owner may
    /// rewrite facts an event does not accompany; an officer's session leaves them to `meja
    /// migrate --refresh-figures` (the README's "Monev figures" says so).
    pub(crate) async fn refresh_facts_across(&self, scope: &str, day: NaiveDate) -> Result<u64> {
        if !on_backend!(
            self,
            "checking who may recompute figures",
            may_refresh_facts()
        )? {
            return Ok(0);
        }
        let ids = on_backend!(
            self,
            "finding the figures a day off changes",
            facts_replied_across(scope, day_number(day))
        )?;
        let reference = self.reference();
        on_backend!(
            self,
            "recomputing the figures a day off changes",
            refresh_facts_listed(&reference, &ids)
        )
    }

    /// Before a bulk load: the rollups' triggers stand aside until `sum_rollups`.
    pub(crate) async fn bulk_rollups_begin(&self) -> Result<()> {
        on_backend!(
            self,
            "pausing the monev sums for a bulk load",
            rollups_bulk_flag(true)
        )
    }

    /// After a bulk load (or when one was interrupted): the sums recomputed from every fact and
    /// event, and the triggers back at work.
    pub(crate) async fn sum_rollups(&self) -> Result<()> {
        on_backend!(self, "summing the monev figures", rollups_rebuild())
    }

    /// Whether a bulk load left the sums to be recomputed.
    pub(crate) async fn rollups_pending(&self) -> Result<bool> {
        on_backend!(self, "checking the monev sums", rollups_bulk_pending())
    }
}
