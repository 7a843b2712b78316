//! Issue 5 in the console: two headless consoles on one database (SQLite and PostgreSQL). An
//! action in one appears in the other without moving the other's cursor; new reports appear
//! marked; presence appears and goes away; the header shows the feed's state.

mod common;
mod console_support;

use chrono::Utc;
use common::TestDb;
use meja::console::App;
use meja::console::msg::Msg;
use meja::console::state::Conn;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use std::time::Duration;

/// Small enough that the queue is longer than the screen, as a working queue is.
const SIZE: (u16, u16) = (120, 16);
const WAIT: Duration = Duration::from_secs(10);

async fn console(db: &TestDb, user: &str) -> App {
    let actor = common::actor(&db.store, user).await;
    let mut app = App::new(
        db.store.clone(),
        actor,
        console_support::settings(&console_support::Opts::default()),
        SIZE,
    );
    app.start();
    app.idle().await;
    app.go_live();
    assert!(
        app.wait_until(WAIT, |s| s.conn == Conn::Live).await,
        "the feed goes live"
    );
    app
}

async fn disposed_to_demo_unit(db: &TestDb, judul: &str) -> i64 {
    let national = common::actor(&db.store, DEMO_NATIONAL).await;
    let officer = db.store.officer(DEMO_OFFICER).await.unwrap();
    let unit = db
        .store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .unwrap();
    let c = db
        .store
        .intake(&national, common::report(judul, Utc::now()))
        .await
        .unwrap();
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code),
    };
    db.store.act(&national, c.id, None, &dispose).await.unwrap();
    c.id
}

async fn changes_arrive_without_moving_the_cursor(db: &TestDb) {
    common::seeded(db, 0).await;
    let mut ids = Vec::new();
    for n in 0..24 {
        ids.push(disposed_to_demo_unit(db, &format!("Laporan langsung {n}")).await);
    }
    // The supervisor watches Semua (view 6) and sits on the fourth row.
    let mut supervisor = console(db, DEMO_SUPERVISOR).await;
    supervisor.press("6");
    supervisor.idle().await;
    supervisor.press("j j j");
    supervisor.idle().await;
    assert!(
        supervisor.state.queue.rows.len() > usize::from(SIZE.1),
        "the queue is longer than the screen"
    );
    let selected_id = supervisor.state.queue.current().unwrap().id;
    let line = supervisor.state.queue.selected - supervisor.state.queue.offset;
    // In the officer's console, the officer claims the complaint two rows below it.
    let target = supervisor.state.queue.rows[supervisor.state.queue.selected + 2].id;
    let mut officer = console(db, DEMO_OFFICER).await;
    let officer_actor = common::actor(&db.store, DEMO_OFFICER).await;
    db.store
        .act(&officer_actor, target, None, &Action::Claim)
        .await
        .unwrap();
    let arrived = supervisor
        .wait_until(WAIT, |s| {
            s.queue
                .rows
                .iter()
                .any(|r| r.id == target && r.assignee.as_deref() == Some(DEMO_OFFICER))
        })
        .await;
    assert!(arrived, "the claim appears in the other console");
    assert_eq!(
        supervisor.state.queue.current().unwrap().id,
        selected_id,
        "the cursor stays on its complaint"
    );
    assert_eq!(
        supervisor.state.queue.selected - supervisor.state.queue.offset,
        line,
        "on the same line of the screen"
    );
    // A new report arrives above it: marked, and the selected row still does not move.
    let fresh = disposed_to_demo_unit(db, "Laporan yang baru masuk").await;
    let arrived = supervisor
        .wait_until(WAIT, |s| s.queue.rows.iter().any(|r| r.id == fresh))
        .await;
    assert!(arrived, "the new report appears");
    assert!(
        supervisor.state.queue.fresh.contains(&fresh),
        "new rows are marked"
    );
    assert_eq!(supervisor.state.queue.current().unwrap().id, selected_id);
    assert_eq!(
        supervisor.state.queue.selected - supervisor.state.queue.offset,
        line
    );
    assert!(
        supervisor.state.tabs.iter().all(|t| t.count.is_some()),
        "the counts are refreshed"
    );
    // The officer's own console reflects the change too.
    assert!(
        officer
            .wait_until(WAIT, |s| s.queue.rows.iter().any(|r| r.id == fresh))
            .await
    );
}

async fn presence_appears_and_goes(db: &TestDb) {
    common::seeded(db, 0).await;
    let id = disposed_to_demo_unit(db, "Laporan dilihat bersama").await;
    let mut officer = console(db, DEMO_OFFICER).await;
    let mut supervisor = console(db, DEMO_SUPERVISOR).await;
    // The officer opens the complaint; their console says so on its next presence round.
    officer.press("6");
    officer.idle().await;
    let row = officer
        .state
        .queue
        .rows
        .iter()
        .position(|r| r.id == id)
        .unwrap();
    for _ in 0..row {
        officer.press("j");
    }
    officer.press("Enter");
    officer.idle().await;
    assert_eq!(officer.state.detail.as_ref().map(|d| d.id), Some(id));
    officer.handle(Msg::PresenceTick);
    officer.idle().await;
    supervisor.press("6");
    supervisor.idle().await;
    supervisor.handle(Msg::PresenceTick);
    supervisor.idle().await;
    let here: Vec<_> = supervisor
        .state
        .presence
        .iter()
        .filter(|p| p.complaint_id == id)
        .collect();
    assert_eq!(
        here.len(),
        1,
        "the supervisor sees the officer at the complaint: {:?}",
        supervisor.state.presence
    );
    assert_eq!(here[0].username, DEMO_OFFICER);
    assert_eq!(
        meja::console::at_hand::row_mark(&supervisor.state, id),
        Some('◉')
    );
    // The officer leaves the complaint: at the next rounds the mark is gone.
    officer.press("Escape");
    officer.idle().await;
    officer.state.detail = None;
    officer.handle(Msg::PresenceTick);
    officer.idle().await;
    supervisor.handle(Msg::PresenceTick);
    supervisor.idle().await;
    assert!(
        supervisor
            .state
            .presence
            .iter()
            .all(|p| p.complaint_id != id),
        "{:?}",
        supervisor.state.presence
    );
}

/// The officer's own change made elsewhere (a shell, a second console) arrives like a
/// colleague's: the feed skips only the events this console wrote.
async fn my_changes_from_elsewhere_arrive(db: &TestDb) {
    common::seeded(db, 0).await;
    let id = disposed_to_demo_unit(db, "Laporan dari shell").await;
    let mut console = console(db, DEMO_OFFICER).await;
    console.press("6");
    console.idle().await;
    assert!(
        console
            .state
            .queue
            .rows
            .iter()
            .any(|r| r.id == id && r.assignee.is_none())
    );
    // The same officer claims it from a shell: another handle on the database.
    let shell = db.second_store().await;
    let me = common::actor(&shell, DEMO_OFFICER).await;
    shell
        .act(&me, id, None, &Action::<Named>::Claim)
        .await
        .unwrap();
    assert!(
        console
            .wait_until(WAIT, |s| s
                .queue
                .rows
                .iter()
                .any(|r| r.id == id && r.assignee.is_some()))
            .await,
        "the claim made in the shell reaches the console"
    );
    shell.close().await;
}

/// A complaint that leaves the officer's subtree (returned as bukan wewenang by a colleague of
/// the unit) takes the counts with it: the event that moved it out is no longer under the unit's
/// path, yet the unit's feed hears of it (masked) and the tabs are recounted.
async fn counts_follow_a_complaint_out_of_scope(db: &TestDb) {
    common::seeded(db, 0).await;
    let id = disposed_to_demo_unit(db, "Bukan urusan unit ini").await;
    disposed_to_demo_unit(db, "Tetap di unit").await;
    let mut console = console(db, DEMO_OFFICER).await;
    let tim = |s: &meja::console::state::State| s.tabs[2].count.map(|c| c.n);
    assert_eq!(tim(&console.state), Some(2));
    let colleague = db.second_store().await;
    let me = common::actor(&colleague, DEMO_OFFICER).await;
    let back: Action<Named> = Action::ReturnNotAuthority {
        reason: "bukan wewenang unit".into(),
    };
    colleague.act(&me, id, None, &back).await.unwrap();
    assert!(
        console.wait_until(WAIT, |s| tim(s) == Some(1)).await,
        "the Tim count follows the report out of the unit: {:?}",
        tim(&console.state)
    );
    // What the unit's feed says of it is only that it left.
    let events = db.store.events_after(&me, 0, 100).await.unwrap();
    let left = events
        .iter()
        .rev()
        .find(|e| e.complaint_id == id)
        .expect("the departure is in the unit's feed");
    assert_eq!(left.details, serde_json::Value::Null);
    colleague.close().await;
}

on_all!(
    changes_arrive_without_moving_the_cursor,
    presence_appears_and_goes,
    my_changes_from_elsewhere_arrive,
    counts_follow_a_complaint_out_of_scope
);

/// PostgreSQL goes away under a running console (every connection of the test is killed: the
/// feed's and the pool's) while a colleague keeps working and the officer keeps typing. The
/// console says it is reconnecting, comes back, shows every change made meanwhile, and the draft
/// reaches the store.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_survives_the_database_going_away() {
    let db = common::postgres().await;
    common::seeded(&db, 0).await;
    let mut ids = Vec::new();
    for n in 0..20 {
        ids.push(disposed_to_demo_unit(&db, &format!("Sebelum putus {n}")).await);
    }
    let mut officer = console(&db, DEMO_OFFICER).await;
    officer.press("6");
    officer.idle().await;
    officer.press("Enter");
    officer.idle().await;
    let open = officer
        .state
        .detail
        .as_ref()
        .map(|d| d.id)
        .expect("a complaint is open");
    officer.press("e");
    officer.idle().await;
    assert!(officer.state.editor.is_some(), "the reply editor is open");
    officer.type_text("Sedang kami tangani");
    officer.idle().await;
    let schema = db.pg_schema().unwrap().to_string();
    let killed = db
        .pg_scalar(&format!("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{schema}'"))
        .await;
    assert!(killed >= 2, "killed {killed} connections");
    // A colleague (another process) works meanwhile.
    let other = db.second_store().await;
    let national = common::actor(&other, DEMO_NATIONAL).await;
    let officer_unit = other.officer(DEMO_OFFICER).await.unwrap().instansi_id;
    let unit = other
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer_unit)
        .unwrap();
    let mut made = Vec::new();
    for n in 0..3 {
        let c = other
            .intake(
                &national,
                common::report(&format!("Selama putus {n}"), Utc::now()),
            )
            .await
            .unwrap();
        let dispose: Action<Named> = Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(unit.code.clone()),
        };
        other.act(&national, c.id, None, &dispose).await.unwrap();
        made.push(c.id);
    }
    officer.type_text(", mohon ditunggu.");
    // The header says the connection is in trouble at some point, then live again.
    let trouble = std::cell::Cell::new(false);
    let back = officer
        .wait_until(Duration::from_secs(20), |s| {
            if s.conn != Conn::Live {
                trouble.set(true);
            }
            trouble.get()
                && s.conn == Conn::Live
                && made
                    .iter()
                    .all(|id| s.queue.rows.iter().any(|r| r.id == *id))
        })
        .await;
    assert!(
        trouble.get(),
        "the header said the connection was lost or reconnecting"
    );
    assert!(
        back,
        "after reconnecting the console shows every change made meanwhile (conn {:?})",
        officer.state.conn
    );
    // The draft reaches the store (autosave retries after a failure).
    let me = common::actor(&other, DEMO_OFFICER).await;
    // Wait for the thing itself: the console knows when the store confirmed the save.
    let saved = officer
        .wait_until(Duration::from_secs(20), |s| {
            s.editor
                .as_ref()
                .is_some_and(|e| e.saved == "Sedang kami tangani, mohon ditunggu.")
        })
        .await;
    assert!(saved, "the autosave was confirmed");
    let stored = other.draft(&me, open).await.unwrap();
    assert_eq!(
        stored.map(|d| d.body),
        Some("Sedang kami tangani, mohon ditunggu.".to_string()),
        "no draft is lost"
    );
    other.close().await;
    db.drop_schema().await;
}
