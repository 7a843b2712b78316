//! The monev figures' cost on a seeded database, SQLite and PostgreSQL in one run: `meja report`
//! for a national admin over a year by province (the real binary, as a whole process), the
//! console board's figures (`Store::board`) of the national admin and of a kota supervisor, and
//! beside each the bare aggregate SQL that answers the same counting question (received and
//! settled per province in the year; open by status, breached and received this month in the
//! subtree), which is the floor any approach pays.
//!
//! `cargo bench --bench monev`. `MEJA_BENCH_COMPLAINTS` (default 100,000) complaints are seeded on first use into
//! `target/bench-monev-N.db` and into the schema `bench_monev_N` of `MEJA_BENCH_PG` (default the
//! local test server; set it to `none` to leave PostgreSQL out).

mod support;

use chrono::{DateTime, TimeZone, Utc};
use meja::store::seed::{DEMO_NATIONAL, DEMO_SUPERVISOR};
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs of each measure (`MEJA_BENCH_RUNS`, default 5; 1 at a million is enough to see).
fn runs() -> usize {
    support::runs(5)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Runs `f` RUNS times; prints the median and the worst.
async fn time<F, Fut>(label: &str, mut f: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<String>>,
{
    let runs = runs();
    let mut samples = Vec::with_capacity(runs);
    let mut what = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        what = f().await?;
        samples.push(t.elapsed());
    }
    samples.sort();
    println!(
        "  {label:<58} p50 {:>9.1} ms   max {:>9.1} ms   {what}",
        ms(samples[runs / 2]),
        ms(samples[runs - 1])
    );
    Ok(())
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
}

/// The bare SQL: a pool of the same database, outside meja's store.
enum Bare {
    Sqlite(sqlx::SqlitePool),
    Postgres(sqlx::PgPool),
}

/// Received and settled per holding instansi over [from, to) (ms), from the covering index on
/// received_at: the counting core of `meja report --by child`, rolled up to the children in
/// Rust (a range join on the paths costs ten times as much).
const BY_CHILD: &str = "SELECT c.instansi_path, COUNT(*), SUM(CASE WHEN c.status = $1 THEN 1 ELSE 0 END) \
     FROM complaint c WHERE c.received_at >= $2 AND c.received_at < $3 GROUP BY c.instansi_path";
/// Open reports by status in a subtree: the board's backlog.
const OPEN_BY_STATUS: &str = "SELECT c.status, COUNT(*) FROM complaint c \
     WHERE c.instansi_path >= $1 AND c.instansi_path < $2 AND c.status NOT IN ($3, $4) \
     GROUP BY c.status";
/// Breached clocks and this month's received in a subtree: the board's clocks and headline.
const BREACHED: &str = "SELECT COUNT(*) FROM complaint c \
     WHERE c.breach_at < $1 AND c.instansi_path >= $2 AND c.instansi_path < $3";
const RECEIVED: &str = "SELECT COUNT(*) FROM complaint c \
     WHERE c.received_at >= $1 AND c.received_at < $2 AND c.instansi_path >= $3 AND c.instansi_path < $4";

/// The same from the rollups (migration 0009): the year's month sums per holding instansi, which
/// is what meja reads now.
const BY_CHILD_SUMMED: &str = "SELECT instansi_path, SUM(received), SUM(selesai) FROM monev_tally \
     WHERE grain = 'm' AND facet = '' AND day >= $1 AND day <= $2 GROUP BY instansi_path";

/// Received and settled per holding instansi, rolled up to the children: how many lines.
fn per_child(children: &[String], rows: Vec<(String, i64, i64)>) -> usize {
    let mut lines = std::collections::BTreeMap::new();
    for (path, received, settled) in rows {
        let child = children.iter().find(|c| path.starts_with(c.as_str()));
        let line = lines.entry(child.cloned()).or_insert((0i64, 0i64));
        line.0 += received;
        line.1 += settled;
    }
    lines.len()
}

fn subtree_end(path: &str) -> String {
    format!("{}0", path.trim_end_matches('/'))
}

impl Bare {
    async fn by_child(&self, children: &[String], from: i64, to: i64) -> anyhow::Result<usize> {
        let rows: Vec<(String, i64, i64)> = match self {
            Bare::Sqlite(p) => {
                sqlx::query_as(BY_CHILD)
                    .bind("selesai")
                    .bind(from)
                    .bind(to)
                    .fetch_all(p)
                    .await?
            }
            Bare::Postgres(p) => {
                sqlx::query_as(BY_CHILD)
                    .bind("selesai")
                    .bind(from)
                    .bind(to)
                    .fetch_all(p)
                    .await?
            }
        };
        Ok(per_child(children, rows))
    }

    async fn by_child_summed(
        &self,
        children: &[String],
        from: i32,
        to: i32,
    ) -> anyhow::Result<usize> {
        let rows: Vec<(String, i64, i64)> = match self {
            Bare::Sqlite(p) => {
                sqlx::query_as(BY_CHILD_SUMMED)
                    .bind(from)
                    .bind(to)
                    .fetch_all(p)
                    .await?
            }
            Bare::Postgres(p) => {
                sqlx::query_as(BY_CHILD_SUMMED)
                    .bind(from)
                    .bind(to)
                    .fetch_all(p)
                    .await?
            }
        };
        Ok(per_child(children, rows))
    }

    async fn board(&self, path: &str, month: (i64, i64), now: i64) -> anyhow::Result<i64> {
        let end = subtree_end(path);
        Ok(match self {
            Bare::Sqlite(p) => {
                let open: Vec<(String, i64)> = sqlx::query_as(OPEN_BY_STATUS)
                    .bind(path)
                    .bind(&end)
                    .bind("selesai")
                    .bind("diarsipkan")
                    .fetch_all(p)
                    .await?;
                let (late,): (i64,) = sqlx::query_as(BREACHED)
                    .bind(now)
                    .bind(path)
                    .bind(&end)
                    .fetch_one(p)
                    .await?;
                let (received,): (i64,) = sqlx::query_as(RECEIVED)
                    .bind(month.0)
                    .bind(month.1)
                    .bind(path)
                    .bind(&end)
                    .fetch_one(p)
                    .await?;
                open.iter().map(|(_, n)| n).sum::<i64>() + late + received
            }
            Bare::Postgres(p) => {
                let open: Vec<(String, i64)> = sqlx::query_as(OPEN_BY_STATUS)
                    .bind(path)
                    .bind(&end)
                    .bind("selesai")
                    .bind("diarsipkan")
                    .fetch_all(p)
                    .await?;
                let (late,): (i64,) = sqlx::query_as(BREACHED)
                    .bind(now)
                    .bind(path)
                    .bind(&end)
                    .fetch_one(p)
                    .await?;
                let (received,): (i64,) = sqlx::query_as(RECEIVED)
                    .bind(month.0)
                    .bind(month.1)
                    .bind(path)
                    .bind(&end)
                    .fetch_one(p)
                    .await?;
                open.iter().map(|(_, n)| n).sum::<i64>() + late + received
            }
        })
    }
}

async fn run(label: &str, url: &str, n: u64) -> anyhow::Result<()> {
    let store = support::seeded_store(label, url, n, now()).await?;
    let bare = if url.starts_with("postgres") {
        Bare::Postgres(sqlx::PgPool::connect(url).await?)
    } else {
        Bare::Sqlite(sqlx::SqlitePool::connect(&format!("sqlite://{url}?mode=ro")).await?)
    };
    let national = store.actor(DEMO_NATIONAL).await?;
    let year = (
        // 2026 in WIB, where the national desk sits.
        Utc.with_ymd_and_hms(2025, 12, 31, 17, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 12, 31, 17, 0, 0).unwrap(),
    );
    let children: Vec<String> = store
        .instansi_list()
        .into_iter()
        .filter(|i| i.parent_id == Some(national.instansi_id))
        .map(|i| i.path)
        .collect();
    let bin = env!("CARGO_BIN_EXE_meja");
    time(
        "meja report, national, 2026 by province (process)",
        || async {
            let out = Command::new(bin)
                .args([
                    "--db",
                    url,
                    "--as",
                    DEMO_NATIONAL,
                    "report",
                    "--format",
                    "json",
                ])
                .args(["--from", "2026-01-01", "--to", "2026-12-31"])
                .args(["--now", "2026-11-27T03:00:00Z"])
                .env_remove("MEJA_DB")
                .output()?;
            anyhow::ensure!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)?;
            Ok(format!(
                "{} received",
                v["total"]["figures"]["received"].as_u64().unwrap_or(0)
            ))
        },
    )
    .await?;
    time(
        "  bare SQL: received and settled per province, 2026",
        || async {
            let lines = bare
                .by_child(
                    &children,
                    year.0.timestamp_millis(),
                    year.1.timestamp_millis(),
                )
                .await?;
            Ok(format!("{lines} lines"))
        },
    )
    .await?;
    time(
        "  bare SQL: the year's month sums per instansi (monev_tally)",
        || async {
            let day = |y, m| {
                (chrono::NaiveDate::from_ymd_opt(y, m, 1).unwrap()
                    - chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap())
                .num_days() as i32
            };
            let lines = bare
                .by_child_summed(&children, day(2026, 1), day(2026, 12))
                .await?;
            Ok(format!("{lines} lines"))
        },
    )
    .await?;
    for username in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let actor = store.actor(username).await?;
        time(&format!("board figures, {username}"), || async {
            let b = store.board(&actor, now()).await?;
            Ok(format!(
                "{} received, {} open, {} breached",
                b.figures.received, b.backlog.open, b.clocks.breached
            ))
        })
        .await?;
        let month = (
            Utc.with_ymd_and_hms(2026, 10, 31, 17, 0, 0).unwrap(),
            Utc.with_ymd_and_hms(2026, 11, 30, 17, 0, 0).unwrap(),
        );
        time("  bare SQL: open by status, breached, received", || async {
            let n = bare
                .board(
                    &actor.instansi_path,
                    (month.0.timestamp_millis(), month.1.timestamp_millis()),
                    now().timestamp_millis(),
                )
                .await?;
            Ok(format!("{n} counted"))
        })
        .await?;
    }
    store.close().await;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("MEJA_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    run(
        &format!("SQLite, {n} complaints"),
        &format!("{dir}/bench-monev-{n}.db"),
        n,
    )
    .await?;
    if let Some(url) = support::pg_schema_url(&format!("bench_monev_{n}")).await? {
        run(&format!("PostgreSQL, {n} complaints"), &url, n).await?;
    }
    Ok(())
}
