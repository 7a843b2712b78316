//! The supervisor's board in a headless console on a real store (SQLite and PostgreSQL), through
//! the real keymap: an officer is refused, Enter on a figure opens the queue that counts exactly
//! it, a change written through another store arrives on the board (one reload for a burst), and
//! the board's byte budgets (nothing sent when idle, no colour in the monochrome theme).

mod common;
mod console_support;

use chrono::Utc;
use common::TestDb;
use console_support::{Opts, colour_sgrs, mem_screen, settings};
use meja::console::App;
use meja::console::board_items::{Item, items, target};
use meja::console::state::{Conn, TabKind};
use meja::domain::Status;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::domain::monev::board::Board;
use meja::domain::view::View;
use meja::store::Store;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_REGENCY_CODE, DEMO_SUPERVISOR};
use std::sync::Arc;
use std::time::Duration;

const SIZE: (u16, u16) = (120, 40);
const WAIT: Duration = Duration::from_secs(20);

async fn console(db: &TestDb, user: &str, o: &Opts, size: (u16, u16)) -> App {
    let actor = common::actor(&db.store, user).await;
    let mut app = App::new(db.store.clone(), actor, settings(o), size);
    app.start();
    app.idle().await;
    app
}

fn data(app: &App) -> Arc<Board> {
    app.state
        .board
        .as_ref()
        .and_then(|b| b.data.clone())
        .expect("the board's figures")
}

/// Moves the cursor onto `item` with the keymap's `j`.
async fn go_to(app: &mut App, item: Item) {
    let at = items(&data(app))
        .iter()
        .position(|i| *i == item)
        .expect("the item is on the board");
    app.press("g g");
    for _ in 0..at {
        app.press("j");
    }
    app.idle().await;
    assert_eq!(app.state.board.as_ref().map(|b| b.selected), Some(at));
}

async fn an_officer_is_refused(db: &TestDb) {
    common::seeded(db, 120).await;
    let mut app = console(db, DEMO_OFFICER, &Opts::default(), SIZE).await;
    app.press("B");
    app.idle().await;
    assert!(app.state.board.is_none(), "no board for an officer");
    let notice = app.state.notice.clone().expect("a refusal");
    assert!(notice.error, "{notice:?}");
    assert!(notice.text.contains("admin koordinator"), "{}", notice.text);
}

/// Enter on a backlog status opens the queue of exactly that many reports; on an officer who has
/// overdue reports, their overdue reports; on breached clocks, the Terlambat view.
async fn enter_opens_the_queue_a_figure_counts(db: &TestDb) {
    common::seeded(db, 400).await;
    // Reports received at the kota on Tuesday 24 and Wednesday 25 November: their verification
    // clocks fall due at the end of today (Friday 27) and on Monday 30, the next working day.
    let national = common::actor(&db.store, DEMO_NATIONAL).await;
    for day in [24, 25] {
        let received =
            chrono::DateTime::parse_from_rfc3339(&format!("2026-11-{day}T09:00:00+07:00"))
                .unwrap()
                .with_timezone(&Utc);
        let mut new = common::report(&format!("Lampu jalan padam {day}"), received);
        new.instansi = Some(DEMO_REGENCY_CODE.into());
        db.store.intake(&national, new).await.unwrap();
    }
    let mut app = console(db, DEMO_SUPERVISOR, &Opts::default(), SIZE).await;
    app.press("B");
    app.idle().await;
    let board = data(&app);
    assert!(board.backlog.open > 0, "{board:?}");
    let (&status, &count) = board
        .backlog
        .by_status
        .iter()
        .max_by_key(|(_, n)| **n)
        .expect("open reports");
    go_to(&mut app, Item::Status(status)).await;
    app.press("Enter");
    app.idle().await;
    assert!(app.state.board.is_none(), "the queue is back");
    assert_eq!(
        app.state.filter_text,
        format!("status:{}", status.as_code())
    );
    assert_eq!(app.state.current_tab().kind, TabKind::Builtin(View::Semua));
    assert_eq!(
        app.state.current_tab().count,
        Some(meja::store::Count::exact(count as i64))
    );
    assert!(app.state.queue.rows.iter().all(|r| r.status == status));

    // An officer's overdue reports.
    app.press("B");
    app.idle().await;
    let board = data(&app);
    let (i, o) = board
        .officers
        .iter()
        .enumerate()
        .find(|(_, o)| o.load.overdue > 0)
        .expect("an officer with overdue reports in the seed");
    go_to(&mut app, Item::Officer(i)).await;
    app.press("Enter");
    app.idle().await;
    let t = target(&board, Item::Officer(i)).expect("a queue");
    assert_eq!(app.state.filter_text, t.filter);
    assert_eq!(
        app.state.current_tab().count,
        Some(meja::store::Count::exact(o.load.overdue as i64))
    );
    assert!(
        app.state
            .queue
            .rows
            .iter()
            .all(|r| r.assignee.as_deref() == Some(o.username.as_str())),
        "only {}'s reports",
        o.username
    );

    // Breached clocks: `terlambat`, as many as the board counts (the Terlambat view also lists
    // what falls due by the next working day).
    app.press("B");
    app.idle().await;
    let board = data(&app);
    go_to(&mut app, Item::Breached).await;
    app.press("Enter");
    app.idle().await;
    assert_eq!(app.state.current_tab().kind, TabKind::Builtin(View::Semua));
    assert_eq!(app.state.filter_text, "terlambat");
    assert_eq!(
        app.state.current_tab().count,
        Some(meja::store::Count::exact(board.clocks.breached as i64))
    );

    // Clocks due today and on the next working day: `jatuh:`, as many as the board counts.
    let mut seen = 0;
    for (item, filter) in [
        (Item::DueToday, "jatuh:hari-ini"),
        (Item::DueNext, "jatuh:berikutnya"),
    ] {
        app.press("B");
        app.idle().await;
        let board = data(&app);
        let expected = match item {
            Item::DueToday => board.clocks.due_today,
            _ => board.clocks.due_next,
        };
        seen += expected;
        go_to(&mut app, item).await;
        app.press("Enter");
        app.idle().await;
        assert_eq!(app.state.filter_text, filter);
        assert_eq!(
            app.state.current_tab().count,
            Some(meja::store::Count::exact(expected as i64)),
            "{filter}"
        );
    }
    assert!(seen >= 2, "the two reports' clocks are counted");
}

/// A report received at the national desk and disposed to the demo unit: two events the
/// supervisor's feed sees once the report is in their subtree.
async fn disposed_to_demo_unit(store: &Store, judul: &str) {
    let national = common::actor(store, DEMO_NATIONAL).await;
    let officer = store.officer(DEMO_OFFICER).await.unwrap();
    let unit = store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .unwrap();
    let c = store
        .intake(&national, common::report(judul, Utc::now()))
        .await
        .unwrap();
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code),
    };
    store.act(&national, c.id, None, &dispose).await.unwrap();
}

/// Three reports written through another store in a burst reach the open board, counted once
/// each, in one reload (or two, should the burst straddle the coalescing wait).
async fn a_change_from_another_store_arrives_coalesced(db: &TestDb) {
    common::seeded(db, 120).await;
    let mut app = console(db, DEMO_SUPERVISOR, &Opts::default(), SIZE).await;
    app.go_live();
    assert!(app.wait_until(WAIT, |s| s.conn == Conn::Live).await);
    app.press("B");
    app.idle().await;
    let before = data(&app);
    let loads = app.state.board.as_ref().map(|b| b.loads).unwrap_or(0);
    let open_before = before.backlog.open;
    let other = db.second_store().await;
    for n in 0..3 {
        disposed_to_demo_unit(&other, &format!("Laporan papan {n}")).await;
    }
    let arrived = app
        .wait_until(WAIT, |s| {
            s.board
                .as_ref()
                .and_then(|b| b.data.as_ref())
                .is_some_and(|d| d.backlog.open == open_before + 3)
        })
        .await;
    assert!(arrived, "the three reports reach the board");
    let board = data(&app);
    assert_eq!(
        board
            .backlog
            .by_status
            .get(&Status::Didisposisikan)
            .copied()
            .unwrap_or(0),
        before
            .backlog
            .by_status
            .get(&Status::Didisposisikan)
            .copied()
            .unwrap_or(0)
            + 3
    );
    let reloads = app.state.board.as_ref().map(|b| b.loads).unwrap_or(0) - loads;
    assert!(
        (1..=2).contains(&reloads),
        "six events, {reloads} reloads of the board"
    );
}

on_both!(
    an_officer_is_refused,
    enter_opens_the_queue_a_figure_counts,
    a_change_from_another_store_arrives_coalesced
);

/// Once drawn, the board sends nothing while nothing changes (the minute's tick and the presence
/// round included); the monochrome board writes no colour code.
#[tokio::test]
async fn the_board_costs_nothing_idle_and_no_colour_in_mono() {
    let db = console_support::seeded(1500).await;
    for (mono, size) in [(false, (80, 24)), (true, (200, 60))] {
        let o = Opts {
            mono,
            ..Opts::default()
        };
        let actor = db.store.actor(o.user).await.unwrap();
        let mut app = App::new(db.store.clone(), actor, settings(&o), size);
        let mut screen = mem_screen(size);
        app.start();
        app.idle().await;
        screen.frame(&mut app).unwrap();
        app.press("B");
        app.idle().await;
        let first = screen.frame(&mut app).unwrap();
        assert!(app.state.board.as_ref().is_some_and(|b| b.data.is_some()));
        app.idle().await;
        let idle = screen.frame(&mut app).unwrap();
        app.handle(meja::console::msg::Msg::Tick(console_support::now()));
        app.handle(meja::console::msg::Msg::PresenceTick);
        app.idle().await;
        let idle2 = screen.frame(&mut app).unwrap();
        // The end of a coalescing wait with nothing changed loads and draws nothing.
        app.handle(meja::console::msg::Msg::BoardDue);
        app.idle().await;
        let idle3 = screen.frame(&mut app).unwrap();
        println!(
            "board at {}x{} ({}): first frame {first} bytes, idle {} bytes",
            size.0,
            size.1,
            if mono { "mono" } else { "colour" },
            idle + idle2 + idle3
        );
        assert_eq!(idle + idle2 + idle3, 0);
        if mono {
            let found = colour_sgrs(screen.out());
            assert!(found.is_empty(), "{found:?}");
        }
    }
}
