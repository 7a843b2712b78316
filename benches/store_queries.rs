//! Query latency on a large SQLite database (default 1,000,000 complaints, the console bench's
//! `target/bench-console-N.db`, seeded on first use; `MEJA_BENCH_DB` to use another, e.g. a
//! postgres:// URL of a seeded database). Prints p50/p99 of every view's first page, the next
//! page, the counts, a filter and a full-text search, for a national admin (everything) and a
//! kota supervisor (a subtree). Budget (product.md): under 50 ms; full-text search under 150 ms.

use chrono::{TimeZone, Utc};
use meja::domain::filter;
use meja::domain::view::View;
use meja::store::seed::{DEMO_NATIONAL, DEMO_SUPERVISOR, SeedOptions, seed};
use meja::store::{ListQuery, Store};
use std::time::{Duration, Instant};

const RUNS: usize = 30;

fn pct(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let i = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[i].as_secs_f64() * 1000.0
}

async fn time<F, Fut>(label: &str, mut f: F) -> anyhow::Result<()>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = anyhow::Result<usize>>,
{
    let mut samples = Vec::with_capacity(RUNS);
    let mut rows = 0;
    for _ in 0..RUNS {
        let t = Instant::now();
        rows = f().await?;
        samples.push(t.elapsed());
    }
    println!(
        "{label:<46} p50 {:>7.2} ms   p99 {:>7.2} ms   ({rows} rows)",
        pct(&mut samples, 0.5),
        pct(&mut samples, 0.99)
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("MEJA_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
    let url = std::env::var("MEJA_BENCH_DB").unwrap_or_else(|_| {
        let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
        format!("{dir}/bench-console-{n}.db")
    });
    // The bench may seed the database: it opens as the owner, migrating.
    let store = Store::open_migrating(&url, &meja::store::open::OpenOptions::default()).await?;
    if store.officer_count().await? == 0 {
        let report = seed(
            &store,
            &SeedOptions {
                complaints: n,
                seed: 1708,
                now,
                progress: true,
            },
        )
        .await?;
        println!(
            "seeded {} complaints in {:.1} s",
            report.complaints, report.seconds
        );
    }
    for username in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let actor = store.actor(username).await?;
        println!("\n{username} ({}, {}):", actor.role, actor.instansi_path);
        for view in View::ALL {
            let q = ListQuery {
                limit: 50,
                now,
                ..ListQuery::new(*view)
            };
            time(&format!("list {view} (first page)"), || async {
                Ok(store.list(&actor, &q).await?.rows.len())
            })
            .await?;
            let first = store.list(&actor, &q).await?;
            if let Some(cursor) = first.next {
                let q2 = ListQuery {
                    after: Some(cursor),
                    ..q.clone()
                };
                time(&format!("list {view} (next page)"), || async {
                    Ok(store.list(&actor, &q2).await?.rows.len())
                })
                .await?;
            }
        }
        let empty = filter::Filter::default();
        time("counts of all six views", || async {
            Ok(store.counts(&actor, &empty, now).await?.counts.len())
        })
        .await?;
        for text in [
            "status:didisposisikan kanal:sms",
            "terlambat petugas:-",
            "\"jalan rusak\"",
            "banjir drainase",
            // Affixed forms, found by their stem since issue 14; ranked unless urut: says.
            "kerusakan",
            "pelayanan lambat",
            "\"jalan rusak\" urut:terbaru",
        ] {
            let f = filter::parse(text)?;
            let q = ListQuery {
                filter: f,
                limit: 50,
                now,
                ..ListQuery::new(View::Semua)
            };
            time(&format!("filter {text}"), || async {
                Ok(store.list(&actor, &q).await?.rows.len())
            })
            .await?;
        }
    }
    store.close().await;
    Ok(())
}
