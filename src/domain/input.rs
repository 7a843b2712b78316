//! The input rules: what meja accepts from the public and from officers at the door, in one place.
//! Pure: no I/O, no clock of its own (callers pass "now"), no store. The store's intake applies
//! `check_complaint` to every new report whatever surface it came from (CLI flags, JSON on standard
//! input, the console form, an import), so both backends store exactly the same text; officers'
//! texts (notes, replies, reasons) go through `check_text`. README, "Input rules", documents the
//! table below.
//!
//! Text rules, for every text field:
//! - "\r\n" and a lone "\r" become "\n"; leading and trailing whitespace is trimmed.
//! - Control characters (C0 except tab and line feed, DEL, C1; NUL included) are refused with the
//!   field's name and the character's position: SQLite would store a NUL and PostgreSQL refuse it,
//!   and an escape sequence has no place in a complaint.
//! - Text that is empty once whitespace and invisible characters (zero-width space, joiners, BOM,
//!   soft hyphen, direction marks, ...) are removed counts as empty.
//! - Lengths count characters (Unicode scalar values), invisible ones included, so a title of 200
//!   visible characters padded with 100 KB of zero-width spaces is still too long.
//! - One-line fields (title, location, names, tags, ...) refuse line breaks.

use super::model::{Attachment, NewComplaint, Reporter};
use super::types::{Channel, Klasifikasi, Zone};
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, Utc};
use serde_json::{Map, Value};

/// Title (judul): at most this many characters, at least one visible.
pub const TITLE_MAX_CHARS: usize = 200;
/// Body (isi) of a report.
pub const BODY_MAX_CHARS: usize = 20_000;
/// An officer's internal note.
pub const NOTE_MAX_CHARS: usize = 10_000;
/// A public reply (tindak lanjut), a draft submitted for approval, or the reporter's answer.
pub const REPLY_MAX_CHARS: usize = 20_000;
/// The reason of a hold, return, escalation, reopening, or a short note with an action.
pub const REASON_MAX_CHARS: usize = 2_000;
/// Location (lokasi) as text.
pub const LOKASI_MAX_CHARS: usize = 500;
/// A person's name (the reporter's).
pub const NAME_MAX_CHARS: usize = 200;
/// A phone number as written (digits, spaces, + - ( ) .).
pub const PHONE_MAX_CHARS: usize = 32;
/// An e-mail address (RFC 5321's limit).
pub const EMAIL_MAX_CHARS: usize = 254;
/// A NIK (Nomor Induk Kependudukan) has exactly this many digits.
pub const NIK_DIGITS: usize = 16;
/// A category or instansi name as given (resolved by the store afterwards).
pub const REFERENCE_MAX_CHARS: usize = 200;
/// Tags on one report.
pub const TAGS_MAX: usize = 20;
/// One tag.
pub const TAG_MAX_CHARS: usize = 50;
/// Attachments on one report (metadata only: the files stay with the portal).
pub const ATTACHMENTS_MAX: usize = 20;
/// An attachment's file name.
pub const ATTACHMENT_NAME_MAX_CHARS: usize = 255;
/// An attachment's media type ("image/jpeg").
pub const MIME_MAX_CHARS: usize = 127;
/// An attachment's size: the portal caps one at 2 MB, a scanned letter at the desk may be larger.
pub const ATTACHMENT_MAX_BYTES: i64 = 25 * 1024 * 1024;
/// No report was received before this day (LAPOR! began in 2011), in the instansi's zone.
pub const RECEIVED_EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(2010, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};
/// How far in the future a received time may be, for clocks that disagree a little.
pub const CLOCK_SKEW: TimeDelta = TimeDelta::minutes(5);
/// No incident (tanggal kejadian) before the Proclamation of Independence.
pub const INCIDENT_EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1945, 8, 17) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Why an input was refused. Each variant carries the field (a JSON-style path such as `judul`,
/// `tags[2]`, `pelapor.nik`, `lampiran[0].size_bytes`) and what was expected, so a front end can
/// render the message in its own language; Display gives one English line.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum InputError {
    #[error("{field}: required")]
    Missing { field: String },
    #[error(
        "{field}: must contain visible text (it is empty, or only spaces and invisible characters)"
    )]
    Blank { field: String },
    #[error("{field}: at most {max} characters, got {got}")]
    TooLong {
        field: String,
        max: usize,
        got: usize,
    },
    #[error("{field}: must be one line (it contains a line break)")]
    MultiLine { field: String },
    #[error(
        "{field}: control character U+{code_point:04X} at character {position} is not allowed (only line breaks and tabs are)"
    )]
    ControlChar {
        field: String,
        code_point: u32,
        /// 1-based position in characters.
        position: usize,
    },
    #[error("{field}: at most {max}, got {got}")]
    TooMany {
        field: String,
        max: usize,
        got: usize,
    },
    #[error("{field}: expected {expected}, got {got}")]
    OutOfRange {
        field: String,
        /// E.g. "a number from -90 to 90".
        expected: String,
        got: String,
    },
    #[error("{field}: must not be before {earliest}, got {got}")]
    TooEarly {
        field: String,
        earliest: NaiveDate,
        got: String,
    },
    #[error("{field}: must not be in the future (now is {now}), got {got}")]
    InFuture {
        field: String,
        now: String,
        got: String,
    },
    #[error("{field}: must not be after the day the report was received ({received}), got {got}")]
    AfterReceived {
        field: String,
        received: NaiveDate,
        got: NaiveDate,
    },
    #[error("{field}: expected {expected}, got '{got}'")]
    Malformed {
        field: String,
        expected: &'static str,
        got: String,
    },
    #[error("{field}: expected {expected}, got {got}")]
    WrongType {
        field: String,
        expected: &'static str,
        /// "a number", "an array", ...
        got: &'static str,
    },
    #[error("{field}: unknown value '{got}' (expected one of: {})", accepted.join(", "))]
    UnknownCode {
        field: String,
        got: String,
        accepted: Vec<&'static str>,
    },
    #[error("unknown key '{key}' (accepted keys: {})", accepted.join(", "))]
    UnknownKey {
        key: String,
        accepted: Vec<&'static str>,
    },
    #[error("'{key}' and '{other}' are the same field: give only one")]
    DuplicateKey { key: String, other: String },
    #[error("{field}: give both lat and lon, or neither")]
    Incomplete { field: String },
    #[error("expected one JSON object {{...}} describing the complaint, got {got}")]
    NotAnObject { got: &'static str },
    #[error("not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
}

impl InputError {
    /// The one line shown to a person, in their language. The JSON reader's own errors
    /// (unknown keys, syntax) reach only the command line and keep their English words there.
    pub fn message(&self, lang: super::Lang) -> String {
        use InputError::*;
        if lang == super::Lang::En {
            return self.to_string();
        }
        match self {
            Missing { field } => format!("{field}: wajib diisi"),
            Blank { field } => format!(
                "{field}: harus berisi teks yang terlihat (kosong, atau hanya spasi dan karakter tak terlihat)"
            ),
            TooLong { field, max, got } => {
                format!("{field}: paling banyak {max} karakter, diberikan {got}")
            }
            MultiLine { field } => format!("{field}: harus satu baris (ada pindah baris)"),
            ControlChar {
                field,
                code_point,
                position,
            } => format!(
                "{field}: karakter kendali U+{code_point:04X} pada karakter ke-{position} tidak diizinkan (hanya pindah baris dan tab)"
            ),
            TooMany { field, max, got } => {
                format!("{field}: paling banyak {max}, diberikan {got}")
            }
            OutOfRange {
                field,
                expected,
                got,
            } => format!("{field}: seharusnya {expected}, diberikan {got}"),
            TooEarly {
                field,
                earliest,
                got,
            } => format!("{field}: tidak boleh sebelum {earliest}, diberikan {got}"),
            InFuture { field, now, got } => {
                format!("{field}: tidak boleh di masa depan (sekarang {now}), diberikan {got}")
            }
            AfterReceived {
                field,
                received,
                got,
            } => format!(
                "{field}: tidak boleh setelah hari laporan diterima ({received}), diberikan {got}"
            ),
            other => other.to_string(),
        }
    }

    /// The field (or key) the error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        use InputError::*;
        match self {
            Missing { field }
            | Blank { field }
            | TooLong { field, .. }
            | MultiLine { field }
            | ControlChar { field, .. }
            | TooMany { field, .. }
            | OutOfRange { field, .. }
            | TooEarly { field, .. }
            | InFuture { field, .. }
            | AfterReceived { field, .. }
            | Malformed { field, .. }
            | WrongType { field, .. }
            | UnknownCode { field, .. }
            | Incomplete { field } => Some(field),
            UnknownKey { key, .. } | DuplicateKey { key, .. } => Some(key),
            NotAnObject { .. } | Syntax { .. } => None,
        }
    }
}

/// Tags: at most TAGS_MAX, each a one-line text of at most TAG_MAX_CHARS (the intake's and the
/// verification's alike).
pub fn check_tags(tags: Vec<String>) -> Result<Vec<String>, InputError> {
    if tags.len() > TAGS_MAX {
        return Err(InputError::TooMany {
            field: "tags".into(),
            max: TAGS_MAX,
            got: tags.len(),
        });
    }
    tags.iter()
        .enumerate()
        .map(|(i, t)| check_text_as(TextField::Tag, &format!("tags[{i}]"), t))
        .collect()
}

/// A text field with its own limit and shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextField {
    /// judul: one line, 1..=TITLE_MAX_CHARS.
    Judul,
    /// isi: multi-line, up to BODY_MAX_CHARS.
    Isi,
    /// An internal note (`note`, and the note of send-back, close, archive, de-escalate).
    Note,
    /// A public reply, a draft for approval, the reporter's answer.
    Reply,
    /// The reason of hold, return, escalate, reopen.
    Reason,
    /// lokasi: one line.
    Lokasi,
    /// The reporter's name: one line.
    ReporterName,
    /// One tag: one line.
    Tag,
    /// An attachment's file name: one line.
    AttachmentName,
    /// The reporter's phone number (its shape is checked by `check_reporter`).
    Phone,
    /// The reporter's e-mail address (its shape is checked by `check_reporter`).
    Email,
    /// The reporter's NIK (16 digits, checked by `check_reporter`).
    Nik,
    /// A category or an instansi as named by the person recording the report.
    Reference,
}

impl TextField {
    /// The name errors use: the JSON key for a complaint's fields, the CLI flag for the others.
    pub fn name(self) -> &'static str {
        match self {
            TextField::Judul => "judul",
            TextField::Isi => "isi",
            TextField::Note => "note",
            TextField::Reply => "reply",
            TextField::Reason => "reason",
            TextField::Lokasi => "lokasi",
            TextField::ReporterName => "pelapor.nama",
            TextField::Tag => "tags",
            TextField::AttachmentName => "lampiran.nama",
            TextField::Phone => "pelapor.telepon",
            TextField::Email => "pelapor.email",
            TextField::Nik => "pelapor.nik",
            TextField::Reference => "kategori",
        }
    }

    pub fn max_chars(self) -> usize {
        match self {
            TextField::Judul => TITLE_MAX_CHARS,
            TextField::Isi => BODY_MAX_CHARS,
            TextField::Note => NOTE_MAX_CHARS,
            TextField::Reply => REPLY_MAX_CHARS,
            TextField::Reason => REASON_MAX_CHARS,
            TextField::Lokasi => LOKASI_MAX_CHARS,
            TextField::ReporterName => NAME_MAX_CHARS,
            TextField::Tag => TAG_MAX_CHARS,
            TextField::AttachmentName => ATTACHMENT_NAME_MAX_CHARS,
            TextField::Phone => PHONE_MAX_CHARS,
            TextField::Email => EMAIL_MAX_CHARS,
            TextField::Nik => NIK_DIGITS,
            TextField::Reference => REFERENCE_MAX_CHARS,
        }
    }

    /// Whether line breaks are allowed.
    pub fn multiline(self) -> bool {
        matches!(
            self,
            TextField::Isi | TextField::Note | TextField::Reply | TextField::Reason
        )
    }
}

/// Checks and normalises a required text: line endings to "\n", trimmed, no control characters,
/// at least one visible character, at most the field's limit. Returns the text to store.
pub fn check_text(field: TextField, text: &str) -> Result<String, InputError> {
    check_text_as(field, field.name(), text)
}

/// An optional text: absent, empty or invisible-only becomes None; anything else as `check_text`.
pub fn check_optional_text(
    field: TextField,
    text: Option<&str>,
) -> Result<Option<String>, InputError> {
    optional_text_as(field, field.name(), text)
}

/// Whether the text has nothing visible: only whitespace and invisible characters.
pub fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

/// Characters that take no room when shown: zero-width spaces and joiners, the BOM, the soft
/// hyphen, direction marks and isolates, invisible operators, variation selectors, tag characters,
/// fillers that render blank.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{061C}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

fn is_refused_control(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
}

fn normalise(text: &str) -> String {
    let unified = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    };
    unified.trim().to_string()
}

fn check_text_as(field: TextField, name: &str, text: &str) -> Result<String, InputError> {
    let text = normalise(text);
    if let Some((i, c)) = text
        .chars()
        .enumerate()
        .find(|(_, c)| is_refused_control(*c))
    {
        return Err(InputError::ControlChar {
            field: name.to_string(),
            code_point: c as u32,
            position: i + 1,
        });
    }
    if is_blank(&text) {
        return Err(InputError::Blank {
            field: name.to_string(),
        });
    }
    let count = text.chars().count();
    if count > field.max_chars() {
        return Err(InputError::TooLong {
            field: name.to_string(),
            max: field.max_chars(),
            got: count,
        });
    }
    if !field.multiline() && text.contains('\n') {
        return Err(InputError::MultiLine {
            field: name.to_string(),
        });
    }
    Ok(text)
}

fn optional_text_as(
    field: TextField,
    name: &str,
    text: Option<&str>,
) -> Result<Option<String>, InputError> {
    match text {
        None => Ok(None),
        // Control characters are refused even in an otherwise blank text.
        Some(t) if is_blank(t) && !t.chars().any(is_refused_control) => Ok(None),
        Some(t) => check_text_as(field, name, t).map(Some),
    }
}

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

/// What the store knows when it checks a new report: the moment and the receiving instansi's zone.
#[derive(Debug, Clone, Copy)]
pub struct IntakeContext {
    pub now: DateTime<Utc>,
    pub zone: Zone,
}

/// Checks a new report against every rule and returns it normalised (texts trimmed, line endings
/// unified, blank optional texts dropped, the received time filled in with `now` when absent).
/// The first rule broken is reported.
pub fn check_complaint(new: NewComplaint, ctx: &IntakeContext) -> Result<NewComplaint, InputError> {
    let judul = check_text(TextField::Judul, &new.judul)?;
    let isi = check_text(TextField::Isi, &new.isi)?;
    let lokasi = check_optional_text(TextField::Lokasi, new.lokasi.as_deref())?;
    let received_at = new.received_at.unwrap_or(ctx.now);
    check_received(received_at, ctx)?;
    let received_day = received_at.with_timezone(&ctx.zone.offset()).date_naive();
    if let Some(day) = new.tanggal_kejadian {
        check_incident(day, received_day)?;
    }
    let (lat, lon) = check_position(new.lat, new.lon)?;
    let tags = check_tags(new.tags.clone())?;
    let kategori = optional_text_as(TextField::Reference, "kategori", new.kategori.as_deref())?;
    let instansi = optional_text_as(TextField::Reference, "instansi", new.instansi.as_deref())?;
    let reporter = check_reporter(&new.reporter)?;
    let attachments = check_attachments(&new.attachments)?;
    Ok(NewComplaint {
        judul,
        isi,
        lokasi,
        lat,
        lon,
        tags,
        kategori,
        instansi,
        reporter,
        attachments,
        received_at: Some(received_at),
        ..new
    })
}

fn shown(t: DateTime<Utc>, zone: Zone) -> String {
    t.with_timezone(&zone.offset())
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Received not before RECEIVED_EARLIEST (in the instansi's zone) and not after now + CLOCK_SKEW.
pub fn check_received(at: DateTime<Utc>, ctx: &IntakeContext) -> Result<(), InputError> {
    let day = at.with_timezone(&ctx.zone.offset()).date_naive();
    if day < RECEIVED_EARLIEST {
        return Err(InputError::TooEarly {
            field: "diterima".into(),
            earliest: RECEIVED_EARLIEST,
            got: shown(at, ctx.zone),
        });
    }
    if at > ctx.now + CLOCK_SKEW {
        return Err(InputError::InFuture {
            field: "diterima".into(),
            now: shown(ctx.now, ctx.zone),
            got: shown(at, ctx.zone),
        });
    }
    Ok(())
}

/// The incident happened on or after INCIDENT_EARLIEST and not after the day of receipt.
pub fn check_incident(day: NaiveDate, received_day: NaiveDate) -> Result<(), InputError> {
    if day < INCIDENT_EARLIEST {
        return Err(InputError::TooEarly {
            field: "tanggal_kejadian".into(),
            earliest: INCIDENT_EARLIEST,
            got: day.to_string(),
        });
    }
    if day > received_day {
        return Err(InputError::AfterReceived {
            field: "tanggal_kejadian".into(),
            received: received_day,
            got: day,
        });
    }
    Ok(())
}

/// lat in -90..=90, lon in -180..=180, both or neither.
pub fn check_position(
    lat: Option<f64>,
    lon: Option<f64>,
) -> Result<(Option<f64>, Option<f64>), InputError> {
    fn in_range(field: &str, v: f64, limit: f64) -> Result<f64, InputError> {
        if v.is_finite() && (-limit..=limit).contains(&v) {
            Ok(v)
        } else {
            Err(InputError::OutOfRange {
                field: field.into(),
                expected: format!("a number from -{limit} to {limit}"),
                got: v.to_string(),
            })
        }
    }
    match (lat, lon) {
        (None, None) => Ok((None, None)),
        (Some(lat), Some(lon)) => Ok((
            Some(in_range("lat", lat, 90.0)?),
            Some(in_range("lon", lon, 180.0)?),
        )),
        (Some(_), None) => Err(InputError::Incomplete {
            field: "lon".into(),
        }),
        (None, Some(_)) => Err(InputError::Incomplete {
            field: "lat".into(),
        }),
    }
}

/// Name, phone, e-mail and NIK of the reporter; blank ones become absent.
pub fn check_reporter(r: &Reporter) -> Result<Reporter, InputError> {
    let name = check_optional_text(TextField::ReporterName, r.name.as_deref())?;
    let phone = check_optional_text(TextField::Phone, r.phone.as_deref())?;
    if let Some(p) = &phone {
        let digits = p.chars().filter(char::is_ascii_digit).count();
        let shape_ok = p
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
        if !shape_ok || !(5..=20).contains(&digits) {
            return Err(InputError::Malformed {
                field: "pelapor.telepon".into(),
                expected: "a phone number of 5 to 20 digits (spaces, + - ( ) . allowed), at most 32 characters",
                got: p.clone(),
            });
        }
    }
    let email = check_optional_text(TextField::Email, r.email.as_deref())?;
    if let Some(e) = &email {
        let shape_ok = match e.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !domain.contains('@')
            }
            None => false,
        };
        if !shape_ok || e.chars().any(char::is_whitespace) {
            return Err(InputError::Malformed {
                field: "pelapor.email".into(),
                expected: "an e-mail address like nama@contoh.id",
                got: e.clone(),
            });
        }
    }
    let nik = check_optional_text(TextField::Nik, r.nik.as_deref())?;
    if let Some(n) = &nik
        && (n.len() != NIK_DIGITS || !n.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(InputError::Malformed {
            field: "pelapor.nik".into(),
            expected: "a NIK of 16 digits",
            got: n.clone(),
        });
    }
    Ok(Reporter {
        name,
        phone,
        email,
        nik,
    })
}

/// At most ATTACHMENTS_MAX, each with a name, a media type and a size in 0..=ATTACHMENT_MAX_BYTES.
pub fn check_attachments(list: &[Attachment]) -> Result<Vec<Attachment>, InputError> {
    if list.len() > ATTACHMENTS_MAX {
        return Err(InputError::TooMany {
            field: "lampiran".into(),
            max: ATTACHMENTS_MAX,
            got: list.len(),
        });
    }
    list.iter()
        .enumerate()
        .map(|(i, a)| {
            let name = check_text_as(
                TextField::AttachmentName,
                &format!("lampiran[{i}].nama"),
                &a.name,
            )?;
            let mime = a.mime.trim().to_ascii_lowercase();
            let mime_ok = mime.len() <= MIME_MAX_CHARS
                && mime.split_once('/').is_some_and(|(t, s)| {
                    let token = |p: &str| {
                        !p.is_empty()
                            && p.chars().all(|c| {
                                c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_')
                            })
                    };
                    token(t) && token(s)
                });
            if !mime_ok {
                return Err(InputError::Malformed {
                    field: format!("lampiran[{i}].mime"),
                    expected: "a media type like image/jpeg or application/pdf",
                    got: a.mime.clone(),
                });
            }
            if !(0..=ATTACHMENT_MAX_BYTES).contains(&a.size_bytes) {
                return Err(InputError::OutOfRange {
                    field: format!("lampiran[{i}].ukuran"),
                    expected: format!("a size in bytes from 0 to {ATTACHMENT_MAX_BYTES}"),
                    got: a.size_bytes.to_string(),
                });
            }
            Ok(Attachment {
                name,
                mime,
                size_bytes: a.size_bytes,
            })
        })
        .collect()
}

/// A report read from JSON: the complaint, with a received time that may still be local.
#[derive(Debug, Clone, PartialEq)]
pub struct IntakeInput {
    pub complaint: NewComplaint,
    pub received: Option<TimeInput>,
}

impl IntakeInput {
    /// The complaint with its received time read in the receiving instansi's `zone`.
    pub fn into_complaint(self, zone: Zone) -> NewComplaint {
        NewComplaint {
            received_at: self.received.map(|t| t.resolve(zone)),
            ..self.complaint
        }
    }
}

/// The keys of a complaint in JSON: the Indonesian name first, then its English alias.
pub const COMPLAINT_KEYS: &[(&str, &str)] = &[
    ("judul", "title"),
    ("isi", "body"),
    ("klasifikasi", "classification"),
    ("kanal", "channel"),
    ("diterima", "received_at"),
    ("tanggal_kejadian", "incident_date"),
    ("lokasi", "location"),
    ("lat", "latitude"),
    ("lon", "longitude"),
    ("kategori", "category"),
    ("tags", "tag"),
    ("anonim", "anonymous"),
    ("rahasia", "confidential"),
    ("pelapor", "reporter"),
    ("lampiran", "attachments"),
    ("instansi", "agency"),
];

/// The keys of the reporter object.
pub const REPORTER_KEYS: &[(&str, &str)] = &[
    ("nama", "name"),
    ("telepon", "phone"),
    ("email", "e-mail"),
    ("nik", "nik"),
];

/// The keys of one attachment.
pub const ATTACHMENT_KEYS: &[(&str, &str)] =
    &[("nama", "name"), ("mime", "type"), ("ukuran", "size_bytes")];

fn accepted(keys: &[(&'static str, &'static str)]) -> Vec<&'static str> {
    let mut all = Vec::new();
    for (id, en) in keys {
        all.push(*id);
        if en != id {
            all.push(*en);
        }
    }
    all
}

fn unknown_key(key: &str, keys: &[(&'static str, &'static str)], prefix: &str) -> InputError {
    InputError::UnknownKey {
        key: format!("{prefix}{key}"),
        accepted: accepted(keys),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "an array [...]",
        Value::Object(_) => "an object {...}",
    }
}

/// An object's fields by their Indonesian names, refusing unknown keys and a field given twice
/// (once in each language). `prefix` names the object in errors ("pelapor.").
fn fields<'v>(
    object: &'v Map<String, Value>,
    keys: &[(&'static str, &'static str)],
    prefix: &str,
) -> Result<Vec<(&'static str, &'v Value)>, InputError> {
    let mut found: Vec<(&'static str, &'v Value, &'v str)> = Vec::new();
    for (key, value) in object {
        let Some((canonical, _)) = keys.iter().find(|(id, en)| key == id || key == en) else {
            return Err(unknown_key(key, keys, prefix));
        };
        if let Some((_, _, other)) = found.iter().find(|(c, _, _)| c == canonical) {
            return Err(InputError::DuplicateKey {
                key: format!("{prefix}{key}"),
                other: format!("{prefix}{other}"),
            });
        }
        found.push((canonical, value, key));
    }
    Ok(found.into_iter().map(|(c, v, _)| (c, v)).collect())
}

fn text_value(field: &str, v: &Value) -> Result<Option<String>, InputError> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        other => Err(InputError::WrongType {
            field: field.into(),
            expected: "text (a JSON string)",
            got: kind_of(other),
        }),
    }
}

fn bool_value(field: &str, v: &Value) -> Result<bool, InputError> {
    match v {
        Value::Null => Ok(false),
        Value::Bool(b) => Ok(*b),
        other => Err(InputError::WrongType {
            field: field.into(),
            expected: "true or false",
            got: kind_of(other),
        }),
    }
}

fn number_value(field: &str, v: &Value) -> Result<Option<f64>, InputError> {
    match v {
        Value::Null => Ok(None),
        Value::Number(n) => n.as_f64().map(Some).ok_or_else(|| InputError::WrongType {
            field: field.into(),
            expected: "a number",
            got: "a number out of range",
        }),
        other => Err(InputError::WrongType {
            field: field.into(),
            expected: "a number",
            got: kind_of(other),
        }),
    }
}

fn code_value<T>(
    field: &str,
    v: &Value,
    from_code: fn(&str) -> Option<T>,
    all: &[T],
    as_code: fn(&T) -> &'static str,
) -> Result<Option<T>, InputError> {
    let Some(s) = text_value(field, v)? else {
        return Ok(None);
    };
    from_code(s.trim())
        .map(Some)
        .ok_or_else(|| InputError::UnknownCode {
            field: field.into(),
            got: s,
            accepted: all.iter().map(as_code).collect(),
        })
}

/// Reads one complaint from a JSON document: an object whose keys are those of COMPLAINT_KEYS, in
/// Indonesian or English. Unknown keys, wrong types and malformed values are refused with the
/// field's name; the values themselves are checked later by `check_complaint`.
pub fn complaint_from_json(text: &str) -> Result<IntakeInput, InputError> {
    if text.trim().is_empty() {
        return Err(InputError::NotAnObject {
            got: "nothing (the input is empty)",
        });
    }
    let value: Value = serde_json::from_str(text).map_err(|e| InputError::Syntax {
        line: e.line(),
        column: e.column(),
        message: syntax_message(&e),
    })?;
    let Value::Object(object) = &value else {
        return Err(InputError::NotAnObject {
            got: kind_of(&value),
        });
    };
    let mut c = NewComplaint {
        judul: String::new(),
        isi: String::new(),
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Loket,
        tanggal_kejadian: None,
        lokasi: None,
        lat: None,
        lon: None,
        kategori: None,
        tags: Vec::new(),
        anonim: false,
        rahasia: false,
        reporter: Reporter::default(),
        attachments: Vec::new(),
        instansi: None,
        received_at: None,
    };
    let mut received = None;
    let (mut judul, mut isi) = (None, None);
    for (key, v) in fields(object, COMPLAINT_KEYS, "")? {
        match key {
            "judul" => judul = text_value(key, v)?,
            "isi" => isi = text_value(key, v)?,
            "klasifikasi" => {
                if let Some(k) =
                    code_value(key, v, Klasifikasi::from_code, Klasifikasi::ALL, |k| {
                        k.as_code()
                    })?
                {
                    c.klasifikasi = k;
                }
            }
            "kanal" => {
                if let Some(k) =
                    code_value(key, v, Channel::from_code, Channel::ALL, |k| k.as_code())?
                {
                    c.channel = k;
                }
            }
            "diterima" => {
                received = text_value(key, v)?
                    .map(|s| parse_time(key, &s))
                    .transpose()?;
            }
            "tanggal_kejadian" => {
                c.tanggal_kejadian = text_value(key, v)?
                    .map(|s| parse_date(key, &s))
                    .transpose()?;
            }
            "lokasi" => c.lokasi = text_value(key, v)?,
            "lat" => c.lat = number_value(key, v)?,
            "lon" => c.lon = number_value(key, v)?,
            "kategori" => c.kategori = text_value(key, v)?,
            "tags" => c.tags = tags_value(v)?,
            "anonim" => c.anonim = bool_value(key, v)?,
            "rahasia" => c.rahasia = bool_value(key, v)?,
            "pelapor" => c.reporter = reporter_value(v)?,
            "lampiran" => c.attachments = attachments_value(v)?,
            "instansi" => c.instansi = text_value(key, v)?,
            other => return Err(unknown_key(other, COMPLAINT_KEYS, "")),
        }
    }
    c.judul = judul.ok_or_else(|| InputError::Missing {
        field: "judul".into(),
    })?;
    c.isi = isi.ok_or_else(|| InputError::Missing {
        field: "isi".into(),
    })?;
    Ok(IntakeInput {
        complaint: c,
        received,
    })
}

/// serde_json's message without its " at line L column C" tail (the variant carries those).
fn syntax_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn tags_value(v: &Value) -> Result<Vec<String>, InputError> {
    match v {
        Value::Null => Ok(Vec::new()),
        // "jalan, banjir", as the command line takes them.
        Value::String(s) => Ok(s
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, t)| match t {
                Value::String(s) => Ok(s.clone()),
                other => Err(InputError::WrongType {
                    field: format!("tags[{i}]"),
                    expected: "text (a JSON string)",
                    got: kind_of(other),
                }),
            })
            .collect(),
        other => Err(InputError::WrongType {
            field: "tags".into(),
            expected: "a list of text, or text with commas",
            got: kind_of(other),
        }),
    }
}

fn reporter_value(v: &Value) -> Result<Reporter, InputError> {
    match v {
        Value::Null => Ok(Reporter::default()),
        // Just a name.
        Value::String(name) => Ok(Reporter {
            name: Some(name.clone()),
            ..Reporter::default()
        }),
        Value::Object(object) => {
            let mut r = Reporter::default();
            for (key, v) in fields(object, REPORTER_KEYS, "pelapor.")? {
                let field = format!("pelapor.{key}");
                let value = text_value(&field, v)?;
                match key {
                    "nama" => r.name = value,
                    "telepon" => r.phone = value,
                    "email" => r.email = value,
                    "nik" => r.nik = value,
                    other => return Err(unknown_key(other, REPORTER_KEYS, "pelapor.")),
                }
            }
            Ok(r)
        }
        other => Err(InputError::WrongType {
            field: "pelapor".into(),
            expected: "the reporter's name, or an object {\"nama\", \"telepon\", \"email\", \"nik\"}",
            got: kind_of(other),
        }),
    }
}

fn attachments_value(v: &Value) -> Result<Vec<Attachment>, InputError> {
    let items = match v {
        Value::Null => return Ok(Vec::new()),
        Value::Array(items) => items,
        other => {
            return Err(InputError::WrongType {
                field: "lampiran".into(),
                expected: "a list of objects {\"nama\", \"mime\", \"ukuran\"}",
                got: kind_of(other),
            });
        }
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let Value::Object(object) = item else {
                return Err(InputError::WrongType {
                    field: format!("lampiran[{i}]"),
                    expected: "an object {\"nama\", \"mime\", \"ukuran\"}",
                    got: kind_of(item),
                });
            };
            let prefix = format!("lampiran[{i}].");
            let mut a = Attachment {
                name: String::new(),
                mime: String::new(),
                size_bytes: 0,
            };
            let (mut name, mut mime, mut size) = (None, None, None);
            for (key, v) in fields(object, ATTACHMENT_KEYS, &prefix)? {
                let field = format!("{prefix}{key}");
                match key {
                    "nama" => name = text_value(&field, v)?,
                    "mime" => mime = text_value(&field, v)?,
                    "ukuran" => {
                        size = match v {
                            Value::Null => None,
                            Value::Number(n) => {
                                Some(n.as_i64().ok_or_else(|| InputError::OutOfRange {
                                    field: field.clone(),
                                    expected: format!(
                                        "a whole number of bytes from 0 to {ATTACHMENT_MAX_BYTES}"
                                    ),
                                    got: n.to_string(),
                                })?)
                            }
                            other => {
                                return Err(InputError::WrongType {
                                    field,
                                    expected: "a whole number of bytes",
                                    got: kind_of(other),
                                });
                            }
                        }
                    }
                    other => return Err(unknown_key(other, ATTACHMENT_KEYS, &prefix)),
                }
            }
            a.name = name.ok_or_else(|| InputError::Missing {
                field: format!("{prefix}nama"),
            })?;
            a.mime = mime.ok_or_else(|| InputError::Missing {
                field: format!("{prefix}mime"),
            })?;
            a.size_bytes = size.ok_or_else(|| InputError::Missing {
                field: format!("{prefix}ukuran"),
            })?;
            Ok(a)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s)
            .expect("a test time")
            .with_timezone(&Utc)
    }

    fn ctx() -> IntakeContext {
        IntakeContext {
            now: at("2026-11-27T10:00:00+07:00"),
            zone: Zone::Wib,
        }
    }

    fn report() -> NewComplaint {
        complaint_from_json(r#"{"judul": "Jalan rusak", "isi": "Berlubang di depan sekolah."}"#)
            .expect("a minimal report")
            .into_complaint(Zone::Wib)
    }

    #[test]
    fn text_is_trimmed_and_line_endings_unified() {
        assert_eq!(
            check_text(TextField::Isi, "  baris 1\r\nbaris 2\rbaris 3\n\n").unwrap(),
            "baris 1\nbaris 2\nbaris 3"
        );
        assert_eq!(
            check_text(TextField::Isi, "kolom\tkedua").unwrap(),
            "kolom\tkedua"
        );
    }

    #[test]
    fn invisible_only_text_is_blank() {
        for blank in [
            "",
            "   ",
            "\u{200B}",
            " \u{200D}\u{FEFF}\u{2060} ",
            "\u{00AD}\n\t",
        ] {
            assert!(
                matches!(
                    check_text(TextField::Judul, blank),
                    Err(InputError::Blank { ref field }) if field == "judul"
                ),
                "{blank:?}"
            );
        }
        assert_eq!(
            check_optional_text(TextField::Lokasi, Some("\u{200B} ")).unwrap(),
            None
        );
        // Invisible characters inside visible text are kept.
        assert_eq!(
            check_text(TextField::Judul, "Jalan\u{200B}rusak").unwrap(),
            "Jalan\u{200B}rusak"
        );
    }

    #[test]
    fn control_characters_are_refused_with_their_position() {
        let e = check_text(TextField::Isi, "ab\0c").unwrap_err();
        assert_eq!(
            e,
            InputError::ControlChar {
                field: "isi".into(),
                code_point: 0,
                position: 3
            }
        );
        assert_eq!(
            e.to_string(),
            "isi: control character U+0000 at character 3 is not allowed (only line breaks and tabs are)"
        );
        for evil in ["\u{1b}[2J", "a\u{7}", "a\u{7f}", "a\u{9b}1m", "\0"] {
            assert!(
                matches!(
                    check_text(TextField::Note, evil),
                    Err(InputError::ControlChar { .. })
                ),
                "{evil:?}"
            );
        }
        assert!(matches!(
            check_optional_text(TextField::Lokasi, Some("\0")),
            Err(InputError::ControlChar { .. })
        ));
    }

    #[test]
    fn lengths_count_characters_invisible_ones_included() {
        let exact = "é".repeat(TITLE_MAX_CHARS);
        assert_eq!(check_text(TextField::Judul, &exact).unwrap(), exact);
        let padded = format!("Jalan{}", "\u{200B}".repeat(TITLE_MAX_CHARS));
        assert_eq!(
            check_text(TextField::Judul, &padded).unwrap_err(),
            InputError::TooLong {
                field: "judul".into(),
                max: TITLE_MAX_CHARS,
                got: TITLE_MAX_CHARS + 5
            }
        );
        assert!(check_text(TextField::Isi, &"x".repeat(BODY_MAX_CHARS)).is_ok());
        assert!(check_text(TextField::Isi, &"x".repeat(BODY_MAX_CHARS + 1)).is_err());
        assert!(check_text(TextField::Reason, &"x".repeat(REASON_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn one_line_fields_refuse_line_breaks() {
        assert_eq!(
            check_text(TextField::Judul, "Jalan\nrusak").unwrap_err(),
            InputError::MultiLine {
                field: "judul".into()
            }
        );
        assert!(check_text(TextField::Reason, "baris 1\nbaris 2").is_ok());
    }

    #[test]
    fn times_take_an_offset_or_are_local() {
        assert_eq!(
            parse_time("diterima", "2026-11-27T09:30:00+08:00").unwrap(),
            TimeInput::At(at("2026-11-27T01:30:00Z"))
        );
        assert_eq!(
            parse_time("diterima", "2026-11-27T09:30+09:00").unwrap(),
            TimeInput::At(at("2026-11-27T00:30:00Z"))
        );
        for local in [
            "2026-11-27 09:30",
            "2026-11-27T09:30",
            "2026-11-27 09:30:00",
        ] {
            let t = parse_time("diterima", local).unwrap();
            assert!(matches!(t, TimeInput::Local(_)), "{local}");
            assert_eq!(t.resolve(Zone::Wita), at("2026-11-27T01:30:00Z"));
            assert_eq!(t.resolve(Zone::Wib), at("2026-11-27T02:30:00Z"));
        }
        assert_eq!(
            parse_time("diterima", "2026-11-27")
                .unwrap()
                .resolve(Zone::Wit),
            at("2026-11-26T15:00:00Z")
        );
        assert_eq!(
            parse_time("diterima", "2026-11-27T09")
                .unwrap_err()
                .to_string(),
            "diterima: expected a time like 2026-11-27T09:30:00+07:00 or 2026-11-27 09:30, got '2026-11-27T09'"
        );
        assert!(parse_date("tanggal_kejadian", "2026-02-30").is_err());
    }

    #[test]
    fn received_times_stay_in_a_sane_window() {
        let c = ctx();
        assert!(check_received(c.now + CLOCK_SKEW, &c).is_ok());
        assert!(matches!(
            check_received(c.now + CLOCK_SKEW + TimeDelta::seconds(1), &c),
            Err(InputError::InFuture { .. })
        ));
        assert!(matches!(
            check_received(at("2099-01-01T00:00:00Z"), &c),
            Err(InputError::InFuture { .. })
        ));
        assert!(matches!(
            check_received(at("1970-01-01T00:00:00Z"), &c),
            Err(InputError::TooEarly { .. })
        ));
        // 2010-01-01 00:30 WIB is 2009-12-31 in UTC but already 2010 where it was received.
        assert!(check_received(at("2010-01-01T00:30:00+07:00"), &c).is_ok());
    }

    #[test]
    fn incidents_happen_before_receipt_and_after_1945() {
        let day = |s: &str| parse_date("tanggal_kejadian", s).unwrap();
        assert!(check_incident(day("2026-11-27"), day("2026-11-27")).is_ok());
        assert!(matches!(
            check_incident(day("2026-11-28"), day("2026-11-27")),
            Err(InputError::AfterReceived { .. })
        ));
        assert!(matches!(
            check_incident(day("1900-01-01"), day("2026-11-27")),
            Err(InputError::TooEarly { .. })
        ));
    }

    #[test]
    fn positions_are_in_range_and_paired() {
        assert!(check_position(Some(-0.03), Some(109.33)).is_ok());
        assert!(check_position(Some(90.0), Some(-180.0)).is_ok());
        assert_eq!(
            check_position(Some(999.0), Some(0.0))
                .unwrap_err()
                .to_string(),
            "lat: expected a number from -90 to 90, got 999"
        );
        assert!(check_position(Some(0.0), Some(180.5)).is_err());
        assert!(matches!(
            check_position(Some(1.0), None),
            Err(InputError::Incomplete { .. })
        ));
    }

    #[test]
    fn reporters_and_attachments_have_shapes() {
        let ok = Reporter {
            name: Some(" Budi ".into()),
            phone: Some("+62 812-0000-1111".into()),
            email: Some("budi@contoh.id".into()),
            nik: Some("6171012345678901".into()),
        };
        assert_eq!(check_reporter(&ok).unwrap().name.as_deref(), Some("Budi"));
        for bad in [
            Reporter {
                phone: Some("panggil saja".into()),
                ..Reporter::default()
            },
            Reporter {
                email: Some("budi@".into()),
                ..Reporter::default()
            },
            Reporter {
                nik: Some("123".into()),
                ..Reporter::default()
            },
        ] {
            assert!(check_reporter(&bad).is_err(), "{bad:?}");
        }
        let file = |size| Attachment {
            name: "foto.jpg".into(),
            mime: "image/jpeg".into(),
            size_bytes: size,
        };
        assert!(check_attachments(&[file(0), file(ATTACHMENT_MAX_BYTES)]).is_ok());
        assert_eq!(
            check_attachments(&[file(1), file(-1)]).unwrap_err().field(),
            Some("lampiran[1].ukuran")
        );
        assert!(matches!(
            check_attachments(&vec![file(1); ATTACHMENTS_MAX + 1]),
            Err(InputError::TooMany { .. })
        ));
    }

    #[test]
    fn a_complaint_is_checked_as_a_whole() {
        let mut new = report();
        new.judul = "  Jalan rusak \r\n".into();
        new.tags = vec![" jalan ".into()];
        let checked = check_complaint(new, &ctx()).unwrap();
        assert_eq!(checked.judul, "Jalan rusak");
        assert_eq!(checked.tags, vec!["jalan"]);
        assert_eq!(checked.received_at, Some(ctx().now), "now when absent");

        let mut many = report();
        many.tags = vec!["t".into(); TAGS_MAX + 1];
        assert!(matches!(
            check_complaint(many, &ctx()),
            Err(InputError::TooMany { .. })
        ));
        let mut blank_tag = report();
        blank_tag.tags = vec!["jalan".into(), "\u{200B}".into()];
        assert_eq!(
            check_complaint(blank_tag, &ctx()).unwrap_err().field(),
            Some("tags[1]")
        );
        let mut late = report();
        late.received_at = Some(at("2099-01-01T00:00:00Z"));
        assert_eq!(
            check_complaint(late, &ctx()).unwrap_err().field(),
            Some("diterima")
        );
    }

    #[test]
    fn json_takes_indonesian_and_english_keys() {
        let id = complaint_from_json(
            r#"{"judul": "J", "isi": "I", "kanal": "telepon", "diterima": "2026-11-27 09:30",
                "pelapor": "Budi", "tanggal_kejadian": "2026-11-25", "lokasi": "Jl. Merdeka",
                "lat": -0.03, "lon": 109.33, "kategori": "Jalan", "tags": ["jalan", "banjir"],
                "anonim": true, "rahasia": false, "instansi": "KOTA-PONTIANAK",
                "lampiran": [{"nama": "foto.jpg", "mime": "image/jpeg", "ukuran": 1024}],
                "klasifikasi": "aspirasi"}"#,
        )
        .unwrap();
        assert_eq!(id.complaint.channel, Channel::Telepon);
        assert_eq!(id.complaint.klasifikasi, Klasifikasi::Aspirasi);
        assert_eq!(id.complaint.reporter.name.as_deref(), Some("Budi"));
        assert_eq!(id.complaint.attachments[0].size_bytes, 1024);
        assert_eq!(
            id.clone().into_complaint(Zone::Wita).received_at,
            Some(at("2026-11-27T09:30:00+08:00"))
        );
        let en = complaint_from_json(
            r#"{"title": "J", "body": "I", "channel": "telepon", "received_at": "2026-11-27 09:30",
                "reporter": {"name": "Budi", "phone": "0812"}, "incident_date": "2026-11-25",
                "location": "Jl. Merdeka", "latitude": -0.03, "longitude": 109.33,
                "category": "Jalan", "tags": "jalan, banjir", "anonymous": true,
                "confidential": false, "agency": "KOTA-PONTIANAK",
                "attachments": [{"name": "foto.jpg", "type": "image/jpeg", "size_bytes": 1024}],
                "classification": "aspirasi"}"#,
        )
        .unwrap();
        assert_eq!(en.complaint.tags, id.complaint.tags);
        assert_eq!(en.received, id.received);
        assert_eq!(en.complaint.reporter.phone.as_deref(), Some("0812"));
        assert_eq!(
            NewComplaint {
                reporter: id.complaint.reporter.clone(),
                ..en.complaint
            },
            id.complaint
        );
    }

    #[test]
    fn json_mistakes_name_the_key_and_the_expected_form() {
        let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "kanall": "sms"}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("unknown key 'kanall' (accepted keys: judul, title, isi, body,"),
            "{e}"
        );
        let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "pelapor": {"alamat": "x"}}"#)
            .unwrap_err();
        assert_eq!(e.field(), Some("pelapor.alamat"));
        let e = complaint_from_json(r#"{"judul": "J", "title": "T", "isi": "I"}"#).unwrap_err();
        assert!(matches!(e, InputError::DuplicateKey { .. }), "{e}");
        let e = complaint_from_json(r#"[{"judul": "J", "isi": "I"}]"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected one JSON object {...} describing the complaint, got an array [...]"
        );
        let e = complaint_from_json(r#"{"judul": 5, "isi": "I"}"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "judul: expected text (a JSON string), got a number"
        );
        let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "kanal": "fax"}"#).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("kanal: unknown value 'fax' (expected one of: web, sms")
        );
        let e = complaint_from_json(r#"{"judul": "J", "isi": "I", "diterima": "kemarin"}"#)
            .unwrap_err();
        assert_eq!(e.field(), Some("diterima"));
        let e = complaint_from_json(r#"{"isi": "I"}"#).unwrap_err();
        assert_eq!(e.to_string(), "judul: required");
        let e = complaint_from_json(r#"{"judul": "J", "isi": "I",}"#).unwrap_err();
        assert!(matches!(e, InputError::Syntax { line: 1, .. }), "{e}");
        let e = complaint_from_json("  ").unwrap_err();
        assert!(matches!(e, InputError::NotAnObject { .. }), "{e}");
        let e = complaint_from_json(
            r#"{"judul": "J", "isi": "I", "lampiran": [{"nama": "a", "mime": "a/b", "ukuran": 1.5}]}"#,
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("lampiran[0].ukuran"));
    }
}
