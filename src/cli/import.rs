//! `meja import FILE|- --format jsonl|csv|open311`: a thread reads and parses the records (one
//! complaint each) and hands them over in batches; the store writes them in one transaction
//! (`Store::import`). A progress bar on standard error when it is a terminal; a summary at the end;
//! with `--skip-bad FILE`, the rejected records, each with its line and reason, as JSON lines.

mod csv;
mod jsonl;
mod open311;

use super::args::{ExportFormat, ImportArgs};
use crate::domain::lifecycle::Actor;
use crate::domain::text;
use crate::store::Store;
use crate::store::import::{ImportOptions, ImportReport, Parsed, Rejection};
use anyhow::{Context, Result, anyhow};
use std::io::{BufRead, IsTerminal, Write};

/// Records handed to the store at a time.
const BATCH: usize = 1_000;
/// An input file this large is a large import (SQLite builds its indexes once, at the end).
const LARGE_FILE: u64 = 32 << 20;

pub async fn import(store: &Store, actor: &Actor, args: &ImportArgs) -> Result<ImportReport> {
    let source = args
        .source
        .clone()
        .unwrap_or_else(|| format_name(args.format).to_string());
    let input: Box<dyn BufRead + Send> = if args.file == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(&args.file)
            .with_context(|| format!("opening {}", text::visible(&args.file)))?;
        Box::new(std::io::BufReader::with_capacity(1 << 20, file))
    };
    let large =
        args.file != "-" && std::fs::metadata(&args.file).is_ok_and(|m| m.len() >= LARGE_FILE);
    let options = ImportOptions {
        source,
        skip_bad: args.skip_bad.is_some(),
        large,
    };
    let bar = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} importing {human_pos} records ({per_sec}, {elapsed})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let report = run(store, actor, args.format, input, &options, &bar).await;
    bar.finish_and_clear();
    let report = report?;
    if let Some(path) = &args.skip_bad {
        write_rejects(path, &report.rejected)?;
    }
    Ok(report)
}

/// Reads `input` in `format` on a thread of its own and imports what it reads.
pub async fn run(
    store: &Store,
    actor: &Actor,
    format: ExportFormat,
    input: Box<dyn BufRead + Send>,
    options: &ImportOptions,
    bar: &indicatif::ProgressBar,
) -> Result<ImportReport> {
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<Parsed>>(8);
    // The records are kept as written only when rejects are written out.
    let keep_raw = options.skip_bad;
    let reader = std::thread::spawn(move || -> Result<()> {
        let mut batch = Vec::with_capacity(BATCH);
        let mut send = |parsed: Parsed| -> bool {
            batch.push(parsed);
            if batch.len() >= BATCH {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                return tx.blocking_send(full).is_ok();
            }
            true
        };
        match format {
            ExportFormat::Jsonl => jsonl::read(input, keep_raw, &mut send)?,
            ExportFormat::Csv => csv::read(input, keep_raw, &mut send)?,
            ExportFormat::Open311 => open311::read(input, keep_raw, &mut send)?,
        }
        if !batch.is_empty() {
            let _ = tx.blocking_send(batch);
        }
        Ok(())
    });
    let progress = |n: u64| bar.set_position(n);
    let imported = store.import(actor, options, rx, &progress).await;
    // The reader stops on its own once the store stops taking records.
    let read = reader
        .join()
        .map_err(|_| anyhow!("the reader of the import failed"))?;
    let report = imported?;
    read?;
    Ok(report)
}

fn format_name(format: ExportFormat) -> &'static str {
    match format {
        ExportFormat::Jsonl => "jsonl",
        ExportFormat::Csv => "csv",
        ExportFormat::Open311 => "open311",
    }
}

/// The rejected records as JSON lines: `{"line", "reason", "record"}`, the record as written.
fn write_rejects(path: &std::path::Path, rejected: &[Rejection]) -> Result<()> {
    let file = std::fs::File::create(path)
        .with_context(|| format!("writing the rejects to {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file);
    for r in rejected {
        let line = serde_json::json!({ "line": r.line, "reason": r.reason, "record": r.raw });
        writeln!(out, "{line}").with_context(|| format!("writing {}", path.display()))?;
    }
    out.flush()
        .with_context(|| format!("writing {}", path.display()))
}

/// The summary: one line, or JSON (`{"imported", "unchanged", "updated", "rejected", "seconds"}`).
pub fn summary(report: &ImportReport, as_json: bool) -> Result<()> {
    if as_json {
        return super::output::json(&serde_json::json!({
            "imported": report.imported,
            "unchanged": report.unchanged,
            "updated": report.updated,
            "rejected": report.rejected.len(),
            "seconds": report.seconds,
        }));
    }
    println!(
        "imported {}, unchanged {}, updated {}, rejected {} in {:.1} s ({:.0} records/s)",
        super::output::thousands(report.imported),
        super::output::thousands(report.unchanged),
        super::output::thousands(report.updated),
        super::output::thousands(report.rejected.len() as u64),
        report.seconds,
        report.records() as f64 / report.seconds.max(1e-9)
    );
    for r in report.rejected.iter().take(10) {
        eprintln!("meja: {}", text::visible(&r.to_string()));
    }
    if report.rejected.len() > 10 {
        eprintln!(
            "meja: … and {} more rejected records",
            report.rejected.len() - 10
        );
    }
    Ok(())
}

/// A field of a record that is not what it should be.
pub(super) fn bad(line: u64, raw: &str, keep_raw: bool, reason: String) -> Parsed {
    Parsed::Bad(Rejection {
        line,
        reason,
        raw: if keep_raw {
            raw.to_string()
        } else {
            String::new()
        },
    })
}

/// A time as a source writes it: RFC 3339 with an offset.
pub(super) fn time(field: &str, s: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(s.trim())
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| {
            format!(
                "{field}: expected a time like 2026-11-27T09:30:00+07:00, got '{}'",
                s.chars().take(40).collect::<String>()
            )
        })
}
