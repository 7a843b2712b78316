//! The interface languages. Every surface (console, CLI) shows its text in one of them; the domain
//! renders what it refuses in either (see `refusal`).
//!
//! Numbers and dates are written the language's way here, once for every surface: thousands
//! grouped with '.' (id) or ',' (en), and day and month names ("Jumat, 27 Nov 2026").

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia, the default: the language of the people doing the work.
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" | "id-id" | "id_id" | "in" | "indonesia" | "bahasa" => Some(Lang::Id),
            "en" | "en-us" | "en_us" | "en-gb" | "english" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// Picks the text for this language.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// Thousands separated the language's way: 1.234.567 (id) or 1,234,567 (en).
    pub fn number(self, n: i64) -> String {
        self.grouped(n < 0, n.unsigned_abs())
    }

    /// A count, written as [`Lang::number`] writes it.
    pub fn count(self, n: u64) -> String {
        self.grouped(false, n)
    }

    fn grouped(self, negative: bool, n: u64) -> String {
        let sep = match self {
            Lang::Id => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if negative {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// The day's name: "Senin" / "Monday".
    pub fn weekday(self, day: Weekday) -> &'static str {
        const ID: [&str; 7] = [
            "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu",
        ];
        const EN: [&str; 7] = [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ];
        let i = day.num_days_from_monday() as usize;
        match self {
            Lang::Id => ID[i],
            Lang::En => EN[i],
        }
    }

    /// The month's short name, from 0 (January); past December, December.
    pub fn month(self, month0: u32) -> &'static str {
        const ID: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
        ];
        const EN: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let i = (month0 as usize).min(11);
        match self {
            Lang::Id => ID[i],
            Lang::En => EN[i],
        }
    }

    /// "Jumat, 27 Nov 2026" / "Friday, 27 Nov 2026".
    pub fn date(self, d: NaiveDate) -> String {
        format!(
            "{}, {} {} {}",
            self.weekday(d.weekday()),
            d.day(),
            self.month(d.month0()),
            d.year()
        )
    }

    /// "27 Nov 2026" without the weekday, for narrow columns.
    pub fn short_date(self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.month(d.month0()), d.year())
    }

    /// A moment in a zone: "Jumat, 27 Nov 2026 10:05".
    pub fn date_time(self, t: DateTime<Utc>, offset: FixedOffset) -> String {
        let local = t.with_timezone(&offset);
        format!(
            "{} {}",
            self.date(local.date_naive()),
            local.format("%H:%M")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(Lang::Id.number(1234), "1.234");
        assert_eq!(Lang::En.number(1234), "1,234");
        assert_eq!(Lang::Id.number(1_000_000), "1.000.000");
        assert_eq!(Lang::Id.number(-1_234_567), "-1.234.567");
        assert_eq!(Lang::En.number(-12), "-12");
        assert_eq!(Lang::En.number(0), "0");
        assert_eq!(Lang::Id.number(i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(Lang::Id.count(u64::MAX), "18.446.744.073.709.551.615");
        assert_eq!(Lang::En.count(999), "999");
    }

    #[test]
    fn dates_in_both_languages() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(Lang::Id.date(d), "Jumat, 27 Nov 2026");
        assert_eq!(Lang::En.date(d), "Friday, 27 Nov 2026");
        assert_eq!(Lang::En.short_date(d), "27 Nov 2026");
        let d = NaiveDate::from_ymd_opt(2026, 8, 17).unwrap();
        assert_eq!(Lang::Id.date(d), "Senin, 17 Agu 2026");
        assert_eq!(Lang::Id.month(11), "Des");
        assert_eq!(Lang::En.month(40), "Dec");
        let t = d.and_hms_opt(23, 30, 0).unwrap().and_utc();
        let wita = FixedOffset::east_opt(8 * 3600).unwrap();
        assert_eq!(Lang::Id.date_time(t, wita), "Selasa, 18 Agu 2026 07:30");
    }
}
