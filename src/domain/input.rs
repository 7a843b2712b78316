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

mod json;
pub use json::*;
mod time;
pub use time::*;

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
    if text.contains('\r') {
        text.replace("\r\n", "\n")
            .replace('\r', "\n")
            .trim()
            .to_string()
    } else {
        // Trimmed before it is copied: one copy, not two.
        text.trim().to_string()
    }
}

fn check_text_as(field: TextField, name: &str, text: &str) -> Result<String, InputError> {
    let text = normalise(text);
    // ASCII text (most of it) is one byte a character: its bytes are scanned, not decoded.
    let refused = if text.is_ascii() {
        text.bytes()
            .map(char::from)
            .enumerate()
            .find(|(_, c)| is_refused_control(*c))
    } else {
        text.chars()
            .enumerate()
            .find(|(_, c)| is_refused_control(*c))
    };
    if let Some((i, c)) = refused {
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
    // HTML from a source (line breaks, entities) is made plain before the rules read the text.
    let judul = check_text(TextField::Judul, &super::markup::plain_text(&new.judul))?;
    let isi = check_text(TextField::Isi, &super::markup::plain_text(&new.isi))?;
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

#[cfg(test)]
mod tests;
