//! Open311 GeoReport v2 service requests (`georeport-v2/requests.json`): a JSON array of requests.
//! What a request has comes in: `service_request_id` (the source id), `description` (the body; its
//! first line, shortened, the title), `agency_responsible` (the instansi), `requested_datetime`,
//! `address`, `lat`/`long`, `status` (open or closed: remembered, and a later change is a move).
//! Each request is named by the line it starts on.

use super::{bad, time};
use crate::domain::*;
use crate::store::import::{AsWritten, Incoming, Parsed, Wanted};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::io::BufRead;

/// Titles made from a description's first line are cut at this many characters.
const TITLE_MAX: usize = 120;

pub fn read(
    mut input: Box<dyn BufRead + Send>,
    keep_raw: bool,
    send: &mut dyn FnMut(Parsed) -> bool,
) -> Result<()> {
    let mut text = String::new();
    input
        .read_to_string(&mut text)
        .context("reading the Open311 requests")?;
    for (line, element) in elements(&text)? {
        let parsed = match request(line, element) {
            Ok(mut incoming) => {
                if keep_raw {
                    incoming.raw = AsWritten::own(element.to_string());
                }
                Parsed::Record(Box::new(incoming))
            }
            Err(reason) => bad(line, element, keep_raw, reason),
        };
        if !send(parsed) {
            break;
        }
    }
    Ok(())
}

/// The elements of the top-level JSON array, each with the line it starts on, found by scanning
/// (strings and nesting followed) so that a bad request is named where it is.
fn elements(text: &str) -> Result<Vec<(u64, &str)>> {
    let body = text.trim_start_matches('\u{feff}');
    let Some(open) = body.find(|c: char| !c.is_whitespace()) else {
        bail!("the Open311 file is empty (expected a JSON array of service requests)");
    };
    if !body[open..].starts_with('[') {
        bail!("the Open311 file is not a JSON array of service requests ([{{...}}, ...])");
    }
    let offset = text.len() - body.len();
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut start = None;
    let mut line = 1 + body[..open].matches('\n').count() as u64;
    let mut start_line = line;
    for (i, c) in body.char_indices().skip_while(|(i, _)| *i <= open) {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => {
                if depth == 0 {
                    start = Some(i);
                    start_line = line;
                }
                depth += 1;
            }
            '}' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0
                    && let Some(s) = start.take()
                {
                    out.push((start_line, &text[offset + s..offset + i + c.len_utf8()]));
                }
            }
            ']' => return Ok(out),
            _ => {}
        }
    }
    bail!("the Open311 file ends before its array is closed (line {line})")
}

fn request(line: u64, element: &str) -> Result<Incoming, String> {
    let value: Value =
        serde_json::from_str(element).map_err(|e| format!("not a JSON object: {e}"))?;
    let Value::Object(o) = value else {
        return Err("expected a service request object {...}".into());
    };
    let text = |field: &str| -> Result<Option<String>, String> {
        match o.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("{field}: expected text")),
        }
    };
    let number = |field: &str| -> Result<Option<f64>, String> {
        match o.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => Ok(n.as_f64()),
            // GeoReport v2 writes coordinates as numbers; some servers send them as text.
            Some(Value::String(s)) => s
                .trim()
                .parse()
                .map(Some)
                .map_err(|_| format!("{field}: expected a number, got '{s}'")),
            Some(_) => Err(format!("{field}: expected a number")),
        }
    };
    let Some(id) = text("service_request_id")? else {
        return Err("service_request_id: required".into());
    };
    let description = text("description")?.unwrap_or_default();
    let status = text("status")?.map(|s| s.trim().to_lowercase());
    let wanted = match status.as_deref() {
        None => None,
        Some("open") => Some(Wanted::Open),
        Some("closed") => Some(Wanted::Closed),
        Some(other) => return Err(format!("status: expected open or closed, got '{other}'")),
    };
    let new = NewComplaint {
        judul: title(&description),
        isi: description,
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Api,
        tanggal_kejadian: None,
        lokasi: text("address")?,
        lat: number("lat")?,
        lon: number("long")?,
        kategori: None,
        tags: Vec::new(),
        anonim: false,
        rahasia: false,
        reporter: Reporter::default(),
        attachments: Vec::new(),
        instansi: text("agency_responsible")?,
        received_at: text("requested_datetime")?
            .map(|t| time("requested_datetime", &t))
            .transpose()?,
    };
    Ok(Incoming {
        line,
        raw: AsWritten::default(),
        source_id: id,
        new,
        source_status: status,
        wanted,
        life: None,
        keep_id: None,
    })
}

/// A request has no title: the description's first line, cut at a word near `TITLE_MAX`.
fn title(description: &str) -> String {
    let plain = crate::domain::markup::plain_text(description);
    let first = plain
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or_default();
    if first.chars().count() <= TITLE_MAX {
        return first.to_string();
    }
    let cut: String = first.chars().take(TITLE_MAX).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > TITLE_MAX / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_found_with_their_lines() {
        let text = "[\n{\"a\": \"]}\"},\n{\"b\": [1, {\"c\": 2}]}\n]\n";
        let found = elements(text).unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!(found[0], (2, "{\"a\": \"]}\"}"));
        assert_eq!(found[1].0, 3);
        assert!(elements("{}").is_err());
        assert!(elements("[{\"a\": 1}").is_err());
    }

    #[test]
    fn a_long_first_line_becomes_a_shorter_title() {
        let long = "kata ".repeat(60);
        let t = title(&long);
        assert!(t.chars().count() <= TITLE_MAX + 1, "{t}");
        assert!(t.ends_with('…'));
        assert_eq!(title("Jalan rusak<br>di depan pasar"), "Jalan rusak");
    }
}
