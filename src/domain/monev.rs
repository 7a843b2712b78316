//! Monitoring and evaluation (monev): the figures an instansi is judged by, defined once, as pure
//! functions of each complaint's record and event log, so that anyone holding an export can
//! recompute them. The README's "Monev figures" section states the same definitions in words.
//!
//! - **Received in a period**: complaints whose received time falls on a day of the period, read
//!   in the zone of the instansi holding them; per instansi subtree, by the holder's path.
//! - **Excluded**: archived as spam, duplicate or not about public service, and merged reports.
//! - **Completion rate** (tingkat penyelesaian) = selesai / (received - excluded).
//! - **Compliance** of a clock kind (verified within 3 working days, followed up within 5) =
//!   met / (met + missed + still open past due), over every clock of that kind the received
//!   complaints ran: a clock that ended before its due time is met, after it missed, and a clock
//!   still running past its due time (as the report's clock has it now: a day off decreed later
//!   moves it) counts against the rate (closed on time / closed would hide
//!   exactly the reports that are late now).
//! - **Working days to the first follow-up**: from the received day to the day of the first public
//!   reply (a reply sent, or a submitted one approved), in the holder's calendar; median and p90.
//! - **Backlog**: open complaints now, by status and by age in working days since received
//!   (0-3, 4-5, 6-10, over 10).
//! - **Per officer**: open and overdue complaints assigned to them, replies awaiting their approval,
//!   and the moves they made (every event but an intake, a note, a claim or a link) on days of the
//!   period in their own instansi's zone, whichever complaint they moved and wherever it is now.
//! - **Escalations** received in the period, and of those the ones resolved (de-escalated, or the
//!   complaint finished) since.

pub mod board;
pub mod fact;

use super::calendar::{CalendarBook, WorkingCalendar};
use super::clock::{ClockEvent, ClockSegment, Deadlines, SegmentOutcome, history};
use super::lifecycle::ComplaintId;
use super::model::Event;
use super::types::{ArchiveReason, Channel, ClockKind, EventKind, Role, Status, Zone};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// A period of whole local days, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Whether an instant falls on a day of the period, read in `zone`.
    pub fn contains_at(&self, at: DateTime<Utc>, zone: Zone) -> bool {
        self.contains(at.with_timezone(&zone.offset()).date_naive())
    }
}

/// One escalation: when it came, and when it was resolved (de-escalated or the complaint
/// finished), if it has been.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Escalation {
    pub at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A complaint as the figures see it: its record (who holds it, since when) and what its event
/// log says (status, archive reason, merge, clocks, first reply, escalations, who moved it).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Life {
    pub id: ComplaintId,
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub kategori_id: Option<i64>,
    /// The holding instansi's path (`/1/20/300/`) and zone.
    pub instansi_path: String,
    pub zone: Zone,
    pub assignee: Option<String>,
    pub status: Status,
    pub archive_reason: Option<ArchiveReason>,
    pub merged: bool,
    pub clocks: Vec<ClockSegment>,
    pub first_reply_at: Option<DateTime<Utc>>,
    pub escalations: Vec<Escalation>,
    /// (officer, when) for every event that moved the complaint.
    pub movers: Vec<(String, DateTime<Utc>)>,
}

/// The facts of a complaint's record that its event log does not repeat.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub id: ComplaintId,
    pub received_at: DateTime<Utc>,
    pub channel: Channel,
    pub kategori_id: Option<i64>,
    pub instansi_path: String,
    pub zone: Zone,
    pub assignee: Option<String>,
}

impl Life {
    /// Reads a complaint's life from its record and its event log (oldest first). Clocks come
    /// from the events' recorded clocks; events from before clocks were recorded are replayed
    /// with the holder's deadlines and calendar.
    pub fn of(
        record: Record,
        events: &[Event],
        deadlines: &Deadlines,
        calendar: &WorkingCalendar,
    ) -> Life {
        let clock_events: Vec<ClockEvent> = events.iter().map(ClockEvent::of).collect();
        Life::with_clocks(record, events, &clock_events, deadlines, calendar)
    }

    /// The same, with the clock facts of the events already read (`ClockEvent::of` of each, in
    /// the same order): an import reads them from the text it stores, not from a tree of values.
    pub fn with_clocks(
        record: Record,
        events: &[Event],
        clock_events: &[ClockEvent],
        deadlines: &Deadlines,
        calendar: &WorkingCalendar,
    ) -> Life {
        let clocks = history(clock_events, deadlines, calendar, record.zone);
        let mut life = Life {
            id: record.id,
            received_at: record.received_at,
            channel: record.channel,
            kategori_id: record.kategori_id,
            instansi_path: record.instansi_path,
            zone: record.zone,
            assignee: record.assignee,
            status: events.last().map(|e| e.status).unwrap_or(Status::Baru),
            archive_reason: None,
            merged: false,
            clocks,
            first_reply_at: None,
            escalations: Vec::new(),
            movers: Vec::new(),
        };
        for e in events {
            match e.kind {
                EventKind::Archive => {
                    life.archive_reason = e
                        .details
                        .get("reason")
                        .and_then(|r| r.as_str())
                        .and_then(ArchiveReason::from_code);
                }
                EventKind::Merge => life.merged = true,
                EventKind::Reopen => {
                    life.archive_reason = None;
                    life.merged = false;
                }
                EventKind::Reply | EventKind::Approve if life.first_reply_at.is_none() => {
                    life.first_reply_at = Some(e.at);
                }
                EventKind::Escalate => life.escalations.push(Escalation {
                    at: e.at,
                    resolved_at: None,
                }),
                EventKind::Deescalate => resolve_escalations(&mut life.escalations, e.at),
                _ => {}
            }
            if e.status.is_closed() {
                resolve_escalations(&mut life.escalations, e.at);
            }
            if e.kind.is_move() {
                life.movers.push((e.actor.clone(), e.at));
            }
        }
        life
    }

    /// The life with its running clock due when the report's clock says now: a day off decreed
    /// after the clock started moves its due time (`Store::recompute_clocks`), and "still open
    /// past due" is judged on the moved one, as the queues judge it. `current_due`: the due time
    /// of the report's running verification or follow-up clock, if any.
    pub fn with_current_due(mut self, current_due: Option<DateTime<Utc>>) -> Life {
        self.clocks = super::clock::with_running_due(self.clocks, current_due);
        self
    }

    /// Archived as spam, duplicate or not about public service, or merged into another report:
    /// not counted against the completion rate.
    pub fn excluded(&self) -> bool {
        self.merged
            || (self.status == Status::Diarsipkan
                && matches!(
                    self.archive_reason,
                    Some(
                        ArchiveReason::Spam
                            | ArchiveReason::Duplikat
                            | ArchiveReason::BukanPelayananPublik
                    )
                ))
    }

    pub fn is_open(&self) -> bool {
        !self.status.is_closed()
    }

    pub fn within(&self, subtree: &str) -> bool {
        self.instansi_path.starts_with(subtree)
    }

    /// The running clock's due time, when it is past `now` (or it was breached and paused).
    pub fn overdue(&self, now: DateTime<Utc>) -> bool {
        self.running_due().is_some_and(|due| due <= now)
    }

    /// The due time of the open complaint's running verification or follow-up clock. The closing
    /// clock is the reporter's time to answer, not a deadline of the desk: like the queue's
    /// `terlambat`, it is never overdue.
    pub fn running_due(&self) -> Option<DateTime<Utc>> {
        if !self.is_open() {
            return None;
        }
        self.clocks
            .iter()
            .rev()
            .find(|c| c.outcome == SegmentOutcome::Current)
            .filter(|c| c.kind != ClockKind::Penutupan)
            .and_then(|c| c.due_at)
    }
}

fn resolve_escalations(list: &mut [Escalation], at: DateTime<Utc>) {
    for e in list.iter_mut().filter(|e| e.resolved_at.is_none()) {
        e.resolved_at = Some(at);
    }
}

/// A rate's parts: met / (met + missed + open past due).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Compliance {
    pub met: u64,
    pub missed: u64,
    pub open_overdue: u64,
}

impl Compliance {
    /// None when nothing has come due yet.
    pub fn rate(&self) -> Option<f64> {
        ratio(self.met, self.met + self.missed + self.open_overdue)
    }

    fn count(&mut self, clock: &ClockSegment, now: DateTime<Utc>) {
        match clock.outcome {
            SegmentOutcome::Met => self.met += 1,
            SegmentOutcome::Late => self.missed += 1,
            SegmentOutcome::Current => {
                if clock.due_at.is_some_and(|due| due <= now) {
                    self.open_overdue += 1;
                }
            }
        }
    }
}

/// part / whole, or None for an empty whole.
pub fn ratio(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// The figures of one set of complaints over one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    pub received: u64,
    pub excluded: u64,
    pub selesai: u64,
    /// selesai / (received - excluded); None when nothing counts.
    pub completion_rate: Option<f64>,
    pub verified_in_time: Compliance,
    pub followed_up_in_time: Compliance,
    /// Working days from received to the first public reply: median and p90 (nearest rank).
    pub first_follow_up_median: Option<u32>,
    pub first_follow_up_p90: Option<u32>,
    pub escalations: u64,
    pub escalations_resolved: u64,
}

/// The figures of the complaints received in `period` among `lives`, judged at `now`.
pub fn figures(
    lives: &[&Life],
    period: Period,
    now: DateTime<Utc>,
    calendars: &CalendarBook,
) -> Figures {
    let mut f = Figures {
        received: 0,
        excluded: 0,
        selesai: 0,
        completion_rate: None,
        verified_in_time: Compliance::default(),
        followed_up_in_time: Compliance::default(),
        first_follow_up_median: None,
        first_follow_up_p90: None,
        escalations: 0,
        escalations_resolved: 0,
    };
    let mut days_to_reply = Vec::new();
    for life in lives {
        for e in &life.escalations {
            if period.contains_at(e.at, life.zone) {
                f.escalations += 1;
                if e.resolved_at.is_some_and(|r| r <= now) {
                    f.escalations_resolved += 1;
                }
            }
        }
        if !period.contains_at(life.received_at, life.zone) {
            continue;
        }
        f.received += 1;
        if life.excluded() {
            f.excluded += 1;
            continue;
        }
        if life.status == Status::Selesai {
            f.selesai += 1;
        }
        for clock in &life.clocks {
            match clock.kind {
                ClockKind::Verifikasi => f.verified_in_time.count(clock, now),
                ClockKind::TindakLanjut => f.followed_up_in_time.count(clock, now),
                ClockKind::Penutupan => {}
            }
        }
        if let Some(reply) = life.first_reply_at {
            let calendar = calendars.for_path(&life.instansi_path);
            let local = |t: DateTime<Utc>| t.with_timezone(&life.zone.offset()).date_naive();
            days_to_reply
                .push(calendar.working_days_between(local(life.received_at), local(reply)));
        }
    }
    f.completion_rate = ratio(f.selesai, f.received - f.excluded);
    days_to_reply.sort_unstable();
    f.first_follow_up_median = nearest_rank(&days_to_reply, 50);
    f.first_follow_up_p90 = nearest_rank(&days_to_reply, 90);
    f
}

/// The nearest-rank percentile of sorted values: the smallest value with at least `p` % of the
/// values at or below it.
pub fn nearest_rank(sorted: &[u32], p: u32) -> Option<u32> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (sorted.len() * p as usize).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// Age brackets of the backlog, in working days since received.
pub const AGE_BRACKETS: [&str; 4] = ["0-3", "4-5", "6-10", ">10"];

fn bracket(days: u32) -> usize {
    match days {
        0..=3 => 0,
        4..=5 => 1,
        6..=10 => 2,
        _ => 3,
    }
}

/// The open complaints now: by status and by age.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Backlog {
    pub open: u64,
    pub by_status: BTreeMap<Status, u64>,
    /// Counts per [`AGE_BRACKETS`].
    pub by_age: [u64; 4],
}

pub fn backlog(lives: &[&Life], now: DateTime<Utc>, calendars: &CalendarBook) -> Backlog {
    let mut b = Backlog::default();
    for life in lives.iter().filter(|l| l.is_open()) {
        b.open += 1;
        *b.by_status.entry(life.status).or_default() += 1;
        let calendar = calendars.for_path(&life.instansi_path);
        let local = |t: DateTime<Utc>| t.with_timezone(&life.zone.offset()).date_naive();
        let age = calendar.working_days_between(local(life.received_at), local(now));
        b.by_age[bracket(age)] += 1;
    }
    b
}

/// An officer as the per-officer figures need them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerSeat {
    pub username: String,
    pub role: Role,
    pub instansi_path: String,
    /// The zone of the officer's own instansi: the days their moves are counted on.
    pub zone: Zone,
}

/// One officer's load.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Load {
    pub open: u64,
    pub overdue: u64,
    /// Replies waiting in menunggu_persetujuan that this officer may approve (supervisors and
    /// admins of the holder's subtree).
    pub awaiting_approval: u64,
    /// Moves this officer made in the period (see the module's comment).
    pub handled: u64,
}

/// Each officer's load. `handled` counts the moves found in `lives`: to count an officer's every
/// move, give every complaint (a move may have sent a complaint out of the subtree).
pub fn loads(
    lives: &[&Life],
    officers: &[OfficerSeat],
    period: Period,
    now: DateTime<Utc>,
) -> BTreeMap<String, Load> {
    let mut out: BTreeMap<String, Load> = officers
        .iter()
        .map(|o| (o.username.clone(), Load::default()))
        .collect();
    let zones: BTreeMap<&str, Zone> = officers
        .iter()
        .map(|o| (o.username.as_str(), o.zone))
        .collect();
    // Who may approve, by the path of their instansi: a reply waiting at /1/20/300/ is theirs
    // at /1/, /1/20/ and /1/20/300/ (looked up by prefix, not by asking every officer).
    let mut approvers: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for o in officers.iter().filter(|o| o.role >= Role::Supervisor) {
        approvers
            .entry(o.instansi_path.as_str())
            .or_default()
            .push(o.username.as_str());
    }
    for life in lives {
        if let Some(load) = life
            .assignee
            .as_ref()
            .filter(|_| life.is_open())
            .and_then(|a| out.get_mut(a))
        {
            load.open += 1;
            if life.overdue(now) {
                load.overdue += 1;
            }
        }
        if life.status == Status::MenungguPersetujuan {
            let path = life.instansi_path.as_str();
            let prefixes = path
                .char_indices()
                .filter(|(_, c)| *c == '/')
                .map(|(i, _)| &path[..=i]);
            for who in prefixes.filter_map(|p| approvers.get(p)).flatten() {
                if let Some(load) = out.get_mut(*who) {
                    load.awaiting_approval += 1;
                }
            }
        }
        for (who, at) in &life.movers {
            if let Some(zone) = zones.get(who.as_str())
                && period.contains_at(*at, *zone)
                && let Some(load) = out.get_mut(who)
            {
                load.handled += 1;
            }
        }
    }
    out
}

/// One line of a ranked report: a group (a child instansi, a category, a channel) and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub group: String,
    pub figures: Figures,
    pub backlog: Backlog,
}

/// The figures of each group, ranked by completion rate (highest first; groups with nothing to
/// rate last), then by the follow-up and verification rates, then by name. `group_of` names the
/// group a complaint belongs to, or None to leave it out.
pub fn ranked(
    lives: &[&Life],
    group_of: impl Fn(&Life) -> Option<String>,
    period: Period,
    now: DateTime<Utc>,
    calendars: &CalendarBook,
) -> Vec<Line> {
    ranked_with(lives, &[], group_of, period, now, calendars)
}

/// `ranked`, with a line for each of `always` even when no complaint belongs to it (the board
/// lists every child instansi, the quiet ones too).
pub fn ranked_with<'a>(
    lives: &[&'a Life],
    always: &[String],
    group_of: impl Fn(&Life) -> Option<String>,
    period: Period,
    now: DateTime<Utc>,
    calendars: &CalendarBook,
) -> Vec<Line> {
    let mut groups: BTreeMap<String, Vec<&'a Life>> =
        always.iter().map(|g| (g.clone(), Vec::new())).collect();
    for life in lives {
        if let Some(g) = group_of(life) {
            groups.entry(g).or_default().push(life);
        }
    }
    let mut lines: Vec<Line> = groups
        .into_iter()
        .map(|(group, members)| Line {
            figures: figures(&members, period, now, calendars),
            backlog: backlog(&members, now, calendars),
            group,
        })
        .collect();
    rank(&mut lines);
    lines
}

/// Who is drowning first: most overdue, then most open, then by name. `load_of` gives a line's
/// load and username.
pub fn drowning_first<T>(lines: &mut [T], load_of: impl Fn(&T) -> (&Load, &str)) {
    lines.sort_by(|a, b| {
        let ((la, na), (lb, nb)) = (load_of(a), load_of(b));
        (lb.overdue, lb.open)
            .cmp(&(la.overdue, la.open))
            .then(na.cmp(nb))
    });
}

/// Ranks lines by completion rate (highest first; lines with nothing to rate last), then by the
/// follow-up and verification rates, then by name.
pub fn rank(lines: &mut [Line]) {
    let key = |r: Option<f64>| r.map(|v| -v).unwrap_or(f64::INFINITY);
    lines.sort_by(|a, b| {
        key(a.figures.completion_rate)
            .total_cmp(&key(b.figures.completion_rate))
            .then(
                key(a.figures.followed_up_in_time.rate())
                    .total_cmp(&key(b.figures.followed_up_in_time.rate())),
            )
            .then(
                key(a.figures.verified_in_time.rate())
                    .total_cmp(&key(b.figures.verified_in_time.rate())),
            )
            .then(a.group.cmp(&b.group))
    });
}

#[cfg(test)]
mod tests;
