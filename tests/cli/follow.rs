//! `meja events --follow --json`: an integration's view of the log. It prints what the log
//! already holds after `--after`, then each event as it is recorded, one JSON object per line,
//! scoped to the officer like every listing; a second run resumes after the last id it printed.

use super::*;
use meja::domain::lifecycle::{Action, Named};
use meja::store::seed::DEMO_NATIONAL;
use std::io::{BufRead, BufReader};
use std::sync::mpsc;
use std::time::Duration;

/// A running `meja events --follow`, its lines arriving on a channel as it writes them.
struct Follower {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Follower {
    fn start(db: &TestDb, user: &str, after: i64) -> Follower {
        let mut child = Command::new(env!("CARGO_BIN_EXE_meja"))
            .args([
                "--db", &db.url, "--as", user, "events", "--follow", "--json",
            ])
            .args(["--after", &after.to_string()])
            .env_remove("MEJA_DB")
            .env_remove("MEJA_USER")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("run meja events --follow");
        let stdout = child.stdout.take().expect("its output");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Follower { child, lines }
    }

    /// The next event printed (20 s is a failure, not a way to wait).
    fn next(&self) -> serde_json::Value {
        let line = self
            .lines
            .recv_timeout(Duration::from_secs(20))
            .expect("meja events --follow printed the event");
        serde_json::from_str(&line).unwrap_or_else(|e| panic!("a JSON line: {e}: {line}"))
    }

    /// Events until the one that satisfies `pred`, which is returned.
    fn until(&self, pred: impl Fn(&serde_json::Value) -> bool) -> serde_json::Value {
        loop {
            let e = self.next();
            if pred(&e) {
                return e;
            }
        }
    }
}

impl Drop for Follower {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn note(db: &TestDb, user: &str, id: i64, body: &str) -> i64 {
    let who = actor(&db.store, user).await;
    db.store
        .act(&who, id, None, &Action::<Named>::Note { body: body.into() })
        .await
        .expect("a note")
        .event_id
}

async fn follow_prints_the_log_then_each_new_event(db: &TestDb) {
    seeded(db, 30).await;
    let newest = db.store.latest_event_id().await.expect("newest event");
    let follower = Follower::start(db, DEMO_NATIONAL, 0);
    // What the log holds comes first, in order, up to the newest event.
    let mut last = 0;
    loop {
        let e = follower.next();
        let id = e["id"].as_i64().expect("an id");
        assert!(id > last, "in order: {id} after {last}");
        last = id;
        if id == newest {
            break;
        }
    }
    // Then a note made elsewhere, as it is recorded.
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let page = db
        .store
        .list(
            &national,
            &meja::store::ListQuery::new(meja::domain::view::View::Semua),
        )
        .await
        .unwrap();
    let id = page.rows.first().expect("a report").id;
    let event = note(db, DEMO_NATIONAL, id, "dicatat untuk integrasi").await;
    let seen = follower.until(|e| e["id"].as_i64() == Some(event));
    assert_eq!(seen["kind"], "note");
    assert_eq!(seen["complaint_id"], id);
    drop(follower);

    // Resuming after the last id printed gives only what came since.
    let again = note(db, DEMO_NATIONAL, id, "catatan kedua").await;
    let resumed = Follower::start(db, DEMO_NATIONAL, event);
    assert_eq!(resumed.next()["id"].as_i64(), Some(again));
}

on_both!(follow_prints_the_log_then_each_new_event);
