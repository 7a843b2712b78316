//! The working-day calendar and the one rule by which every clock is counted (domain.md,
//! "How a clock is counted"): a clock of N working days started at time t is due at the end of the
//! N-th working day after the calendar day of t, in the instansi's local time.

use super::types::{HolidayKind, Zone};
use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::Serialize;
use std::collections::BTreeMap;

/// One day off: a national holiday, a cuti bersama day, or a regional day added by a deployment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub kind: HolidayKind,
    pub name: String,
    /// The decree that set the day (SKB number), or who added it.
    pub decree: String,
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
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = day.checked_add_days(Days::new(1)).unwrap_or(to);
            if self.is_working_day(day) {
                count += 1;
            }
        }
        count
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
}
