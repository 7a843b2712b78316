//! Every read of the console and the command line on a seeded database, SQLite and PostgreSQL in
//! one run, each beside the same statements run bare (`Store::run_bare`: the same SQL and bound
//! values, rows fetched undecoded) and the ratio of the two p99s: every view's first and next
//! page, every key and flag of the filter language, the counts (stopped at the console's cap, and
//! exact), search by words, the change feed's read, the assign picker's officer loads, and
//! `meja list` as a whole process beside the process doing nothing but open the database. Budget
//! (issue 12, product.md): a page or single-key filter p99 under 50 ms and within 1.5x of bare
//! (or 1 ms of it); counts under 50 ms; search under 150 ms; the command line within 10 ms of
//! bare. Each line ends with `ok` or what it misses.
//!
//! `cargo bench --bench store_queries`. `MEJA_BENCH_COMPLAINTS` (default 100,000) complaints
//! are seeded on first use into `target/bench-console-N.db` (the console bench's) and into the
//! schema `bench_console_N` of `MEJA_BENCH_PG` (default the local test server; `none` leaves
//! PostgreSQL out). `MEJA_BENCH_RUNS` (default 30) runs of each. `MEJA_BENCH_ONLY=search,cli`
//! measures those sections alone (views, filters, search, counts, live, cli).

mod support;

use chrono::{DateTime, TimeZone, Utc};
use meja::domain::filter::{self, Filter};
use meja::domain::lifecycle::Actor;
use meja::domain::view::View;
use meja::store::seed::{DEMO_NATIONAL, DEMO_SUPERVISOR};
use meja::store::{BareRead, ListQuery, Store};
use std::future::Future;
use std::process::Command;
use std::time::Instant;

/// The console's cap on counts while a filter is typed (`console::requests::COUNT_CAP`).
const CAP: i64 = 1000;

/// Runs of each measure (`MEJA_BENCH_RUNS`, default 30).
fn runs() -> usize {
    support::runs(30)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
}

/// p50 and p99 in milliseconds, and the rows of the last run.
struct Timing {
    p50: f64,
    p99: f64,
    rows: usize,
}

fn timing(mut samples: Vec<std::time::Duration>, rows: usize) -> Timing {
    samples.sort();
    let at = |p: f64| {
        let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
        samples[i].as_secs_f64() * 1000.0
    };
    Timing {
        p50: at(0.5),
        p99: at(0.99),
        rows,
    }
}

/// Times `meja` and `bare` in turns, after one untimed run of each, the first of the pair
/// alternating: neither side gets the caches the other warmed.
async fn side_by_side<M, MF, B, BF>(mut meja: M, mut bare: B) -> anyhow::Result<(Timing, Timing)>
where
    M: FnMut() -> MF,
    MF: Future<Output = anyhow::Result<usize>>,
    B: FnMut() -> BF,
    BF: Future<Output = anyhow::Result<usize>>,
{
    meja().await?;
    bare().await?;
    let runs = runs();
    let (mut m, mut b) = (Vec::with_capacity(runs), Vec::with_capacity(runs));
    let (mut m_rows, mut b_rows) = (0, 0);
    for run in 0..runs {
        for side in [run % 2, 1 - run % 2] {
            let t = Instant::now();
            if side == 0 {
                m_rows = meja().await?;
                m.push(t.elapsed());
            } else {
                b_rows = bare().await?;
                b.push(t.elapsed());
            }
        }
    }
    Ok((timing(m, m_rows), timing(b, b_rows)))
}

/// What a line must meet: a p99 under `limit_ms`, and (beside bare) within 1.5x of bare's p99
/// or `slack_ms` of it.
#[derive(Clone, Copy)]
struct Budget {
    limit_ms: f64,
    slack_ms: f64,
}

const READ: Budget = Budget {
    limit_ms: 50.0,
    slack_ms: 1.0,
};
const SEARCH: Budget = Budget {
    limit_ms: 150.0,
    slack_ms: 1.0,
};
const PROCESS: Budget = Budget {
    limit_ms: f64::INFINITY,
    slack_ms: 10.0,
};

#[derive(Default)]
struct Tally {
    lines: usize,
    missed: Vec<String>,
}

impl Tally {
    fn line(&mut self, label: &str, meja: &Timing, bare: &Timing, budget: Budget) {
        let ratio = meja.p99 / bare.p99.max(0.001);
        let mut misses = Vec::new();
        if meja.p99 >= budget.limit_ms {
            misses.push(format!("over {} ms", budget.limit_ms));
        }
        if ratio > 1.5 && meja.p99 - bare.p99 > budget.slack_ms {
            misses.push(format!("{ratio:.1}x bare"));
        }
        let verdict = if misses.is_empty() {
            "ok".to_string()
        } else {
            self.missed.push(format!("{label}: {}", misses.join(", ")));
            misses.join(", ")
        };
        self.lines += 1;
        println!(
            "  {label:<44} {:>8.2} {:>8.2}  {:>8.2} {:>8.2}  {ratio:>5.2}x  {:>6}  {verdict}",
            meja.p50, meja.p99, bare.p50, bare.p99, meja.rows
        );
    }
}

/// Whether a section is to be measured: all of them, or those `MEJA_BENCH_ONLY` names
/// (comma-separated: views, filters, search, counts, live, cli).
fn section(name: &str) -> bool {
    match std::env::var("MEJA_BENCH_ONLY") {
        Ok(only) => only.split(',').any(|s| s.trim() == name),
        Err(_) => true,
    }
}

fn header(title: &str) {
    println!("\n{title}");
    println!(
        "  {:<44} {:>8} {:>8}  {:>8} {:>8}  {:>6}  {:>6}",
        "read", "meja p50", "p99", "bare p50", "p99", "ratio", "rows"
    );
}

/// A read by meja and the same statements bare, side by side.
async fn beside(
    tally: &mut Tally,
    store: &Store,
    actor: &Actor,
    label: &str,
    filter: &Filter,
    read: BareRead,
    budget: Budget,
) -> anyhow::Result<()> {
    let prepared = store.prepare_bare(actor, filter, now(), read.clone())?;
    let (meja, bare) = side_by_side(
        || meja_read(store, actor, filter, &read),
        || async { Ok(store.run_bare(&prepared).await?) },
    )
    .await?;
    tally.line(label, &meja, &bare, budget);
    Ok(())
}

/// The read as meja does it: the store's own call.
async fn meja_read(
    store: &Store,
    actor: &Actor,
    filter: &Filter,
    read: &BareRead,
) -> anyhow::Result<usize> {
    Ok(match *read {
        BareRead::Page { view, after, limit } => {
            let q = ListQuery {
                view,
                filter: filter.clone(),
                limit,
                after,
                now: now(),
            };
            store.list(actor, &q).await?.rows.len()
        }
        BareRead::Count { view, cap } => {
            store.count(actor, view, filter, now(), cap).await?.n as usize
        }
        BareRead::EventsAfter { after, limit } => {
            store.events_after(actor, after, limit).await?.len()
        }
        BareRead::OfficerLoads => store.officers(actor, now()).await?.len(),
        BareRead::AssignPicker { id } => {
            store.assignable_officers(actor, &[id], now()).await?.len()
        }
    })
}

/// Every key and flag of the filter language once, with values the seed has within the actor's
/// reach.
async fn single_keys(store: &Store, actor: &Actor) -> anyhow::Result<Vec<String>> {
    let page = store
        .list(
            actor,
            &ListQuery {
                // Followed-up reports have an assignee, a category and mostly tags.
                filter: filter::parse("status:ditindaklanjuti")?,
                limit: 200,
                now: now(),
                ..ListQuery::new(View::Semua)
            },
        )
        .await?;
    let mut instansi = None;
    // Values that exist within reach: an assignee, a category and a tag of reports on the page.
    let (mut assignee, mut kategori, mut tag) = (None, None, None);
    for row in &page.rows {
        if assignee.is_some() && kategori.is_some() && tag.is_some() {
            break;
        }
        let c = store.complaint(actor, row.id).await?;
        assignee = assignee.or(c.assignee);
        kategori = kategori.or(c.kategori);
        tag = tag.or(c.tags.into_iter().next());
        if c.instansi_id != actor.instansi_id {
            instansi = instansi.or(Some(c.instansi_id));
        }
    }
    let found = |what: &str, v: Option<String>| {
        v.ok_or_else(|| anyhow::anyhow!("no {what} in the first 200 reports"))
    };
    let (assignee, kategori, tag) = (
        found("assignee", assignee)?,
        found("category", kategori)?,
        found("tag", tag)?,
    );
    let instansi = store
        .instansi_list()
        .into_iter()
        .find(|i| Some(i.id) == instansi)
        .map(|i| i.code)
        .ok_or_else(|| anyhow::anyhow!("no report below the actor's own instansi"))?;
    Ok(vec![
        "status:didisposisikan".into(),
        "-status:selesai".into(),
        "kanal:sms".into(),
        "klasifikasi:aspirasi".into(),
        format!("instansi:{instansi}"),
        format!("petugas:{assignee}"),
        "petugas:saya".into(),
        "petugas:-".into(),
        format!("kategori:\"{kategori}\""),
        format!("tag:{tag}"),
        "terlambat".into(),
        "eskalasi".into(),
        "anonim".into(),
        "rahasia".into(),
        "jatuh:hari-ini".into(),
        "jatuh:berikutnya".into(),
        "urut:terbaru".into(),
        "urut:terlama".into(),
        "status:didisposisikan kanal:sms".into(),
        "terlambat petugas:-".into(),
    ])
}

async fn actor_reads(tally: &mut Tally, store: &Store, actor: &Actor) -> anyhow::Result<()> {
    let none = Filter::default();
    if section("views") {
        header(&format!(
            "{} ({}, {}): pages of each view",
            actor.username, actor.role, actor.instansi_path
        ));
        for view in View::ALL {
            let page = |after| BareRead::Page {
                view: *view,
                after,
                limit: 50,
            };
            beside(
                tally,
                store,
                actor,
                &format!("{view} first page"),
                &none,
                page(None),
                READ,
            )
            .await?;
            let q = ListQuery {
                limit: 50,
                now: now(),
                ..ListQuery::new(*view)
            };
            if let Some(cursor) = store.list(actor, &q).await?.next {
                let label = format!("{view} next page");
                beside(tally, store, actor, &label, &none, page(Some(cursor)), READ).await?;
            }
        }
    }
    if section("filters") {
        header("filters: the first page of Semua under each key");
        for text in single_keys(store, actor).await? {
            let f = filter::parse(&text)?;
            let page = BareRead::Page {
                view: View::Semua,
                after: None,
                limit: 50,
            };
            beside(tally, store, actor, &text, &f, page, READ).await?;
        }
    }
    if section("search") {
        header("search: the first page, best match first");
        for text in [
            "\"jalan rusak\"",
            "kerusakan",
            "pelayanan lambat",
            "jalan",
            "banjir drainase",
            "\"jalan rusak\" urut:terbaru",
        ] {
            let f = filter::parse(text)?;
            let page = BareRead::Page {
                view: View::Semua,
                after: None,
                limit: 50,
            };
            beside(tally, store, actor, text, &f, page, SEARCH).await?;
        }
    }
    if section("counts") {
        header("counts: each view, stopped at the console's cap / exact");
        for text in ["", "kategori:Infrastruktur", "petugas:-", "jalan"] {
            let f = filter::parse(text)?;
            for view in View::ALL {
                for cap in [Some(CAP), None] {
                    let label = format!(
                        "{view} {} {}",
                        if text.is_empty() { "(no filter)" } else { text },
                        if cap.is_some() { "capped" } else { "exact" }
                    );
                    let read = BareRead::Count { view: *view, cap };
                    beside(tally, store, actor, &label, &f, read, READ).await?;
                }
            }
        }
    }
    if section("live") {
        header("live: the change feed's read, the assign picker");
        let latest = store.latest_event_id().await?;
        let read = BareRead::EventsAfter {
            after: latest - 256,
            limit: 512,
        };
        beside(
            tally,
            store,
            actor,
            "events after the last 256",
            &none,
            read,
            READ,
        )
        .await?;
        // The picker for the first report of the actor's Tim, deepest in the tree of the page.
        let tim = ListQuery {
            view: View::Tim,
            filter: Filter::default(),
            limit: 50,
            after: None,
            now: now(),
        };
        if let Some(row) = store.list(actor, &tim).await?.rows.first() {
            let read = BareRead::AssignPicker { id: row.id };
            beside(
                tally,
                store,
                actor,
                "assign picker, one report",
                &none,
                read,
                READ,
            )
            .await?;
        }
        let read = BareRead::OfficerLoads;
        beside(
            tally,
            store,
            actor,
            "officer list with loads",
            &none,
            read,
            READ,
        )
        .await?;
    }
    Ok(())
}

/// `meja list` as a whole process (start, open, read the reference data, query, print) beside
/// the same page's statements run bare in this process.
async fn command_line(tally: &mut Tally, store: &Store, url: &str) -> anyhow::Result<()> {
    header("the command line, as a whole process");
    let bin = env!("CARGO_BIN_EXE_meja");
    let supervisor = store.actor(DEMO_SUPERVISOR).await?;
    let page = BareRead::Page {
        view: View::Terlambat,
        after: None,
        limit: 50,
    };
    // `meja list` reads the queue as of the real now.
    let prepared = store.prepare_bare(&supervisor, &Filter::default(), Utc::now(), page)?;
    let (process, bare) = side_by_side(
        || async {
            let out = Command::new(bin)
                .args(["--db", url, "--as", DEMO_SUPERVISOR])
                .args(["list", "--view", "terlambat", "--limit", "50"])
                .env_remove("MEJA_DB")
                .output()?;
            anyhow::ensure!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            Ok(out.stdout.iter().filter(|b| **b == b'\n').count())
        },
        || async { Ok(store.run_bare(&prepared).await?) },
    )
    .await?;
    tally.line(
        "meja list --view terlambat --limit 50",
        &process,
        &bare,
        PROCESS,
    );
    Ok(())
}

async fn run(label: &str, url: &str, n: u64) -> anyhow::Result<Tally> {
    println!();
    let store = support::seeded_store(label, url, n, now()).await?;
    let mut tally = Tally::default();
    for username in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let actor = store.actor(username).await?;
        actor_reads(&mut tally, &store, &actor).await?;
    }
    if section("cli") {
        command_line(&mut tally, &store, url).await?;
    }
    store.close().await;
    Ok(tally)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("MEJA_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let mut results = vec![(
        "SQLite",
        run(
            &format!("SQLite, {n} complaints"),
            &format!("{dir}/bench-console-{n}.db"),
            n,
        )
        .await?,
    )];
    if let Some(url) = support::pg_schema_url(&format!("bench_console_{n}")).await? {
        results.push((
            "PostgreSQL",
            run(&format!("PostgreSQL, {n} complaints"), &url, n).await?,
        ));
    }
    println!("\nsummary ({n} complaints, {} runs each):", runs());
    for (backend, tally) in &results {
        println!(
            "  {backend}: {} of {} reads within budget",
            tally.lines - tally.missed.len(),
            tally.lines
        );
        for m in &tally.missed {
            println!("    missed: {m}");
        }
    }
    Ok(())
}
