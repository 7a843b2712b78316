//! The console: terminal set-up, the event loop, keymaps, views. It renders from state and sends
//! actions through the store; it never runs SQL itself (architecture.md).
//!
//! Layout of this module, an Elm loop whose modules import each other one way only (from the top
//! of this list down; `tests/house.rs` checks that there is no cycle):
//! - `event_loop`: the real loop, joining the terminal (`term`, `external` for `$EDITOR`) and `app`;
//! - `app`: the runtime. It owns the state, carries out effects against the store as tasks with
//!   request ids, counts work in flight, keeps drafts on disk while the database is away
//!   (`local_draft`), and draws frames through `render`;
//! - the update side, pure apart from the state it changes: `boot` builds the first state and its
//!   first loads; `update` dispatches a message (a key
//!   resolved through the keymap, or an answer) down to `work` (the working actions and their
//!   answers), `form_input` (keys and answers of a form on screen), `drafting` (the draft editor)
//!   and `live` (the change feed and presence); all of them ask the store through `requests`
//!   (reloads, pages, the detail, the selection, writes), and none imports `update`;
//! - `msg`: the messages and effects the update side and the runtime exchange (`Msg`, `Effect`,
//!   `Failure`, `Outcome`, `MsgTemplate`);
//! - the view, `render`: a function of the state (with its theme and the catalogue) into a frame;
//!   it imports nothing from the update side or the runtime;
//! - beneath both: `at_hand` (what the officer has at hand: the context on screen, the complaint
//!   worked on and the actions suggested for it, whether a reply needs approval, presence),
//!   `labels` (the words for statuses and their codes, kinds, channels, roles, refusals), `history`
//!   (an event as a sentence), `palette`;
//! - the model: `state`, with `forms`, `draft` (a form's and a draft's own logic) and `prompt`;
//! - `action`, `keys`, `keymap`: the closed set of actions, key notation, keymap files;
//! - `i18n` (every visible string, dates, numbers), `text` (sanitizing text from the public),
//!   `theme`, and `config` (the configuration file and paths).

pub mod action;
pub mod app;
pub mod at_hand;
pub mod board;
pub mod board_items;
pub mod boot;
pub mod config;
pub mod draft;
pub mod drafting;
pub mod event_loop;
pub mod external;
pub mod form_input;
pub mod forms;
pub mod history;
pub mod i18n;
pub mod keymap;
pub mod keys;
pub mod labels;
pub mod live;
pub mod local_draft;
pub mod msg;
pub mod palette;
pub mod prompt;
pub mod render;
pub mod requests;
pub mod state;
pub mod term;
pub mod text;
pub mod theme;
pub mod update;
pub mod view_input;
pub mod wire;
pub mod work;

pub use app::App;
pub use i18n::Lang;
pub use keymap::Keymap;
pub use state::{ClockSource, SavedView, Settings};
pub use theme::Theme;

use crate::domain::lifecycle::Actor;
use crate::store::Store;
use anyhow::{Context as _, bail};

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorMode {
    /// Colour unless NO_COLOR is set.
    #[default]
    Auto,
    Always,
    /// The monochrome theme: bold, reverse and underline only.
    Never,
}

impl ColorMode {
    pub fn parse(s: &str) -> Option<ColorMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Some(ColorMode::Auto),
            "always" | "yes" | "on" => Some(ColorMode::Always),
            "never" | "no" | "off" | "mono" => Some(ColorMode::Never),
            _ => None,
        }
    }

    /// Whether this mode means the monochrome theme, given NO_COLOR.
    pub fn mono(self) -> bool {
        match self {
            ColorMode::Always => false,
            ColorMode::Never => true,
            ColorMode::Auto => std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        }
    }
}

/// What `meja` passes to the console.
pub struct ConsoleOptions {
    pub store: Store,
    pub actor: Actor,
    /// "default", "fkeys" or a path; None: the configuration file's choice, else "default".
    pub keymap: Option<String>,
    /// "id" or "en"; None: the configuration file's choice, else Bahasa Indonesia.
    pub lang: Option<String>,
    pub color: ColorMode,
    pub low_bandwidth: bool,
    pub readonly: bool,
    /// Shown in the header (e.g. the database file or host).
    pub db_label: String,
}

/// Settings from the options, the configuration file and the keymap files. Problems with files
/// become notices; an unknown language or colour name given on the command line is an error.
pub fn settings(
    keymap: Option<&str>,
    lang: Option<&str>,
    color: ColorMode,
    low_bandwidth: bool,
    readonly: bool,
) -> anyhow::Result<Settings> {
    let (cfg, cfg_err) = config::load(config::config_path().as_deref());
    let lang = match lang.or(cfg.lang.as_deref()) {
        Some(code) => Lang::parse(code)
            .with_context(|| format!("unknown language '{code}' (use id or en)"))?,
        None => Lang::Id,
    };
    let color = match (color, cfg.color.as_deref()) {
        (ColorMode::Auto, Some(c)) => ColorMode::parse(c).unwrap_or(ColorMode::Auto),
        (c, _) => c,
    };
    let choice = keymap.or(cfg.keymap.as_deref());
    let (km, km_notices) = Keymap::load(choice, config::keymap_path().as_deref());
    let mut settings = Settings::new(lang, km);
    settings.theme = Theme::by_mono(color.mono());
    settings.low_bandwidth = low_bandwidth || cfg.low_bandwidth.unwrap_or(false);
    settings.readonly = readonly;
    settings.saved_views = cfg.saved_views();
    settings.split = cfg
        .split
        .map(|p| p.clamp(*config::SPLIT_RANGE.start(), *config::SPLIT_RANGE.end()))
        .unwrap_or(config::SPLIT_DEFAULT);
    settings.config_file = config::config_path();
    settings.mouse = cfg.mouse.unwrap_or(false);
    settings.osc52 = cfg.osc52.unwrap_or(false);
    match cfg.link.as_deref().map(config::link_template) {
        Some(Ok(t)) => settings.link = Some(t),
        Some(Err(e)) => settings.notices.push(e),
        None => {}
    }
    for (file, err) in km_notices {
        let key = if file.is_empty() {
            i18n::T::NoticeKeymapKeyless
        } else {
            i18n::T::NoticeKeymapBroken
        };
        settings.notices.push(lang.fmt(key, &[("err", &err)]));
    }
    if let Some((file, err)) = cfg_err {
        settings.notices.push(lang.fmt(
            i18n::T::NoticeConfigBroken,
            &[("file", &file), ("err", &err)],
        ));
    }
    Ok(settings)
}

fn init_logging() {
    let path = config::log_path();
    let Some(dir) = path.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let Ok(file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MEJA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init();
}

/// Runs the console on the real terminal until the officer quits; the terminal is restored on
/// exit, on error and on panic.
pub async fn run(opts: ConsoleOptions) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() {
        bail!(
            "the console needs a terminal (for scripts, use the CLI verbs, e.g. `meja list --json`)"
        );
    }
    init_logging();
    let mut settings = settings(
        opts.keymap.as_deref(),
        opts.lang.as_deref(),
        opts.color,
        opts.low_bandwidth,
        opts.readonly,
    )?;
    settings.db_label = opts.db_label.clone();
    if opts.color == ColorMode::Always {
        crossterm::style::force_color_output(true);
    }
    let (w, h) = crossterm::terminal::size().unwrap_or((80, 24));
    tracing::info!(user = %opts.actor.username, w, h, "console start");
    let guard = term::TerminalGuard::enter(settings.mouse).context("cannot set up the terminal")?;
    // Clocks run themselves while a console runs (one sweeper at a time); a read-only console
    // changes nothing, so it does not sweep, and on PostgreSQL only the owner's sessions sweep
    // (officers' consoles leave it to `meja sweep` run by the owner).
    let sweeps = !opts.readonly && opts.store.may_sweep().await.unwrap_or(false);
    let _clocks = sweeps.then(|| opts.store.run_clocks(std::time::Duration::from_secs(60)));
    let mut app = App::new(opts.store, opts.actor, settings, (w, h));
    app.go_live();
    let screen = term::Screen::new(std::io::stdout(), w, h)?;
    let result = event_loop::run_loop(app, screen).await;
    drop(guard);
    if let Err(e) = &result {
        tracing::error!("console: {e:#}");
    }
    result
}

/// The effective keymap as text, for `meja keys`.
pub fn print_keys(keymap: Option<&str>, lang: Option<&str>) -> anyhow::Result<String> {
    let s = settings(keymap, lang, ColorMode::Never, false, false)?;
    let mut out = String::new();
    for n in &s.notices {
        out.push_str(&format!("# {}\n", n));
    }
    out.push_str(&s.keymap.print(s.lang, false));
    Ok(out)
}

/// Every action a keymap file may name, with its description and its keys in the effective
/// keymap, for `meja keys --actions` (the names the keymap's errors point to).
pub fn print_actions(keymap: Option<&str>, lang: Option<&str>) -> anyhow::Result<String> {
    let s = settings(keymap, lang, ColorMode::Never, false, false)?;
    let cond = keymap::Conditions::default();
    let rows: Vec<(String, String, String)> = action::Action::all()
        .into_iter()
        .map(|a| {
            let mut keys: Vec<String> = Vec::new();
            for ctx in action::Context::ALL {
                for k in s.keymap.keys_for(ctx, a, &cond) {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
            (a.name(), a.describe(s.lang), keys.join(", "))
        })
        .collect();
    let w = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (name, desc, keys) in rows {
        let keys = if keys.is_empty() {
            String::new()
        } else {
            format!(" [{keys}]")
        };
        out.push_str(&format!("{name:<w$}  {desc}{keys}\n"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_desk;
#[cfg(test)]
mod tests_layout;
