//! `meja doctor`: the installation's checks, printed.

use crate::domain::*;
use anyhow::{Context, Result, bail};
use chrono::Utc;

/// `meja doctor`: every check on one line, each problem with the command that fixes it; exit 1
/// when there is a problem. It changes nothing.
pub(super) async fn doctor(url: &str, keymap: Option<&str>) -> Result<()> {
    use crate::store::doctor::{Check, Outcome};
    let today = Utc::now().with_timezone(&Zone::Wib.offset()).date_naive();
    let mut checks = crate::store::doctor::database(url, today).await;
    // The terminal: only when there is one to look at.
    checks.push(if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        match crossterm::terminal::size() {
            Ok((w, h)) if w >= 80 && h >= 24 => Check {
                name: "terminal",
                outcome: Outcome::Ok,
                found: format!("{w}x{h}"),
                fix: None,
            },
            Ok((w, h)) => Check {
                name: "terminal",
                outcome: Outcome::Warning,
                found: format!("{w}x{h}, smaller than the 80x24 the console is drawn for"),
                fix: None,
            },
            Err(e) => Check {
                name: "terminal",
                outcome: Outcome::Warning,
                found: format!("size unknown: {e}"),
                fix: None,
            },
        }
    } else {
        Check {
            name: "terminal",
            outcome: Outcome::Skipped,
            found: "standard output is not a terminal".into(),
            fix: None,
        }
    });
    checks.push(Check {
        name: "colours",
        outcome: Outcome::Ok,
        found: match std::env::var("NO_COLOR") {
            Ok(v) if !v.is_empty() => "off (NO_COLOR is set)".into(),
            _ => format!(
                "on (TERM={})",
                std::env::var("TERM").unwrap_or_else(|_| "unset".into())
            ),
        },
        fix: None,
    });
    let config_path = crate::console::config::config_path();
    checks.push(match crate::console::config::load(config_path.as_deref()) {
        (_, Some((file, error))) => Check {
            name: "config",
            outcome: Outcome::Problem,
            found: format!("{file}: {error}"),
            fix: Some(format!("correct or remove {file}")),
        },
        (_, None) => Check {
            name: "config",
            outcome: Outcome::Ok,
            found: match config_path.filter(|p| p.exists()) {
                Some(p) => format!("{} reads", p.display()),
                None => "none (the defaults apply)".into(),
            },
            fix: None,
        },
    });
    let keymap_path = crate::console::config::keymap_path();
    let (_, notices) = crate::console::Keymap::load(keymap, keymap_path.as_deref());
    checks.push(match notices.first() {
        Some((file, error)) => Check {
            name: "keymap",
            outcome: Outcome::Problem,
            found: format!("{file}: {error}"),
            fix: Some(format!(
                "correct or remove {file} (`meja keys` shows the keymap in force)"
            )),
        },
        None => Check {
            name: "keymap",
            outcome: Outcome::Ok,
            found: keymap.unwrap_or("default").to_string(),
            fix: None,
        },
    });
    let mut problems = 0;
    for c in &checks {
        let mark = match c.outcome {
            Outcome::Ok => "ok",
            Outcome::Warning => "warning",
            Outcome::Problem => "PROBLEM",
            Outcome::Skipped => "-",
        };
        println!("{mark:<8} {:<9} {}", c.name, text::visible(&c.found));
        if let Some(fix) = &c.fix {
            println!("{:<8} {:<9} fix: {}", "", "", text::visible(fix));
        }
        if c.outcome == Outcome::Problem {
            problems += 1;
        }
    }
    if problems > 0 {
        bail!("{problems} problem(s) found; each says the command that fixes it");
    }
    Ok(())
}

/// `meja config`: the configuration file's path and whether it parses; `--default` prints a
/// commented file with every key; `--path` the path alone (for `$EDITOR "$(meja config --path)"`).
pub(super) fn show_config(default: bool, path_only: bool) -> Result<()> {
    use crate::console::config;
    if default {
        print!("{}", config::DEFAULT_CONFIG);
        return Ok(());
    }
    let path = config::config_path().context("no configuration directory on this system")?;
    let shown = text::visible(&path.display().to_string()).into_owned();
    if path_only {
        println!("{shown}");
        return Ok(());
    }
    if !path.exists() {
        println!(
            "{shown}: not present; the defaults apply (`meja config --default > {shown}` writes them)"
        );
        return Ok(());
    }
    match config::load(Some(&path)) {
        (_, Some((_, problem))) => bail!("{}", text::visible(&problem)),
        (_, None) => {
            println!("{shown}: parses");
            Ok(())
        }
    }
}
