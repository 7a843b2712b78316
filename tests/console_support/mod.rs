//! Shared by the console tests: a seeded database per test, a fixed clock, and apps on it.
#![allow(dead_code)]

use chrono::{DateTime, TimeZone, Utc};
use meja::console::state::{ClockSource, SavedView, Settings};
use meja::console::{App, Keymap, Lang, Theme};
use meja::store::Store;
use meja::store::seed::{DEMO_SUPERVISOR, SeedOptions, seed};
use tempfile::TempDir;

/// Friday 27 November 2026, 10:00 WIB: the moment every test's data and clocks are judged at.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap()
}

pub struct Db {
    pub dir: TempDir,
    pub store: Store,
    pub path: String,
}

/// A fresh SQLite database in its own temporary directory, seeded deterministically.
pub async fn seeded(complaints: u64) -> Db {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meja.db").display().to_string();
    let store = Store::open(&path).await.unwrap();
    seed(
        &store,
        &SeedOptions {
            complaints,
            seed: 1708,
            now: now(),
            progress: false,
        },
    )
    .await
    .unwrap();
    store.reload().await.unwrap();
    Db { dir, store, path }
}

#[derive(Clone)]
pub struct Opts {
    pub lang: Lang,
    pub keymap: &'static str,
    pub mono: bool,
    pub low_bandwidth: bool,
    pub readonly: bool,
    pub user: &'static str,
    pub views: Vec<SavedView>,
}

impl Default for Opts {
    fn default() -> Self {
        Opts {
            lang: Lang::Id,
            keymap: "default",
            mono: false,
            low_bandwidth: false,
            readonly: false,
            user: DEMO_SUPERVISOR,
            views: Vec::new(),
        }
    }
}

pub fn settings(o: &Opts) -> Settings {
    let mut s = Settings::new(o.lang, Keymap::builtin(o.keymap).unwrap());
    s.theme = Theme::by_mono(o.mono);
    s.low_bandwidth = o.low_bandwidth;
    s.readonly = o.readonly;
    s.db_label = "test.db".into();
    s.saved_views = o.views.clone();
    s.clock = ClockSource::Fixed(now());
    s
}

/// An app on `db` of `size`, started and idle.
pub async fn app(db: &Db, o: &Opts, size: (u16, u16)) -> App {
    let actor = db.store.actor(o.user).await.unwrap();
    let mut app = App::new(db.store.clone(), actor, settings(o), size);
    app.start();
    app.idle().await;
    app
}

/// The real crossterm backend (through meja's frame writer) into memory.
pub type MemScreen = meja::console::term::Screen<Vec<u8>>;

pub fn mem_screen(size: (u16, u16)) -> MemScreen {
    meja::console::term::Screen::new(Vec::new(), size.0, size.1).unwrap()
}

/// One terminal cell as vt100 sees it: text and attributes.
pub type VtCell = (String, vt100::Color, vt100::Color, bool, bool, bool);

pub fn vt_cells(p: &vt100::Parser) -> Vec<Vec<VtCell>> {
    let s = p.screen();
    let (rows, cols) = s.size();
    (0..rows)
        .map(|r| {
            (0..cols)
                .map(|c| {
                    let cell = s.cell(r, c).unwrap();
                    (
                        cell.contents().to_string(),
                        cell.fgcolor(),
                        cell.bgcolor(),
                        cell.bold(),
                        cell.inverse(),
                        cell.underline(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Cells that differ between two screens, optionally only inside columns `cols`.
pub fn changed_cells(a: &[Vec<VtCell>], b: &[Vec<VtCell>], cols: std::ops::Range<usize>) -> usize {
    a.iter()
        .zip(b)
        .map(|(ra, rb)| {
            ra.iter()
                .zip(rb)
                .enumerate()
                .filter(|(i, (x, y))| cols.contains(i) && x != y)
                .count()
        })
        .sum()
}

/// The parameters of every SGR sequence (ESC [ ... m) in `bytes`.
pub fn sgr_params(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] == 0x1b && bytes[i + 1] == b'[' {
            let start = i + 2;
            let mut j = start;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit()
                    || bytes[j] == b';'
                    || bytes[j] == b':'
                    || bytes[j] == b'?')
            {
                j += 1;
            }
            if j < bytes.len() && bytes[j] == b'm' {
                out.push(String::from_utf8_lossy(&bytes[start..j]).to_string());
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

/// SGR parameters that set a colour (foreground, background, underline; named, 256 or RGB) or
/// reset one to the default.
pub fn colour_sgrs(bytes: &[u8]) -> Vec<String> {
    sgr_params(bytes)
        .into_iter()
        .filter(|p| {
            p.split([';', ':']).any(|n| {
                matches!(
                    n.parse::<u32>(),
                    Ok(30..=49 | 58 | 59 | 90..=97 | 100..=107)
                )
            })
        })
        .collect()
}
