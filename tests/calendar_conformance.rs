//! Who may change the working-day calendar, and the calendar of each instansi: the same cases on
//! SQLite and on PostgreSQL.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use common::*;
use meja::domain::calendar::end_of_day;
use meja::domain::view::View;
use meja::domain::*;
use meja::store::seed::{
    DEMO_ADMIN, DEMO_NATIONAL, DEMO_OFFICER, DEMO_REGENCY_CODE, DEMO_SUPERVISOR,
};
use meja::store::{ListQuery, Store, StoreError};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A kota admin may not touch the national calendar: that would move every deadline in the
/// country. Only national admins add or remove national holidays and cuti bersama.
async fn only_national_admins_change_national_days(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let kota_admin = actor(store, DEMO_ADMIN).await;
    let national = actor(store, DEMO_NATIONAL).await;
    let new_year = day("2027-01-01");
    assert!(store.calendar().holiday(new_year).is_some(), "shipped");

    let err = store
        .remove_holiday(&kota_admin, new_year, None)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err}");
    assert!(err.to_string().contains("national"), "{err}");
    assert!(
        store.calendar().holiday(new_year).is_some(),
        "the refused removal changed nothing"
    );
    for kind in [HolidayKind::LiburNasional, HolidayKind::CutiBersama] {
        let err = store
            .add_holiday(
                &kota_admin,
                Holiday {
                    date: day("2026-11-11"),
                    kind,
                    name: "Libur".into(),
                    decree: "SKB".into(),
                    instansi_id: None,
                },
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Refused(_)), "{kind}: {err}");
    }
    assert!(store.calendar().is_working_day(day("2026-11-11")));

    // Nor through the CLI: one line naming what was wrong, exit 1, nothing changed.
    let out = meja(db, DEMO_ADMIN, &["holiday", "remove", "2027-01-01"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("needs a national admin"), "{stderr}");
    let out = meja(
        db,
        DEMO_ADMIN,
        &[
            "holiday",
            "add",
            "2026-11-11",
            "--name",
            "Libur",
            "--kind",
            "libur_nasional",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let listed = meja(
        db,
        DEMO_ADMIN,
        &["holiday", "list", "--year", "2027", "--json"],
    );
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["date"] == "2027-01-01"),
        "{listed}"
    );

    // The national admin may.
    store
        .remove_holiday(&national, new_year, None)
        .await
        .unwrap();
    assert!(store.calendar().holiday(new_year).is_none());
}

/// The real binary on this test's database.
fn meja(db: &TestDb, user: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", &db.url, "--as", user])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        // The refusals these tests read are the English catalogue's; the default is Indonesian.
        .env("MEJA_LANG", "en")
        .output()
        .expect("run meja")
}

/// The demo kota, its province, a sibling kota (or kabupaten) of the same province, and the unit
/// under the demo kota where demo.petugas works.
struct Places {
    kota: Instansi,
    province: Instansi,
    sibling: Instansi,
    unit: Instansi,
}

async fn places(store: &Store) -> Places {
    let all = store.instansi_list();
    let kota = store.find_instansi(DEMO_REGENCY_CODE).unwrap();
    let province = all
        .iter()
        .find(|i| Some(i.id) == kota.parent_id)
        .cloned()
        .unwrap();
    let sibling = all
        .iter()
        .find(|i| {
            i.parent_id == Some(province.id) && i.id != kota.id && i.kind != InstansiKind::Unit
        })
        .cloned()
        .unwrap();
    let officer = store.officer(DEMO_OFFICER).await.unwrap();
    let unit = all
        .iter()
        .find(|i| i.id == officer.instansi_id)
        .cloned()
        .unwrap();
    assert!(
        unit.path.starts_with(&kota.path),
        "the demo unit is under the demo kota"
    );
    Places {
        kota,
        province,
        sibling,
        unit,
    }
}

fn regional(date: &str, at: &Instansi) -> Holiday {
    Holiday {
        date: day(date),
        kind: HolidayKind::Regional,
        name: "Hari Jadi".into(),
        decree: "Perda".into(),
        instansi_id: Some(at.id),
    }
}

/// A regional day off belongs to one instansi: its admin (or an admin above it, or a national admin)
/// adds and removes it, and it applies to that instansi and everything below it only.
async fn regional_days_belong_to_their_subtree(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let p = places(store).await;
    let kota_admin = actor(store, DEMO_ADMIN).await;
    let sibling_admin = officer_at(store, &p.sibling.code, Role::Admin).await;
    let province_admin = officer_at(store, &p.province.code, Role::Admin).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let national = actor(store, DEMO_NATIONAL).await;
    let d = day("2026-11-11");

    store
        .add_holiday(&kota_admin, regional("2026-11-11", &p.kota))
        .await
        .unwrap();
    assert!(!store.calendar_for(p.kota.id).is_working_day(d));
    assert!(
        !store.calendar_for(p.unit.id).is_working_day(d),
        "down the tree"
    );
    assert!(
        store.calendar_for(p.province.id).is_working_day(d),
        "not up"
    );
    assert!(
        store.calendar_for(p.sibling.id).is_working_day(d),
        "not sideways"
    );
    assert!(store.calendar().is_working_day(d), "not national");

    // Outside one's own subtree, or below the admin role: refused, naming the instansi.
    for (who, at) in [
        (&kota_admin, &p.province),
        (&kota_admin, &p.sibling),
        (&sibling_admin, &p.kota),
        (&supervisor, &p.kota),
    ] {
        let err = store
            .add_holiday(who, regional("2026-11-13", at))
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Refused(_)),
            "{}: {err}",
            who.username
        );
        assert!(err.to_string().contains(&at.name), "{err}");
    }
    let err = store
        .remove_holiday(&sibling_admin, d, Some(p.kota.id))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Refused(_)), "{err}");
    assert!(
        !store.calendar_for(p.kota.id).is_working_day(d),
        "still off"
    );
    assert!(
        store
            .calendar_for(p.kota.id)
            .is_working_day(day("2026-11-13"))
    );

    // A national kind belongs to no instansi.
    let mut national_day = regional("2026-11-13", &p.kota);
    national_day.kind = HolidayKind::LiburNasional;
    let err = store
        .add_holiday(&national, national_day)
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Refused(Refusal::HolidayDecreeIsNational { .. })
        ),
        "{err}"
    );

    // The same date may be off in two instansi; removing one leaves the other.
    store
        .add_holiday(&sibling_admin, regional("2026-11-11", &p.sibling))
        .await
        .unwrap();
    assert!(!store.calendar_for(p.sibling.id).is_working_day(d));
    store
        .remove_holiday(&kota_admin, d, Some(p.kota.id))
        .await
        .unwrap();
    assert!(store.calendar_for(p.kota.id).is_working_day(d));
    assert!(!store.calendar_for(p.sibling.id).is_working_day(d));

    // An admin above, and a national admin, may change a kota's days.
    store
        .add_holiday(&province_admin, regional("2026-11-13", &p.kota))
        .await
        .unwrap();
    store
        .remove_holiday(&national, day("2026-11-13"), Some(p.kota.id))
        .await
        .unwrap();
    assert!(
        store
            .calendar_for(p.unit.id)
            .is_working_day(day("2026-11-13"))
    );
    let err = store
        .remove_holiday(&kota_admin, day("2026-11-13"), Some(p.kota.id))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err}");

    // A second handle reads the same calendars from the database.
    let other = db.second_store().await;
    assert!(!other.calendar_for(p.sibling.id).is_working_day(d));
    assert!(other.calendar_for(p.kota.id).is_working_day(d));
    other.close().await;

    // The CLI: a regional day defaults to the actor's own instansi, and so does the list.
    let out = meja(
        db,
        DEMO_ADMIN,
        &[
            "holiday",
            "add",
            "2026-11-16",
            "--name",
            "Hari Jadi Kota",
            "--decree",
            "Perwali 1",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(&p.kota.name));
    let listed = |user: &str, extra: &[&str]| -> Vec<serde_json::Value> {
        let mut args = vec!["holiday", "list", "--year", "2026", "--json"];
        args.extend_from_slice(extra);
        let out = meja(db, user, &args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let all: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        all.as_array()
            .unwrap()
            .iter()
            .filter(|h| h["date"] == "2026-11-16")
            .cloned()
            .collect()
    };
    let at_kota = listed(DEMO_ADMIN, &[]);
    assert_eq!(at_kota.len(), 1, "{at_kota:?}");
    assert_eq!(at_kota[0]["instansi_id"], p.kota.id);
    assert_eq!(listed(DEMO_ADMIN, &["--instansi", &p.unit.code]).len(), 1);
    assert!(listed(DEMO_ADMIN, &["--instansi", &p.sibling.code]).is_empty());
    assert!(
        listed(DEMO_NATIONAL, &[]).is_empty(),
        "not in the national calendar"
    );
    let out = meja(
        db,
        DEMO_NATIONAL,
        &[
            "holiday",
            "add",
            "2026-11-17",
            "--name",
            "Cuti",
            "--kind",
            "cuti_bersama",
            "--instansi",
            &p.kota.code,
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("leave out --instansi"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = meja(db, DEMO_ADMIN, &["holiday", "remove", "2026-11-16"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    store.reload().await.unwrap();
    assert!(
        store
            .calendar_for(p.kota.id)
            .is_working_day(day("2026-11-16"))
    );
}

/// A report received at `received_at` for `at`, recorded by the national admin.
async fn received_at(store: &Store, at: &Instansi, received_at: &str) -> Complaint {
    let national = actor(store, DEMO_NATIONAL).await;
    let mut new = report("Lampu jalan padam", wib(received_at));
    new.instansi = Some(at.code.clone());
    store.intake(&national, new).await.unwrap()
}

fn wib(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(&format!("{s} +0700"), "%Y-%m-%d %H:%M %z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Clocks are counted on the calendar of the instansi holding them: a kota's regional day moves
/// the due times in that kota's subtree only, and "due soon", the sweep and `show` follow.
async fn clocks_count_on_their_instansis_calendar(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let p = places(store).await;
    let kota_admin = actor(store, DEMO_ADMIN).await;
    let national = actor(store, DEMO_NATIONAL).await;
    for i in [&p.unit, &p.sibling] {
        assert_eq!(
            (i.zone, i.deadlines.verify_days),
            (Zone::Wib, 3),
            "{}",
            i.code
        );
    }
    // Received Friday 6 November 2026: without a day off, verification is due Wednesday 11.
    let in_kota = received_at(store, &p.unit, "2026-11-06 10:00").await;
    let next_door = received_at(store, &p.sibling, "2026-11-06 10:00").await;
    let due = |c: &Complaint| c.clock.unwrap().due_at.unwrap();
    assert_eq!(due(&in_kota), end_of_day(day("2026-11-11"), Zone::Wib));

    // The kota's anniversary on Wednesday 11 moves the unit's clock only.
    let moved = store
        .add_holiday(&kota_admin, regional("2026-11-11", &p.kota))
        .await
        .unwrap();
    assert_eq!(moved, 1, "only the clock in the kota's subtree moved");
    let in_kota = store.complaint(&national, in_kota.id).await.unwrap();
    let next_door = store.complaint(&national, next_door.id).await.unwrap();
    assert_eq!(due(&in_kota), end_of_day(day("2026-11-12"), Zone::Wib));
    assert_eq!(due(&next_door), end_of_day(day("2026-11-11"), Zone::Wib));

    // On Wednesday 11 the clock next door is due today and the kota's tomorrow, Thursday, its
    // next working day: both are in Terlambat ("due by the end of the next working day", whose
    // last second is exactly the due time) and both are due soon.
    let wednesday = wib("2026-11-11 10:00");
    let mut query = ListQuery::new(View::Terlambat);
    query.now = wednesday;
    let late: Vec<i64> = store
        .list(&national, &query)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    let mut late = late;
    late.sort();
    let mut expected = vec![next_door.id, in_kota.id];
    expected.sort();
    assert_eq!(late, expected);
    // On Tuesday 10 the kota's Wednesday is a day off, so its next working day is Thursday,
    // when its clock is due: in Terlambat already; next door, the national calendar's Wednesday
    // is the next working day, and its clock is due then too.
    let mut tuesday = ListQuery::new(View::Terlambat);
    tuesday.now = wib("2026-11-10 10:00");
    let mut late: Vec<i64> = store
        .list(&national, &tuesday)
        .await
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect();
    late.sort();
    assert_eq!(late, expected, "the kota's next working day is its own");
    // On Monday 9 neither is due by the end of Tuesday.
    let mut monday = ListQuery::new(View::Terlambat);
    monday.now = wib("2026-11-09 10:00");
    assert!(
        store
            .list(&national, &monday)
            .await
            .unwrap()
            .rows
            .is_empty()
    );
    let row_clock = store
        .list(&national, &ListQuery::new(View::Semua))
        .await
        .unwrap()
        .rows
        .into_iter()
        .find(|r| r.id == in_kota.id)
        .and_then(|r| r.clock)
        .unwrap();
    assert_eq!(
        row_clock.due_at,
        Some(due(&in_kota)),
        "rows count on the kota's calendar"
    );
    let report = store.sweep(wednesday).await.unwrap();
    assert_eq!(report.due_soon, 2, "{report:?}");

    // `show` counts the clock history on the complaint's instansi's calendar.
    for (c, expected) in [
        (&in_kota, "2026-11-12T23:59:59+07:00"),
        (&next_door, "2026-11-11T23:59:59+07:00"),
    ] {
        let out = meja(db, DEMO_NATIONAL, &["show", &c.id.to_string(), "--json"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(shown["clocks"][0]["due_at"], expected, "#{}", c.id);
    }

    // Removing the day moves the kota's clock back, and nothing else.
    let moved = store
        .remove_holiday(&kota_admin, day("2026-11-11"), Some(p.kota.id))
        .await
        .unwrap();
    assert_eq!(moved, 1);
    let in_kota = store.complaint(&national, in_kota.id).await.unwrap();
    assert_eq!(due(&in_kota), end_of_day(day("2026-11-11"), Zone::Wib));
}

on_all!(
    only_national_admins_change_national_days,
    regional_days_belong_to_their_subtree,
    clocks_count_on_their_instansis_calendar,
);
