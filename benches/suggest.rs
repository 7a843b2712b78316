//! How often `meja suggest` is right, on a seeded database: a tenth of the seeded dispositions
//! (every complaint whose id ends in 0 among those the national desk disposed) is held out; each
//! held-out report is suggested for as if it were still at the desk, counting only the other nine
//! tenths as the desk's past dispositions, and the suggestion is compared with where the seed sent
//! it. Printed beside it: the majority-class baseline (always the most common destination of the
//! nine tenths) and the time per suggestion.
//!
//! `cargo bench --bench suggest`. `MEJA_BENCH_COMPLAINTS` (default 100,000) complaints are seeded on
//! first use into `target/bench-suggest-N.db`; `MEJA_BENCH_SUGGEST` (default 1,000) held-out reports,
//! spread evenly over the held-out tenth, are suggested for (0: all of them).

mod support;

use chrono::{DateTime, TimeZone, Utc};
use meja::store::seed::DEMO_NATIONAL;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

fn env_u64(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace(['_', ','], "").parse().ok())
        .unwrap_or(default)
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let n = env_u64("MEJA_BENCH_COMPLAINTS", 100_000);
    let sample = env_u64("MEJA_BENCH_SUGGEST", 1_000) as usize;
    let path = format!("target/bench-suggest-{n}.db");
    let store = support::seeded_store(&path, &path, n, now()).await?;
    let national = store.actor(DEMO_NATIONAL).await?;
    let root = store
        .instansi_list()
        .into_iter()
        .find(|i| i.parent_id.is_none())
        .ok_or_else(|| anyhow::anyhow!("no national root"))?;

    // Where the seed's national desk sent each report, read from the dispose events.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{path}?mode=ro")).await?;
    let events: Vec<(i64, String)> = sqlx::query_as(
        "SELECT e.complaint_id, e.details FROM event e JOIN officer o ON o.id = e.actor_id \
         WHERE e.kind IN ('verify_dispose', 'dispose') AND o.instansi_id = $1 ORDER BY e.id",
    )
    .bind(root.id)
    .fetch_all(&pool)
    .await?;
    pool.close().await;
    let mut went: HashMap<i64, String> = HashMap::new();
    for (id, details) in events {
        let to = serde_json::from_str::<serde_json::Value>(&details)?
            .get("to")
            .and_then(|t| t.as_str())
            .map(str::to_string);
        if let Some(to) = to {
            went.entry(id).or_insert(to);
        }
    }
    let mut held: Vec<i64> = went.keys().copied().filter(|id| id % 10 == 0).collect();
    held.sort_unstable();
    let held_out: HashSet<i64> = held.iter().copied().collect();

    // The baseline: the most common destination of the nine tenths, suggested for every report.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (id, to) in &went {
        if !held_out.contains(id) {
            *counts.entry(to.as_str()).or_default() += 1;
        }
    }
    let (majority, _) = counts
        .iter()
        .max_by_key(|(name, n)| (**n, std::cmp::Reverse(**name)))
        .ok_or_else(|| anyhow::anyhow!("the seed disposed nothing"))?;
    let majority = majority.to_string();
    let mut by_count: Vec<(&str, usize)> = counts.iter().map(|(k, v)| (*k, *v)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let top3: Vec<&str> = by_count.iter().take(3).map(|(k, _)| *k).collect();

    let step = if sample == 0 || sample >= held.len() {
        1
    } else {
        held.len() / sample
    };
    let chosen: Vec<i64> = held.iter().copied().step_by(step.max(1)).collect();
    let (mut hit1, mut hit3, mut base1, mut base3, mut none) = (0, 0, 0, 0, 0);
    let mut times = Vec::with_capacity(chosen.len());
    for id in &chosen {
        let truth = &went[id];
        let c = store.complaint(&national, *id).await?;
        let t = Instant::now();
        let list = store
            .suggest_held_out(&national, &c, root.id, &held_out)
            .await?;
        times.push(t.elapsed());
        if list.is_empty() {
            none += 1;
        }
        if list.first().is_some_and(|s| &s.name == truth) {
            hit1 += 1;
        }
        if list.iter().take(3).any(|s| &s.name == truth) {
            hit3 += 1;
        }
        if &majority == truth {
            base1 += 1;
        }
        if top3.contains(&truth.as_str()) {
            base3 += 1;
        }
    }
    times.sort();
    let judged = chosen.len().max(1) as f64;
    let pct = |k: usize| 100.0 * k as f64 / judged;
    println!(
        "{} dispositions, {} held out, {} suggested for ({} with no suggestion)",
        went.len(),
        held.len(),
        chosen.len(),
        none
    );
    println!(
        "  meja suggest         top-1 {:>5.1} %   top-3 {:>5.1} %",
        pct(hit1),
        pct(hit3)
    );
    println!(
        "  majority baseline    top-1 {:>5.1} %   top-3 {:>5.1} %   ({majority}; top 3: {})",
        pct(base1),
        pct(base3),
        top3.join(", ")
    );
    if !times.is_empty() {
        let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
        println!(
            "  time per suggestion  p50 {:>6.1} ms   p99 {:>6.1} ms",
            ms(at(0.5)),
            ms(at(0.99))
        );
    }
    store.close().await;
    Ok(())
}
