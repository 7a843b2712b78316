//! `meja report`: the monev figures of an instansi subtree over a period, by child instansi,
//! officer, category or channel, ranked by completion rate (domain::monev defines each figure).

use super::args::{ReportArgs, ReportBy, ReportFormat};
use super::parse::{parse_date, parse_time};
use crate::domain::lifecycle::Actor;
use crate::domain::monev::{self, Figures, Life, Line, Load, Period};
use crate::domain::text;
use crate::domain::*;
use crate::store::Store;
use anyhow::{Context, Result};
use chrono::{Datelike, Days, NaiveDate, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// The report as `--format json` writes it.
#[derive(Debug, Serialize)]
pub struct Report {
    pub instansi: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub by: &'static str,
    pub total: Line,
    /// Ranked lines (by child, category or channel).
    pub lines: Vec<Line>,
    /// Each officer's load (by officer).
    pub officers: Vec<OfficerLine>,
}

#[derive(Debug, Serialize)]
pub struct OfficerLine {
    pub username: String,
    #[serde(flatten)]
    pub load: Load,
}

/// The period asked for: `--from`/`--to`, each defaulting to this month's first and last day in
/// the actor's zone.
fn period(args: &ReportArgs, today: NaiveDate) -> Result<Period> {
    let first = today.with_day(1).unwrap_or(today);
    let next_month = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    let last = next_month.and_then(|d| d.pred_opt()).unwrap_or(today);
    let from = match &args.from {
        Some(s) => parse_date(s).context("--from")?,
        None => first,
    };
    let to = match &args.to {
        Some(s) => parse_date(s).context("--to")?,
        None => last,
    };
    anyhow::ensure!(from <= to, "--from {from} is after --to {to}");
    Ok(Period { from, to })
}

/// Builds the report: the figures of every complaint of the subtree the actor may count.
pub async fn build(store: &Store, actor: &Actor, args: &ReportArgs, lang: Lang) -> Result<Report> {
    let zone = store.find_instansi_zone(actor);
    let now = match &args.now {
        Some(t) => parse_time("--now", t, zone)?,
        None => Utc::now(),
    };
    let today = now.with_timezone(&zone.offset()).date_naive();
    let period = period(args, today)?;
    let target = match &args.instansi {
        Some(name) => store.find_instansi_for(actor, name)?,
        None => store
            .instansi_list()
            .into_iter()
            .find(|i| i.id == actor.instansi_id)
            .context("the actor's instansi is not in the tree")?,
    };
    if actor.role != Role::Officer {
        return build_summed(store, args, lang, target, period, now).await;
    }
    // An officer counts their own complaints' lives.
    // By child or officer, only the complaints the period can count are read: received or moved
    // since its first day, or open now (every child gets its line all the same). By category or
    // channel everything is read, so that a group with nothing in the period keeps its line.
    let since = match args.by {
        ReportBy::Child | ReportBy::Officer => period
            .from
            .checked_sub_days(Days::new(1))
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map(|d| d.and_utc()),
        ReportBy::Category | ReportBy::Channel => None,
    };
    let world = store
        .monev_since(actor, &target.path, since)
        .await
        .context("reading the complaints to count")?;
    let calendars = store.calendars();
    let lives: Vec<&Life> = world.lives.iter().collect();
    let total = Line {
        group: target.name.clone(),
        figures: monev::figures(&lives, period, now, &calendars),
        backlog: monev::backlog(&lives, now, &calendars),
    };
    let mut lines = Vec::new();
    let mut officers = Vec::new();
    match args.by {
        ReportBy::Child => {
            let children: Vec<Instansi> = store
                .instansi_list()
                .into_iter()
                .filter(|i| i.parent_id == Some(target.id))
                .collect();
            let own = format!("{} ({})", target.name, lang.pick("sendiri", "itself"));
            let always: Vec<String> = children
                .iter()
                .map(|c| c.name.clone())
                .chain(std::iter::once(own.clone()))
                .collect();
            lines = monev::ranked_with(
                &lives,
                &always,
                |l| {
                    children
                        .iter()
                        .find(|c| l.instansi_path.starts_with(&c.path))
                        .map(|c| c.name.clone())
                        .or_else(|| Some(own.clone()))
                },
                period,
                now,
                &calendars,
            );
        }
        ReportBy::Category => {
            let names: BTreeMap<i64, String> = store
                .categories()
                .into_iter()
                .map(|c| (c.id, c.name))
                .collect();
            let none = lang.pick("(tanpa kategori)", "(no category)").to_string();
            lines = monev::ranked(
                &lives,
                |l| {
                    Some(
                        l.kategori_id
                            .and_then(|k| names.get(&k).cloned())
                            .unwrap_or_else(|| none.clone()),
                    )
                },
                period,
                now,
                &calendars,
            );
        }
        ReportBy::Channel => {
            lines = monev::ranked(
                &lives,
                |l| Some(l.channel.as_code().to_string()),
                period,
                now,
                &calendars,
            );
        }
        ReportBy::Officer => {
            let loads = monev::loads(&lives, &world.officers, period, now);
            let mut list: Vec<OfficerLine> = loads
                .into_iter()
                .map(|(username, load)| OfficerLine { username, load })
                .collect();
            // Who is drowning first: overdue, then open, then name.
            monev::drowning_first(&mut list, |l| (&l.load, l.username.as_str()));
            officers = list;
        }
    }
    Ok(Report {
        instansi: target.name,
        from: period.from,
        to: period.to,
        by: args.by.code(),
        total,
        lines,
        officers,
    })
}

/// A supervisor's or admin's report, from the rollups (`store::sums`): the same figures as the
/// pure functions over every complaint of the subtree (`tests/monev_report.rs`).
async fn build_summed(
    store: &Store,
    args: &ReportArgs,
    lang: Lang,
    target: Instansi,
    period: Period,
    now: chrono::DateTime<Utc>,
) -> Result<Report> {
    use crate::store::sums::{Facet, Grouping, lines_merged};
    let own = format!("{} ({})", target.name, lang.pick("sendiri", "itself"));
    let children: Vec<Instansi> = store
        .instansi_list()
        .into_iter()
        .filter(|i| i.parent_id == Some(target.id))
        .collect();
    let grouping = match args.by {
        ReportBy::Child => Grouping::Children {
            scope_len: target.path.len(),
            parts: children
                .iter()
                .map(|c| (c.path.clone(), c.name.clone()))
                .collect(),
            rest: own.clone(),
        },
        ReportBy::Officer => Grouping::Whole,
        ReportBy::Category => Grouping::Facet(Facet::Kategori),
        ReportBy::Channel => Grouping::Facet(Facet::Channel),
    };
    let grouped = store
        .grouped_sums(&target.path, &grouping, period, now)
        .await
        .context("reading the monev sums")?;
    let categories: BTreeMap<String, String> = store
        .categories()
        .into_iter()
        .map(|c| (format!("k:{}", c.id), c.name))
        .collect();
    let no_category = lang.pick("(tanpa kategori)", "(no category)").to_string();
    let name_of = |key: &str| -> String {
        match args.by {
            ReportBy::Category => categories
                .get(key)
                .cloned()
                .unwrap_or_else(|| no_category.clone()),
            ReportBy::Channel => key.strip_prefix("c:").unwrap_or(key).to_string(),
            ReportBy::Child | ReportBy::Officer => key.to_string(),
        }
    };
    // By child every child has its line, the quiet ones too; by category or channel, every
    // group that received something in the period or has something open.
    let groups: Vec<(String, String)> = match args.by {
        ReportBy::Child => children
            .iter()
            .map(|c| c.name.clone())
            .chain(std::iter::once(own.clone()))
            .map(|g| (g.clone(), g))
            .collect(),
        ReportBy::Officer => Vec::new(),
        ReportBy::Category | ReportBy::Channel => grouped
            .tallies
            .keys()
            .chain(grouped.backlogs.keys())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|g| (g.clone(), name_of(g)))
            .collect(),
    };
    let (mut total, lines) = lines_merged(&grouped, &groups);
    total.group = target.name.clone();
    let mut officers = Vec::new();
    if args.by == ReportBy::Officer {
        let loads = store
            .officer_loads_summed(&target.path, period, now)
            .await
            .context("reading the officers' loads")?;
        officers = loads
            .into_iter()
            .map(|(username, load)| OfficerLine { username, load })
            .collect();
        monev::drowning_first(&mut officers, |l| (&l.load, l.username.as_str()));
    }
    Ok(Report {
        instansi: target.name,
        from: period.from,
        to: period.to,
        by: args.by.code(),
        total,
        lines,
        officers,
    })
}

/// A rate as a percentage with one decimal, in the language's notation; "-" when nothing counts.
fn percent(rate: Option<f64>, lang: Lang) -> String {
    match rate {
        Some(r) => {
            let s = format!("{:.1}", r * 100.0);
            match lang {
                Lang::Id => s.replace('.', ","),
                Lang::En => s,
            }
        }
        None => "-".into(),
    }
}

fn days(d: Option<u32>) -> String {
    d.map(|d| d.to_string()).unwrap_or_else(|| "-".into())
}

fn headers(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Id => vec![
            "#",
            "kelompok",
            "diterima",
            "dikecualikan",
            "selesai",
            "penyelesaian %",
            "verifikasi ≤3 %",
            "tindak lanjut ≤5 %",
            "hari median",
            "hari p90",
            "terbuka",
            "eskalasi",
        ],
        Lang::En => vec![
            "#",
            "group",
            "received",
            "excluded",
            "settled",
            "completion %",
            "verified ≤3 %",
            "followed up ≤5 %",
            "median days",
            "p90 days",
            "open",
            "escalations",
        ],
    }
}

fn cells(rank: String, line: &Line, lang: Lang) -> Vec<String> {
    let f: &Figures = &line.figures;
    vec![
        rank,
        text::visible(&line.group).into_owned(),
        f.received.to_string(),
        f.excluded.to_string(),
        f.selesai.to_string(),
        percent(f.completion_rate, lang),
        percent(f.verified_in_time.rate(), lang),
        percent(f.followed_up_in_time.rate(), lang),
        days(f.first_follow_up_median),
        days(f.first_follow_up_p90),
        line.backlog.open.to_string(),
        format!("{}/{}", f.escalations_resolved, f.escalations),
    ]
}

fn officer_headers(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Id => vec![
            "petugas",
            "terbuka",
            "terlambat",
            "menunggu persetujuannya",
            "ditangani",
        ],
        Lang::En => vec![
            "officer",
            "open",
            "overdue",
            "awaiting their approval",
            "handled",
        ],
    }
}

fn officer_cells(o: &OfficerLine) -> Vec<String> {
    vec![
        text::visible(&o.username).into_owned(),
        o.load.open.to_string(),
        o.load.overdue.to_string(),
        o.load.awaiting_approval.to_string(),
        o.load.handled.to_string(),
    ]
}

/// The report's table: header, rows, and (for ranked reports) the total as the last row.
fn table_rows(report: &Report, lang: Lang) -> (Vec<&'static str>, Vec<Vec<String>>) {
    if report.by == ReportBy::Officer.code() {
        let rows = report.officers.iter().map(officer_cells).collect();
        return (officer_headers(lang), rows);
    }
    let mut rows: Vec<Vec<String>> = report
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| cells((i + 1).to_string(), l, lang))
        .collect();
    rows.push(cells(String::new(), &report.total, lang));
    (headers(lang), rows)
}

/// Writes the report in the format asked for.
pub fn render(report: &Report, format: ReportFormat, lang: Lang) -> Result<String> {
    let (head, rows) = table_rows(report, lang);
    let title = format!(
        "{} · {} – {}",
        text::visible(&report.instansi),
        report.from,
        report.to
    );
    Ok(match format {
        ReportFormat::Json => {
            let mut s = super::output::json_line(report)?;
            s.push('\n');
            s
        }
        ReportFormat::Csv => {
            let mut out = String::new();
            for row in
                std::iter::once(head.iter().map(|h| h.to_string()).collect::<Vec<_>>()).chain(rows)
            {
                let quoted: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
                out.push_str(&quoted.join(","));
                out.push('\n');
            }
            out
        }
        ReportFormat::Md => {
            let mut out = format!("**{title}**\n\n| {} |\n", head.join(" | "));
            out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
            for row in rows {
                let escaped: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                out.push_str(&format!("| {} |\n", escaped.join(" | ")));
            }
            out
        }
        ReportFormat::Table => {
            let mut widths: Vec<usize> = head.iter().map(|h| text::width(h)).collect();
            for row in &rows {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(text::width(c));
                }
            }
            let mut out = format!("{title}\n");
            let line = |cells: Vec<String>| -> String {
                let padded: Vec<String> = cells
                    .iter()
                    .zip(&widths)
                    .enumerate()
                    .map(|(i, (c, w))| {
                        // The group's name reads left to right; figures line up on the right.
                        if i == 1 || (head.len() == 5 && i == 0) {
                            text::pad(c, *w)
                        } else {
                            text::fit_right(c, *w)
                        }
                    })
                    .collect();
                padded.join("  ").trim_end().to_string()
            };
            out.push_str(&line(head.iter().map(|h| h.to_string()).collect()));
            out.push('\n');
            for row in rows {
                out.push_str(&line(row));
                out.push('\n');
            }
            out
        }
    })
}

/// A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
