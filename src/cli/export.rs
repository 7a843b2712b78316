//! `meja export`: the complaints of a view and filter, as JSON lines (each as `meja show --json`
//! has it, with its history), CSV, or Open311 GeoReport v2 service requests. It streams: a page
//! of the queue at a time, each complaint written as it is read, so a whole database goes out in
//! constant memory. `--public` leaves out rahasia reports and every reporter identity, as the
//! national platform's public data does.

use super::args::{ExportArgs, ExportFormat};
use crate::domain::filter;
use crate::domain::lifecycle::Actor;
use crate::domain::*;
use crate::store::{ListQuery, Store};
use anyhow::{Context, Result};
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{Value, json};
use std::io::Write;

/// Open311 limits a description to this many characters.
const OPEN311_DESCRIPTION_MAX: usize = 4000;

pub(super) const CSV_COLUMNS: [&str; 20] = [
    "id",
    "status",
    "klasifikasi",
    "kanal",
    "judul",
    "isi",
    "instansi",
    "kategori",
    "tags",
    "lokasi",
    "lat",
    "lon",
    "tanggal_kejadian",
    "diterima",
    "diperbarui",
    "anonim",
    "rahasia",
    "pelapor_nama",
    "pelapor_telepon",
    "pelapor_email",
];

pub async fn export(store: &Store, actor: &Actor, args: &ExportArgs) -> Result<u64> {
    let view = crate::domain::view::View::parse(&args.view).map_err(|e| anyhow::anyhow!(e))?;
    let mut query = ListQuery::new(view);
    query.filter = filter::parse(&args.filter)?;
    query.limit = 500;
    query.now = Utc::now();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = 0u64;
    match args.format {
        ExportFormat::Csv => writeln!(out, "{}", CSV_COLUMNS.join(",")).context("writing")?,
        ExportFormat::Open311 => write!(out, "[").context("writing")?,
        ExportFormat::Jsonl => {}
    }
    loop {
        let page = store.list(actor, &query).await?;
        let ids: Vec<_> = page.rows.iter().map(|r| r.id).collect();
        for mut c in store.complaints(actor, &ids).await? {
            if args.public {
                if c.rahasia {
                    continue;
                }
                c.reporter = Reporter::default();
                c.reporter_masked = true;
            }
            match args.format {
                ExportFormat::Jsonl => {
                    writeln!(out, "{}", super::output::json_line(&c)?).context("writing")?
                }
                ExportFormat::Csv => {
                    let cells: Vec<String> = csv_cells(&c).iter().map(|v| csv_field(v)).collect();
                    writeln!(out, "{}", cells.join(",")).context("writing")?;
                }
                ExportFormat::Open311 => {
                    if written > 0 {
                        write!(out, ",").context("writing")?;
                    }
                    write!(out, "\n{}", super::output::json_line(&open311(&c))?)
                        .context("writing")?;
                }
            }
            written += 1;
        }
        // A page at a time reaches the reader, so a pipe sees progress on a big export.
        out.flush().context("writing")?;
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    if args.format == ExportFormat::Open311 {
        writeln!(out, "\n]").context("writing")?;
    }
    out.flush().context("writing")?;
    Ok(written)
}

/// A time as Open311 and CSV carry it: RFC 3339 in the instansi's own offset.
fn local(t: DateTime<Utc>, zone: Zone) -> String {
    t.with_timezone(&zone.offset())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// A complaint as an Open311 GeoReport v2 service request (`georeport-v2/request.json`).
pub fn open311(c: &Complaint) -> Value {
    let closed = c.status.is_closed();
    let description: String = c.isi.chars().take(OPEN311_DESCRIPTION_MAX).collect();
    let expected = if closed {
        None
    } else {
        c.clock.and_then(|k| k.due_at).map(|t| local(t, c.zone))
    };
    json!({
        "service_request_id": c.id.to_string(),
        "status": if closed { "closed" } else { "open" },
        // The lifecycle's own word for where the report is (domain.md's statuses).
        "status_notes": c.status.as_code(),
        "service_name": c.kategori,
        "service_code": c.kategori_id.map(|k| k.to_string()).unwrap_or_else(|| "umum".into()),
        "description": description,
        "agency_responsible": c.instansi,
        "requested_datetime": local(c.received_at, c.zone),
        "updated_datetime": local(c.updated_at, c.zone),
        "expected_datetime": expected,
        "address": c.lokasi,
        "lat": c.lat,
        "long": c.lon,
    })
}

fn csv_cells(c: &Complaint) -> Vec<String> {
    let opt = |v: Option<String>| v.unwrap_or_default();
    vec![
        c.id.to_string(),
        c.status.as_code().into(),
        c.klasifikasi.as_code().into(),
        c.channel.as_code().into(),
        c.judul.clone(),
        c.isi.clone(),
        c.instansi.clone(),
        opt(c.kategori.clone()),
        c.tags.join(" "),
        opt(c.lokasi.clone()),
        opt(c.lat.map(|v| v.to_string())),
        opt(c.lon.map(|v| v.to_string())),
        opt(c.tanggal_kejadian.map(|d| d.to_string())),
        local(c.received_at, c.zone),
        local(c.updated_at, c.zone),
        c.anonim.to_string(),
        c.rahasia.to_string(),
        opt(c.reporter.name.clone()),
        opt(c.reporter.phone.clone()),
        opt(c.reporter.email.clone()),
    ]
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. A field that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe:
/// complaint text comes from anyone.
fn csv_field(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

/// `meja events --follow`: what the log holds after `after`, then every new event as it is
/// recorded, one line each, flushed at once so that a pipe's reader sees it. The events are the
/// actor's scope, as every listing is; a dropped connection is retried by the feed, which
/// catches up with what it missed.
pub(super) async fn follow_events(
    store: &Store,
    actor: Actor,
    after: i64,
    as_json: bool,
) -> Result<()> {
    use std::io::Write;
    const PAGE: u32 = 1000;
    let print = |events: &[Event]| -> Result<()> {
        let mut out = std::io::stdout().lock();
        for e in events {
            writeln!(out, "{}", super::output::event_line(e, as_json)?)
                .context("writing an event")?;
        }
        out.flush().context("writing an event")
    };
    let mut last = after;
    loop {
        let page = store.events_after(&actor, last, PAGE).await?;
        print(&page)?;
        match page.last() {
            Some(e) if page.len() == PAGE as usize => last = e.id,
            Some(e) => {
                last = e.id;
                break;
            }
            None => break,
        }
    }
    let mut feed = store.follow(actor, last);
    while let Some(msg) = feed.recv().await {
        if let crate::store::feed::FeedMsg::Events(events) = msg {
            print(&events)?;
        }
    }
    Ok(())
}
