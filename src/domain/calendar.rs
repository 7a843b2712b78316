//! The working-day calendar and the one rule by which every clock is counted (domain.md,
//! "How a clock is counted"): a clock of N working days started at time t is due at the end of the
//! N-th working day after the calendar day of t, in the instansi's local time.

use super::lifecycle::{Actor, InstansiId, Refusal};
use super::types::{HolidayKind, Role, Zone};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Bound;
use std::sync::Arc;

/// One day off: a national holiday, a cuti bersama day, or a regional day added by a deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    /// The decree that set the day (SKB number), or who added it.
    pub decree: String,
    /// The instansi whose subtree a regional day belongs to; None for a day of the national
    /// calendar, which applies everywhere.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instansi_id: Option<InstansiId>,
}

/// The calendar meja ships: ../shared/calendar/id-holidays.csv, 2024-2027, compiled in.
pub const SHIPPED_HOLIDAYS_CSV: &str = include_str!("../../data/id-holidays.csv");

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("holiday file line {line}: {message}")]
pub struct HolidayParseError {
    pub line: usize,
    pub message: String,
}

/// Parses `date,kind,name,decree` lines (a header line is skipped). Names and decrees may be quoted
/// with double quotes when they contain commas.
pub fn parse_holidays_csv(text: &str) -> Result<Vec<Holiday>, HolidayParseError> {
    let mut out = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let trimmed = raw.trim();
        if trimmed.is_empty() || (line == 1 && trimmed.starts_with("date,")) {
            continue;
        }
        let fields = split_csv_line(trimmed);
        if fields.len() < 3 {
            return Err(HolidayParseError {
                line,
                message: format!(
                    "expected date,kind,name,decree but found {} field(s)",
                    fields.len()
                ),
            });
        }
        let date =
            NaiveDate::parse_from_str(&fields[0], "%Y-%m-%d").map_err(|e| HolidayParseError {
                line,
                message: format!("bad date '{}': {e}", fields[0]),
            })?;
        let kind = HolidayKind::parse(&fields[1])
            .map_err(|message| HolidayParseError { line, message })?;
        out.push(Holiday {
            date,
            kind,
            name: fields[2].clone(),
            decree: fields.get(3).cloned().unwrap_or_default(),
            instansi_id: None,
        });
    }
    Ok(out)
}

fn split_csv_line(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                current.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    fields.push(current);
    fields
}

/// Days off by date. Weekends are always off; the map holds the other days that are not working days.
#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    days_off: BTreeMap<NaiveDate, Holiday>,
}

impl WorkingCalendar {
    pub fn new(holidays: impl IntoIterator<Item = Holiday>) -> Self {
        Self {
            days_off: holidays.into_iter().map(|h| (h.date, h)).collect(),
        }
    }

    /// The calendar as shipped, without a deployment's own additions.
    pub fn shipped() -> Self {
        // The shipped file is checked by a unit test, so it always parses.
        Self::new(parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap_or_default())
    }

    pub fn holiday(&self, date: NaiveDate) -> Option<&Holiday> {
        self.days_off.get(&date)
    }

    pub fn holidays(&self) -> impl Iterator<Item = &Holiday> {
        self.days_off.values()
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !self.days_off.contains_key(&date)
    }

    /// The n-th working day strictly after `date` (n >= 1; n = 0 gives `date` itself).
    pub fn nth_working_day_after(&self, date: NaiveDate, n: u32) -> NaiveDate {
        let mut day = date;
        let mut counted = 0;
        while counted < n {
            day = day.checked_add_days(Days::new(1)).unwrap_or(day);
            if self.is_working_day(day) {
                counted += 1;
            }
        }
        day
    }

    /// Working days in the half-open range (from, to]: how many of a clock's days have been used.
    /// Counted by whole weeks and the days off in the range, not day by day: the backlog's ages
    /// span years at a national desk.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        if to <= from {
            return 0;
        }
        let days = (to - from).num_days();
        let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        let mut weekdays = days / 7 * 5;
        let mut day = from + chrono::TimeDelta::days(days / 7 * 7);
        while day < to {
            day = day.succ_opt().unwrap_or(to);
            if !weekend(day) {
                weekdays += 1;
            }
        }
        let off = self
            .days_off
            .range((Bound::Excluded(from), Bound::Included(to)))
            .filter(|(d, _)| !weekend(**d))
            .count() as i64;
        u32::try_from(weekdays - off).unwrap_or(0)
    }

    /// The due time of an N-working-day clock started at `start`, for an instansi in `zone`:
    /// 23:59:59 local time of the N-th working day after the local calendar day of `start`.
    pub fn due(&self, start: DateTime<Utc>, working_days: u32, zone: Zone) -> DateTime<Utc> {
        let local_day = start.with_timezone(&zone.offset()).date_naive();
        end_of_day(self.nth_working_day_after(local_day, working_days), zone)
    }

    /// The end of the next working day after now: clocks due before it are "about to break".
    pub fn soon_threshold(&self, now: DateTime<Utc>, zone: Zone) -> DateTime<Utc> {
        self.due(now, 1, zone)
    }

    /// Whole working days left before `due` (negative when overdue), counted in local days.
    pub fn working_days_left(&self, now: DateTime<Utc>, due: DateTime<Utc>, zone: Zone) -> i64 {
        let today = now.with_timezone(&zone.offset()).date_naive();
        let due_day = due.with_timezone(&zone.offset()).date_naive();
        if due_day >= today {
            i64::from(self.working_days_between(today, due_day))
        } else {
            -i64::from(self.working_days_between(due_day, today))
        }
    }
}

/// The calendars of every instansi. National days (no instansi) apply everywhere; a regional day
/// applies to the instansi it belongs to and to everything below it, never to its parent or
/// siblings. Only instansi with regional days in or above them get a calendar of their own, and
/// those with the same regional days share one; everyone else shares the national calendar.
#[derive(Debug, Clone, Default)]
pub struct CalendarBook {
    national: Arc<WorkingCalendar>,
    /// Regional days by the instansi they belong to (also those of instansi no longer in the tree).
    regional: BTreeMap<InstansiId, Vec<Holiday>>,
    /// The instansi that have regional days, with their paths, shallowest first.
    sources: Vec<(InstansiId, String)>,
    by_instansi: HashMap<InstansiId, Arc<WorkingCalendar>>,
    by_path: HashMap<String, Arc<WorkingCalendar>>,
}

impl CalendarBook {
    /// From every holiday row and the instansi tree as (id, materialized path) pairs.
    pub fn new<'a>(
        holidays: impl IntoIterator<Item = Holiday>,
        tree: impl IntoIterator<Item = (InstansiId, &'a str)>,
    ) -> Self {
        let mut national = Vec::new();
        let mut regional: BTreeMap<InstansiId, Vec<Holiday>> = BTreeMap::new();
        for h in holidays {
            match h.instansi_id {
                None => national.push(h),
                Some(id) => regional.entry(id).or_default().push(h),
            }
        }
        let tree: Vec<(InstansiId, &str)> = tree.into_iter().collect();
        let mut sources: Vec<(InstansiId, String)> = tree
            .iter()
            .filter(|(id, _)| regional.contains_key(id))
            .map(|(id, path)| (*id, path.to_string()))
            .collect();
        sources.sort_by_key(|(_, path)| path.len());
        let national_calendar = Arc::new(WorkingCalendar::new(national.iter().cloned()));
        let mut shared: HashMap<Vec<InstansiId>, Arc<WorkingCalendar>> = HashMap::new();
        let mut by_instansi = HashMap::new();
        let mut by_path = HashMap::new();
        if !sources.is_empty() {
            for (id, path) in &tree {
                let above: Vec<InstansiId> = sources
                    .iter()
                    .filter(|(_, p)| path.starts_with(p.as_str()))
                    .map(|(source, _)| *source)
                    .collect();
                if above.is_empty() {
                    continue;
                }
                let calendar = shared
                    .entry(above.clone())
                    .or_insert_with(|| {
                        // Shallowest first so a deeper instansi's own entry wins the date; the
                        // national entry last: a day that is national is shown as national.
                        let days = above
                            .iter()
                            .flat_map(|s| regional.get(s).into_iter().flatten())
                            .chain(national.iter())
                            .cloned();
                        Arc::new(WorkingCalendar::new(days))
                    })
                    .clone();
                by_instansi.insert(*id, Arc::clone(&calendar));
                by_path.insert(path.to_string(), calendar);
            }
        }
        Self {
            national: national_calendar,
            regional,
            sources,
            by_instansi,
            by_path,
        }
    }

    /// The shipped national calendar and no regional days (a console or test without a store).
    pub fn shipped() -> Self {
        // The shipped file is checked by a unit test, so it always parses.
        Self::new(
            parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap_or_default(),
            std::iter::empty(),
        )
    }

    /// The calendar of national holidays and cuti bersama alone.
    pub fn national(&self) -> Arc<WorkingCalendar> {
        Arc::clone(&self.national)
    }

    /// The days off in force at an instansi: national days and the regional days of the instansi
    /// and every instansi above it.
    pub fn for_instansi(&self, id: InstansiId) -> Arc<WorkingCalendar> {
        self.by_instansi
            .get(&id)
            .map(Arc::clone)
            .unwrap_or_else(|| self.national())
    }

    /// Like `for_instansi`, by the instansi's materialized path.
    pub fn for_path(&self, path: &str) -> Arc<WorkingCalendar> {
        self.by_path
            .get(path)
            .map(Arc::clone)
            .unwrap_or_else(|| self.national())
    }

    /// The regional days that belong to this instansi itself (not those inherited from above).
    pub fn regional_days_of(&self, id: InstansiId) -> &[Holiday] {
        self.regional.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The instansi in the tree that have regional days of their own, with their paths,
    /// shallowest first.
    pub fn regional_instansi(&self) -> &[(InstansiId, String)] {
        &self.sources
    }

    /// Every stored day: the national calendar, then each instansi's regional days.
    pub fn all_days(&self) -> impl Iterator<Item = &Holiday> {
        self.national
            .holidays()
            .chain(self.regional.values().flatten())
    }
}

/// Who may change which days off. The national calendar (national holidays, cuti bersama and any
/// day that belongs to no instansi) moves every deadline in the country, so only national admins
/// change it. A regional day belongs to one instansi and moves the deadlines of its subtree only,
/// so an admin of that instansi or of an instansi above it may change it, as may a national admin.
/// `instansi_path` is the materialized path of the instansi the day belongs to, None for the
/// national calendar.
pub fn may_change(
    actor: &Actor,
    kind: HolidayKind,
    instansi_path: Option<&str>,
) -> Result<(), Refusal> {
    match (kind, instansi_path) {
        (HolidayKind::LiburNasional | HolidayKind::CutiBersama, Some(_)) => {
            Err(Refusal::HolidayDecreeIsNational { kind })
        }
        (_, None) if actor.role == Role::National => Ok(()),
        (_, None) => Err(Refusal::HolidayNeedsNational),
        (HolidayKind::Regional, Some(path)) => match actor.role {
            Role::National => Ok(()),
            Role::Admin if actor.covers(path) => Ok(()),
            Role::Admin => Err(Refusal::HolidayOutsideSubtree {
                instansi: path.to_string(),
            }),
            Role::Officer | Role::Supervisor => Err(Refusal::HolidayRole {
                role: actor.role,
                instansi: path.to_string(),
            }),
        },
    }
}

/// 23:59:59 of `date` in `zone`, as UTC.
pub fn end_of_day(date: NaiveDate, zone: Zone) -> DateTime<Utc> {
    let time = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    // A fixed offset has exactly one mapping for every local time.
    zone.offset()
        .from_local_datetime(&date.and_time(time))
        .single()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| date.and_time(time).and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn wib(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_str(&format!("{s} +0700"), "%Y-%m-%d %H:%M %z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The arithmetic count agrees with walking day by day, over ranges of every length and
    /// start weekday across the shipped holidays.
    #[test]
    fn working_days_between_counts_as_walking_does() {
        let cal = WorkingCalendar::shipped();
        let walk = |from: NaiveDate, to: NaiveDate| {
            let mut n = 0;
            let mut day = from;
            while day < to {
                day = day.succ_opt().unwrap();
                if cal.is_working_day(day) {
                    n += 1;
                }
            }
            n
        };
        let start = d("2025-12-20");
        for offset in 0..40 {
            let from = start + chrono::TimeDelta::days(offset * 3);
            for len in [0, 1, 2, 5, 6, 7, 8, 13, 30, 95, 400] {
                let to = from + chrono::TimeDelta::days(len);
                assert_eq!(
                    cal.working_days_between(from, to),
                    walk(from, to),
                    "{from} {to}"
                );
            }
            assert_eq!(
                cal.working_days_between(from, from - chrono::TimeDelta::days(3)),
                0
            );
        }
    }

    #[test]
    fn shipped_calendar_parses_every_row() {
        let holidays = parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap();
        assert!(holidays.len() > 100, "{}", holidays.len());
        assert!(holidays.iter().any(|h| h.date == d("2026-03-19")));
    }

    #[test]
    fn domain_md_example_nyepi_and_lebaran_2026() {
        // Received Friday 13 March 2026, 10:00 WIB: 16, 17 and 25 March are the working days.
        let cal = WorkingCalendar::shipped();
        let due = cal.due(wib("2026-03-13 10:00"), 3, Zone::Wib);
        assert_eq!(due.to_rfc3339(), "2026-03-25T16:59:59+00:00");
    }

    #[test]
    fn saturday_and_late_evening_count_from_next_working_day() {
        let cal = WorkingCalendar::shipped();
        // Saturday 7 Nov 2026: day 1 is Monday 9 Nov; 3 working days -> Wednesday 11 Nov.
        assert_eq!(
            cal.due(wib("2026-11-07 09:00"), 3, Zone::Wib),
            end_of_day(d("2026-11-11"), Zone::Wib)
        );
        // Monday 9 Nov 23:00 WIB is still Monday: due Thursday 12 Nov.
        assert_eq!(
            cal.due(wib("2026-11-09 23:00"), 3, Zone::Wib),
            end_of_day(d("2026-11-12"), Zone::Wib)
        );
    }

    #[test]
    fn time_zone_decides_the_local_day() {
        let cal = WorkingCalendar::shipped();
        // 23:30 WIB Monday is 01:30 WIT Tuesday: a Jayapura instansi starts counting a day later.
        let start = wib("2026-11-09 23:30");
        assert_eq!(
            cal.due(start, 1, Zone::Wib),
            end_of_day(d("2026-11-10"), Zone::Wib)
        );
        assert_eq!(
            cal.due(start, 1, Zone::Wit),
            end_of_day(d("2026-11-11"), Zone::Wit)
        );
        assert_eq!(
            end_of_day(d("2026-11-11"), Zone::Wit).to_rfc3339(),
            "2026-11-11T14:59:59+00:00"
        );
    }

    #[test]
    fn added_holiday_moves_the_due_date() {
        let mut holidays = parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap();
        let before =
            WorkingCalendar::new(holidays.clone()).due(wib("2026-11-09 08:00"), 3, Zone::Wib);
        holidays.push(Holiday {
            date: d("2026-11-11"),
            kind: HolidayKind::Regional,
            name: "Hari Jadi".into(),
            decree: "Perbup".into(),
            instansi_id: None,
        });
        let after = WorkingCalendar::new(holidays).due(wib("2026-11-09 08:00"), 3, Zone::Wib);
        assert_eq!(before, end_of_day(d("2026-11-12"), Zone::Wib));
        assert_eq!(after, end_of_day(d("2026-11-13"), Zone::Wib));
    }

    #[test]
    fn working_days_between_and_left() {
        let cal = WorkingCalendar::shipped();
        assert_eq!(
            cal.working_days_between(d("2026-03-13"), d("2026-03-25")),
            3
        );
        let due = end_of_day(d("2026-11-12"), Zone::Wib);
        assert_eq!(
            cal.working_days_left(wib("2026-11-09 08:00"), due, Zone::Wib),
            3
        );
        assert_eq!(
            cal.working_days_left(wib("2026-11-16 08:00"), due, Zone::Wib),
            -2
        );
    }

    #[test]
    fn bad_rows_name_their_line() {
        let err = parse_holidays_csv("date,kind,name,decree\n2026-02-30,libur_nasional,X,Y\n")
            .unwrap_err();
        assert_eq!(err.line, 2);
        assert!(err.message.contains("bad date"), "{}", err.message);
        let err = parse_holidays_csv("2026-02-03,libur,X,Y").unwrap_err();
        assert!(
            err.message.contains("unknown holiday kind"),
            "{}",
            err.message
        );
    }

    #[test]
    fn quoted_fields_keep_commas() {
        let h = parse_holidays_csv("2026-02-03,regional,\"Hari Jadi, Kab. X\",Perbup 1").unwrap();
        assert_eq!(h[0].name, "Hari Jadi, Kab. X");
    }
    fn regional(date: &str, instansi: InstansiId) -> Holiday {
        Holiday {
            date: d(date),
            kind: HolidayKind::Regional,
            name: "Hari Jadi".into(),
            decree: "Perda".into(),
            instansi_id: Some(instansi),
        }
    }

    /// /1/ national, /1/2/ a province, /1/2/3/ a kota under it with unit /1/2/3/4/, /1/2/5/ its
    /// sibling kota.
    fn tree() -> Vec<(InstansiId, &'static str)> {
        vec![
            (1, "/1/"),
            (2, "/1/2/"),
            (3, "/1/2/3/"),
            (4, "/1/2/3/4/"),
            (5, "/1/2/5/"),
        ]
    }

    #[test]
    fn a_regional_day_applies_to_its_subtree_only() {
        let mut days = parse_holidays_csv(SHIPPED_HOLIDAYS_CSV).unwrap();
        days.push(regional("2026-11-11", 3));
        days.push(regional("2026-11-12", 2));
        let book = CalendarBook::new(days, tree());
        let (kota, unit, province, sibling, root) = (
            book.for_instansi(3),
            book.for_instansi(4),
            book.for_instansi(2),
            book.for_instansi(5),
            book.for_instansi(1),
        );
        assert!(!kota.is_working_day(d("2026-11-11")));
        assert!(!unit.is_working_day(d("2026-11-11")), "inherited down");
        assert!(province.is_working_day(d("2026-11-11")), "not up");
        assert!(sibling.is_working_day(d("2026-11-11")), "not sideways");
        assert!(root.is_working_day(d("2026-11-11")));
        // The province's day reaches both kota and the unit, not the root.
        for cal in [&kota, &unit, &province, &sibling] {
            assert!(!cal.is_working_day(d("2026-11-12")));
        }
        assert!(root.is_working_day(d("2026-11-12")));
        // National days apply everywhere.
        for id in [1, 2, 3, 4, 5, 99] {
            assert!(
                !book.for_instansi(id).is_working_day(d("2026-12-25")),
                "{id}"
            );
        }
        assert!(Arc::ptr_eq(&kota, &unit), "same days, one shared calendar");
        assert!(Arc::ptr_eq(&root, &book.national()));
        assert!(Arc::ptr_eq(&book.for_path("/1/2/3/4/"), &unit));
        assert!(Arc::ptr_eq(&book.for_path("/1/9/"), &book.national()));
        assert_eq!(book.regional_days_of(3).len(), 1);
        assert!(book.regional_days_of(4).is_empty());
        let sources: Vec<InstansiId> = book.regional_instansi().iter().map(|s| s.0).collect();
        assert_eq!(sources, vec![2, 3], "shallowest first");
        assert!(book.national().is_working_day(d("2026-11-11")));
    }

    #[test]
    fn a_national_day_shows_as_national_where_a_regional_day_doubles_it() {
        let book = CalendarBook::new(
            [
                regional("2026-12-25", 3),
                Holiday {
                    date: d("2026-12-25"),
                    kind: HolidayKind::LiburNasional,
                    name: "Natal".into(),
                    decree: "SKB".into(),
                    instansi_id: None,
                },
            ],
            tree(),
        );
        let at_kota = book.for_instansi(3);
        assert_eq!(
            at_kota.holiday(d("2026-12-25")).map(|h| h.kind),
            Some(HolidayKind::LiburNasional)
        );
        assert_eq!(book.all_days().count(), 2);
    }

    fn officer(role: Role, path: &str) -> Actor {
        Actor {
            id: 7,
            username: "petugas".into(),
            role,
            instansi_id: 3,
            instansi_path: path.into(),
        }
    }

    #[test]
    fn only_national_admins_change_the_national_calendar() {
        for kind in HolidayKind::ALL {
            for role in Role::ALL {
                let result = may_change(&officer(*role, "/1/2/3/"), *kind, None);
                if *role == Role::National {
                    assert_eq!(result, Ok(()), "{role} {kind}");
                } else {
                    let err = result.unwrap_err().to_string();
                    assert!(
                        err.contains("needs a national admin"),
                        "{role} {kind}: {err}"
                    );
                }
            }
        }
    }

    #[test]
    fn national_kinds_belong_to_no_instansi() {
        for kind in [HolidayKind::LiburNasional, HolidayKind::CutiBersama] {
            for role in Role::ALL {
                let err = may_change(&officer(*role, "/1/"), kind, Some("/1/2/3/")).unwrap_err();
                assert!(
                    matches!(err, Refusal::HolidayDecreeIsNational { .. }),
                    "{role} {kind}: {err}"
                );
                assert!(err.to_string().contains("whole country"), "{err}");
            }
        }
    }

    #[test]
    fn regional_days_by_admins_of_the_subtree_or_national() {
        let kota = "/1/2/3/";
        let unit = "/1/2/3/4/";
        let sibling = "/1/2/5/";
        let province = "/1/2/";
        let admin = officer(Role::Admin, kota);
        assert_eq!(
            may_change(&admin, HolidayKind::Regional, Some(kota)),
            Ok(())
        );
        assert_eq!(
            may_change(&admin, HolidayKind::Regional, Some(unit)),
            Ok(())
        );
        for outside in [sibling, province, "/1/"] {
            let err = may_change(&admin, HolidayKind::Regional, Some(outside)).unwrap_err();
            assert_eq!(
                err,
                Refusal::HolidayOutsideSubtree {
                    instansi: outside.to_string()
                }
            );
        }
        let national = officer(Role::National, "/1/");
        for path in [kota, unit, sibling, province] {
            assert_eq!(
                may_change(&national, HolidayKind::Regional, Some(path)),
                Ok(())
            );
        }
        for role in [Role::Officer, Role::Supervisor] {
            let err = may_change(&officer(role, kota), HolidayKind::Regional, Some(kota))
                .unwrap_err()
                .to_string();
            assert!(err.contains(&format!("a {role} may not")), "{err}");
        }
    }
}
