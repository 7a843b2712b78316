//! What the benches share: the seeded database they measure, and PostgreSQL in a schema of
//! their own. Each bench uses part of it.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use meja::store::Store;
use meja::store::seed::{SeedOptions, seed};
use std::time::Instant;

/// The bench database at `url`, migrated, and seeded with `n` complaints (seed 1708, as of
/// `now`) the first time; prints which under `label`.
pub async fn seeded_store(
    label: &str,
    url: &str,
    n: u64,
    now: DateTime<Utc>,
) -> anyhow::Result<Store> {
    let t = Instant::now();
    let store = Store::open_migrating(url, &meja::store::open::OpenOptions::default()).await?;
    if store.officer_count().await? == 0 {
        let report = seed(
            &store,
            &SeedOptions {
                complaints: n,
                seed: 1708,
                now,
                progress: false,
            },
        )
        .await?;
        store.reload().await?;
        println!(
            "{label}: seeded {} complaints in {:.1} s",
            report.complaints, report.seconds
        );
    } else {
        println!("{label}: opened in {:.1} s", t.elapsed().as_secs_f64());
    }
    Ok(store)
}

/// The URL of `MEJA_BENCH_PG` (default the local test server) reaching the schema `schema`,
/// created if missing; None when `MEJA_BENCH_PG=none` leaves PostgreSQL out.
pub async fn pg_schema_url(schema: &str) -> anyhow::Result<Option<String>> {
    let pg = std::env::var("MEJA_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    if pg == "none" {
        return Ok(None);
    }
    let admin = sqlx::PgPool::connect(&pg).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE SCHEMA IF NOT EXISTS {schema}"
    )))
    .execute(&admin)
    .await?;
    admin.close().await;
    let sep = if pg.contains('?') { '&' } else { '?' };
    Ok(Some(format!("{pg}{sep}options=-csearch_path%3D{schema}")))
}

/// Runs of each measure: `MEJA_BENCH_RUNS`, or `default`.
pub fn runs(default: usize) -> usize {
    std::env::var("MEJA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|n| *n > 0)
        .unwrap_or(default)
}
