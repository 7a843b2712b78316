//! Opening a database never asks, so it must never guess wrong: the real binary creates a SQLite
//! database only for the commands that make one, refuses another application's SQLite file without
//! touching it, reads a read-only database without writing a byte, and ends quietly when the
//! reader of its output goes away.
//!
//! What is tested for read-only: `--readonly` (mode=ro, query_only), and a file without write
//! permission bits (chmod 444). The tests run as root, who may write any file, so the second case
//! relies on meja honouring the permission bits rather than on the kernel refusing; a read-only
//! directory (where SQLite could not create -wal/-shm even if it tried) is covered by the same
//! immutable open, which is checked here by the absence of -wal/-shm files afterwards.

mod common;

use common::*;
use meja::store::Store;
use meja::store::open::{OpenOptions, companion};
use meja::store::seed::{SeedOptions, seed};
use std::io::{BufRead, BufReader, Read};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

fn meja(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_meja"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .output()
        .expect("run meja")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Exit code 1 and one line on stderr containing every one of `expect`.
fn refused(out: &Output, expect: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "exit code: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err:?}");
    for e in expect {
        assert!(err.contains(e), "expected '{e}' in {err:?}");
    }
}

fn succeeded(out: &Output) -> String {
    assert!(out.status.success(), "failed: {}", stderr(out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn no_companions(path: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let c = companion(path, suffix);
        assert!(!c.exists(), "{} was left behind", c.display());
    }
}

/// Files in a directory, sorted, for "nothing was created here".
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_reading_command_on_a_missing_path_creates_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let typo = dir.path().join("typo").join("x.db");
    let out = meja(&typo, &["--as", "demo", "list"]);
    refused(&out, &["no meja database at", "x.db", "migrate"]);
    assert!(
        !dir.path().join("typo").exists(),
        "no directory may be created"
    );

    let plain = dir.path().join("x.db");
    for args in [
        &["--as", "demo", "list"][..],
        &["--as", "demo", "show", "1000001"],
        &["--as", "demo", "claim", "1000001"],
        &["instansi", "list"],
        &["--as", "demo", "--readonly", "list"],
    ] {
        let out = meja(&plain, args);
        refused(&out, &["no meja database at"]);
        assert!(listing(dir.path()) == ["typo"] || listing(dir.path()).is_empty());
        assert!(!plain.exists(), "{args:?} created {}", plain.display());
        no_companions(&plain);
    }
}

#[test]
fn the_creating_commands_create() {
    let dir = tempfile::tempdir().expect("temp dir");
    let fresh = dir.path().join("new").join("meja.db");
    succeeded(&meja(&fresh, &["migrate"]));
    assert!(fresh.exists());
    // Now it is a meja database, so reading commands open it (and find no officer yet).
    let out = meja(&fresh, &["instansi", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));

    let seeded = dir.path().join("other").join("seeded.db");
    succeeded(&meja(
        &seeded,
        &[
            "seed",
            "--complaints",
            "5",
            "--quiet",
            "--now",
            "2026-11-09T10:00:00+07:00",
        ],
    ));
    assert!(seeded.exists());
    // Both carry meja's mark in their header, which opening reads before it connects.
    for db in [&fresh, &seeded] {
        let mut header = [0u8; 100];
        std::fs::File::open(db)
            .and_then(|mut f| f.read_exact(&mut header))
            .expect("the header");
        assert_eq!(&header[68..72], b"meja", "{}", db.display());
    }
}

/// A meja database from before the mark (application id 0) is still recognised by its tables
/// and opened.
#[test]
fn an_unmarked_meja_database_is_still_opened() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("old.db");
    succeeded(&meja(&db, &["migrate"]));
    let rt = tokio::runtime::Runtime::new().expect("a runtime");
    rt.block_on(async {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.display()))
            .await
            .expect("the file");
        sqlx::query("PRAGMA application_id = 0")
            .execute(&pool)
            .await
            .expect("cleared");
        pool.close().await;
    });
    let mut header = [0u8; 100];
    std::fs::File::open(&db)
        .and_then(|mut f| f.read_exact(&mut header))
        .expect("the header");
    assert_eq!(&header[68..72], &[0, 0, 0, 0]);
    let out = meja(&db, &["instansi", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_library_creates_only_when_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sub").join("x.db");
    let url = path.display().to_string();
    let Err(e) = Store::open_with(&url, &OpenOptions::default()).await else {
        panic!("opened where there is no database");
    };
    assert!(e.to_string().contains("no meja database at"), "{e}");
    assert!(!dir.path().join("sub").exists());
    let store = Store::open_with(&url, &OpenOptions::default().creating(true))
        .await
        .expect("created when asked");
    store.close().await;
    assert!(path.exists());
}

#[test]
fn an_empty_file_is_new_only_for_the_creating_commands() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("touched.db");
    std::fs::write(&path, b"").expect("touch");
    refused(
        &meja(&path, &["--as", "demo", "list"]),
        &["no meja database at", "empty file"],
    );
    assert_eq!(std::fs::metadata(&path).expect("file").len(), 0);
    no_companions(&path);
    succeeded(&meja(&path, &["migrate"]));
    assert!(std::fs::metadata(&path).expect("file").len() > 0);
}

/// A SQLite database of another application, in the given journal mode, closed cleanly.
async fn foreign_database(path: &Path, wal: bool) {
    use sqlx::ConnectOptions;
    use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode};
    let mut options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true);
    if wal {
        options = options.journal_mode(SqliteJournalMode::Wal);
    }
    let mut conn = options.connect().await.expect("foreign db");
    for sql in [
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)",
        "INSERT INTO notes (body) VALUES ('belanja'), ('rapat')",
    ] {
        sqlx::query(sql).execute(&mut conn).await.expect("write");
    }
    sqlx::Connection::close(conn).await.expect("close");
    no_companions(path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_applications_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    for wal in [false, true] {
        let path = dir.path().join(format!("notes-{wal}.db"));
        foreign_database(&path, wal).await;
        let before = std::fs::read(&path).expect("bytes");
        for args in [
            &["--as", "demo", "list"][..],
            &["--readonly", "--as", "demo", "list"],
            &["migrate"],
            &[
                "seed",
                "--complaints",
                "1",
                "--quiet",
                "--now",
                "2026-11-09T10:00:00+07:00",
            ],
        ] {
            refused(&meja(&path, args), &["another application", "untouched"]);
            assert_eq!(
                std::fs::read(&path).expect("bytes"),
                before,
                "{args:?} changed the file (wal {wal})"
            );
            no_companions(&path);
        }
        // Also through the library, which the console and tests use.
        let Err(e) = Store::open(&path.display().to_string()).await else {
            panic!("opened another application's database");
        };
        assert!(e.to_string().contains("another application"), "{e}");
        assert_eq!(std::fs::read(&path).expect("bytes"), before);
        no_companions(&path);
    }

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "bukan basis data\n".repeat(20)).expect("text file");
    refused(
        &meja(&text, &["migrate"]),
        &["not a meja database", "not a SQLite file"],
    );
    assert_eq!(
        std::fs::read_to_string(&text).expect("text"),
        "bukan basis data\n".repeat(20)
    );
    no_companions(&text);
}

/// A seeded meja database at a path of its own, closed (its WAL checkpointed away).
async fn seeded_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("meja.db");
    let store = Store::open(&path.display().to_string())
        .await
        .expect("open");
    seed(
        &store,
        &SeedOptions {
            complaints: 50,
            seed: 7,
            now: fixture_now(),
            progress: false,
        },
    )
    .await
    .expect("seed");
    store.close().await;
    no_companions(&path);
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readonly_reads_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = seeded_file(dir.path()).await;
    let before = std::fs::read(&path).expect("bytes");
    let modified = std::fs::metadata(&path).expect("meta").modified().ok();

    let list = succeeded(&meja(
        &path,
        &["--readonly", "--as", "demo.nasional", "list"],
    ));
    let first = list
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("a row")
        .trim_start_matches('#')
        .to_string();
    let shown = succeeded(&meja(
        &path,
        &["--readonly", "--as", "demo.nasional", "show", &first],
    ));
    assert!(shown.contains(&first), "{shown}");
    succeeded(&meja(
        &path,
        &["--readonly", "--as", "demo", "instansi", "list"],
    ));
    refused(
        &meja(
            &path,
            &[
                "--readonly",
                "--as",
                "demo.nasional",
                "note",
                &first,
                "--text",
                "x",
            ],
        ),
        &["read-only", "--readonly", "meja note"],
    );
    refused(&meja(&path, &["--readonly", "migrate"]), &["read-only"]);
    assert_eq!(std::fs::read(&path).expect("bytes"), before, "file changed");
    assert_eq!(
        std::fs::metadata(&path).expect("meta").modified().ok(),
        modified
    );
    no_companions(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_without_write_permission_opens_read_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = seeded_file(dir.path()).await;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let before = std::fs::read(&path).expect("bytes");

    let list = succeeded(&meja(&path, &["--as", "demo.nasional", "list"]));
    let first = list
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().next())
        .expect("a row")
        .trim_start_matches('#')
        .to_string();
    succeeded(&meja(&path, &["--as", "demo.nasional", "show", &first]));
    refused(
        &meja(&path, &["--as", "demo.nasional", "claim", &first]),
        &["read-only", "the file is read-only", "meja claim"],
    );
    assert_eq!(std::fs::read(&path).expect("bytes"), before, "file changed");
    no_companions(&path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readonly_sees_what_a_running_writer_wrote() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = seeded_file(dir.path()).await;
    // A console is running on it: its -wal file holds pages not yet in the database file.
    let writer = Store::open(&path.display().to_string())
        .await
        .expect("writer");
    let nat = actor(&writer, "demo.nasional").await;
    let c = writer
        .intake(&nat, report("Lampu jalan mati", fixture_now()))
        .await
        .expect("intake");
    assert!(companion(&path, "-wal").exists());
    let shown = succeeded(&meja(
        &path,
        &[
            "--readonly",
            "--as",
            "demo.nasional",
            "show",
            &c.id.to_string(),
        ],
    ));
    assert!(shown.contains("Lampu jalan mati"), "{shown}");
    writer.close().await;
}

/// Reads the first line of `meja ARGS`, then stops reading: meja must end quietly and with 0.
fn head_1(db: &Path, args: &[&str]) {
    let full = succeeded(&meja(db, args));
    assert!(
        full.len() > 128 * 1024,
        "the output ({} bytes) must overflow the pipe for this test to mean anything",
        full.len()
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_meja"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn meja");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    // The reader is gone now (dropped with the BufReader), like `head -1` after one line.
    assert!(!first.is_empty());
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("stderr");
    let status = child.wait().expect("wait");
    assert!(err.is_empty(), "{args:?} said something: {err}");
    assert_eq!(status.code(), Some(0), "{args:?}: {status}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_pipe_ends_quietly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = seeded_file(dir.path()).await;
    // Repeated in case the reader's close races the writer's first write.
    for _ in 0..3 {
        head_1(&path, &["--as", "demo.nasional", "instansi", "list"]);
        head_1(
            &path,
            &["--as", "demo.nasional", "instansi", "list", "--json"],
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn readonly_refuses_changes_on_postgres_too() {
    let db = postgres().await;
    seeded(&db, 20).await;
    let before = db.store.latest_event_id().await.expect("events");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_meja"))
            .args(["--db", &db.url, "--readonly", "--as", "demo.nasional"])
            .args(args)
            .env_remove("MEJA_DB")
            .env_remove("MEJA_USER")
            .output()
            .expect("run meja")
    };
    succeeded(&run(&["show", "1000001"]));
    refused(
        &run(&["note", "1000001", "--text", "catatan"]),
        &["read-only", "--readonly", "meja note"],
    );
    assert_eq!(db.store.latest_event_id().await.expect("events"), before);
    db.drop_schema().await;
}

/// A PostgreSQL schema without meja's tables is named as such, with what to do, by a command
/// that is not `migrate`: the schema version is read at once, and no table is read as none.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_schema_without_meja_says_to_migrate() {
    let db = postgres().await;
    let (base, schema) = (pg_url(), db.pg_schema().expect("schema").to_string());
    let empty = format!("{schema}_kosong");
    let admin = sqlx::PgPool::connect(&base)
        .await
        .expect("admin connection");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {empty}")))
        .execute(&admin)
        .await
        .expect("an empty schema");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{empty}");
    let out = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &url, "--as", "demo", "list"])
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .output()
        .expect("run meja");
    refused(&out, &["no meja schema", "meja migrate"]);
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {empty} CASCADE")))
        .execute(&admin)
        .await
        .expect("drop the empty schema");
    admin.close().await;
    db.drop_schema().await;
}
