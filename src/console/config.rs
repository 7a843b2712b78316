//! The console's configuration: `$XDG_CONFIG_HOME/meja/config.toml` (lang, keymap, color,
//! low_bandwidth and `[[views]]` saved views) and the user keymap `$XDG_CONFIG_HOME/meja/keymap.toml`.

use super::state::SavedView;
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub lang: Option<String>,
    pub keymap: Option<String>,
    pub color: Option<String>,
    pub low_bandwidth: Option<bool>,
    /// The queue's share of a wide terminal, in percent (`<` and `>` move it and it is kept here).
    pub split: Option<u8>,
    /// Clicks select rows and the wheel scrolls (off: the terminal keeps its own selection).
    pub mouse: Option<bool>,
    /// `Y` copies the tracking number (and `A-c` the draft) to the clipboard by OSC 52, through
    /// SSH and tmux where they allow it.
    pub osc52: Option<bool>,
    /// The address of a complaint elsewhere (the deployment's portal), `{id}` standing for its
    /// number: the detail's `#number` becomes an OSC 8 link to it.
    pub link: Option<String>,
    #[serde(default)]
    pub views: Vec<ViewEntry>,
}

pub use super::state::{SPLIT_DEFAULT, SPLIT_RANGE};

/// A link template as the configuration gives it, if it is one: http(s), with `{id}`, and nothing
/// a terminal would read as a control (it is written inside an escape sequence).
pub fn link_template(t: &str) -> Result<String, String> {
    let ok_scheme = t.starts_with("https://") || t.starts_with("http://");
    if !ok_scheme || !t.contains("{id}") {
        return Err(format!(
            "link = \"{}\": expected an http(s) address with {{id}} for the complaint's number",
            crate::domain::text::visible(t)
        ));
    }
    if t.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return Err("link: the address holds a control character or a space".into());
    }
    Ok(t.to_string())
}

/// Remembers the split in the configuration file, changing only its `split` line (or adding one
/// before the first table, where top-level keys must be): the officer's comments, order and
/// saved views stay as they wrote them. A missing file is created with that one line.
pub fn remember_split(path: &Path, percent: u8) -> std::io::Result<()> {
    let line = format!("split = {percent}");
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(e),
    };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let is_split = |l: &str| {
        l.trim_start()
            .strip_prefix("split")
            .is_some_and(|rest| rest.trim_start().starts_with('='))
    };
    let first_table = lines
        .iter()
        .position(|l| l.trim_start().starts_with('['))
        .unwrap_or(lines.len());
    match lines[..first_table].iter().position(|l| is_split(l)) {
        Some(i) => lines[i] = line,
        None => lines.insert(first_table, line),
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    // Written beside and renamed over, so that a crash never leaves half a configuration.
    let tmp = path.with_extension("toml.tmp");
    std::fs::write(&tmp, lines.join("\n") + "\n")?;
    std::fs::rename(&tmp, path)
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViewEntry {
    pub name: String,
    pub filter: String,
}

impl Config {
    pub fn saved_views(&self) -> Vec<SavedView> {
        self.views
            .iter()
            .map(|v| SavedView {
                name: v.name.clone(),
                filter: v.filter.clone(),
            })
            .collect()
    }
}

pub fn dir() -> Option<PathBuf> {
    dirs::config_dir().map(|d| d.join("meja"))
}

pub fn config_path() -> Option<PathBuf> {
    dir().map(|d| d.join("config.toml"))
}

pub fn keymap_path() -> Option<PathBuf> {
    dir().map(|d| d.join("keymap.toml"))
}

/// Reads the configuration; a missing file is the empty configuration, a broken one is reported
/// (file, line and message) and ignored.
pub fn load(path: Option<&Path>) -> (Config, Option<(String, String)>) {
    let Some(path) = path.filter(|p| p.exists()) else {
        return (Config::default(), None);
    };
    let shown = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => return (Config::default(), Some((shown, e.to_string()))),
    };
    match toml::from_str::<Config>(&text) {
        Ok(c) => (c, None),
        Err(e) => {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
                .unwrap_or(1);
            let msg = format!("{shown}:{line}: {}", e.message().trim());
            (Config::default(), Some((shown, msg)))
        }
    }
}

/// The log file: `$XDG_STATE_HOME/meja/meja.log` (or the data directory where there is no state
/// directory).
pub fn log_path() -> PathBuf {
    dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .unwrap_or_else(std::env::temp_dir)
        .join("meja")
        .join("meja.log")
}

/// `meja config --default`: a configuration file with every key, its default and what it does.
pub const DEFAULT_CONFIG: &str = include_str!("config.default.toml");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_views_and_reports_errors_with_a_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(
            &p,
            "lang = \"en\"\nlow_bandwidth = true\n[[views]]\nname = \"SMS baru\"\nfilter = \"status:baru kanal:sms\"\n",
        )
        .unwrap();
        let (c, err) = load(Some(&p));
        assert!(err.is_none());
        assert_eq!(c.lang.as_deref(), Some("en"));
        assert_eq!(c.saved_views()[0].name, "SMS baru");
        std::fs::write(&p, "lang = \"en\"\ncolour = \"never\"\n").unwrap();
        let (c, err) = load(Some(&p));
        assert_eq!(c, Config::default());
        assert!(err.unwrap().1.contains("config.toml:2:"));
    }

    #[test]
    fn a_link_template_must_be_an_address_with_the_number() {
        assert!(link_template("https://lapor.example/laporan/{id}").is_ok());
        assert!(link_template("lapor.example/{id}").is_err());
        assert!(link_template("https://lapor.example/laporan").is_err());
        let e = link_template("https://x/{id}\x1b]0;t\x07").unwrap_err();
        assert!(e.contains("control"), "{e}");
    }

    #[test]
    fn the_split_is_remembered_without_touching_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("meja").join("config.toml");
        remember_split(&p, 65).unwrap();
        assert_eq!(load(Some(&p)).0.split, Some(65));
        let text =
            "# mine\nlang = \"en\" # keep\n\n[[views]]\nname = \"A\"\nfilter = \"terlambat\"\n";
        std::fs::write(&p, text).unwrap();
        remember_split(&p, 45).unwrap();
        let after = std::fs::read_to_string(&p).unwrap();
        assert_eq!(
            after,
            "# mine\nlang = \"en\" # keep\n\nsplit = 45\n[[views]]\nname = \"A\"\nfilter = \"terlambat\"\n"
        );
        remember_split(&p, 70).unwrap();
        let (c, err) = load(Some(&p));
        assert!(err.is_none(), "{err:?}");
        assert_eq!(
            (c.split, c.lang.as_deref(), c.views.len()),
            (Some(70), Some("en"), 1)
        );
        assert_eq!(
            std::fs::read_to_string(&p)
                .unwrap()
                .matches("split")
                .count(),
            1
        );
    }
}
