//! Start to first frame of the console on a large SQLite database (default 1,000,000 complaints).
//! `cargo bench --bench console_start` seeds `target/bench-console-N.db` on first use (or uses
//! `MEJA_BENCH_DB`), then prints how long it takes from opening the database to the first frame
//! that shows the queue, and when the view counts arrive. Budget: first frame under 200 ms.

use chrono::{TimeZone, Utc};
use meja::console::state::{ClockSource, Settings};
use meja::console::term::Screen;
use meja::console::{App, Keymap, Lang};
use meja::store::Store;
use meja::store::seed::{DEMO_SUPERVISOR, SeedOptions, seed};
use std::time::Instant;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::var("MEJA_BENCH_COMPLAINTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
    let path = std::env::var("MEJA_BENCH_DB").unwrap_or_else(|_| {
        let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
        format!("{dir}/bench-console-{n}.db")
    });
    if !std::path::Path::new(&path).exists() {
        let t = Instant::now();
        let store = Store::open(&path).await?;
        seed(
            &store,
            &SeedOptions {
                complaints: n,
                seed: 1708,
                now,
                progress: true,
            },
        )
        .await?;
        store.close().await;
        println!(
            "seeded {n} complaints into {path} in {:.1} s",
            t.elapsed().as_secs_f64()
        );
    }
    for size in [(80u16, 24u16), (200, 50)] {
        for run in 0..3 {
            let t0 = Instant::now();
            let store = Store::open(&path).await?;
            let actor = store.actor(DEMO_SUPERVISOR).await?;
            let opened = t0.elapsed();
            let mut settings = Settings::new(Lang::Id, Keymap::builtin("default").unwrap());
            settings.clock = ClockSource::Fixed(now);
            let mut app = App::new(store.clone(), actor, settings, size);
            let mut screen = Screen::new(Vec::new(), size.0, size.1)?;
            app.start();
            let mut bytes = screen.frame(&mut app)?;
            while !app.state.queue.loaded {
                let Some(msg) = app.recv().await else { break };
                app.deliver(msg);
            }
            bytes += screen.frame(&mut app)?;
            let first = t0.elapsed();
            while app.state.tabs.iter().any(|t| t.count.is_none()) && app.in_flight() > 0 {
                let Some(msg) = app.recv().await else { break };
                app.deliver(msg);
            }
            screen.frame(&mut app)?;
            let counts = t0.elapsed();
            app.idle().await;
            println!(
                "console start {}x{} run {run}: open {:.1} ms, first frame with the queue {:.1} ms ({} bytes, {} rows), counts {:.1} ms (budget: first frame < 200 ms)",
                size.0,
                size.1,
                opened.as_secs_f64() * 1e3,
                first.as_secs_f64() * 1e3,
                bytes,
                app.state.queue.rows.len(),
                counts.as_secs_f64() * 1e3,
            );
            store.close().await;
        }
    }
    Ok(())
}
