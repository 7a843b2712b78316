//! The monev figures of a supervisor's subtree from the rollups (migration 0009): the sums of the
//! period's days and months, the running clocks as they stand now, and the officers' rows. What
//! `domain::monev` computes from every complaint's life, this computes from a few thousand rows;
//! `tests/monev_report.rs` holds the two equal on a seeded database, on every backend.

use super::{Reference, Result, Store, ms, on_backend};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::monev::fact::{
    Now, OPEN_STATUSES, OpenDay, Tally, backlog_of, day_number, from_day_number, month_start,
};
use crate::domain::monev::{Backlog, Line, Load, Period, rank};
use crate::domain::types::{ClockKind, Status, Zone};
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

/// Which of the tally's facets a reading groups by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Facet {
    All,
    Channel,
    Kategori,
}

/// Days `from..=to` (day numbers), or the months whose first days those are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DaySpan {
    pub months: bool,
    pub from: i32,
    pub to: i32,
}

/// A sum of the tally: per holding instansi and facet value (and per day or month, when asked).
#[derive(Debug, Clone)]
pub(crate) struct TallyRow {
    pub instansi_path: String,
    pub facet: String,
    pub months: bool,
    pub day: i32,
    pub tally: Tally,
}

/// A running verification or follow-up clock.
#[derive(Debug, Clone)]
pub(crate) struct BreachRow {
    pub instansi_path: String,
    pub breach_at: i64,
    pub clock_kind: Option<ClockKind>,
    pub assignee_id: Option<i64>,
    pub channel: String,
    pub kategori_id: Option<i64>,
    pub received_day: i32,
    pub excluded: bool,
}

impl BreachRow {
    fn facet(&self, facet: Facet) -> String {
        match facet {
            Facet::All => String::new(),
            Facet::Channel => format!("c:{}", self.channel),
            Facet::Kategori => format!(
                "k:{}",
                self.kategori_id.map(|k| k.to_string()).unwrap_or_default()
            ),
        }
    }
}

/// An active officer of the subtree, with their open complaints and their moves in the period.
#[derive(Debug, Clone)]
pub(crate) struct OfficerRow {
    pub id: i64,
    pub username: String,
    pub role: crate::domain::types::Role,
    pub instansi_path: String,
    pub open: u64,
    pub handled: u64,
}

/// The spans of days and whole months that make up a period: the months it covers whole, and the
/// days of the months it covers in part.
pub(crate) fn spans_of(period: Period) -> Vec<DaySpan> {
    let mut spans = Vec::new();
    // The run of whole months being gathered: its first and last month's first days.
    let mut whole: Option<(NaiveDate, NaiveDate)> = None;
    let mut day = period.from;
    while day <= period.to {
        let first = month_start(day);
        let next = next_month(first);
        let last = next.pred_opt().unwrap_or(first);
        if day == first && last <= period.to {
            whole = Some(whole.map_or((first, first), |(a, _)| (a, first)));
        } else {
            if let Some((a, b)) = whole.take() {
                spans.push(DaySpan {
                    months: true,
                    from: day_number(a),
                    to: day_number(b),
                });
            }
            spans.push(DaySpan {
                months: false,
                from: day_number(day),
                to: day_number(last.min(period.to)),
            });
        }
        if next <= day {
            break;
        }
        day = next;
    }
    if let Some((a, b)) = whole {
        spans.push(DaySpan {
            months: true,
            from: day_number(a),
            to: day_number(b),
        });
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn a_period_is_whole_months_and_the_days_of_partial_ones() {
        let spans = spans_of(Period {
            from: d("2026-01-15"),
            to: d("2026-04-10"),
        });
        assert_eq!(
            spans,
            vec![
                DaySpan {
                    months: false,
                    from: day_number(d("2026-01-15")),
                    to: day_number(d("2026-01-31"))
                },
                DaySpan {
                    months: true,
                    from: day_number(d("2026-02-01")),
                    to: day_number(d("2026-03-01"))
                },
                DaySpan {
                    months: false,
                    from: day_number(d("2026-04-01")),
                    to: day_number(d("2026-04-10"))
                },
            ]
        );
        let year = spans_of(Period {
            from: d("2026-01-01"),
            to: d("2026-12-31"),
        });
        assert_eq!(
            year,
            vec![DaySpan {
                months: true,
                from: day_number(d("2026-01-01")),
                to: day_number(d("2026-12-01"))
            }]
        );
        let days = spans_of(Period {
            from: d("2026-11-03"),
            to: d("2026-11-03"),
        });
        assert_eq!(
            days,
            vec![DaySpan {
                months: false,
                from: day_number(d("2026-11-03")),
                to: day_number(d("2026-11-03"))
            }]
        );
    }
}

fn next_month(first: NaiveDate) -> NaiveDate {
    let (y, m) = if first.month() == 12 {
        (first.year() + 1, 1)
    } else {
        (first.year(), first.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(first)
}

/// A holding instansi as the figures read it: its zone, its calendar, its today.
struct Holder {
    calendar: Arc<WorkingCalendar>,
    today: NaiveDate,
}

fn holders(reference: &Reference, scope: &str, now: DateTime<Utc>) -> HashMap<String, Holder> {
    reference
        .instansi
        .iter()
        .filter(|i| i.path.starts_with(scope))
        .map(|i| {
            (
                i.path.clone(),
                Holder {
                    calendar: reference.calendars.for_path(&i.path),
                    today: now.with_timezone(&i.zone.offset()).date_naive(),
                },
            )
        })
        .collect()
}

/// The day from which the backlog is read day by day: every complaint received before it is more
/// than ten working days old for every holder of the subtree (so its month's sum will do).
fn backlog_cutoff(holders: &HashMap<String, Holder>, today: NaiveDate) -> NaiveDate {
    let mut cutoff = today - Days::new(21);
    // Long runs of days off (Lebaran and its cuti bersama) push it further back.
    while holders.values().any(|h| {
        cutoff
            .pred_opt()
            .is_some_and(|d| h.calendar.working_days_between(d, h.today) <= 10)
    }) && cutoff.year() > 1970
    {
        cutoff = cutoff - Days::new(7);
    }
    cutoff
}

/// The figures and backlog of each group of a subtree.
pub(crate) struct Grouped {
    pub tallies: BTreeMap<String, (Tally, Now)>,
    pub backlogs: BTreeMap<String, Backlog>,
    /// Complaints waiting for approval, per holding instansi.
    pub waiting: BTreeMap<String, u64>,
}

impl Store {
    /// The sums of the subtree at `scope` for `period` as of `now`, grouped by `group_of` (from a
    /// holder's path and a facet value to a group; None leaves the row out).
    pub(crate) async fn grouped_sums(
        &self,
        scope: &str,
        facet: Facet,
        period: Period,
        now: DateTime<Utc>,
        breaches: &[BreachRow],
        group_of: &(dyn Fn(&str, &str) -> Option<String> + Sync),
    ) -> Result<Grouped> {
        let reference = self.reference();
        let spans = spans_of(period);
        let rows = on_backend!(
            self,
            "reading the monev sums",
            tally_sums(scope, facet, &spans, false, false)
        )?;
        let mut tallies: BTreeMap<String, (Tally, Now)> = BTreeMap::new();
        for r in &rows {
            if let Some(g) = group_of(&r.instansi_path, &r.facet) {
                tallies.entry(g).or_default().0.add(&r.tally);
            }
        }
        let (from, to) = (day_number(period.from), day_number(period.to));
        let now_ms = ms(now);
        for b in breaches.iter().filter(|b| {
            b.breach_at <= now_ms && !b.excluded && (from..=to).contains(&b.received_day)
        }) {
            if let Some(g) = group_of(&b.instansi_path, &b.facet(facet)) {
                let n = &mut tallies.entry(g).or_default().1;
                match b.clock_kind {
                    Some(ClockKind::Verifikasi) => n.verify_overdue += 1,
                    Some(ClockKind::TindakLanjut) => n.follow_overdue += 1,
                    _ => {}
                }
            }
        }
        if tallies.values().any(|(t, _)| t.reply_slower > 0) {
            let slower = on_backend!(
                self,
                "reading the slowest first replies",
                slower_replies(scope, from, to)
            )?;
            for (path, channel, kategori, days) in slower {
                let value = match facet {
                    Facet::All => String::new(),
                    Facet::Channel => format!("c:{channel}"),
                    Facet::Kategori => {
                        format!("k:{}", kategori.map(|k| k.to_string()).unwrap_or_default())
                    }
                };
                if let Some(g) = group_of(&path, &value) {
                    tallies
                        .entry(g)
                        .or_default()
                        .1
                        .slower_replies
                        .push(days.max(0) as u32);
                }
            }
        }
        // The backlog: everything open, received before the cutoff counted by its months (all
        // more than ten working days old), since then day by day.
        let holders = holders(&reference, scope, now);
        let today = holders
            .values()
            .map(|h| h.today)
            .max()
            .unwrap_or_else(|| now.date_naive());
        let cutoff = backlog_cutoff(&holders, today);
        let first = month_start(cutoff);
        let mut old = vec![];
        if let Some(before) = first.pred_opt() {
            old.push(DaySpan {
                months: true,
                from: 0,
                to: day_number(month_start(before)),
            });
        }
        if first < cutoff {
            old.push(DaySpan {
                months: false,
                from: day_number(first),
                to: day_number(cutoff) - 1,
            });
        }
        // Up to any day at all: a report can be dated after the moment the figures are read for.
        let recent = [DaySpan {
            months: false,
            from: day_number(cutoff),
            to: i32::MAX,
        }];
        let old_rows = on_backend!(
            self,
            "reading the backlog",
            tally_sums(scope, facet, &old, false, true)
        )?;
        let recent_rows = on_backend!(
            self,
            "reading the backlog",
            tally_sums(scope, facet, &recent, true, true)
        )?;
        let mut backlogs: BTreeMap<String, Backlog> = BTreeMap::new();
        let mut waiting: BTreeMap<String, u64> = BTreeMap::new();
        let waiting_at = OPEN_STATUSES
            .iter()
            .position(|s| *s == Status::MenungguPersetujuan)
            .unwrap_or(0);
        for r in old_rows.iter().chain(&recent_rows) {
            *waiting.entry(r.instansi_path.clone()).or_default() += r.tally.open[waiting_at];
            let Some(g) = group_of(&r.instansi_path, &r.facet) else {
                continue;
            };
            let b = backlogs.entry(g).or_default();
            match holders.get(&r.instansi_path) {
                Some(h) if !r.months && r.day >= day_number(cutoff) => backlog_of(
                    b,
                    &[OpenDay {
                        received_day: from_day_number(r.day),
                        open: r.tally.open,
                    }],
                    &h.calendar,
                    h.today,
                ),
                _ => {
                    // Older than ten working days (or held by an instansi no longer in the tree).
                    let n = r.tally.open_total();
                    b.open += n;
                    b.by_age[3] += n;
                    for (status, count) in OPEN_STATUSES.iter().zip(r.tally.open) {
                        if count > 0 {
                            *b.by_status.entry(*status).or_default() += count;
                        }
                    }
                }
            }
        }
        Ok(Grouped {
            tallies,
            backlogs,
            waiting,
        })
    }

    /// The running clocks of the subtree due by `until`.
    pub(crate) async fn breaches(
        &self,
        scope: &str,
        until: DateTime<Utc>,
    ) -> Result<Vec<BreachRow>> {
        on_backend!(
            self,
            "reading the running clocks",
            breach_rows(scope, ms(until))
        )
    }

    /// Each active officer's load in the subtree, as `domain::monev::loads` counts it.
    pub(crate) async fn officer_loads_summed(
        &self,
        scope: &str,
        period: Period,
        now: DateTime<Utc>,
        breaches: &[BreachRow],
        waiting: &BTreeMap<String, u64>,
    ) -> Result<BTreeMap<String, Load>> {
        let rows = on_backend!(
            self,
            "reading the officers' loads",
            officer_rows(scope, day_number(period.from), day_number(period.to))
        )?;
        let now_ms = ms(now);
        let mut overdue: HashMap<i64, u64> = HashMap::new();
        for b in breaches.iter().filter(|b| b.breach_at <= now_ms) {
            if let Some(a) = b.assignee_id {
                *overdue.entry(a).or_default() += 1;
            }
        }
        Ok(rows
            .into_iter()
            .map(|o| {
                // A supervisor or admin may approve what waits anywhere in their subtree.
                let awaiting_approval = if o.role >= crate::domain::types::Role::Supervisor {
                    waiting
                        .iter()
                        .filter(|(path, _)| path.starts_with(&o.instansi_path))
                        .map(|(_, n)| n)
                        .sum()
                } else {
                    0
                };
                (
                    o.username,
                    Load {
                        open: o.open,
                        overdue: overdue.get(&o.id).copied().unwrap_or(0),
                        awaiting_approval,
                        handled: o.handled,
                    },
                )
            })
            .collect())
    }
}

/// Lines for `groups` (every one, the quiet ones too), ranked as `monev::ranked` ranks them.
pub(crate) fn lines(grouped: &Grouped, groups: &[(String, String)]) -> Vec<Line> {
    let mut out: Vec<Line> = groups
        .iter()
        .map(|(key, name)| {
            let (tally, now) = grouped.tallies.get(key).cloned().unwrap_or_default();
            Line {
                group: name.clone(),
                figures: tally.figures(&now),
                backlog: grouped.backlogs.get(key).cloned().unwrap_or_default(),
            }
        })
        .collect();
    rank(&mut out);
    out
}

/// The line of everything (`total`, named by the first group's name) and the ranked lines of
/// `groups`, each a (key, name) pair.
pub(crate) fn lines_merged(grouped: &Grouped, groups: &[(String, String)]) -> (Line, Vec<Line>) {
    let mut tally = Tally::default();
    let mut now = Now::default();
    let mut backlog = Backlog::default();
    for (t, n) in grouped.tallies.values() {
        tally.add(t);
        now.verify_overdue += n.verify_overdue;
        now.follow_overdue += n.follow_overdue;
        now.slower_replies.extend(&n.slower_replies);
    }
    for b in grouped.backlogs.values() {
        backlog.open += b.open;
        for (s, n) in &b.by_status {
            *backlog.by_status.entry(*s).or_default() += n;
        }
        for (a, n) in backlog.by_age.iter_mut().zip(b.by_age) {
            *a += n;
        }
    }
    let total = Line {
        group: groups.first().map(|(_, n)| n.clone()).unwrap_or_default(),
        figures: tally.figures(&now),
        backlog,
    };
    (total, lines(grouped, groups))
}

/// The zone a day is counted in for a holder path (WIB for a path no longer in the tree).
pub(crate) fn zone_of(reference: &Reference, path: &str) -> Zone {
    reference
        .instansi
        .iter()
        .find(|i| i.path == path)
        .map_or(Zone::Wib, |i| i.zone)
}
