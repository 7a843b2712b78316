//! `meja report` agrees with the pure monev functions on a seeded database, on both backends:
//! the figures the binary prints are recomputed here from each complaint as `meja show` gives it
//! (record and event log, one complaint at a time), so the store's bulk reading of the subtree,
//! the grouping by child instansi and the ranking are each checked against an independent path.
//! And an officer's report counts only what is theirs. The console's board, which reads only the
//! complaints its month can count, agrees with the same functions over every complaint.

mod common;

use common::*;
use meja::domain::lifecycle::Actor;
use meja::domain::monev::{self, Life, Period, Record};
use meja::domain::view::View;
use meja::store::ListQuery;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use serde_json::Value;
use std::process::Command;

const NOW: &str = "2026-11-09T03:00:00Z";

fn report(db: &TestDb, user: &str, args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args([
            "--db", &db.url, "--as", user, "report", "--format", "json", "--now", NOW,
        ])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .env("MEJA_LANG", "en")
        .output()
        .expect("run meja");
    assert!(
        out.status.success(),
        "meja report: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

/// Every complaint the actor may see, each read on its own as `meja show` reads it.
async fn lives_one_by_one(db: &TestDb, actor: &Actor) -> Vec<Life> {
    let mut query = ListQuery::new(View::Semua);
    query.limit = 500;
    query.now = fixture_now();
    let mut lives = Vec::new();
    let calendars = db.store.calendars();
    let tree = db.store.instansi_list();
    loop {
        let page = db.store.list(actor, &query).await.expect("a page");
        for row in &page.rows {
            let c = db
                .store
                .complaint(actor, row.id)
                .await
                .expect("the complaint");
            let instansi = tree
                .iter()
                .find(|i| i.id == c.instansi_id)
                .expect("its instansi");
            lives.push(
                Life::of(
                    Record {
                        id: c.id,
                        received_at: c.received_at,
                        channel: c.channel,
                        kategori_id: c.kategori_id,
                        instansi_path: instansi.path.clone(),
                        zone: instansi.zone,
                        assignee: c.assignee.clone(),
                    },
                    &c.events,
                    &instansi.deadlines,
                    &calendars.for_path(&instansi.path),
                )
                // The running clock as the report has it now (a later day off moves it).
                .with_current_due(
                    c.clock
                        .as_ref()
                        .filter(|k| k.kind != meja::domain::types::ClockKind::Penutupan)
                        .and_then(|k| k.due_at),
                ),
            );
        }
        match page.next {
            Some(next) => query.after = Some(next),
            None => break,
        }
    }
    lives.sort_by_key(|l| l.id);
    lives
}

async fn report_agrees_with_the_pure_functions(db: &TestDb) {
    seeded(db, 300).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let got = report(
        db,
        DEMO_NATIONAL,
        &["--from", "2026-01-01", "--to", "2026-12-31"],
    );

    let lives = lives_one_by_one(db, &national).await;
    assert!(lives.len() >= 300, "the seed's reports and the demo's");
    let all: Vec<&Life> = lives.iter().collect();
    let period = Period {
        from: "2026-01-01".parse().unwrap(),
        to: "2026-12-31".parse().unwrap(),
    };
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let calendars = db.store.calendars();
    let root = db
        .store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == national.instansi_id)
        .unwrap();
    let children: Vec<_> = db
        .store
        .instansi_list()
        .into_iter()
        .filter(|i| i.parent_id == Some(root.id))
        .collect();
    let own = format!("{} (itself)", root.name);
    // Every province and ministry has its line, the quiet ones too.
    let always: Vec<String> = children
        .iter()
        .map(|c| c.name.clone())
        .chain(std::iter::once(own.clone()))
        .collect();
    let expected = monev::ranked_with(
        &all,
        &always,
        |l| {
            Some(
                children
                    .iter()
                    .find(|c| l.instansi_path.starts_with(&c.path))
                    .map(|c| c.name.clone())
                    .unwrap_or_else(|| own.clone()),
            )
        },
        period,
        now,
        &calendars,
    );
    assert_eq!(
        got["lines"],
        serde_json::to_value(&expected).unwrap(),
        "the ranked lines"
    );
    let total = monev::figures(&all, period, now, &calendars);
    assert_eq!(
        got["total"]["figures"],
        serde_json::to_value(&total).unwrap()
    );
    assert!(total.received > 0 && total.selesai > 0, "{total:?}");
    // Ranked: completion rates never rise down the list.
    let rates: Vec<f64> = expected
        .iter()
        .filter_map(|l| l.figures.completion_rate)
        .collect();
    assert!(rates.windows(2).all(|w| w[0] >= w[1]), "{rates:?}");

    // The other groupings account for every received report too.
    for by in ["category", "channel"] {
        let got = report(
            db,
            DEMO_NATIONAL,
            &["--by", by, "--from", "2026-01-01", "--to", "2026-12-31"],
        );
        let lines = got["lines"].as_array().expect("lines");
        let received: u64 = lines
            .iter()
            .map(|l| l["figures"]["received"].as_u64().unwrap())
            .sum();
        assert_eq!(received, total.received, "by {by}");
    }

    // An officer counts only the reports assigned to them, and sees only their own load.
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let mine = report(
        db,
        DEMO_OFFICER,
        &[
            "--by",
            "officer",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
        ],
    );
    let officers = mine["officers"].as_array().expect("officers");
    assert_eq!(officers.len(), 1);
    assert_eq!(officers[0]["username"], officer.username.as_str());
    let assigned_open = lives
        .iter()
        .filter(|l| l.assignee.as_deref() == Some(officer.username.as_str()) && l.is_open())
        .count() as u64;
    assert_eq!(officers[0]["open"].as_u64(), Some(assigned_open));
}

/// The board of a national admin and of a kota supervisor, as `Store::board` computes it from the
/// complaints this month can count (received or moved since, or open), equals the board computed
/// by the pure functions from every complaint of the subtree read one by one.
async fn the_board_agrees_with_the_pure_functions(db: &TestDb) {
    use meja::domain::monev::board::{self, Child, Scope};
    seeded(db, 300).await;
    let now = fixture_now();
    let national = actor(&db.store, DEMO_NATIONAL).await;
    for user in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let a = actor(&db.store, user).await;
        let got = db.store.board(&a, now).await.expect("the board");
        let tree = db.store.instansi_list();
        let me = tree.iter().find(|i| i.id == a.instansi_id).unwrap();
        let lives: Vec<Life> = lives_one_by_one(db, &a)
            .await
            .into_iter()
            .filter(|l| l.within(&me.path))
            .collect();
        let refs: Vec<&Life> = lives.iter().collect();
        let children: Vec<Child> = tree
            .iter()
            .filter(|i| i.parent_id == Some(me.id))
            .map(|i| Child {
                code: i.code.clone(),
                name: i.name.clone(),
                path: i.path.clone(),
            })
            .collect();
        let everything = db.store.monev(&a, &me.path).await.expect("every complaint");
        let today = now.with_timezone(&me.zone.offset()).date_naive();
        let calendars = db.store.calendars();
        let mut expected = board::board(
            &refs,
            &everything.officers,
            &Scope {
                instansi: &me.name,
                children: &children,
                period: board::month_of(today),
                now,
                today,
                calendar: &calendars.for_path(&me.path),
                calendars: &calendars,
            },
        );
        // An officer's moves count wherever the complaint went since (a report returned as bukan
        // wewenang has left the kota): `handled` is counted over every complaint.
        let every = lives_one_by_one(db, &national).await;
        let every: Vec<&Life> = every.iter().collect();
        let handled = monev::loads(&every, &everything.officers, board::month_of(today), now);
        for line in &mut expected.officers {
            line.load.handled = handled[&line.username].handled;
        }
        // Part by part, so that a difference names what differs.
        assert_eq!(got.figures, expected.figures, "{user}'s figures");
        assert_eq!(got.backlog, expected.backlog, "{user}'s backlog");
        assert_eq!(got.clocks, expected.clocks, "{user}'s clocks");
        assert_eq!(got.inflow, expected.inflow, "{user}'s inflow");
        assert_eq!(got.children, expected.children, "{user}'s children");
        let busy = |b: &board::Board| -> Vec<board::OfficerLine> {
            b.officers
                .iter()
                .filter(|o| o.load != Default::default())
                .cloned()
                .collect()
        };
        assert_eq!(busy(&got), busy(&expected), "{user}'s officers at work");
        assert_eq!(got, expected, "{user}'s board");
        assert!(
            got.figures.received > 0 && got.backlog.open > 0 && !got.officers.is_empty(),
            "{user}: {got:?}"
        );
        // And it read fewer complaints than there are.
        let since = board::needed_since(board::month_of(today), today)
            .and_hms_opt(0, 0, 0)
            .map(|d| d.and_utc());
        let read = db.store.monev_since(&a, &me.path, since).await.unwrap();
        assert!(
            read.lives.len() < everything.lives.len(),
            "{user}: {} of {}",
            read.lives.len(),
            everything.lives.len()
        );
    }
}

/// A database from before the rollups (its reports without facts, the sums empty) gets its
/// figures when it is migrated: the report then is the one of the database before.
async fn a_database_from_before_the_rollups_gets_its_figures_at_migrate(db: &TestDb) {
    seeded(db, 120).await;
    let args = ["--from", "2026-01-01", "--to", "2026-12-31"];
    let before = report(db, DEMO_NATIONAL, &args);
    db.raw("DELETE FROM monev_fact")
        .await
        .expect("forget the facts");
    db.raw("INSERT INTO meja_meta (key, value) VALUES ('monev_facts', 'to compute')")
        .await
        .expect("as migration 0009 leaves it");
    // SQLite is migrated by whoever opens it for writing (the report itself would); PostgreSQL
    // by its owner.
    db.store.migrate().await.expect("migrate");
    assert_eq!(report(db, DEMO_NATIONAL, &args), before);
}

/// A day off decreed after the fact changes how many working days first replies across it took:
/// the figures follow at once, as the definitions (on today's calendar) give them. And `meja
/// migrate --refresh-figures` recomputes every fact to the same figures.
async fn a_day_off_decreed_afterwards_moves_the_days_to_the_first_reply(db: &TestDb) {
    use meja::domain::calendar::Holiday;
    use meja::domain::types::HolidayKind;
    seeded(db, 200).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let args = ["--from", "2026-01-01", "--to", "2026-12-31"];
    let days: Vec<chrono::NaiveDate> = ["2026-10-06", "2026-10-20", "2026-11-03"]
        .iter()
        .map(|d| d.parse().unwrap())
        .collect();
    // Some first reply spans one of the days, or the case proves nothing.
    let lives = lives_one_by_one(db, &national).await;
    let wib = |t: chrono::DateTime<chrono::Utc>| {
        t.with_timezone(&meja::domain::types::Zone::Wib.offset())
            .date_naive()
    };
    assert!(lives.iter().any(|l| {
        l.first_reply_at
            .is_some_and(|r| days.iter().any(|d| wib(l.received_at) <= *d && *d < wib(r)))
    }));
    for day in &days {
        db.store
            .add_holiday(
                &national,
                Holiday {
                    date: *day,
                    kind: HolidayKind::CutiBersama,
                    name: "Cuti bersama uji".into(),
                    decree: "uji".into(),
                    instansi_id: None,
                },
            )
            .await
            .expect("a day off");
    }
    let got = report(db, DEMO_NATIONAL, &args);
    let lives = lives_one_by_one(db, &national).await;
    let all: Vec<&Life> = lives.iter().collect();
    let now = chrono::DateTime::parse_from_rfc3339(NOW).unwrap().to_utc();
    let period = Period {
        from: "2026-01-01".parse().unwrap(),
        to: "2026-12-31".parse().unwrap(),
    };
    let expected = monev::figures(&all, period, now, &db.store.calendars());
    assert_eq!(
        got["total"]["figures"],
        serde_json::to_value(&expected).unwrap()
    );
    let out = Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "migrate", "--refresh-figures"])
        .env_remove("MEJA_DB")
        .output()
        .expect("run meja");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("computed again"));
    assert_eq!(report(db, DEMO_NATIONAL, &args), got);
}

on_both!(
    a_day_off_decreed_afterwards_moves_the_days_to_the_first_reply,
    a_database_from_before_the_rollups_gets_its_figures_at_migrate,
    report_agrees_with_the_pure_functions,
    the_board_agrees_with_the_pure_functions
);
