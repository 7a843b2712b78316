//! The simulator's means: who acts and when, the competent body for a report, and one move
//! judged by `lifecycle::plan` and recorded as its event.

use super::{ComplaintSeed, EventSeed, Simulator, ms};
use crate::domain::access;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::clock::{ClockBase, ClockEffect};
use crate::domain::lifecycle::{self, Action, Actor, Change, ComplaintFacts};
use crate::domain::*;
use crate::seed::data;
use crate::seed::world::OfficerSeed;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;

/// The reporter answering a follow-up, as the event log names them.
pub(super) fn the_reporter() -> Actor {
    Actor {
        username: "pelapor".into(),
        ..Actor::system()
    }
}

impl Simulator<'_> {
    pub(super) fn pick_subtopic(&self, rng: &mut SmallRng) -> &'static str {
        let total: u32 = self.subtopics.iter().map(|(_, w)| w).sum();
        let mut x = rng.random_range(0..total);
        for (k, w) in &self.subtopics {
            if x < *w {
                return k;
            }
            x -= w;
        }
        self.subtopics[0].0
    }

    /// A delay in working hours-ish: most actions are prompt, a tail is late.
    pub(super) fn delay(
        &self,
        rng: &mut SmallRng,
        from: DateTime<Utc>,
        working_days_budget: u32,
        zone: Zone,
    ) -> DateTime<Utc> {
        let late = rng.random_bool(0.12);
        let days = if late {
            working_days_budget + rng.random_range(1..=6)
        } else {
            rng.random_range(0..=working_days_budget.saturating_sub(1))
        };
        let base_day = from.with_timezone(&zone.offset()).date_naive();
        let day = self.calendar.nth_working_day_after(base_day, days);
        let minutes = rng.random_range(8 * 60..17 * 60) as i64;
        let local = day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
        let t = local.and_utc() - Duration::seconds(zone.offset().local_minus_utc() as i64);
        if t <= from {
            from + Duration::minutes(rng.random_range(5..240))
        } else {
            t
        }
    }

    pub(super) fn staff(
        &self,
        at: usize,
        rng: &mut SmallRng,
        role: Option<Role>,
    ) -> Option<&OfficerSeed> {
        let list = self.world.staff.get(&at)?;
        let candidates: Vec<&usize> = list
            .iter()
            .filter(|&&o| role.is_none_or(|r| self.world.officers[o].role == r))
            .collect();
        candidates.choose(rng).map(|&&o| &self.world.officers[o])
    }

    /// `picked` if they may see a complaint of `klasifikasi` at instansi `at`, else the first
    /// officer at `at`, or nearest above it, who may (wbs and pengadaan are not for liaison
    /// officers, see `access::hidden_classes`). Takes nothing from the random stream, so the
    /// complaints that need no substitute come out as they always did for a given seed.
    pub(super) fn able<'s>(
        &'s self,
        picked: &'s OfficerSeed,
        at: usize,
        klasifikasi: Klasifikasi,
    ) -> &'s OfficerSeed {
        let sees = |o: &OfficerSeed| !access::hidden_classes(o.role).contains(&klasifikasi);
        if sees(picked) {
            return picked;
        }
        let w = self.world;
        let mut here = Some(at);
        while let Some(i) = here {
            let found = w
                .staff
                .get(&i)
                .into_iter()
                .flatten()
                .map(|&o| &w.officers[o])
                .find(|o| sees(o));
            if let Some(o) = found {
                return o;
            }
            here = w.instansi[i].inst.parent_id.map(|p| p as usize - 1);
        }
        picked
    }

    /// The acting officer of the rules for a seeded officer (an `Actor` of `lifecycle`).
    pub(super) fn actor_of(&self, o: &OfficerSeed) -> Actor {
        self.actor_at(o.id, o.username.clone(), o.instansi_id as usize - 1, o.role)
    }

    pub(super) fn actor_at(&self, id: i64, username: String, at: usize, role: Role) -> Actor {
        let inst = &self.world.instansi[at].inst;
        Actor {
            id,
            username,
            role,
            instansi_id: inst.id,
            instansi_path: inst.path.clone(),
        }
    }

    /// Writes an event of `kind` by `actor` with `details` and counts the complaint's version.
    pub(super) fn record(
        &mut self,
        c: &mut ComplaintSeed,
        events: &mut Vec<EventSeed>,
        at: DateTime<Utc>,
        actor: &Actor,
        kind: &'static str,
        details: serde_json::Value,
    ) {
        c.updated_at = ms(at);
        if kind != "intake" {
            c.version += 1;
        }
        events.push(EventSeed {
            id: self.next_event,
            complaint_id: c.id,
            at: ms(at),
            actor_id: actor.id,
            actor: actor.username.clone(),
            kind,
            status: c.status,
            details: details.to_string(),
        });
        self.next_event += 1;
    }

    /// One simulated move: asks `lifecycle::plan`, the rules every officer's action passes, and
    /// applies the transition it returns (status, assignee, instansi, routing, escalation, pending
    /// reply, and the clock, counted on the calendar and deadlines of the instansi that holds the
    /// report afterwards), then records its event. False when the rules refuse the move.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn step(
        &mut self,
        c: &mut ComplaintSeed,
        clock: &mut Option<ClockBase>,
        at_idx: &mut usize,
        events: &mut Vec<EventSeed>,
        at: DateTime<Utc>,
        actor: &Actor,
        action: &Action,
        details: serde_json::Value,
    ) -> bool {
        let facts = ComplaintFacts {
            id: c.id,
            status: c.status,
            assignee: c.assignee,
            instansi_id: c.instansi_id,
            instansi_path: c.instansi_path.clone(),
            klasifikasi: c.klasifikasi,
            routed_by: c.routed_by,
            escalated_to: c.escalated_to,
            pending_reply_by: c.pending_reply_by,
            requires_approval: self.world.instansi[*at_idx].inst.requires_approval,
            merged_into: None,
            today: at
                .with_timezone(&self.world.instansi[*at_idx].inst.zone.offset())
                .date_naive(),
        };
        let t = match lifecycle::plan(&facts, actor, action) {
            Ok(t) => t,
            Err(refusal) => {
                debug_assert!(false, "the seed scripted a refused move: {refusal}");
                return false;
            }
        };
        if let Change::Set(id) = t.instansi {
            *at_idx = id as usize - 1;
            c.instansi_id = id;
            c.instansi_path = self.world.instansi[*at_idx].inst.path.clone();
        }
        c.status = t.status;
        c.assignee = t.assignee.apply(c.assignee);
        c.routed_by = t.routed_by.apply(c.routed_by);
        c.escalated_to = t.escalated_to.apply(c.escalated_to);
        c.pending_reply_by = t.pending_reply_by.apply(c.pending_reply_by);
        let inst = &self.world.instansi[*at_idx].inst;
        *clock = ClockBase::apply(
            *clock,
            t.clock,
            at,
            &inst.deadlines,
            self.calendar,
            inst.zone,
        );
        let details = if t.clock == ClockEffect::Keep {
            details
        } else {
            with_clock(details, *clock, inst.zone, inst.id, self.calendar)
        };
        self.record(c, events, at, actor, action.verb(), details);
        true
    }

    /// The competent body for a report: a unit of the regency, the regency itself, or a ministry/BUMN.
    pub(super) fn target_for(
        &self,
        rng: &mut SmallRng,
        regency_idx: usize,
        subtopic: &str,
        klasifikasi: Klasifikasi,
    ) -> usize {
        let w = self.world;
        let units = w
            .units_of
            .get(&regency_idx)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if matches!(klasifikasi, Klasifikasi::Wbs | Klasifikasi::Pengadaan)
            && let Some(&u) = units
                .iter()
                .find(|&&u| w.instansi[u].inst.code.ends_with(data::INSPECTORATE_CODE))
        {
            return u;
        }
        if rng.random_bool(0.1) {
            let national: Vec<&usize> = w
                .agencies
                .iter()
                .filter(|&&a| w.instansi[a].subtopics.contains(&subtopic))
                .collect();
            if let Some(&&a) = national.choose(rng) {
                return a;
            }
        }
        let first: Vec<&usize> = units
            .iter()
            .filter(|&&u| w.instansi[u].subtopics.contains(&subtopic))
            .collect();
        if let Some(&&u) = first.choose(rng) {
            return u;
        }
        let topic = data::subtopic(subtopic).map(|(t, _)| t.key).unwrap_or("");
        let by_topic: Vec<&usize> = units
            .iter()
            .filter(|&&u| w.instansi[u].topics.contains(&topic))
            .collect();
        by_topic.choose(rng).map(|&&u| u).unwrap_or(regency_idx)
    }

    pub(super) fn finish(
        &self,
        mut c: ComplaintSeed,
        clock: Option<ClockBase>,
        at_idx: usize,
    ) -> ComplaintSeed {
        // The store caches the due time from the clock and the zone as it does for any report.
        c.zone = self.world.instansi[at_idx].inst.zone;
        c.clock = clock;
        c
    }
}

/// Event details with the clock the event leaves, as the store records it for every event, so a
/// seeded report's clock history is its log's alone like any other's.
pub(super) fn with_clock(
    mut details: serde_json::Value,
    clock: Option<ClockBase>,
    zone: Zone,
    instansi_id: i64,
    calendar: &WorkingCalendar,
) -> serde_json::Value {
    let record =
        clock.map(|b| crate::domain::clock::ClockRecord::of(&b, zone, instansi_id, calendar));
    if let (Some(map), Ok(v)) = (details.as_object_mut(), serde_json::to_value(record)) {
        map.insert("clock".into(), v);
    }
    details
}
