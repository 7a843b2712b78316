//! The monev figures of a supervisor's subtree from the rollups (migration 0009): the sums of the
//! period's days and months, the running clocks as they stand now, and the officers' rows. What
//! `domain::monev` computes from every complaint's life, this computes from a few thousand rows;
//! `tests/monev_report.rs` holds the two equal on a seeded database, on every backend.

use super::{Reference, Result, Store, ms, on_backend};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::monev::fact::{
    Now, OPEN_STATUSES, Tally, day_number, from_day_number, month_start,
};
use crate::domain::monev::{Backlog, Line, Load, Period, rank};
use crate::domain::types::{ClockKind, Role};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
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

/// How figures are grouped, in SQL (`ops/tally.rs`), so that the database returns a line per
/// group rather than a row per instansi; `key_of_group` names the groups it returns.
#[derive(Debug, Clone)]
pub(crate) enum Grouping {
    /// By child of the subtree read: each child's (path, key); what the subtree's own instansi
    /// holds goes to `rest`. In SQL a holder's child is the prefix of its path one level below the
    /// subtree's (`scope_len` long), found without comparing against every child.
    Children {
        scope_len: usize,
        parts: Vec<(String, String)>,
        rest: String,
    },
    /// By the value of a facet (`c:sms`, `k:12`).
    Facet(Facet),
    /// Everything together, under "".
    Whole,
}

impl Grouping {
    pub(crate) fn facet(&self) -> Facet {
        match self {
            Grouping::Facet(f) => *f,
            _ => Facet::All,
        }
    }

    /// The key of a group as SQL names it (a child's path prefix, a facet value, "").
    pub(crate) fn key_of_group(&self, group: &str) -> String {
        match self {
            Grouping::Children { parts, rest, .. } => parts
                .iter()
                .find(|(p, _)| p == group)
                .map_or_else(|| rest.clone(), |(_, k)| k.clone()),
            _ => group.to_string(),
        }
    }
}

/// Which holding instansi a reading counts.
#[derive(Debug, Clone)]
pub(crate) enum Holders {
    All,
    Only(Vec<String>),
    Except(Vec<String>),
}

/// The first received day of each backlog age bracket younger than the oldest: received on or
/// after `within3` is 0-3 working days old, on or after `within5` 4-5, on or after `within10`
/// 6-10, before it older.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Brackets {
    pub within3: i32,
    pub within5: i32,
    pub within10: i32,
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

/// The earliest day received whose age on `today` is at most `days` working days.
fn youngest_from(calendar: &WorkingCalendar, today: NaiveDate, days: u32) -> NaiveDate {
    let mut day = today;
    while let Some(before) = day.pred_opt() {
        if calendar.working_days_between(before, today) > days || before.year() < 1970 {
            break;
        }
        day = before;
    }
    day
}

/// Each holding instansi's brackets, from its calendar and its own today.
fn brackets_of(
    reference: &Reference,
    scope: &str,
    now: DateTime<Utc>,
) -> HashMap<Brackets, Vec<String>> {
    let mut memo: HashMap<(*const WorkingCalendar, NaiveDate), Brackets> = HashMap::new();
    let mut out: HashMap<Brackets, Vec<String>> = HashMap::new();
    for i in reference
        .instansi
        .iter()
        .filter(|i| i.path.starts_with(scope))
    {
        let calendar: Arc<WorkingCalendar> = reference.calendars.for_path(&i.path);
        let today = now.with_timezone(&i.zone.offset()).date_naive();
        let b = *memo
            .entry((Arc::as_ptr(&calendar), today))
            .or_insert_with(|| Brackets {
                within3: day_number(youngest_from(&calendar, today, 3)),
                within5: day_number(youngest_from(&calendar, today, 5)),
                within10: day_number(youngest_from(&calendar, today, 10)),
            });
        out.entry(b).or_default().push(i.path.clone());
    }
    out
}

/// The figures of each group of a subtree, and what the officers' loads need of the same reading.
#[derive(Debug, Default)]
pub(crate) struct Grouped {
    pub tallies: BTreeMap<String, (Tally, Now)>,
    pub backlogs: BTreeMap<String, Backlog>,
}

impl Store {
    /// The figures of the subtree at `scope` for `period` as of `now`, per group of `grouping`.
    pub(crate) async fn grouped_sums(
        &self,
        scope: &str,
        grouping: &Grouping,
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<Grouped> {
        let reference = self.reference();
        let mut out = Grouped::default();
        let spans = spans_of(period);
        for (key, _, tally) in on_backend!(
            self,
            "reading the monev sums",
            tally_groups(scope, grouping, &spans, None, false, &Holders::All)
        )? {
            out.tallies.entry(key).or_default().0.add(&tally);
        }
        let (from, to) = (day_number(period.from), day_number(period.to));
        for (key, kind, n) in on_backend!(
            self,
            "reading the clocks past due",
            overdue_groups(scope, grouping, ms(now), from, to)
        )? {
            let parts = &mut out.tallies.entry(key).or_default().1;
            match kind {
                Some(ClockKind::Verifikasi) => parts.verify_overdue += n,
                Some(ClockKind::TindakLanjut) => parts.follow_overdue += n,
                _ => {}
            }
        }
        if out.tallies.values().any(|(t, _)| t.reply_slower > 0) {
            for (key, days, n) in on_backend!(
                self,
                "reading the slowest first replies",
                slower_replies(scope, grouping, from, to)
            )? {
                let list = &mut out.tallies.entry(key).or_default().1.slower_replies;
                list.extend(std::iter::repeat_n(days.max(0) as u32, n as usize));
            }
        }
        // The backlog: every open complaint, by its group and its age bracket. Each holder's
        // brackets follow its calendar and its today; most share one set, read in one query.
        let mut by_brackets: Vec<(Brackets, Vec<String>)> =
            brackets_of(&reference, scope, now).into_iter().collect();
        by_brackets.sort_by_key(|(_, paths)| std::cmp::Reverse(paths.len()));
        let oldest = by_brackets
            .iter()
            .map(|(b, _)| b.within10)
            .min()
            .unwrap_or_else(|| day_number(now.date_naive()));
        let first = month_start(from_day_number(oldest));
        let mut spans = vec![DaySpan {
            months: false,
            from: day_number(first),
            to: i32::MAX,
        }];
        if let Some(before) = first.pred_opt() {
            spans.push(DaySpan {
                months: true,
                from: i32::MIN,
                to: day_number(month_start(before)),
            });
        }
        let others: Vec<String> = by_brackets
            .iter()
            .skip(1)
            .flat_map(|(_, p)| p.iter().cloned())
            .collect();
        for (i, (brackets, paths)) in by_brackets.iter().enumerate() {
            let holders = if i == 0 {
                Holders::Except(others.clone())
            } else {
                Holders::Only(paths.clone())
            };
            for (key, bracket, tally) in on_backend!(
                self,
                "reading the backlog",
                tally_groups(scope, grouping, &spans, Some(*brackets), true, &holders)
            )? {
                let b = out.backlogs.entry(key).or_default();
                let n = tally.open_total();
                b.open += n;
                b.by_age[bracket.clamp(0, 3) as usize] += n;
                for (status, count) in OPEN_STATUSES.iter().zip(tally.open) {
                    if count > 0 {
                        *b.by_status.entry(*status).or_default() += count;
                    }
                }
            }
        }
        Ok(out)
    }

    /// Each active officer's load in the subtree, as `domain::monev::loads` counts it.
    pub(crate) async fn officer_loads_summed(
        &self,
        scope: &str,
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<BTreeMap<String, Load>> {
        let rows = on_backend!(
            self,
            "reading the officers' loads",
            officer_rows(scope, day_number(period.from), day_number(period.to))
        )?;
        let overdue: HashMap<i64, u64> = on_backend!(
            self,
            "reading the officers' clocks past due",
            overdue_by_assignee(scope, ms(now))
        )?
        .into_iter()
        .collect();
        let waiting = on_backend!(
            self,
            "reading the replies awaiting approval",
            waiting_by_path(scope)
        )?;
        Ok(rows
            .into_iter()
            .map(|o| {
                // A supervisor or admin may approve what waits anywhere in their subtree.
                let awaiting_approval = if o.role >= Role::Supervisor {
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

/// The line of everything (named by the first group's name) and the ranked lines of `groups`,
/// each a (key, name) pair; the groups must part the subtree (each complaint in one).
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
