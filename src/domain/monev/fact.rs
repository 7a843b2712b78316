//! The monev figures as sums, so that a report over a year reads a few thousand rows instead of a
//! million event logs. Each complaint's life comes down to one `Fact`: what it adds to the figures
//! of the day it was received (and of the days it was escalated). The store keeps a fact per
//! complaint in the transaction of each of its events, and the database sums the facts per
//! holding instansi, local day and month (`monev_tally`, migration 0009). A `Tally` is such a sum;
//! `Tally::figures` turns it into the same `Figures` that `monev::figures` computes from lives,
//! given what depends on the moment of reading (the clocks past due now) and the exact days of the
//! rare first replies slower than the histogram counts. `tests.rs` holds the two equal.

use super::{Backlog, Compliance, Figures, Life, bracket, ratio};
use crate::domain::calendar::{CalendarBook, WorkingCalendar};
use crate::domain::clock::SegmentOutcome;
use crate::domain::types::{Channel, ClockKind, Klasifikasi, Status};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// First replies within this many working days are counted per day in the tally; slower ones are
/// counted together, and their exact days read from the facts when a percentile falls among them.
pub const REPLY_DAYS_COUNTED: usize = 16;

/// The open statuses, in the order of the tally's `open_<status>` columns.
pub const OPEN_STATUSES: [Status; 9] = [
    Status::Baru,
    Status::Ditunda,
    Status::Terverifikasi,
    Status::Didisposisikan,
    Status::BukanWewenang,
    Status::Ditindaklanjuti,
    Status::MenungguPersetujuan,
    Status::Ditanggapi,
    Status::TanggapanPelapor,
];

fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default()
}

/// A local day as the tally keys it: days since 1970-01-01.
pub fn day_number(day: NaiveDate) -> i32 {
    (day - epoch()).num_days() as i32
}

pub fn from_day_number(n: i32) -> NaiveDate {
    epoch() + chrono::Days::new(n.max(0) as u64)
}

/// The first day of the month holding `day`.
pub fn month_start(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// One complaint's contribution to the figures (see the module's comment).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub complaint_id: i64,
    pub instansi_path: String,
    pub klasifikasi: Klasifikasi,
    pub assignee_id: Option<i64>,
    pub status: Status,
    pub channel: Channel,
    pub kategori_id: Option<i64>,
    /// The local day it was received, in the holding instansi's zone.
    pub received_day: NaiveDate,
    pub excluded: bool,
    /// Settled and not excluded.
    pub selesai: bool,
    pub verify_met: u32,
    pub verify_missed: u32,
    pub follow_met: u32,
    pub follow_missed: u32,
    /// Working days from received to the first public reply (not counted when excluded).
    pub reply_days: Option<u32>,
    /// Each escalation's local day, and whether it has been resolved.
    pub escalations: Vec<(NaiveDate, bool)>,
}

impl Fact {
    /// What `life` adds to the figures, as `monev::figures` counts it: an excluded complaint
    /// counts as received and excluded, and for its escalations, nothing else.
    pub fn of(
        life: &Life,
        klasifikasi: Klasifikasi,
        assignee_id: Option<i64>,
        calendars: &CalendarBook,
    ) -> Fact {
        let local = |t: DateTime<Utc>| t.with_timezone(&life.zone.offset()).date_naive();
        let received_day = local(life.received_at);
        let excluded = life.excluded();
        let mut fact = Fact {
            complaint_id: life.id,
            instansi_path: life.instansi_path.clone(),
            klasifikasi,
            assignee_id,
            status: life.status,
            channel: life.channel,
            kategori_id: life.kategori_id,
            received_day,
            excluded,
            selesai: !excluded && life.status == Status::Selesai,
            verify_met: 0,
            verify_missed: 0,
            follow_met: 0,
            follow_missed: 0,
            reply_days: None,
            escalations: life
                .escalations
                .iter()
                .map(|e| (local(e.at), e.resolved_at.is_some()))
                .collect(),
        };
        if excluded {
            return fact;
        }
        for clock in &life.clocks {
            let (met, missed) = match clock.kind {
                ClockKind::Verifikasi => (&mut fact.verify_met, &mut fact.verify_missed),
                ClockKind::TindakLanjut => (&mut fact.follow_met, &mut fact.follow_missed),
                ClockKind::Penutupan => continue,
            };
            match clock.outcome {
                SegmentOutcome::Met => *met += 1,
                SegmentOutcome::Late => *missed += 1,
                // A running clock counts only once past due, which depends on when one asks.
                SegmentOutcome::Current => {}
            }
        }
        fact.reply_days = life.first_reply_at.map(|reply| {
            calendars
                .for_path(&life.instansi_path)
                .working_days_between(received_day, local(reply))
        });
        fact
    }

    /// The escalations as the fact table stores them: `[[day, month, resolved], ...]`, days as
    /// `day_number`s.
    pub fn escalations_json(&self) -> String {
        let list: Vec<[i64; 3]> = self
            .escalations
            .iter()
            .map(|(day, resolved)| {
                [
                    i64::from(day_number(*day)),
                    i64::from(day_number(month_start(*day))),
                    i64::from(*resolved),
                ]
            })
            .collect();
        serde_json::to_string(&list).unwrap_or_else(|_| "[]".into())
    }

    /// The tally of the day it was received (escalations apart): what the database adds.
    pub fn received_tally(&self) -> Tally {
        let mut t = Tally {
            received: 1,
            excluded: u64::from(self.excluded),
            selesai: u64::from(self.selesai),
            verify_met: u64::from(self.verify_met),
            verify_missed: u64::from(self.verify_missed),
            follow_met: u64::from(self.follow_met),
            follow_missed: u64::from(self.follow_missed),
            ..Tally::default()
        };
        match self.reply_days {
            Some(d) if (d as usize) < REPLY_DAYS_COUNTED => t.reply[d as usize] += 1,
            Some(_) => t.reply_slower += 1,
            None => {}
        }
        if let Some(i) = OPEN_STATUSES.iter().position(|s| *s == self.status) {
            t.open[i] += 1;
        }
        t
    }
}

/// Sums of facts: one instansi's day or month in the database, or any group of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub received: u64,
    pub excluded: u64,
    pub selesai: u64,
    pub verify_met: u64,
    pub verify_missed: u64,
    pub follow_met: u64,
    pub follow_missed: u64,
    /// First replies by working days, 0 to `REPLY_DAYS_COUNTED - 1`.
    pub reply: [u64; REPLY_DAYS_COUNTED],
    /// First replies slower than that.
    pub reply_slower: u64,
    pub escalations: u64,
    pub escalations_resolved: u64,
    /// Open now, per `OPEN_STATUSES`.
    pub open: [u64; OPEN_STATUSES.len()],
}

/// What the figures of a group need beside its tally, as of the moment they are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Now {
    /// Received in the period, open, with a running verification clock past due.
    pub verify_overdue: u64,
    /// The same for the follow-up clock.
    pub follow_overdue: u64,
    /// The days of the group's first replies slower than the tally counts, in any order.
    pub slower_replies: Vec<u32>,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.received += o.received;
        self.excluded += o.excluded;
        self.selesai += o.selesai;
        self.verify_met += o.verify_met;
        self.verify_missed += o.verify_missed;
        self.follow_met += o.follow_met;
        self.follow_missed += o.follow_missed;
        for (a, b) in self.reply.iter_mut().zip(o.reply) {
            *a += b;
        }
        self.reply_slower += o.reply_slower;
        self.escalations += o.escalations;
        self.escalations_resolved += o.escalations_resolved;
        for (a, b) in self.open.iter_mut().zip(o.open) {
            *a += b;
        }
    }

    pub fn open_total(&self) -> u64 {
        self.open.iter().sum()
    }

    /// The figures this tally gives, as `monev::figures` gives them for the same complaints.
    pub fn figures(&self, now: &Now) -> Figures {
        let mut slower = now.slower_replies.clone();
        slower.sort_unstable();
        Figures {
            received: self.received,
            excluded: self.excluded,
            selesai: self.selesai,
            completion_rate: ratio(self.selesai, self.received - self.excluded),
            verified_in_time: Compliance {
                met: self.verify_met,
                missed: self.verify_missed,
                open_overdue: now.verify_overdue,
            },
            followed_up_in_time: Compliance {
                met: self.follow_met,
                missed: self.follow_missed,
                open_overdue: now.follow_overdue,
            },
            first_follow_up_median: self.reply_rank(&slower, 50),
            first_follow_up_p90: self.reply_rank(&slower, 90),
            escalations: self.escalations,
            escalations_resolved: self.escalations_resolved,
        }
    }

    /// `monev::nearest_rank` over the histogram and the slower replies' exact days (sorted).
    fn reply_rank(&self, slower: &[u32], p: u64) -> Option<u32> {
        let n = self.reply.iter().sum::<u64>() + self.reply_slower;
        if n == 0 {
            return None;
        }
        let rank = (n * p).div_ceil(100).max(1);
        let mut seen = 0;
        for (days, count) in self.reply.iter().enumerate() {
            seen += count;
            if seen >= rank {
                return Some(days as u32);
            }
        }
        slower.get((rank - seen - 1) as usize).copied()
    }
}

/// One instansi's complaints open now, received on a day (or in a month, all of whose days are
/// long enough ago to fall in the oldest age bracket).
#[derive(Debug, Clone)]
pub struct OpenDay {
    pub received_day: NaiveDate,
    pub open: [u64; OPEN_STATUSES.len()],
}

/// The backlog of open counts by the day they were received, as `monev::backlog` counts it:
/// ages in working days on `calendar` up to `today` (the holder's own today).
pub fn backlog_of(b: &mut Backlog, days: &[OpenDay], calendar: &WorkingCalendar, today: NaiveDate) {
    for d in days {
        let n: u64 = d.open.iter().sum();
        if n == 0 {
            continue;
        }
        b.open += n;
        for (status, count) in OPEN_STATUSES.iter().zip(d.open) {
            if count > 0 {
                *b.by_status.entry(*status).or_default() += count;
            }
        }
        let age = calendar.working_days_between(d.received_day, today);
        b.by_age[bracket(age)] += n;
    }
}
