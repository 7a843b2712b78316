//! Reading what was typed: tags, bodies, dates, times, deadlines, cursors, a report to take in.

use super::args::*;
use crate::domain::input;
use crate::domain::*;
use crate::store::Cursor;
use anyhow::{Context, Result, anyhow, bail};
use chrono::{DateTime, NaiveDate, Utc};
use std::io::Read;

pub(super) fn split_tags(s: &str) -> Vec<String> {
    s.split(',')
        .map(|t| t.trim().to_lowercase())
        .filter(|t| !t.is_empty())
        .collect()
}

pub(super) fn read_body(body: &Body) -> Result<String> {
    let text = match (&body.text, &body.file) {
        (Some(t), _) => t.clone(),
        (None, Some(path)) if path.as_os_str() == "-" => {
            let mut s = String::new();
            std::io::stdin()
                .read_to_string(&mut s)
                .context("reading the text from standard input")?;
            s
        }
        (None, Some(path)) => {
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?
        }
        (None, None) => bail!("give the text with --text or --file"),
    };
    if text.trim().is_empty() {
        bail!("the text is empty");
    }
    Ok(text)
}

pub fn parse_date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("bad date '{s}': expected YYYY-MM-DD, e.g. 2026-11-27"))
}

/// RFC 3339, or "YYYY-MM-DD HH:MM" / "YYYY-MM-DD" in the given zone (`input::parse_time`).
pub fn parse_time(field: &str, s: &str, zone: Zone) -> Result<DateTime<Utc>> {
    Ok(input::parse_time(field, s)?.resolve(zone))
}

pub(super) fn parse_deadlines(s: &str) -> Result<crate::domain::clock::Deadlines> {
    let parts: Vec<u32> = s
        .split('/')
        .map(|p| p.trim().parse::<u32>())
        .collect::<Result<_, _>>()
        .map_err(|_| {
            anyhow!("bad deadlines '{s}': expected three numbers of working days like 3/5/10")
        })?;
    match parts.as_slice() {
        [v, f, c] => Ok(crate::domain::clock::Deadlines {
            verify_days: *v,
            follow_up_days: *f,
            close_days: *c,
        }),
        _ => bail!("bad deadlines '{s}': expected three numbers of working days like 3/5/10"),
    }
}

pub(super) fn parse_cursor(s: &str) -> Result<Cursor> {
    let (k, id) = s.split_once(':').ok_or_else(|| {
        anyhow!("bad cursor '{s}': expected KEY:ID as printed by the previous page")
    })?;
    Ok(Cursor {
        key: k
            .parse()
            .map_err(|_| anyhow!("bad cursor '{s}': KEY is not a number"))?,
        id: id
            .parse()
            .map_err(|_| anyhow!("bad cursor '{s}': ID is not a number"))?,
    })
}

/// The report as given on the command line or as JSON on standard input, its received time still
/// unresolved when local. Only the form is checked here; the store checks the values.
pub(super) fn intake_from(a: &IntakeArgs) -> Result<input::IntakeInput> {
    if a.stdin {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading the complaint from standard input")?;
        return input::complaint_from_json(&s).context("the complaint on standard input");
    }
    let complaint = NewComplaint {
        judul: a.judul.clone().unwrap_or_default(),
        isi: a.isi.clone().unwrap_or_default(),
        klasifikasi: Klasifikasi::parse(&a.klasifikasi).map_err(|e| anyhow!(e))?,
        channel: Channel::parse(&a.kanal).map_err(|e| anyhow!(e))?,
        tanggal_kejadian: a
            .tanggal_kejadian
            .as_deref()
            .map(|d| input::parse_date("tanggal_kejadian", d))
            .transpose()?,
        lokasi: a.lokasi.clone(),
        lat: a.lat,
        lon: a.lon,
        kategori: a.kategori.clone(),
        tags: a.tags.as_deref().map(split_tags).unwrap_or_default(),
        anonim: a.anonim,
        rahasia: a.rahasia,
        reporter: Reporter {
            name: a.pelapor.clone(),
            phone: a.telepon.clone(),
            email: a.email.clone(),
            nik: a.nik.clone(),
        },
        attachments: Vec::new(),
        instansi: a.instansi.clone(),
        received_at: None,
    };
    let received = a
        .diterima
        .as_deref()
        .map(|t| input::parse_time("diterima", t))
        .transpose()?;
    Ok(input::IntakeInput {
        complaint,
        received,
    })
}
