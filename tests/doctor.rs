//! `meja doctor` with the real binary: a healthy database is all green; a database with a stale
//! schema, a dropped index and a calendar that ends this year gets each problem named with the
//! command that fixes it, and exit code 1; the fix it names for the index works.

mod common;

use common::*;
use std::process::{Command, Output};

fn doctor(url: &str, config_home: &std::path::Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", url, "doctor"])
        .env_remove("MEJA_DB")
        .env("XDG_CONFIG_HOME", config_home)
        .env_remove("NO_COLOR")
        .output()
        .expect("run meja")
}

fn lines(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_healthy_database_is_all_green_on_both_backends() {
    let home = tempfile::tempdir().unwrap();
    for db in [sqlite().await, postgres().await] {
        seeded(&db, 20).await;
        let out = doctor(&db.url, home.path());
        let text = lines(&out);
        assert!(out.status.success(), "{}: {text}", db.label);
        for name in [
            "database", "schema", "indexes", "calendar", "config", "keymap",
        ] {
            assert!(
                text.lines()
                    .any(|l| l.starts_with("ok ") && l.contains(name)),
                "{}: {name} is green in {text}",
                db.label
            );
        }
        assert!(!text.contains("PROBLEM"), "{text}");
        db.drop_schema().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_problem_is_named_with_its_fix() {
    let home = tempfile::tempdir().unwrap();
    let db = sqlite().await;
    seeded(&db, 20).await;
    db.raw(
        "DROP INDEX complaint_breach; \
         DELETE FROM holiday WHERE day >= '2027-01-01'; \
         DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await
    .unwrap();
    // A configuration file that does not parse, too.
    std::fs::create_dir_all(home.path().join("meja")).unwrap();
    std::fs::write(home.path().join("meja/config.toml"), "lang = \n").unwrap();
    let out = doctor(&db.url, home.path());
    let text = lines(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    let problem = |name: &str, found: &str, fix: &str| {
        let at = text
            .lines()
            .position(|l| l.starts_with("PROBLEM") && l.contains(name) && l.contains(found))
            .unwrap_or_else(|| panic!("{name} ({found}) named in {text}"));
        let next = text.lines().nth(at + 1).unwrap_or_default();
        assert!(
            next.contains("fix:") && next.contains(fix),
            "{name}: {next}"
        );
    };
    problem("schema", "this meja needs", "meja migrate");
    problem("indexes", "complaint_breach", "meja migrate");
    problem("calendar", "2026", "meja holiday add");
    problem("config", "config.toml", "config.toml");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("4 problem(s)"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fix_named_for_a_missing_index_works() {
    let home = tempfile::tempdir().unwrap();
    let db = sqlite().await;
    seeded(&db, 20).await;
    db.raw("DROP INDEX complaint_recv").await.unwrap();
    let out = doctor(&db.url, home.path());
    assert_eq!(out.status.code(), Some(1), "{}", lines(&out));
    let migrate = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "migrate"])
        .env_remove("MEJA_DB")
        .output()
        .unwrap();
    assert!(migrate.status.success());
    let out = doctor(&db.url, home.path());
    assert!(out.status.success(), "{}", lines(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_words_left_to_write_are_named_and_migrate_writes_them() {
    let home = tempfile::tempdir().unwrap();
    let db = sqlite().await;
    seeded(&db, 20).await;
    // As an interrupted `meja migrate` to schema 10 leaves a database.
    db.raw("INSERT INTO meja_meta (key, value) VALUES ('search_words', 'pending')")
        .await
        .unwrap();
    let out = doctor(&db.url, home.path());
    let text = lines(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("PROBLEM") && l.contains("search words")),
        "{text}"
    );
    let migrate = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "migrate"])
        .env_remove("MEJA_DB")
        .output()
        .unwrap();
    assert!(migrate.status.success());
    let out = doctor(&db.url, home.path());
    assert!(out.status.success(), "{}", lines(&out));
}
