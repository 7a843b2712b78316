//! The supervisor's board: the monev figures of one subtree for the current period, beside what a
//! supervisor acts on today (the clocks due and breached, each officer's load, the inflow). A pure
//! function of the same lives `meja report` counts, so the board and the report never disagree.

use super::{
    Backlog, Figures, Life, Load, OfficerSeat, Period, backlog, figures, loads, ranked_with,
};
use crate::domain::calendar::{CalendarBook, WorkingCalendar};
use crate::domain::types::Channel;
use chrono::{DateTime, Datelike, Days, NaiveDate, Utc};
use serde::Serialize;

/// Days of inflow the board shows (the working days among them).
pub const INFLOW_DAYS: u64 = 30;

/// The month holding `day`, first to last day.
pub fn month_of(day: NaiveDate) -> Period {
    let from = day.with_day(1).unwrap_or(day);
    let next = if from.month() == 12 {
        NaiveDate::from_ymd_opt(from.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(from.year(), from.month() + 1, 1)
    };
    Period {
        from,
        to: next.and_then(|d| d.pred_opt()).unwrap_or(day),
    }
}

/// The first day the board needs complaints from: the period's start or the first day of the
/// inflow, whichever is earlier. Complaints received before it matter only while open or when
/// they moved since (escalations, officers' work), which `Store::board` reads as well.
pub fn needed_since(period: Period, today: NaiveDate) -> NaiveDate {
    let inflow_from = today
        .checked_sub_days(Days::new(INFLOW_DAYS - 1))
        .unwrap_or(today);
    period.from.min(inflow_from)
}

/// A child instansi of the board's own (a kab/kota of a province, a unit of an instansi).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Child {
    pub code: String,
    pub name: String,
    pub path: String,
}

/// One line of the ranked children; `code` None is the instansi's own desk (complaints it holds
/// itself rather than a child).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChildLine {
    pub code: Option<String>,
    pub name: String,
    pub figures: Figures,
    pub backlog: Backlog,
    /// Open complaints whose running clock is past due now.
    pub breached: u64,
}

/// The running clocks by when they fall due.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Clocks {
    /// Due later today (not yet past).
    pub due_today: u64,
    /// Due on the next working day.
    pub due_next: u64,
    /// Past due now.
    pub breached: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficerLine {
    pub username: String,
    pub load: Load,
}

/// Complaints received per working day, per channel (only the channels that had any).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Inflow {
    pub days: Vec<NaiveDate>,
    pub by_channel: Vec<(Channel, Vec<u64>)>,
}

impl Inflow {
    /// Every channel together, per day.
    pub fn total(&self) -> Vec<u64> {
        let mut t = vec![0; self.days.len()];
        for (_, counts) in &self.by_channel {
            for (sum, n) in t.iter_mut().zip(counts) {
                *sum += n;
            }
        }
        t
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Board {
    pub instansi: String,
    pub period: Period,
    pub today: NaiveDate,
    /// The next working day after today (what "due next" counts).
    pub next_working_day: NaiveDate,
    pub figures: Figures,
    pub backlog: Backlog,
    pub children: Vec<ChildLine>,
    pub clocks: Clocks,
    /// Each officer's load, who is drowning first (overdue, then open, then name).
    pub officers: Vec<OfficerLine>,
    pub inflow: Inflow,
}

/// What the board is computed for.
pub struct Scope<'a> {
    pub instansi: &'a str,
    pub children: &'a [Child],
    pub period: Period,
    pub now: DateTime<Utc>,
    /// Today in the reader's zone, and the reader's calendar (for the inflow's working days).
    pub today: NaiveDate,
    pub calendar: &'a WorkingCalendar,
    pub calendars: &'a CalendarBook,
}

fn child_of<'c>(children: &'c [Child], life: &Life) -> Option<&'c Child> {
    children
        .iter()
        .find(|c| life.instansi_path.starts_with(&c.path))
}

pub fn board(lives: &[&Life], officers: &[OfficerSeat], scope: &Scope<'_>) -> Board {
    let (period, now) = (scope.period, scope.now);
    let next_working_day = scope.calendar.nth_working_day_after(scope.today, 1);
    // Children by code; the instansi's own desk under the empty key.
    // Every child has a line, the quiet ones too, and so has the instansi's own desk (key "").
    let always: Vec<String> = std::iter::once(String::new())
        .chain(scope.children.iter().map(|c| c.code.clone()))
        .collect();
    let mut children = ranked_with(
        lives,
        &always,
        |l| {
            Some(
                child_of(scope.children, l)
                    .map(|c| c.code.clone())
                    .unwrap_or_default(),
            )
        },
        period,
        now,
        scope.calendars,
    )
    .into_iter()
    .map(|line| {
        let child = scope.children.iter().find(|c| c.code == line.group);
        ChildLine {
            code: child.map(|c| c.code.clone()),
            name: child
                .map(|c| c.name.clone())
                .unwrap_or_else(|| scope.instansi.to_string()),
            figures: line.figures,
            backlog: line.backlog,
            breached: 0,
        }
    })
    .collect::<Vec<_>>();
    let mut clocks = Clocks::default();
    let days: Vec<NaiveDate> = (0..INFLOW_DAYS)
        .rev()
        .filter_map(|back| scope.today.checked_sub_days(Days::new(back)))
        .filter(|d| scope.calendar.is_working_day(*d))
        .collect();
    let mut by_channel: Vec<(Channel, Vec<u64>)> = Channel::ALL
        .iter()
        .map(|c| (*c, vec![0; days.len()]))
        .collect();
    for life in lives {
        if let Some(due) = life.running_due() {
            let day = due.with_timezone(&life.zone.offset()).date_naive();
            if due <= now {
                clocks.breached += 1;
                let code = child_of(scope.children, life).map(|c| c.code.clone());
                if let Some(line) = children.iter_mut().find(|l| l.code == code) {
                    line.breached += 1;
                }
            } else if day == scope.today {
                clocks.due_today += 1;
            } else if day == next_working_day {
                clocks.due_next += 1;
            }
        }
        let received = life
            .received_at
            .with_timezone(&life.zone.offset())
            .date_naive();
        if let Ok(i) = days.binary_search(&received)
            && let Some((_, counts)) = by_channel.iter_mut().find(|(c, _)| *c == life.channel)
        {
            counts[i] += 1;
        }
    }
    by_channel.retain(|(_, counts)| counts.iter().any(|n| *n > 0));
    let mut officers: Vec<OfficerLine> = loads(lives, officers, period, now)
        .into_iter()
        .map(|(username, load)| OfficerLine { username, load })
        .collect();
    super::drowning_first(&mut officers, |l| (&l.load, l.username.as_str()));
    Board {
        instansi: scope.instansi.to_string(),
        period,
        today: scope.today,
        next_working_day,
        figures: figures(lives, period, now, scope.calendars),
        backlog: backlog(lives, now, scope.calendars),
        children,
        clocks,
        officers,
        inflow: Inflow { days, by_channel },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::Deadlines;
    use crate::domain::model::Event;
    use crate::domain::monev::Record;
    use crate::domain::types::{EventKind, Role, Status, Zone};
    use chrono::TimeZone;

    fn wib(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .single()
            .expect("a real time")
            - chrono::TimeDelta::hours(7)
    }

    fn ev(kind: EventKind, status: Status, at: DateTime<Utc>, actor: &str) -> Event {
        Event {
            id: 0,
            complaint_id: 0,
            at,
            recorded_at: None,
            actor: actor.into(),
            kind,
            status,
            details: serde_json::json!({}),
            batch: None,
        }
    }

    fn life(id: i64, path: &str, channel: Channel, events: Vec<Event>) -> Life {
        Life::of(
            Record {
                id,
                received_at: events[0].at,
                channel,
                kategori_id: None,
                instansi_path: path.into(),
                zone: Zone::Wib,
                assignee: Some("rina".into()),
            },
            &events,
            &Deadlines::default(),
            &WorkingCalendar::shipped(),
        )
    }

    /// Friday 27 November 2026 at 10:00 WIB: a verification clock started Tuesday 24th falls due
    /// at the end of today, one started Wednesday 25th on Monday 30th (the next working day), one
    /// started the 19th broke on the 24th. The children rank by completion; the inflow counts
    /// received reports per working day and channel.
    #[test]
    fn clocks_children_loads_and_inflow() {
        use EventKind as K;
        use Status as S;
        let now = wib(27, 10);
        let intake = |d| ev(K::Intake, S::Baru, wib(d, 9), "portal");
        let lives = [
            life(1, "/1/2/", Channel::Sms, vec![intake(24)]),
            life(2, "/1/2/", Channel::Web, vec![intake(25)]),
            life(3, "/1/3/", Channel::Sms, vec![intake(19)]),
            life(
                4,
                "/1/3/",
                Channel::Sms,
                vec![intake(23), ev(K::Close, S::Selesai, wib(24, 9), "rina")],
            ),
            life(5, "/1/", Channel::Web, vec![intake(2)]),
            // Answered on the 3rd: only the reporter's closing clock runs, long past its end,
            // which is no deadline of the desk's.
            life(
                6,
                "/1/2/",
                Channel::Web,
                vec![intake(2), ev(K::Reply, S::Ditanggapi, wib(3, 9), "rina")],
            ),
        ];
        let refs: Vec<&Life> = lives.iter().collect();
        let children = [
            Child {
                code: "a".into(),
                name: "Dinas A".into(),
                path: "/1/2/".into(),
            },
            Child {
                code: "b".into(),
                name: "Dinas B".into(),
                path: "/1/3/".into(),
            },
        ];
        let calendar = WorkingCalendar::shipped();
        let book = CalendarBook::shipped();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a day");
        let scope = Scope {
            instansi: "Kota",
            children: &children,
            period: month_of(today),
            now,
            today,
            calendar: &calendar,
            calendars: &book,
        };
        let officers = [OfficerSeat {
            username: "rina".into(),
            role: Role::Officer,
            instansi_path: "/1/2/".into(),
            zone: Zone::Wib,
        }];
        let b = board(&refs, &officers, &scope);
        assert_eq!(
            b.period.from,
            NaiveDate::from_ymd_opt(2026, 11, 1).expect("day")
        );
        assert_eq!(
            b.period.to,
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
        );
        assert_eq!(
            b.next_working_day,
            NaiveDate::from_ymd_opt(2026, 11, 30).expect("day")
        );
        // #5 (2nd) and #3 (19th) are past due; #1 falls due today; #2 on Monday.
        assert_eq!(
            b.clocks,
            Clocks {
                due_today: 1,
                due_next: 1,
                breached: 2
            }
        );
        assert_eq!(b.figures.received, 6);
        // Dinas B settled one of its two reports: it ranks first.
        assert_eq!(b.children[0].code.as_deref(), Some("b"));
        assert_eq!(b.children[0].breached, 1);
        let own = b
            .children
            .iter()
            .find(|c| c.code.is_none())
            .expect("own desk");
        assert_eq!((own.name.as_str(), own.breached), ("Kota", 1));
        assert_eq!(b.officers[0].username, "rina");
        assert_eq!(b.officers[0].load.open, 5);
        assert_eq!(b.officers[0].load.overdue, 2);
        // 30 days back from the 27th: from 29 October, 22 working days.
        assert_eq!(b.inflow.days.len(), 22);
        assert_eq!(b.inflow.days.last(), Some(&today));
        let sms = b
            .inflow
            .by_channel
            .iter()
            .find(|(c, _)| *c == Channel::Sms)
            .expect("sms");
        assert_eq!(sms.1.iter().sum::<u64>(), 3);
        assert_eq!(b.inflow.total().iter().sum::<u64>(), 6);
        assert!(
            b.inflow
                .by_channel
                .iter()
                .all(|(c, _)| *c != Channel::Loket)
        );
    }
}
