//! CSV (RFC 4180) with a header row, in the columns `meja export --format csv` writes: `id`,
//! `judul` and `isi` are required, the others optional (`status`, `klasifikasi`, `kanal`,
//! `instansi`, `kategori`, `tags` separated by spaces or commas, `lokasi`, `lat`, `lon`,
//! `tanggal_kejadian`, `diterima`, `anonim`, `rahasia`, `pelapor_nama`, `pelapor_telepon`,
//! `pelapor_email`, `pelapor_nik`; `diperbarui` is read and ignored). A record may span lines
//! inside quotes; it is named by the line it starts on.

use super::{bad, time};
use crate::domain::*;
use crate::store::import::{AsWritten, Incoming, Parsed, Wanted};
use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use std::io::BufRead;

/// The columns `meja export --format csv` writes, and the reporter's NIK, which an export never
/// carries but a source may.
fn known(column: &str) -> bool {
    super::super::export::CSV_COLUMNS.contains(&column) || column == "pelapor_nik"
}

pub fn read(
    input: Box<dyn BufRead + Send>,
    keep_raw: bool,
    send: &mut dyn FnMut(Parsed) -> bool,
) -> Result<()> {
    let mut records = Records {
        lines: input.lines(),
        line: 0,
    };
    let Some((_, header_text)) = records.next_record().context("reading the CSV header")? else {
        bail!("the CSV file is empty (expected a header row: id,judul,isi,...)");
    };
    let header: Vec<String> = fields(&header_text)
        .into_iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect();
    for h in &header {
        if !known(h.as_str()) {
            bail!(
                "CSV header, line 1: unknown column '{h}' (accepted: {})",
                super::super::export::CSV_COLUMNS.join(", ") + ", pelapor_nik"
            );
        }
    }
    for required in ["id", "judul", "isi"] {
        if !header.iter().any(|h| h == required) {
            bail!("CSV header, line 1: the column '{required}' is required");
        }
    }
    while let Some((line, text)) = records.next_record().context("reading the CSV")? {
        let cells = fields(&text);
        let parsed = match record(line, &header, &cells) {
            Ok(mut incoming) => {
                if keep_raw {
                    incoming.raw = AsWritten::own(text);
                }
                Parsed::Record(Box::new(incoming))
            }
            Err(reason) => bad(line, &text, keep_raw, reason),
        };
        if !send(parsed) {
            break;
        }
    }
    Ok(())
}

/// Records as text, joined across the line breaks inside quoted fields.
struct Records<L> {
    lines: L,
    line: u64,
}

impl<L: Iterator<Item = std::io::Result<String>>> Records<L> {
    fn next_record(&mut self) -> std::io::Result<Option<(u64, String)>> {
        loop {
            let Some(first) = self.lines.next().transpose()? else {
                return Ok(None);
            };
            self.line += 1;
            let start = self.line;
            let mut text = first;
            // An odd number of quotes so far: a quoted field goes on over the line break.
            while text.matches('"').count() % 2 == 1 {
                let Some(more) = self.lines.next().transpose()? else {
                    break;
                };
                self.line += 1;
                text.push('\n');
                text.push_str(&more);
            }
            let text = text.strip_suffix('\r').unwrap_or(&text).to_string();
            if !text.trim().is_empty() {
                return Ok(Some((start, text)));
            }
        }
    }
}

/// The fields of one record: commas split, quotes group, a doubled quote is a quote.
fn fields(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.is_empty() => quoted = true,
            (',', false) => out.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    out.push(field);
    out
}

fn record(line: u64, header: &[String], cells: &[String]) -> Result<Incoming, String> {
    if cells.len() != header.len() {
        return Err(format!(
            "expected {} fields as in the header, got {}",
            header.len(),
            cells.len()
        ));
    }
    let get = |name: &str| -> Option<String> {
        let i = header.iter().position(|h| h == name)?;
        let v = unguard(&cells[i]);
        (!v.trim().is_empty()).then_some(v)
    };
    let number = |name: &str| -> Result<Option<f64>, String> {
        get(name)
            .map(|v| {
                v.trim()
                    .parse::<f64>()
                    .map_err(|_| format!("{name}: expected a number, got '{v}'"))
            })
            .transpose()
    };
    let flag = |name: &str| -> Result<bool, String> {
        match get(name).map(|v| v.trim().to_lowercase()).as_deref() {
            None | Some("false" | "0" | "tidak" | "no") => Ok(false),
            Some("true" | "1" | "ya" | "yes") => Ok(true),
            Some(other) => Err(format!("{name}: expected true or false, got '{other}'")),
        }
    };
    let code = |name: &str| get(name).map(|v| v.trim().to_lowercase());
    let Some(id) = get("id") else {
        return Err("id: required (the report's number at its source)".into());
    };
    let status = code("status")
        .map(|s| Status::parse(&s).map_err(|e| format!("status: {e}")))
        .transpose()?;
    let new = NewComplaint {
        judul: get("judul").unwrap_or_default(),
        isi: get("isi").unwrap_or_default(),
        klasifikasi: code("klasifikasi")
            .map(|s| Klasifikasi::parse(&s).map_err(|e| format!("klasifikasi: {e}")))
            .transpose()?
            .unwrap_or(Klasifikasi::Pengaduan),
        channel: code("kanal")
            .map(|s| Channel::parse(&s).map_err(|e| format!("kanal: {e}")))
            .transpose()?
            .unwrap_or(Channel::Api),
        tanggal_kejadian: get("tanggal_kejadian")
            .map(|d| {
                NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").map_err(|_| {
                    format!("tanggal_kejadian: expected a date like 2026-11-27, got '{d}'")
                })
            })
            .transpose()?,
        lokasi: get("lokasi"),
        lat: number("lat")?,
        lon: number("lon")?,
        kategori: get("kategori"),
        tags: get("tags")
            .map(|t| {
                t.split([' ', ','])
                    .filter(|t| !t.is_empty())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default(),
        anonim: flag("anonim")?,
        rahasia: flag("rahasia")?,
        reporter: Reporter {
            name: get("pelapor_nama"),
            phone: get("pelapor_telepon"),
            email: get("pelapor_email"),
            nik: get("pelapor_nik"),
        },
        attachments: Vec::new(),
        instansi: get("instansi"),
        received_at: get("diterima").map(|t| time("diterima", &t)).transpose()?,
    };
    Ok(Incoming {
        line,
        raw: AsWritten::default(),
        source_id: id.trim().to_string(),
        new,
        source_status: status.map(|s| s.as_code().to_string()),
        wanted: status.map(Wanted::Status),
        life: None,
        keep_id: None,
    })
}

/// Undoes the export's guard against spreadsheet formulas: a leading apostrophe before `=`, `+`,
/// `-` or `@`.
fn unguard(v: &str) -> String {
    match v.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_commas_quotes_and_line_breaks() {
        assert_eq!(
            fields(r#"1,"a, b","say ""hi""",x"#),
            vec!["1", "a, b", "say \"hi\"", "x"]
        );
        let input = "id,judul\n1,\"two\nlines\"\n2,plain\n";
        let mut records = Records {
            lines: std::io::Cursor::new(input).lines(),
            line: 0,
        };
        assert_eq!(records.next_record().unwrap().unwrap().0, 1);
        assert_eq!(
            records.next_record().unwrap().unwrap(),
            (2, "1,\"two\nlines\"".to_string())
        );
        assert_eq!(records.next_record().unwrap().unwrap().0, 4);
    }

    #[test]
    fn the_formula_guard_comes_off() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'tis"), "'tis");
    }
}
