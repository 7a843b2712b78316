//! Live-update latency between two handles on one database, as two consoles would have: the time
//! from an action's commit in one to its event arriving through the other's change feed, beside
//! the bare mechanism measured in the same run (a NOTIFY's round trip to a LISTEN connection on
//! PostgreSQL; one poll query on SQLite). Budget (product.md): p99 under 200 ms on PostgreSQL,
//! under 1 s on SQLite. `cargo bench --bench live_latency` (PostgreSQL from MEJA_TEST_PG, default
//! the local server's `test` database, in a schema of its own).
//!
//! The same is measured through a console (headless, the real update and render code into
//! ratatui's TestBackend): from the commit in one process to the frame in the other that shows the
//! new event in the open complaint's timeline.

use chrono::Utc;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::store::Store;
use meja::store::feed::FeedMsg;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR, SeedOptions, seed};
use std::time::{Duration, Instant};

const SAMPLES: usize = 100;

fn summary(label: &str, samples: &mut [Duration]) {
    if samples.is_empty() {
        println!("{label:<56} no samples");
        return;
    }
    samples.sort();
    let at = |p: f64| {
        samples[((samples.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0
    };
    println!(
        "{label:<56} n {:>3}  p50 {:>8.2} ms   p99 {:>8.2} ms   max {:>8.2} ms",
        samples.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

async fn feed_latency(url: &str) -> anyhow::Result<Vec<Duration>> {
    let writer = Store::open(url).await?;
    let reader = Store::open(url).await?;
    let national = writer.actor(DEMO_NATIONAL).await?;
    let officer = writer.actor(DEMO_OFFICER).await?;
    let unit = writer
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .expect("unit");
    let c = writer
        .intake(
            &national,
            meja::domain::NewComplaint {
                judul: "Uji latensi".into(),
                isi: "Uji latensi pembaruan langsung.".into(),
                klasifikasi: meja::domain::Klasifikasi::Pengaduan,
                channel: meja::domain::Channel::Loket,
                tanggal_kejadian: None,
                lokasi: None,
                lat: None,
                lon: None,
                kategori: None,
                tags: vec![],
                anonim: false,
                rahasia: false,
                reporter: Default::default(),
                attachments: vec![],
                instansi: None,
                received_at: None,
            },
        )
        .await?;
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code.clone()),
    };
    writer.act(&national, c.id, None, &dispose).await?;
    let supervisor = reader.actor(DEMO_SUPERVISOR).await?;
    let mut feed = reader.follow(supervisor, reader.latest_event_id().await?);
    // Wait until the feed is live.
    while let Some(msg) = feed.recv().await {
        if matches!(msg, FeedMsg::State(meja::store::feed::Connection::Live)) {
            break;
        }
    }
    let mut samples = Vec::with_capacity(SAMPLES);
    for n in 0..SAMPLES {
        let note: Action<Named> = Action::Note {
            body: format!("catatan {n}"),
        };
        let out = writer.act(&officer, c.id, None, &note).await?;
        let committed = Instant::now();
        'wait: while let Some(msg) = feed.recv().await {
            if let FeedMsg::Events(events) = msg
                && events.iter().any(|e| e.id == out.event_id)
            {
                samples.push(committed.elapsed());
                break 'wait;
            }
        }
        // Officers do not act in lockstep: spread the samples over the poll interval.
        tokio::time::sleep(Duration::from_millis(7 + (n as u64 * 13) % 60)).await;
    }
    writer.close().await;
    reader.close().await;
    Ok(samples)
}

/// Commit in one handle (its own connection pool, as another process has) -> the other's console
/// has drawn the frame showing it.
async fn redraw_latency(url: &str) -> anyhow::Result<Vec<Duration>> {
    use meja::console::state::Settings;
    use meja::console::{App, Keymap, Lang};
    let writer = Store::open(url).await?;
    let reader = Store::open(url).await?;
    let officer = writer.actor(DEMO_NATIONAL).await?;
    let supervisor = reader.actor(DEMO_SUPERVISOR).await?;
    let settings = Settings::new(
        Lang::Id,
        Keymap::builtin("default").ok_or_else(|| anyhow::anyhow!("no default keymap"))?,
    );
    let mut app = App::new(reader.clone(), supervisor, settings, (120, 40));
    app.start();
    app.idle().await;
    app.go_live();
    app.press("6");
    app.idle().await;
    app.press("Enter");
    app.idle().await;
    let id = app
        .state
        .detail
        .as_ref()
        .map(|d| d.id)
        .ok_or_else(|| anyhow::anyhow!("no complaint open"))?;
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40))?;
    app.draw(&mut terminal)?;
    app.wait_until(Duration::from_secs(10), |s| {
        s.conn == meja::console::state::Conn::Live
    })
    .await;
    let events = |s: &meja::console::state::State| {
        s.detail
            .as_ref()
            .and_then(|d| d.data.as_ref())
            .map_or(0, |c| c.events.len())
    };
    let mut samples = Vec::with_capacity(SAMPLES / 2);
    for n in 0..SAMPLES / 2 {
        let before = events(&app.state);
        let note: Action<Named> = Action::Note {
            body: format!("catatan {n}"),
        };
        // A national admin writes, so the complaint the supervisor looks at is always in reach.
        let out = writer.act(&officer, id, None, &note).await;
        if out.is_err() {
            continue;
        }
        let committed = Instant::now();
        if app
            .wait_until(Duration::from_secs(5), |s| events(s) > before)
            .await
        {
            app.draw(&mut terminal)?;
            samples.push(committed.elapsed());
        }
        tokio::time::sleep(Duration::from_millis(7 + (n as u64 * 13) % 60)).await;
    }
    writer.close().await;
    Ok(samples)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let now = Utc::now();
    // SQLite: a temporary file.
    let dir = std::env::temp_dir().join(format!("meja-live-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let sqlite_url = dir.join("live.db").display().to_string();
    let store = Store::open(&sqlite_url).await?;
    seed(
        &store,
        &SeedOptions {
            complaints: 2_000,
            seed: 1708,
            now,
            progress: false,
        },
    )
    .await?;
    let mut bare = Vec::new();
    for _ in 0..SAMPLES {
        let t = Instant::now();
        store.latest_event_id().await?;
        bare.push(t.elapsed());
    }
    store.close().await;
    println!(
        "SQLite (poll every {} ms):",
        meja::store::feed::SQLITE_POLL.as_millis()
    );
    summary("  bare poll query (newest event id)", &mut bare);
    summary(
        "  commit in one handle -> event in the other's feed",
        &mut feed_latency(&sqlite_url).await?,
    );
    summary(
        "  commit in one handle -> redraw in the other's console",
        &mut redraw_latency(&sqlite_url).await?,
    );
    let _ = std::fs::remove_dir_all(&dir);

    // PostgreSQL: a schema of its own in the test database.
    let base = std::env::var("MEJA_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("meja_bench_{}", std::process::id());
    let admin = sqlx::PgPool::connect(&base).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await?;
    let url = format!("{base}?options=-csearch_path%3D{schema}");
    let store = Store::open_migrating(&url, &meja::store::open::OpenOptions::default()).await?;
    seed(
        &store,
        &SeedOptions {
            complaints: 2_000,
            seed: 1708,
            now,
            progress: false,
        },
    )
    .await?;
    store.close().await;
    let mut listener = sqlx::postgres::PgListener::connect(&base).await?;
    listener.listen("meja_bench_ping").await?;
    let mut bare = Vec::new();
    for n in 0..SAMPLES {
        let t = Instant::now();
        sqlx::query("SELECT pg_notify('meja_bench_ping', $1)")
            .bind(n.to_string())
            .execute(&admin)
            .await?;
        listener.recv().await?;
        bare.push(t.elapsed());
    }
    println!("PostgreSQL (LISTEN/NOTIFY):");
    summary("  bare NOTIFY -> LISTEN round trip", &mut bare);
    let result = feed_latency(&url).await;
    let redraw = redraw_latency(&url).await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await?;
    summary(
        "  commit in one handle -> event in the other's feed",
        &mut result?,
    );
    summary(
        "  commit in one handle -> redraw in the other's console",
        &mut redraw?,
    );
    Ok(())
}
