//! Start to first frame of the console on a large SQLite database (default 1,000,000 complaints).
//! `cargo bench --bench console_start` seeds `target/bench-console-N.db` on first use (or uses
//! `MEJA_BENCH_DB`), then prints how long it takes from opening the database to the first frame
//! that shows the queue, and when the view counts arrive; then the memory the console holds
//! (resident set of this process, which runs nothing but the console on the database): after the
//! first frame, and after visiting every view with its detail and the counts settled, live.
//! Budget: first frame under 200 ms; resident under 60 MB at a million complaints.

use chrono::{TimeZone, Utc};
use meja::console::state::{ClockSource, Settings};
use meja::console::term::Screen;
use meja::console::{App, Keymap, Lang};
use meja::store::Store;
use meja::store::open::OpenOptions;
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
    let seeded_here = !std::path::Path::new(&path).exists();
    if seeded_here {
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
            // As `meja` opens it for a console (its pool; the change feed adds one).
            let store =
                Store::open_with(&path, &OpenOptions::console("meja console bench")).await?;
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
            if run == 0 && size == (80, 24) && !seeded_here {
                resident(&mut app, &mut screen).await?;
            }
            store.close().await;
        }
    }
    if seeded_here {
        println!("(run again for the console's memory: this process seeded the database)");
    }
    Ok(())
}

/// This process's resident set in MB (`VmRSS`), and its peak (`VmHWM`).
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// The console's memory after its first frame, then after it went live and visited every view,
/// the detail of each view's first report, and waited for the counts to settle.
async fn resident(app: &mut App, screen: &mut Screen<Vec<u8>>) -> anyhow::Result<()> {
    let (now, _) = rss_mb();
    app.go_live();
    for tab in ["1", "2", "3", "4", "5", "6"] {
        app.press(tab);
        app.idle().await;
        app.press("Enter");
        app.idle().await;
        screen.frame(app)?;
        app.press("Esc");
        app.idle().await;
    }
    let (after, peak) = rss_mb();
    println!(
        "console resident: {now:.1} MB after the first frame, {after:.1} MB after every view and its detail (peak {peak:.1} MB; budget: < 60 MB)"
    );
    Ok(())
}
