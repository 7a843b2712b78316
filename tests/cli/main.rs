//! The real binary: bad input ends with one clear line on stderr and exit code 1, and changes
//! nothing; JSON output carries clocks in the instansi's offset.

#[path = "../common/mod.rs"]
mod common;
mod follow;
mod routing;
mod setup;

use common::*;
use std::process::{Command, Output};

fn meja(db: &str, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", db, "--as", user])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        // The refusals these tests read are the English catalogue's; the default is Indonesian.
        .env("MEJA_LANG", "en")
        .output()
        .expect("run meja")
}

fn refused(out: &Output, expect: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit code for '{expect}': {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one line on stderr: {stderr:?}"
    );
    assert!(stderr.contains(expect), "expected '{expect}' in {stderr:?}");
    assert!(
        out.stdout.is_empty(),
        "nothing on stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_one_line_exit_1_and_changes_nothing() {
    let db = sqlite().await;
    seeded(&db, 50).await;
    let url = db.url.clone();
    let events_before = db.store.latest_event_id().await.unwrap();
    refused(
        &meja(&url, "demo", &["show", "9999999"]),
        "no complaint #9999999",
    );
    refused(
        &meja(&url, "demo", &["claim", "#9999999"]),
        "no complaint #9999999",
    );
    refused(
        &meja(&url, "nobody.here", &["list"]),
        "unknown officer 'nobody.here'",
    );
    refused(
        &meja(
            &url,
            "demo.nasional",
            &["hold", "1000001", "--until", "2026-02-30", "--reason", "x"],
        ),
        "bad date '2026-02-30'",
    );
    refused(
        &meja(&url, "demo.nasional", &["list", "--filter", "status:open"]),
        "unknown status 'open'",
    );
    refused(
        &meja(&url, "demo.nasional", &["list", "--view", "inbox"]),
        "unknown view 'inbox'",
    );
    // An illegal move: closing a report that has no follow-up yet.
    let new = meja(
        &url,
        "demo.nasional",
        &["intake", "--judul", "Uji", "--isi", "Uji isi", "--json"],
    );
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let created: serde_json::Value = serde_json::from_slice(&new.stdout).unwrap();
    let id = created["id"].as_i64().unwrap().to_string();
    let after_intake = db.store.latest_event_id().await.unwrap();
    assert_eq!(after_intake, events_before + 1);
    refused(
        &meja(&url, "demo.nasional", &["close", &id]),
        "not possible from that status",
    );
    // A report at the national level is outside the liaison officer's subtree: refused as missing.
    refused(
        &meja(&url, "demo.petugas", &["archive", &id, "--reason", "spam"]),
        &format!("no complaint #{id}"),
    );
    refused(
        &meja(
            &url,
            "demo.nasional",
            &["archive", &id, "--reason", "bosan"],
        ),
        "unknown archive reason 'bosan'",
    );
    refused(
        &meja(
            &url,
            "demo.nasional",
            &["assign", &id, "--to", "nobody.here"],
        ),
        "unknown officer 'nobody.here'",
    );
    assert_eq!(
        db.store.latest_event_id().await.unwrap(),
        after_intake,
        "refusals wrote no event"
    );
    // Malformed URLs and a file that is not a database.
    refused(
        &meja("mysql://localhost/x", "demo", &["list"]),
        "unknown scheme 'mysql'",
    );
    refused(
        &meja("postgres://[::1", "demo", &["list"]),
        "malformed database URL",
    );
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("notes.txt");
    std::fs::write(&junk, "Ini bukan basis data, hanya catatan.\n".repeat(200)).unwrap();
    refused(
        &meja(junk.to_str().unwrap(), "demo", &["list"]),
        "not a meja database",
    );
    assert_eq!(
        std::fs::read_to_string(&junk).unwrap(),
        "Ini bukan basis data, hanya catatan.\n".repeat(200),
        "the file is untouched"
    );
    // Usage errors are clap's: exit code 2.
    let usage = meja(&url, "demo", &["claim"]);
    assert_eq!(usage.status.code(), Some(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn json_output_is_stable_and_clocks_carry_the_offset() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let url = db.url.clone();
    let new = meja(
        &url,
        "demo.nasional",
        &[
            "intake",
            "--judul",
            "Jalan rusak",
            "--isi",
            "Berlubang",
            "--kanal",
            "telepon",
            "--diterima",
            "2026-03-13T10:00:00+07:00",
            "--json",
        ],
    );
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let id = serde_json::from_slice::<serde_json::Value>(&new.stdout).unwrap()["id"]
        .as_i64()
        .unwrap()
        .to_string();
    let shown = meja(&url, "demo.nasional", &["show", &id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert_eq!(v["clock"]["kind"], "verifikasi");
    assert_eq!(
        v["clock"]["due_at"], "2026-03-25T23:59:59+07:00",
        "domain.md's example, in the instansi's offset"
    );
    assert_eq!(
        v["clock"]["state"], "breached",
        "received in March, still unverified"
    );
    assert_eq!(v["clocks"][0]["outcome"], "current");
    assert_eq!(v["events"][0]["kind"], "intake");
    for key in [
        "id",
        "status",
        "klasifikasi",
        "channel",
        "judul",
        "isi",
        "reporter",
        "instansi",
        "zone",
        "version",
        "received_at",
    ] {
        assert!(v.get(key).is_some(), "show --json has {key}");
    }
    let list = meja(
        &url,
        "demo.nasional",
        &["list", "--view", "masuk", "--json"],
    );
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert!(
        v["rows"].as_array().unwrap().iter().any(|r| r["id"]
            .as_i64()
            .map(|v| v.to_string())
            .as_deref()
            == Some(id.as_str()))
    );
    let counts = meja(&url, "demo.nasional", &["counts", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&counts.stdout).unwrap();
    assert_eq!(v["masuk"], 1);
    // Control characters are refused at the door (README, "Input rules")...
    let evil = meja(
        &url,
        "demo.nasional",
        &[
            "intake",
            "--judul",
            "Jalan\u{1b}[2J\u{1b}]0;pwned\u{7}",
            "--isi",
            "x\u{1b}[31m",
        ],
    );
    refused(&evil, "judul: control character U+001B at character 6");
    // ...and public text that reached the database another way (older data, direct SQL) still
    // never reaches the terminal as control sequences.
    db.raw(&format!(
        "UPDATE complaint SET judul = 'Jalan' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7), \
         isi = 'x' || char(27) || '[31m' WHERE id = {id}"
    ))
    .await
    .unwrap();
    let text = meja(&url, "demo.nasional", &["list", "--view", "masuk"]);
    assert!(
        !text.stdout.contains(&0x1b) && !text.stdout.contains(&0x07),
        "{}",
        String::from_utf8_lossy(&text.stdout)
    );
}

#[test]
fn a_new_deployment_sets_itself_up_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = dir.path().join("baru.db").display().to_string();
    let ok = |out: Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(meja(&url, "admin", &["migrate"]));
    ok(meja(
        &url,
        "admin",
        &[
            "instansi",
            "add",
            "NASIONAL",
            "--name",
            "Admin Nasional",
            "--kind",
            "nasional",
        ],
    ));
    // The first officer bootstraps the database; later ones need an admin.
    ok(meja(
        &url,
        "anyone",
        &[
            "officer",
            "add",
            "rani",
            "--name",
            "Rani",
            "--role",
            "national",
            "--instansi",
            "NASIONAL",
        ],
    ));
    refused(
        &meja(
            &url,
            "stranger",
            &[
                "officer",
                "add",
                "budi",
                "--name",
                "Budi",
                "--role",
                "officer",
                "--instansi",
                "NASIONAL",
            ],
        ),
        "unknown officer 'stranger'",
    );
    ok(meja(
        &url,
        "rani",
        &[
            "instansi",
            "add",
            "KAB-MAGELANG",
            "--name",
            "Kabupaten Magelang",
            "--kind",
            "kabupaten",
            "--parent",
            "NASIONAL",
            "--deadlines",
            "3/14/10",
        ],
    ));
    refused(
        &meja(
            &url,
            "rani",
            &[
                "instansi",
                "add",
                "X",
                "--name",
                "X",
                "--kind",
                "unit",
                "--deadlines",
                "3/0/10",
                "--parent",
                "NASIONAL",
            ],
        ),
        "at least 1",
    );
    refused(
        &meja(
            &url,
            "rani",
            &["instansi", "add", "Y", "--name", "Y", "--kind", "unit"],
        ),
        "give --parent",
    );
    let tree = ok(meja(&url, "rani", &["instansi", "list", "--json"]));
    let v: serde_json::Value = serde_json::from_str(&tree).unwrap();
    assert_eq!(v[1]["deadlines"]["follow_up_days"], 14);
    assert_eq!(v[1]["path"], "/1/2/");
    let out = ok(meja(
        &url,
        "rani",
        &[
            "intake",
            "--judul",
            "Jalan rusak",
            "--isi",
            "Berlubang",
            "--instansi",
            "KAB-MAGELANG",
        ],
    ));
    assert!(out.contains("recorded"), "{out}");
}

/// Refusals speak the officer's language: Indonesian by default, English with `--lang en`; with
/// `--json` a script also gets a stable code on stdout. `--at` records when it happened.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refusals_in_the_officers_language_with_stable_codes() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let url = db.url.clone();
    let run = |lang: Option<&str>, args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_meja"));
        cmd.args(["--db", &url, "--as", "demo.nasional"])
            .args(args)
            .env_remove("MEJA_DB")
            .env_remove("MEJA_USER")
            .env_remove("MEJA_LANG")
            // No configuration file of the machine's user decides the language here.
            .env("XDG_CONFIG_HOME", db.url.clone() + ".config");
        if let Some(lang) = lang {
            cmd.env("MEJA_LANG", lang);
        }
        cmd.output().expect("run meja")
    };
    let two_hours_ago = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
    let new = run(
        None,
        &[
            "intake",
            "--judul",
            "Uji",
            "--isi",
            "Uji isi",
            "--diterima",
            &two_hours_ago,
            "--json",
        ],
    );
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let created: serde_json::Value = serde_json::from_slice(&new.stdout).unwrap();
    let id = created["id"].as_i64().unwrap().to_string();

    let out = run(None, &["close", &id]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.contains("berstatus baru: selesaikan tidak dapat dilakukan"),
        "{stderr}"
    );
    let out = run(Some("en"), &["close", &id]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is baru: close is not possible"),
        "{stderr}"
    );
    let out = run(None, &["close", &id, "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "illegal_move");
    let out = run(None, &["show", "9999999", "--json"]);
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "not_found");
    assert_eq!(error["error"]["message"], "laporan #9999999 tidak ada");

    // --at: a note taken by phone an hour ago; never in the future.
    let an_hour_ago = (chrono::Utc::now() - chrono::Duration::hours(1)).to_rfc3339();
    let out = run(
        None,
        &[
            "note",
            &id,
            "--text",
            "Pelapor menelepon",
            "--at",
            &an_hour_ago,
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let in_an_hour = (chrono::Utc::now() + chrono::Duration::hours(1)).to_rfc3339();
    let out = run(
        Some("en"),
        &[
            "note",
            &id,
            "--text",
            "Nanti",
            "--at",
            &in_an_hour,
            "--json",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(error["error"]["code"], "at_in_future");
    let shown = run(None, &["show", &id, "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
    let note = shown["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "note")
        .expect("the note");
    assert!(note["recorded_at"].is_string(), "{note}");
}

/// What meja writes to a terminal carries no control sequence from outside: clap's usage errors
/// quote what was typed, and `--json` carries complaint text (bidi overrides, C1 controls).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_and_json_reach_the_terminal_harmless() {
    let db = sqlite().await;
    seeded(&db, 0).await;
    let url = db.url.clone();
    let hostile = "A\u{1b}]0;PWNED\u{7}B";
    let out = meja(&url, "demo.nasional", &["show", hostile]);
    assert_eq!(out.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a tracking id"), "{stderr}");
    assert!(
        !stderr.chars().any(|c| c.is_control() && c != '\n'),
        "{stderr:?}"
    );
    let out = meja(&url, "demo.nasional", &[hostile]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));

    // A title with a right-to-left override, and a C1 CSI written past the input rules (as an
    // older database or another program might hold it).
    let judul = "Tagihan \u{202e}gnalur\u{202c} air";
    let new = meja(
        &url,
        "demo.nasional",
        &["intake", "--judul", judul, "--isi", "Isi", "--json"],
    );
    assert!(
        new.status.success(),
        "{}",
        String::from_utf8_lossy(&new.stderr)
    );
    let id = serde_json::from_slice::<serde_json::Value>(&new.stdout).unwrap()["id"]
        .as_i64()
        .unwrap();
    db.raw(&format!(
        "UPDATE complaint SET isi = 'Isi' || char(155) || '31m merah' WHERE id = {id}"
    ))
    .await
    .unwrap();
    let out = meja(&url, "demo.nasional", &["show", &id.to_string(), "--json"]);
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    for c in ['\u{202e}', '\u{202c}', '\u{9b}'] {
        assert!(!stdout.contains(c), "raw {:?} in the JSON", c);
    }
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown["judul"], judul, "the same text to a JSON parser");
    assert_eq!(shown["isi"], "Isi\u{9b}31m merah");
}
