//! Setting meja up as a user expects of a command-line tool: completions, a manual page, a
//! documented configuration file, tables that line up.

use super::*;

/// Shell completions for every shell clap_complete knows, and a manual page, from the same
/// command definition as the CLI itself (so every verb and flag is in them).
#[test]
fn completions_and_manual_page() {
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_meja"))
            .args(args)
            .env_remove("MEJA_DB")
            .output()
            .expect("run meja")
    };
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = run(&["completions", shell]);
        assert!(
            out.status.success(),
            "{shell}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("reporter-reply"), "{shell} names every verb");
        assert!(text.contains("expect-version"), "{shell} names the flags");
    }
    // The bash script is valid bash.
    let script = run(&["completions", "bash"]).stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("meja.bash");
    std::fs::write(&path, &script).unwrap();
    let checked = Command::new("bash")
        .arg("-n")
        .arg(&path)
        .output()
        .expect("bash");
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );

    let man = run(&["man"]);
    assert!(man.status.success());
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(page.contains(".TH meja 1"), "{page}");
    assert!(
        page.contains("completions"),
        "the page lists the subcommands"
    );
}

/// `meja config --default` prints a configuration file with every key at its default, which
/// parses as meja's own configuration; its commented examples parse too once uncommented; and
/// `meja config` says where the file is and whether it parses, naming the line of a mistake.
#[test]
fn a_documented_configuration_file() {
    let home = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_meja"))
            .args(args)
            .env_remove("MEJA_DB")
            .env("XDG_CONFIG_HOME", home.path())
            .env("MEJA_LANG", "en")
            .output()
            .expect("run meja")
    };
    let out = run(&["config", "--default"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let config: meja::console::config::Config = toml::from_str(&text).expect("the default parses");
    assert_eq!(config.lang.as_deref(), Some("id"));
    assert_eq!(config.keymap.as_deref(), Some("default"));
    assert_eq!(config.color.as_deref(), Some("auto"));
    assert_eq!(config.low_bandwidth, Some(false));
    // Every key is explained by a comment above it.
    let lines: Vec<&str> = text.lines().collect();
    for key in [
        "lang =",
        "keymap =",
        "color =",
        "low_bandwidth =",
        "# [[views]]",
    ] {
        let at = lines
            .iter()
            .position(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("{key} is in the default configuration"));
        assert!(
            at > 0 && lines[at - 1].starts_with("# "),
            "{key} has a comment above it"
        );
    }
    let uncommented: String = text
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest)
                if rest.starts_with("[[views]]")
                    || rest.starts_with("name =")
                    || rest.starts_with("filter =") =>
            {
                rest
            }
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n");
    let config: meja::console::config::Config =
        toml::from_str(&uncommented).expect("the examples parse");
    assert!(config.views.len() >= 2);
    for view in &config.views {
        meja::domain::filter::parse(&view.filter)
            .unwrap_or_else(|e| panic!("the example view {} has a valid filter: {e:?}", view.name));
    }

    let path = String::from_utf8(run(&["config", "--path"]).stdout).unwrap();
    let path = std::path::PathBuf::from(path.trim());
    assert!(path.starts_with(home.path()), "{}", path.display());
    let absent = run(&["config"]);
    assert!(absent.status.success());
    assert!(String::from_utf8_lossy(&absent.stdout).contains("not present"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &text).unwrap();
    let good = run(&["config"]);
    assert!(
        good.status.success(),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
    assert!(String::from_utf8_lossy(&good.stdout).contains("parses"));
    std::fs::write(&path, "lang = \"en\"\ncolour = \"never\"\n").unwrap();
    let bad = run(&["config"]);
    assert_eq!(bad.status.code(), Some(1));
    let said = String::from_utf8_lossy(&bad.stderr);
    assert!(
        said.contains("config.toml:2") && said.contains("colour"),
        "{said}"
    );
}

/// Table columns line up by display width: a CJK or emoji name takes two columns a character, and
/// the column after it still starts where it does after an ASCII name (cut with '…' when long).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wide_names_keep_the_table_columns_in_line() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let url = db.url.clone();
    let names = [
        "balasan biasa",
        "返信テンプレート日本語の名前",
        "🚧 jalan rusak 🚧",
        "道路",
    ];
    for name in names {
        let out = meja(
            &url,
            "demo.nasional",
            &["template", "add", name, "--text", "Terima kasih {pelapor}."],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = meja(&url, "demo.nasional", &["template", "list"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let mut rows = 0;
    for line in stdout.lines() {
        // The status column ("*": any status) starts after 24 columns of name and a space.
        let Some(at) = line.find(" * ") else { continue };
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(&line[..at]),
            24,
            "the name column of {line:?}"
        );
        rows += 1;
    }
    assert!(rows >= names.len(), "{stdout}");
}
