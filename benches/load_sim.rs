//! Load simulation: N consoles against one PostgreSQL through PgBouncer in transaction mode, each
//! signed in with its own login as a different officer (different instansi where the seed has
//! enough). Every second each console does what its change feed does (one look at the event id
//! sequence, and a read of the new events when it moved); every few seconds, staggered, it reads
//! a page of its view (Tim), its six counts, and writes an action (a note on the first complaint
//! of its page). Printed: p50/p99 of each operation, actions per second, the server connections
//! PostgreSQL held (sampled each second from `pg_stat_activity`), new server sessions per second,
//! and the CPU PostgreSQL, PgBouncer and the simulation itself used (from /proc).
//!
//! ```sh
//! bash .ci/pgbouncer                       # PgBouncer on 127.0.0.1:6432, transaction mode
//! MEJA_LOAD_CONSOLES=1000 cargo bench --bench load_sim
//! ```
//! Settings (environment): MEJA_LOAD_CONSOLES (100), MEJA_LOAD_SECS (60), MEJA_LOAD_WORK_EVERY
//! (seconds between a console's page, counts and action; 5), MEJA_LOAD_SHARED_LOGIN (1: every
//! console logs in with one login granted the officers' roles and acts `--as` its officer, so that
//! PgBouncer has one pool to share instead of one per officer), MEJA_LOAD_COMPLAINTS (the seed,
//! 100000; an existing database with as many is reused), MEJA_LOAD_PG (the server as its owner,
//! `postgres://postgres@127.0.0.1:5432`), MEJA_LOAD_PGBOUNCER (`postgres://127.0.0.1:6432`). The
//! database is `meja_bench_load`; its officers' login roles are `meja_bench_load.USERNAME`.

use chrono::Utc;
use meja::domain::lifecycle::{Action, Actor, Named};
use meja::domain::view::View;
use meja::store::open::OpenOptions;
use meja::store::seed::{SeedOptions, seed};
use meja::store::{ListQuery, Store, StoreError};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DATABASE: &str = "meja_bench_load";

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn env_str(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_string())
}

/// The latencies of each operation, by name.
#[derive(Default)]
struct Timings {
    by_op: Mutex<HashMap<&'static str, Vec<Duration>>>,
    errors: Mutex<HashMap<String, u64>>,
    refused: AtomicU64,
    /// Two consoles noted on one complaint at once: one wins, the other is told (as it should).
    conflicts: AtomicU64,
}

impl Timings {
    fn record(&self, op: &'static str, took: Duration) {
        if let Ok(mut m) = self.by_op.lock() {
            m.entry(op).or_default().push(took);
        }
    }

    fn error(&self, op: &'static str, e: &StoreError) {
        match e {
            StoreError::Refused(_) => {
                self.refused.fetch_add(1, Ordering::Relaxed);
                return;
            }
            StoreError::Conflict(_) => {
                self.conflicts.fetch_add(1, Ordering::Relaxed);
                return;
            }
            _ => {}
        }
        let text: String = format!("{op}: {e}").chars().take(160).collect();
        if let Ok(mut m) = self.errors.lock() {
            *m.entry(text).or_default() += 1;
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
}

/// CPU seconds used so far by the live processes named `comm` whose command line mentions `with`
/// (PostgreSQL titles each backend with its user and database; other work on the same server is
/// left out). A backend that exited during the run is not counted: the run also prints how many
/// sessions began, which is near zero unless PgBouncer had to replace connections.
fn cpu_seconds(comm: &str, with: &str) -> f64 {
    let tick = 100.0; // USER_HZ on Linux
    let mut total = 0u64;
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return 0.0;
    };
    for entry in dir.flatten() {
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else {
            continue;
        };
        if &stat[open + 1..close] != comm {
            continue;
        }
        let cmdline = std::fs::read(entry.path().join("cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmdline).contains(with) {
            continue;
        }
        let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
        // After the name: state is field 3 of stat(5), so utime (14) and stime (15) are 11 and 12.
        for i in 11..=12 {
            total += fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    total as f64 / tick
}

fn own_cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let Some(close) = stat.rfind(')') else {
        return 0.0;
    };
    let fields: Vec<&str> = stat[close + 2..].split(' ').collect();
    (11..=12)
        .map(|i| {
            fields
                .get(i)
                .and_then(|f| f.parse::<u64>().ok())
                .unwrap_or(0)
        })
        .sum::<u64>() as f64
        / 100.0
}

/// The seeded database, made once and reused.
async fn database(server: &str, complaints: u64) -> anyhow::Result<String> {
    let admin = sqlx::PgPool::connect(&format!("{server}/postgres")).await?;
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
            .bind(DATABASE)
            .fetch_one(&admin)
            .await?;
    if !exists {
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {DATABASE}")))
            .execute(&admin)
            .await?;
    }
    admin.close().await;
    let url = format!("{server}/{DATABASE}");
    let owner = Store::open_migrating(&url, &OpenOptions::default()).await?;
    let have: i64 = {
        let pool = sqlx::PgPool::connect(&url).await?;
        let n = sqlx::query_scalar("SELECT COUNT(*) FROM complaint")
            .fetch_one(&pool)
            .await?;
        pool.close().await;
        n
    };
    if (have as u64) < complaints {
        if have > 0 {
            anyhow::bail!(
                "{DATABASE} has {have} complaints, fewer than {complaints}: drop it (DROP DATABASE {DATABASE}) to seed again"
            );
        }
        eprintln!("seeding {complaints} complaints into {DATABASE} (once)");
        seed(
            &owner,
            &SeedOptions {
                complaints,
                seed: 1708,
                now: Utc::now(),
                progress: true,
            },
        )
        .await?;
    }
    owner.close().await;
    Ok(url)
}

/// N officers, one per instansi as far as the seed goes, each given a login role of their own.
async fn logins(url: &str, n: usize, national: bool) -> anyhow::Result<Vec<(String, String)>> {
    let pool = sqlx::PgPool::connect(url).await?;
    let deployment: String =
        sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'deployment'")
            .fetch_one(&pool)
            .await?;
    let group = meja::store::security::officer_group(&deployment);
    let chosen: Vec<String> = if national {
        sqlx::query_scalar(
            "SELECT username FROM officer WHERE active AND role = 'national' ORDER BY id LIMIT 1",
        )
        .fetch_all(&pool)
        .await?
    } else {
        sqlx::query_scalar(
            "SELECT username FROM ( \
               SELECT username, ROW_NUMBER() OVER (PARTITION BY instansi_id ORDER BY md5(username)) AS nth \
               FROM officer WHERE active AND role <> 'national') o \
             ORDER BY nth, md5(username) LIMIT $1",
        )
        .bind(n as i64)
        .fetch_all(&pool)
        .await?
    };
    let mut out = Vec::new();
    for username in chosen {
        let login = meja::store::security::officer_login(&deployment, &username);
        let exists: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
                .bind(&login)
                .fetch_one(&pool)
                .await?;
        if !exists {
            let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "CREATE ROLE {} LOGIN IN ROLE {}",
                quote(&login),
                quote(&group)
            )))
            .execute(&pool)
            .await?;
        }
        sqlx::query("UPDATE officer SET login = $1 WHERE username = $2")
            .bind(&login)
            .bind(&username)
            .execute(&pool)
            .await?;
        out.push((username, login));
    }
    pool.close().await;
    Ok(out)
}

struct Console {
    store: Store,
    actor: Actor,
}

/// A console signed in as `username` through PgBouncer with `login`: the officer's own, or a
/// shared one granted the officer's role (then meja sets the role per transaction, as `--as`).
async fn open_console(pgbouncer: &str, login: &str, username: &str) -> anyhow::Result<Console> {
    let mut url = url::Url::parse(&format!("{pgbouncer}/{DATABASE}"))?;
    url.set_username(login)
        .map_err(|()| anyhow::anyhow!("login {login}"))?;
    url.query_pairs_mut()
        .append_pair("pooler", "transaction")
        .append_pair("application_name", "meja load");
    let mut store = Store::open_with(url.as_str(), &OpenOptions::single("meja load")).await?;
    let actor = store.sign_in(Some(username), "ignored").await?;
    Ok(Console { store, actor })
}

/// One console's life until `stop`: its feed every second, `offset` into each second, and its
/// page, counts and an action every `work_every` seconds, from second `phase` on, so that consoles
/// do not work in lockstep.
async fn run_console(
    c: Console,
    offset: Duration,
    phase: u64,
    work_every: u64,
    timings: Arc<Timings>,
    stop: Arc<AtomicBool>,
) {
    // Where the feed starts, as the pooled feed reads it (the sequence, not a search of the log).
    let mut seen = match c.store.newest_event_hint().await {
        Ok(id) => id,
        Err(e) => {
            timings.error("start", &e);
            return;
        }
    };
    let mut last = seen;
    tokio::time::sleep(offset).await;
    let mut every = tokio::time::interval(Duration::from_secs(1));
    let mut tick: u64 = 0;
    while !stop.load(Ordering::Relaxed) {
        every.tick().await;
        tick += 1;
        let t = Instant::now();
        match c.store.newest_event_hint().await {
            Ok(newest) => {
                timings.record("feed: look", t.elapsed());
                if newest != seen {
                    seen = newest;
                    // As the feed reads: back OVERLAP ids, for events that committed out of order.
                    let from = (last - meja::store::feed::OVERLAP).max(0);
                    let t = Instant::now();
                    match c.store.events_after(&c.actor, from, 1000).await {
                        Ok(_) => {
                            timings.record("feed: read new events", t.elapsed());
                            last = last.max(newest);
                        }
                        Err(e) => timings.error("feed: read new events", &e),
                    }
                }
            }
            Err(e) => timings.error("feed: look", &e),
        }
        if !(tick + phase).is_multiple_of(work_every) {
            continue;
        }
        let now = Utc::now();
        let t = Instant::now();
        let mut query = ListQuery::new(View::Tim);
        query.now = now;
        let first = match c.store.list(&c.actor, &query).await {
            Ok(page) => {
                timings.record("page of Tim (50 rows)", t.elapsed());
                page.rows.first().map(|r| r.id)
            }
            Err(e) => {
                timings.error("page", &e);
                None
            }
        };
        let t = Instant::now();
        match c.store.counts(&c.actor, &query.filter, now).await {
            Ok(_) => timings.record("counts (six views)", t.elapsed()),
            Err(e) => timings.error("counts", &e),
        }
        if let Some(id) = first {
            let note: Action<Named> = Action::Note {
                body: format!("catatan beban {tick}"),
            };
            let t = Instant::now();
            match c.store.act(&c.actor, id, None, &note).await {
                Ok(_) => timings.record("action (note)", t.elapsed()),
                Err(e) => timings.error("action", &e),
            }
        }
    }
    c.store.close().await;
}

/// Server connections (client backends) of the database, and how many of them were running a
/// statement, sampled once a second.
async fn sample_connections(
    url: String,
    stop: Arc<AtomicBool>,
    out: Arc<Mutex<Vec<(i64, i64)>>>,
) -> anyhow::Result<()> {
    let pool = sqlx::PgPool::connect(&url).await?;
    let mut every = tokio::time::interval(Duration::from_secs(1));
    while !stop.load(Ordering::Relaxed) {
        every.tick().await;
        let row: (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'active') FROM pg_stat_activity \
             WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        )
        .bind(DATABASE)
        .fetch_one(&pool)
        .await?;
        if let Ok(mut v) = out.lock() {
            v.push(row);
        }
    }
    pool.close().await;
    Ok(())
}

async fn sessions(url: &str) -> anyhow::Result<i64> {
    let pool = sqlx::PgPool::connect(url).await?;
    let n: i64 = sqlx::query_scalar("SELECT sessions FROM pg_stat_database WHERE datname = $1")
        .bind(DATABASE)
        .fetch_one(&pool)
        .await?;
    pool.close().await;
    Ok(n)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let consoles = env_num("MEJA_LOAD_CONSOLES", 100) as usize;
    let secs = env_num("MEJA_LOAD_SECS", 60);
    let work_every = env_num("MEJA_LOAD_WORK_EVERY", 5).max(1);
    let complaints = env_num("MEJA_LOAD_COMPLAINTS", 100_000);
    let server = env_str("MEJA_LOAD_PG", "postgres://postgres@127.0.0.1:5432");
    let pgbouncer = env_str("MEJA_LOAD_PGBOUNCER", "postgres://127.0.0.1:6432");
    let shared = env_num("MEJA_LOAD_SHARED_LOGIN", 0) == 1;

    let url = database(&server, complaints).await?;
    {
        // A seed leaves the tables unvacuumed; a served database is not.
        let pool = sqlx::PgPool::connect(&url).await?;
        sqlx::raw_sql("VACUUM (ANALYZE)").execute(&pool).await?;
        pool.close().await;
    }
    let mut officers = logins(&url, consoles, false).await?;
    if shared {
        // Every console logs in as a national admin's login (who may read every officer), granted
        // the officers' roles.
        let gateway = logins(&url, 1, true)
            .await?
            .pop()
            .map(|(_, login)| login)
            .ok_or_else(|| anyhow::anyhow!("no national admin in the seed"))?;
        let pool = sqlx::PgPool::connect(&url).await?;
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        for (_, login) in officers.iter() {
            sqlx::query(sqlx::AssertSqlSafe(format!(
                "GRANT {} TO {}",
                quote(login),
                quote(&gateway)
            )))
            .execute(&pool)
            .await?;
        }
        pool.close().await;
        for o in officers.iter_mut() {
            o.1 = gateway.clone();
        }
    }
    eprintln!("opening {} consoles through {pgbouncer}", officers.len());
    let opened_at = Instant::now();
    let mut opened = Vec::new();
    for chunk in officers.chunks(16) {
        let batch = futures::future::join_all(
            chunk
                .iter()
                .map(|(username, login)| open_console(&pgbouncer, login, username)),
        )
        .await;
        for c in batch {
            opened.push(c?);
        }
    }
    let instansi: std::collections::HashSet<_> =
        opened.iter().map(|c| c.actor.instansi_id).collect();
    eprintln!(
        "{} consoles of {} instansi open in {:.1} s; running {secs} s",
        opened.len(),
        instansi.len(),
        opened_at.elapsed().as_secs_f64()
    );

    let timings = Arc::new(Timings::default());
    let stop = Arc::new(AtomicBool::new(false));
    let held = Arc::new(Mutex::new(Vec::new()));
    let sampler = tokio::spawn(sample_connections(url.clone(), stop.clone(), held.clone()));
    let sessions_before = sessions(&url).await?;
    let (pg_before, bouncer_before, own_before) = (
        cpu_seconds("postgres", DATABASE),
        cpu_seconds("pgbouncer", ""),
        own_cpu_seconds(),
    );
    let started = Instant::now();
    let n = opened.len().max(1);
    let mut tasks = Vec::new();
    for (i, c) in opened.into_iter().enumerate() {
        // Spread the consoles over one second and their work over `work_every` seconds.
        let offset = Duration::from_millis((i as u64 * 1000) / n as u64);
        tasks.push(tokio::spawn(run_console(
            c,
            offset,
            i as u64 % work_every,
            work_every,
            timings.clone(),
            stop.clone(),
        )));
    }
    tokio::time::sleep(Duration::from_secs(secs)).await;
    stop.store(true, Ordering::Relaxed);
    let wall = started.elapsed().as_secs_f64();
    let (pg_after, bouncer_after, own_after) = (
        cpu_seconds("postgres", DATABASE),
        cpu_seconds("pgbouncer", ""),
        own_cpu_seconds(),
    );
    let sessions_after = sessions(&url).await?;
    for t in tasks {
        t.await?;
    }
    sampler.await??;

    println!(
        "load simulation: {n} consoles ({} instansi), {secs} s, work every {work_every} s, {complaints} complaints, through PgBouncer, {}",
        instansi.len(),
        if shared {
            "one shared login (the officer's role set per transaction)"
        } else {
            "each console its own officer's login"
        }
    );
    let by_op = timings.by_op.lock().map(|m| m.clone()).unwrap_or_default();
    let mut names: Vec<_> = by_op.keys().copied().collect();
    names.sort();
    for name in names {
        let mut v = by_op[name].clone();
        v.sort();
        println!(
            "  {name:<26} n {:>7}  {:>7.1}/s  p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
            v.len(),
            v.len() as f64 / wall,
            percentile(&v, 0.5),
            percentile(&v, 0.99),
            percentile(&v, 1.0)
        );
    }
    let refused = timings.refused.load(Ordering::Relaxed);
    let conflicts = timings.conflicts.load(Ordering::Relaxed);
    println!(
        "  refused actions: {refused}; conflicts (two notes on one complaint at once): {conflicts}"
    );
    for (e, count) in timings.errors.lock().map(|m| m.clone()).unwrap_or_default() {
        println!("  ERROR x{count}: {e}");
    }
    let held = held.lock().map(|v| v.clone()).unwrap_or_default();
    if !held.is_empty() {
        let mean =
            |f: fn(&(i64, i64)) -> i64| held.iter().map(f).sum::<i64>() as f64 / held.len() as f64;
        println!(
            "  server connections held: mean {:.1}, max {} (running a statement: mean {:.1}, max {})",
            mean(|s| s.0),
            held.iter().map(|s| s.0).max().unwrap_or(0),
            mean(|s| s.1),
            held.iter().map(|s| s.1).max().unwrap_or(0)
        );
    }
    println!(
        "  new server sessions: {:.1}/s",
        (sessions_after - sessions_before) as f64 / wall
    );
    println!(
        "  CPU (cores busy over the run; the machine has {}, load average at the end {}): PostgreSQL backends of {DATABASE} {:.2}, PgBouncer {:.2}, this simulation {:.2}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .split(' ')
            .next()
            .unwrap_or("?"),
        (pg_after - pg_before) / wall,
        (bouncer_after - bouncer_before) / wall,
        (own_after - own_before) / wall
    );
    Ok(())
}
