//! Times and dates as officers and sources write them.

use super::*;

/// A time as given: with an offset (an instant), or a local wall-clock time to be read in the
/// receiving instansi's zone once it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeInput {
    At(DateTime<Utc>),
    Local(NaiveDateTime),
}

impl TimeInput {
    /// The instant, reading a local time in `zone`.
    pub fn resolve(self, zone: Zone) -> DateTime<Utc> {
        match self {
            TimeInput::At(t) => t,
            // Indonesia's zones are fixed offsets: every local time exists exactly once.
            TimeInput::Local(local) => (local - zone.offset()).and_utc(),
        }
    }
}

/// The forms a time may take, for error messages.
pub const TIME_FORMS: &str = "a time like 2026-11-27T09:30:00+07:00 or 2026-11-27 09:30";
/// The form a date takes.
pub const DATE_FORM: &str = "a date like 2026-11-27 (YYYY-MM-DD)";

/// Parses RFC 3339 (with an offset or Z), or a local "YYYY-MM-DD HH:MM[:SS]" (a 'T' works too),
/// or a bare "YYYY-MM-DD" (local midnight).
pub fn parse_time(field: &str, s: &str) -> Result<TimeInput, InputError> {
    let t = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(TimeInput::At(at.with_timezone(&Utc)));
    }
    for form in ["%Y-%m-%dT%H:%M%:z", "%Y-%m-%d %H:%M%:z"] {
        if let Ok(at) = DateTime::parse_from_str(t, form) {
            return Ok(TimeInput::At(at.with_timezone(&Utc)));
        }
    }
    for form in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
    ] {
        if let Ok(local) = NaiveDateTime::parse_from_str(t, form) {
            return Ok(TimeInput::Local(local));
        }
    }
    if let Ok(day) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(TimeInput::Local(day.and_time(NaiveTime::MIN)));
    }
    Err(InputError::Malformed {
        field: field.to_string(),
        expected: TIME_FORMS,
        got: s.to_string(),
    })
}

/// Parses "YYYY-MM-DD".
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate, InputError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| InputError::Malformed {
        field: field.to_string(),
        expected: DATE_FORM,
        got: s.to_string(),
    })
}
