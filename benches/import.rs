//! `meja import` speed: exports a seeded database to JSON lines with `meja export` (each
//! complaint with its history), then imports N records of it into an empty database (the same
//! world, no complaints) on SQLite and on PostgreSQL with the real binary, and prints records per
//! second. Budget (issue 14): 1M records into SQLite in under 60 s, into PostgreSQL in under 3
//! minutes.
//!
//! The records the intake rules refuse are skipped (`--skip-bad`) and counted as rejected.
//! `MEJA_BENCH_IMPORT=N` (default 100,000) records; the export is of at most 100,000 seeded
//! complaints (`target/bench-import-src-S.db`, kept), repeated with the ids moved past the
//! previous copy's for more. `MEJA_BENCH_PG` (default the local test database) for PostgreSQL,
//! `MEJA_BENCH_BACKENDS=sqlite` to leave it out.

use chrono::{TimeZone, Utc};
use meja::store::Store;
use meja::store::open::OpenOptions;
use meja::store::seed::{DEMO_NATIONAL, SeedOptions, seed};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SOURCE_MAX: u64 = 100_000;
const SEED: u64 = 1708;

fn target_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
}

async fn seeded(url: &str, complaints: u64) -> anyhow::Result<()> {
    let store = Store::open_migrating(url, &OpenOptions::default()).await?;
    if store.officer_count().await? == 0 {
        seed(
            &store,
            &SeedOptions {
                complaints,
                seed: SEED,
                now: now(),
                progress: complaints > 0,
            },
        )
        .await?;
    }
    store.close().await;
    Ok(())
}

/// The JSON lines of `n` records: the export of the seeded source, repeated with new ids.
async fn records(n: u64) -> anyhow::Result<PathBuf> {
    let s = n.min(SOURCE_MAX);
    let dir = target_dir();
    let export = dir.join(format!("bench-import-{s}.jsonl"));
    if !export.exists() {
        let db = dir.join(format!("bench-import-src-{s}.db"));
        seeded(&db.display().to_string(), s).await?;
        let started = Instant::now();
        let out = Command::new(env!("CARGO_BIN_EXE_meja"))
            .args(["--db", &db.display().to_string(), "--as", DEMO_NATIONAL])
            .args(["export", "--format", "jsonl"])
            .env_remove("MEJA_DB")
            .env_remove("MEJA_USER")
            .stdout(std::fs::File::create(&export)?)
            .status()?;
        anyhow::ensure!(out.success(), "meja export failed");
        println!(
            "exported {s} complaints in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    if n == s {
        return Ok(export);
    }
    let path = dir.join(format!("bench-import-{n}.jsonl"));
    if !path.exists() {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        let mut written = 0;
        'copies: for copy in 0.. {
            let lines = std::io::BufReader::new(std::fs::File::open(&export)?).lines();
            for line in lines {
                if written == n {
                    break 'copies;
                }
                let line = line?;
                out.write_all(moved(&line, copy * 10_000_000).as_bytes())?;
                out.write_all(b"\n")?;
                written += 1;
            }
        }
        out.flush()?;
    }
    Ok(path)
}

/// The record with its id moved by `by` (the export writes `{"id":N,` first).
fn moved(line: &str, by: u64) -> String {
    let Some(rest) = line.strip_prefix("{\"id\":") else {
        return line.to_string();
    };
    let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(0);
    let id: u64 = rest[..digits].parse().unwrap_or(0);
    format!("{{\"id\":{}{}", id + by, &rest[digits..])
}

/// Imports with `--skip-bad`: the seed writes a few reports whose incident date is after the day
/// they were received in the receiving instansi's zone, which the intake rules refuse.
fn import(url: &str, file: &Path, n: u64, label: &str) -> anyhow::Result<()> {
    let rejects = tempfile::NamedTempFile::new()?;
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", url, "--as", DEMO_NATIONAL, "import"])
        .arg(file)
        .args(["--format", "jsonl", "--json", "--skip-bad"])
        .arg(rejects.path())
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .output()?;
    let seconds = started.elapsed().as_secs_f64();
    anyhow::ensure!(
        out.status.success(),
        "meja import on {label}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    println!(
        "{label:<10} {n} records in {seconds:.1} s: {:.0} records/s (meja says {summary})",
        n as f64 / seconds,
    );
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("MEJA_BENCH_IMPORT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let backends =
        std::env::var("MEJA_BENCH_BACKENDS").unwrap_or_else(|_| "sqlite,postgres".into());
    let file = records(n).await?;
    println!(
        "importing {n} records ({:.0} MB of JSON lines, with their history)",
        std::fs::metadata(&file)?.len() as f64 / 1e6
    );
    if backends.contains("sqlite") {
        let dir = tempfile::tempdir()?;
        let db = dir.path().join("import.db").display().to_string();
        seeded(&db, 0).await?;
        import(&db, &file, n, "sqlite")?;
    }
    if backends.contains("postgres") {
        let base = std::env::var("MEJA_BENCH_PG")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
        let schema = format!("meja_bench_import_{}", std::process::id());
        let admin = sqlx::PgPool::connect(&base).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
            .execute(&admin)
            .await?;
        let sep = if base.contains('?') { '&' } else { '?' };
        let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
        seeded(&url, 0).await?;
        let result = import(&url, &file, n, "postgres");
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
            .execute(&admin)
            .await?;
        // The deployment's roles are cluster-wide and named after its schema.
        let roles: Vec<String> = sqlx::query_scalar(
            "SELECT rolname::text FROM pg_roles WHERE starts_with(rolname, $1 || '.') OR rolname = $1 || '_officers' \
             ORDER BY rolname = $1 || '_officers'",
        )
        .bind(&schema)
        .fetch_all(&admin)
        .await?;
        for role in roles {
            let quoted = format!("\"{}\"", role.replace('"', "\"\""));
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP OWNED BY {quoted}")))
                .execute(&admin)
                .await?;
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE {quoted}")))
                .execute(&admin)
                .await?;
        }
        result?;
    }
    Ok(())
}
