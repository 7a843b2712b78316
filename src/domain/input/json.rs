//! A report as JSON (`meja intake --json`, and imports): its keys in Indonesian or English, each
//! value checked for its kind before the input rules check its content.

use super::*;

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
