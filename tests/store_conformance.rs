//! The store conformance suite: the same cases on SQLite and on PostgreSQL, over real connections.

mod common;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::*;
use meja::domain::filter;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::domain::view::View;
use meja::domain::*;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use meja::store::{ListQuery, StoreError};

fn wib(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_str(&format!("{s} +0700"), "%Y-%m-%d %H:%M %z")
        .unwrap()
        .with_timezone(&Utc)
}

/// The unit of the demo kota where demo.petugas works.
async fn demo_unit(db: &TestDb) -> Instansi {
    let o = db.store.officer(DEMO_OFFICER).await.unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == o.instansi_id)
        .unwrap()
}

async fn events_of(db: &TestDb, id: i64) -> Vec<Event> {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    db.store.complaint(&national, id).await.unwrap().events
}

async fn disposed_to_demo_unit(db: &TestDb, judul: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let unit = demo_unit(db).await;
    let c = db
        .store
        .intake(&national, report(judul, Utc::now() - Duration::hours(2)))
        .await
        .unwrap();
    let action: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code.clone()),
    };
    db.store.act(&national, c.id, None, &action).await.unwrap();
    c.id
}

async fn legal_path_through_the_lifecycle(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let unit = demo_unit(db).await;

    let c = store
        .intake(
            &national,
            report("Jalan berlubang di depan pasar", Utc::now()),
        )
        .await
        .unwrap();
    assert_eq!(c.status, Status::Baru);
    assert_eq!(c.clock.unwrap().kind, ClockKind::Verifikasi);
    let id = c.id;
    let changes = Verification {
        judul: Some("Jalan berlubang, Pasar Flamboyan".into()),
        klasifikasi: Some(Klasifikasi::Pengaduan),
        kategori_id: None,
        tags: Some(vec!["jalan".into()]),
    };
    let steps: Vec<(&meja::domain::lifecycle::Actor, Action<Named>, Status)> = vec![
        (
            &national,
            Action::Verify {
                changes,
                dispose_to: None,
            },
            Status::Terverifikasi,
        ),
        (
            &national,
            Action::Dispose {
                to: unit.code.clone(),
            },
            Status::Didisposisikan,
        ),
        (&officer, Action::Claim, Status::Ditindaklanjuti),
        (
            &officer,
            Action::Note {
                body: "cek lokasi besok".into(),
            },
            Status::Ditindaklanjuti,
        ),
        (
            &officer,
            Action::Escalate {
                to: "atasan".into(),
                reason: "butuh alat berat".into(),
            },
            Status::Ditindaklanjuti,
        ),
        (
            &supervisor,
            Action::Deescalate {
                note: "alat sudah ada".into(),
            },
            Status::Ditindaklanjuti,
        ),
        (
            &officer,
            Action::SubmitForApproval {
                body: "Lubang sudah ditambal.".into(),
            },
            Status::MenungguPersetujuan,
        ),
        (
            &supervisor,
            Action::SendBack {
                note: "tambahkan foto".into(),
            },
            Status::Ditindaklanjuti,
        ),
        (
            &officer,
            Action::SubmitForApproval {
                body: "Lubang sudah ditambal, foto terlampir.".into(),
            },
            Status::MenungguPersetujuan,
        ),
        (&supervisor, Action::Approve, Status::Ditanggapi),
        (
            &national,
            Action::ReporterReply {
                body: "Masih ada lubang kecil".into(),
            },
            Status::TanggapanPelapor,
        ),
        (
            &officer,
            Action::SubmitForApproval {
                body: "Lubang kecil sudah ditutup.".into(),
            },
            Status::MenungguPersetujuan,
        ),
        (&supervisor, Action::Approve, Status::Ditanggapi),
        (
            &supervisor,
            Action::Close {
                note: String::new(),
            },
            Status::Selesai,
        ),
        (
            &supervisor,
            Action::Reopen {
                reason: "pelapor keberatan".into(),
            },
            Status::Ditindaklanjuti,
        ),
        (&officer, Action::Unassign, Status::Ditindaklanjuti),
        (
            &supervisor,
            Action::Assign {
                to: DEMO_OFFICER.into(),
            },
            Status::Ditindaklanjuti,
        ),
    ];
    let mut version = 1;
    for (n, (who, action, expect)) in steps.iter().enumerate() {
        let out = store
            .act(who, id, Some(version), action)
            .await
            .unwrap_or_else(|e| panic!("step {n} {}: {e}", action.verb()));
        assert_eq!(out.status, *expect, "step {n} {}", action.verb());
        assert_eq!(
            out.version,
            version + 1,
            "versions increase by one per action"
        );
        version = out.version;
    }
    let events = events_of(db, id).await;
    assert_eq!(
        events.len(),
        steps.len() + 1,
        "one event per accepted action, plus intake"
    );
    let kinds: Vec<&str> = events.iter().map(|e| e.kind.as_code()).collect();
    assert_eq!(&kinds[..4], &["intake", "verify", "dispose", "claim"]);
    assert!(events.iter().all(|e| !e.actor.is_empty()));
    let shown = store.complaint(&supervisor, id).await.unwrap();
    assert_eq!(
        shown.judul, "Jalan berlubang, Pasar Flamboyan",
        "verification rewrote the title"
    );
    assert_eq!(shown.assignee.as_deref(), Some(DEMO_OFFICER));
    assert_eq!(
        shown.clock.unwrap().kind,
        ClockKind::TindakLanjut,
        "reopen restarts the follow-up clock"
    );
}

async fn hold_return_archive_merge_link(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let officer = actor(store, DEMO_OFFICER).await;
    let a = store
        .intake(&national, report("Lampu jalan mati", Utc::now()))
        .await
        .unwrap()
        .id;
    let until = Utc::now().date_naive() + Duration::days(7);
    let out = store
        .act(
            &national,
            a,
            None,
            &Action::Hold {
                until,
                reason: "menunggu data".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.status, Status::Ditunda);
    let held = store.complaint(&national, a).await.unwrap();
    assert_eq!(held.clock.unwrap().state, ClockState::Paused);
    assert_eq!(
        store
            .act(&national, a, None, &Action::Resume)
            .await
            .unwrap()
            .status,
        Status::Baru
    );

    let b = disposed_to_demo_unit(db, "Sampah menumpuk").await;
    let out = store
        .act(
            &officer,
            b,
            None,
            &Action::ReturnNotAuthority {
                reason: "wewenang DLH provinsi".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.status, Status::BukanWewenang);
    let returned = store.complaint(&national, b).await.unwrap();
    assert_eq!(
        returned.instansi_id,
        store.find_instansi("NASIONAL").unwrap().id,
        "returned up to the routing admin"
    );
    assert_eq!(returned.clock.unwrap().kind, ClockKind::Verifikasi);

    let out = store
        .act(
            &national,
            a,
            None,
            &Action::Archive {
                reason: ArchiveReason::Spam,
                note: String::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.status, Status::Diarsipkan);

    let c = store
        .intake(&national, report("Sampah menumpuk lagi", Utc::now()))
        .await
        .unwrap()
        .id;
    assert_eq!(
        store
            .act(&national, c, None, &Action::Link { other: b })
            .await
            .unwrap()
            .status,
        Status::Baru
    );
    let out = store
        .act(&national, c, None, &Action::Merge { into: b })
        .await
        .unwrap();
    assert_eq!(out.status, Status::Diarsipkan);
    assert_eq!(
        store.complaint(&national, c).await.unwrap().merged_into,
        Some(b)
    );
    let err = store
        .act(&national, b, None, &Action::Merge { into: a })
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::MergeIntoClosed { .. })),
        "{err}"
    );
}

async fn refused_moves_change_nothing(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let fresh = store
        .intake(&national, report("Air PDAM keruh", Utc::now()))
        .await
        .unwrap()
        .id;
    let disposed = disposed_to_demo_unit(db, "Drainase tersumbat").await;
    store
        .act(&officer, disposed, None, &Action::Claim)
        .await
        .unwrap();

    let cases: Vec<(&meja::domain::lifecycle::Actor, i64, Action<Named>, &str)> = vec![
        (
            &national,
            fresh,
            Action::Reply { body: "x".into() },
            "not possible from that status",
        ),
        (
            &national,
            fresh,
            Action::Approve,
            "not possible from that status",
        ),
        (
            &national,
            fresh,
            Action::Close {
                note: String::new(),
            },
            "not possible from that status",
        ),
        (
            &officer,
            disposed,
            Action::Reply {
                body: "Sudah dibersihkan".into(),
            },
            "approval",
        ),
        (
            &officer,
            disposed,
            Action::Archive {
                reason: ArchiveReason::Spam,
                note: String::new(),
            },
            "supervisor",
        ),
        (
            &supervisor,
            disposed,
            Action::Archive {
                reason: ArchiveReason::Spam,
                note: String::new(),
            },
            "not possible from that status",
        ),
        (&officer, disposed, Action::Claim, "already yours"),
        (
            &officer,
            disposed,
            Action::Note { body: "   ".into() },
            "must contain visible text",
        ),
        (
            &officer,
            disposed,
            Action::Escalate {
                to: "induk".into(),
                reason: String::new(),
            },
            "must contain visible text",
        ),
        (
            &national,
            disposed,
            Action::Dispose {
                to: "tidak-ada-instansi-ini".into(),
            },
            "unknown instansi",
        ),
        (
            &supervisor,
            disposed,
            Action::Assign {
                to: "nobody.here".into(),
            },
            "unknown officer",
        ),
        (&supervisor, disposed, Action::AutoClose, "sweep"),
    ];
    for (who, id, action, expect) in &cases {
        let before = store.complaint(&national, *id).await.unwrap();
        let err = store
            .act(who, *id, None, action)
            .await
            .expect_err(action.verb());
        assert!(
            err.to_string().contains(expect),
            "{} by {}: expected '{expect}' in '{err}'",
            action.verb(),
            who.username
        );
        let after = store.complaint(&national, *id).await.unwrap();
        assert_eq!(
            before.version,
            after.version,
            "{}: refused moves change nothing",
            action.verb()
        );
        assert_eq!(before.events.len(), after.events.len());
        assert_eq!(before.status, after.status);
    }
    // Four eyes: the author of a reply cannot approve it, even as a supervisor.
    store
        .act(
            &supervisor,
            disposed,
            None,
            &Action::SubmitForApproval {
                body: "Saluran dibersihkan".into(),
            },
        )
        .await
        .unwrap();
    let err = store
        .act(&supervisor, disposed, None, &Action::Approve)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("four-eyes"), "{err}");
    let err = store
        .act(&national, 9_999_999, None, &Action::Claim)
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::Unseen { .. })),
        "{err}"
    );
}

async fn stale_versions_conflict(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let id = disposed_to_demo_unit(db, "Jembatan retak").await;
    let seen = store.complaint(&officer, id).await.unwrap().version;
    store
        .act(
            &supervisor,
            id,
            Some(seen),
            &Action::Note {
                body: "sudah dicek".into(),
            },
        )
        .await
        .unwrap();
    let err = store
        .act(&officer, id, Some(seen), &Action::Claim)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Conflict(_)), "{err}");
    let now = store.complaint(&officer, id).await.unwrap();
    assert_eq!(now.assignee, None, "the stale write was not applied");
    assert_eq!(now.version, seen + 1);
}

async fn concurrent_claims_have_one_winner(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let unit = demo_unit(db).await;
    let national = actor(store, DEMO_NATIONAL).await;
    // Twelve officers of the same unit race for the same report.
    let mut contenders = Vec::new();
    let admin = actor(store, meja::store::seed::DEMO_ADMIN).await;
    for n in 0..12 {
        let username = format!("racer{n}");
        let new = meja::store::NewOfficer {
            password: None,
            username: username.clone(),
            name: format!("Racer {n}"),
            role: Role::Officer,
            instansi: unit.code.clone(),
        };
        store.add_officer(&admin, new).await.unwrap();
        contenders.push(actor(store, &username).await);
    }
    for round in 0..3 {
        let id = disposed_to_demo_unit(db, &format!("Perebutan {round}")).await;
        let mut tasks = Vec::new();
        for who in contenders.clone() {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .act(&who, id, None, &Action::Claim)
                    .await
                    .map(|_| who.id)
            }));
        }
        let mut winners = Vec::new();
        for t in tasks {
            match t.await.unwrap() {
                Ok(w) => winners.push(w),
                Err(e) => assert!(
                    matches!(
                        e,
                        StoreError::Refused(Refusal::ClaimedByOther { .. })
                            | StoreError::Conflict(_)
                    ),
                    "loser's error: {e}"
                ),
            }
        }
        assert_eq!(winners.len(), 1, "exactly one claim wins, got {winners:?}");
        let shown = store.complaint(&national, id).await.unwrap();
        let assignee = store
            .officer(shown.assignee.as_deref().unwrap())
            .await
            .unwrap();
        assert_eq!(assignee.id, winners[0]);
        assert_eq!(
            shown
                .events
                .iter()
                .filter(|e| e.kind == EventKind::Claim)
                .count(),
            1
        );
    }
}

async fn officers_see_only_their_subtree(db: &TestDb) {
    seeded(db, 400).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let elsewhere = officer_at(store, "KOTA-JAYAPURA", Role::Supervisor).await;
    let mine = disposed_to_demo_unit(db, "Parit meluap").await;
    let err = store.complaint(&elsewhere, mine).await.unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::Unseen { .. })),
        "another instansi's complaint does not exist for them"
    );
    let err = store
        .act(&elsewhere, mine, None, &Action::Note { body: "x".into() })
        .await
        .unwrap_err();
    // Refused like a missing complaint: "outside your scope" would tell that it exists.
    assert_eq!(err.to_string(), format!("no complaint #{mine}"));
    for who in [&supervisor, &elsewhere] {
        let page = store
            .list(
                who,
                &ListQuery {
                    limit: 500,
                    ..ListQuery::new(View::Semua)
                },
            )
            .await
            .unwrap();
        for row in &page.rows {
            let inst = store
                .instansi_list()
                .into_iter()
                .find(|i| i.id == row.instansi_id)
                .unwrap();
            assert!(
                inst.path.starts_with(&who.instansi_path),
                "{} sees #{} of {}",
                who.username,
                row.id,
                inst.name
            );
        }
    }
    let all = store
        .counts(&national, &filter::Filter::default(), fixture_now())
        .await
        .unwrap();
    let part = store
        .counts(&supervisor, &filter::Filter::default(), fixture_now())
        .await
        .unwrap();
    assert!(all.get(View::Semua) >= 401);
    assert!(part.get(View::Semua) < all.get(View::Semua));
    assert!(part.get(View::Semua) >= 1);
    // Officers do not see whistle-blowing reports; national admins do.
    let wbs = filter::parse("klasifikasi:wbs").unwrap();
    let officer = actor(store, DEMO_OFFICER).await;
    assert_eq!(
        store
            .counts(&officer, &wbs, fixture_now())
            .await
            .unwrap()
            .get(View::Semua),
        0
    );
}

async fn clocks_follow_weekends_holidays_and_zones(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    // domain.md's example: received Friday 13 March 2026 10:00 WIB -> due Wednesday 25 March 23:59:59 WIB.
    let c = store
        .intake(
            &national,
            report("Contoh domain.md", wib("2026-03-13 10:00")),
        )
        .await
        .unwrap();
    let due = c.clock.unwrap().due_at.unwrap();
    assert_eq!(
        due.with_timezone(&Zone::Wib.offset()).to_rfc3339(),
        "2026-03-25T23:59:59+07:00"
    );

    // Disposed to a WIT instansi at 23:30 WIB Monday = 01:30 WIT Tuesday: day 1 is Wednesday there.
    let jayapura = store.find_instansi("KOTA-JAYAPURA").unwrap();
    assert_eq!(jayapura.zone, Zone::Wit);
    let d = store
        .intake(&national, report("Zona waktu", wib("2026-11-09 08:00")))
        .await
        .unwrap()
        .id;
    store
        .act(
            &national,
            d,
            None,
            &Action::Verify {
                changes: Verification::default(),
                dispose_to: Some(jayapura.code.clone()),
            },
        )
        .await
        .unwrap();
    let shown = store.complaint(&national, d).await.unwrap();
    let clock = shown.clock.unwrap();
    assert_eq!(clock.kind, ClockKind::TindakLanjut);
    let due_local = clock.due_at.unwrap().with_timezone(&Zone::Wit.offset());
    assert_eq!(
        due_local.format("%H:%M:%S").to_string(),
        "23:59:59",
        "due at the end of a WIT day"
    );

    // A regional holiday added later moves the due time; removing it moves it back.
    let before = store
        .complaint(&national, c.id)
        .await
        .unwrap()
        .clock
        .unwrap()
        .due_at
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
    let moved = store
        .add_holiday(
            &national,
            Holiday {
                date: day,
                kind: HolidayKind::Regional,
                name: "Hari Jadi".into(),
                decree: "Perda".into(),
                instansi_id: None,
            },
        )
        .await
        .unwrap();
    assert!(moved >= 1, "recomputed {moved}");
    let after = store
        .complaint(&national, c.id)
        .await
        .unwrap()
        .clock
        .unwrap()
        .due_at
        .unwrap();
    assert_eq!(
        after.with_timezone(&Zone::Wib.offset()).date_naive(),
        NaiveDate::from_ymd_opt(2026, 3, 26).unwrap()
    );
    assert!(after > before);
    store.remove_holiday(&national, day, None).await.unwrap();
    let back = store
        .complaint(&national, c.id)
        .await
        .unwrap()
        .clock
        .unwrap()
        .due_at
        .unwrap();
    assert_eq!(back, before);
    // Only admins change the calendar.
    let officer = actor(store, DEMO_OFFICER).await;
    assert!(
        store
            .add_holiday(
                &officer,
                Holiday {
                    date: day,
                    kind: HolidayKind::Regional,
                    name: "x".into(),
                    decree: "y".into(),
                    instansi_id: None,
                }
            )
            .await
            .is_err()
    );
}

async fn sweep_closes_silent_reports_once(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let id = disposed_to_demo_unit(db, "Pohon tumbang").await;
    store.act(&officer, id, None, &Action::Claim).await.unwrap();
    store
        .act(
            &officer,
            id,
            None,
            &Action::SubmitForApproval {
                body: "Pohon sudah dipotong.".into(),
            },
        )
        .await
        .unwrap();
    store
        .act(&supervisor, id, None, &Action::Approve)
        .await
        .unwrap();
    let answered = store.complaint(&national, id).await.unwrap();
    let close_due = answered.clock.unwrap().due_at.unwrap();
    // Nine working days later nothing closes; after the tenth it does, exactly once.
    let early = store.sweep(close_due - Duration::hours(1)).await.unwrap();
    assert!(!early.closed.contains(&id));
    let report = store.sweep(close_due + Duration::minutes(1)).await.unwrap();
    assert!(report.closed.contains(&id), "{report:?}");
    let again = store.sweep(close_due + Duration::minutes(2)).await.unwrap();
    assert!(
        again.closed.is_empty() && again.resumed.is_empty() && again.escalated.is_empty(),
        "second sweep changes nothing: {again:?}"
    );
    let closed = store.complaint(&national, id).await.unwrap();
    assert_eq!(closed.status, Status::Selesai);
    assert_eq!(closed.events.last().unwrap().kind, EventKind::AutoClose);
    assert_eq!(closed.events.last().unwrap().actor, "sistem");
}

async fn views_pages_search_and_filters(db: &TestDb) {
    seeded(db, 600).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let now = fixture_now();
    // Keyset pages are disjoint and cover the view.
    let total = store
        .counts(&national, &filter::Filter::default(), now)
        .await
        .unwrap()
        .get(View::Semua);
    let mut seen = std::collections::HashSet::new();
    let mut query = ListQuery {
        limit: 97,
        now,
        ..ListQuery::new(View::Semua)
    };
    loop {
        let page = store.list(&national, &query).await.unwrap();
        for r in &page.rows {
            assert!(seen.insert(r.id), "#{} appeared twice", r.id);
        }
        match page.next {
            Some(c) => query.after = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, total);
    // Terlambat: breached or due within a working day, most urgent first.
    let late = store
        .list(
            &national,
            &ListQuery {
                limit: 200,
                now,
                ..ListQuery::new(View::Terlambat)
            },
        )
        .await
        .unwrap();
    assert!(!late.rows.is_empty(), "the seed has overdue complaints");
    let dues: Vec<_> = late
        .rows
        .iter()
        .map(|r| r.clock.unwrap().due_at.unwrap())
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]));
    // Filters: status and channel narrow; full-text finds a word of a title.
    let f = filter::parse("status:baru kanal:telepon").unwrap();
    let id = store
        .intake(
            &national,
            report("Genangan air setinggi lutut di Jalan Veteran", now),
        )
        .await
        .unwrap()
        .id;
    let page = store
        .list(
            &national,
            &ListQuery {
                filter: f,
                limit: 1000,
                now,
                ..ListQuery::new(View::Masuk)
            },
        )
        .await
        .unwrap();
    assert!(
        page.rows
            .iter()
            .all(|r| r.status == Status::Baru && r.channel == Channel::Telepon)
    );
    assert!(page.rows.iter().any(|r| r.id == id));
    let f = filter::parse("\"genangan air\" lutut").unwrap();
    let page = store
        .list(
            &national,
            &ListQuery {
                filter: f,
                limit: 50,
                now,
                ..ListQuery::new(View::Semua)
            },
        )
        .await
        .unwrap();
    assert!(
        page.rows.iter().any(|r| r.id == id),
        "full-text search finds the new report"
    );
    // Filter text reaches SQL only as a parameter: quotes and FTS syntax are just text.
    for nasty in [
        "\"x' OR 1=1 --\"",
        "\"NEAR(a b)\"",
        "tag:\"a%b\"",
        "instansi:\"Kota Jayapura\" \"');DROP TABLE complaint;--\"",
    ] {
        let f = filter::parse(nasty).unwrap();
        store
            .list(
                &national,
                &ListQuery {
                    filter: f,
                    limit: 5,
                    now,
                    ..ListQuery::new(View::Semua)
                },
            )
            .await
            .unwrap();
    }
    assert!(
        store
            .counts(&national, &filter::Filter::default(), now)
            .await
            .unwrap()
            .get(View::Semua)
            > 0,
        "the table is still there"
    );
    let err = store
        .list(
            &national,
            &ListQuery {
                filter: filter::parse("instansi:tidakada").unwrap(),
                ..ListQuery::new(View::Semua)
            },
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown instansi"), "{err}");
}

async fn events_are_append_only_and_followable(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let start = store.latest_event_id().await.unwrap();
    let id = disposed_to_demo_unit(db, "Kabel listrik menjuntai").await;
    let events = store.events_after(&national, start, 100).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.kind.as_code()).collect::<Vec<_>>(),
        vec!["intake", "verify_dispose"]
    );
    assert!(events.iter().all(|e| e.complaint_id == id));
    assert_eq!(
        store.latest_event_id().await.unwrap(),
        events.last().unwrap().id
    );
    let update = format!(
        "UPDATE event SET actor = 'someone' WHERE id = {}",
        events[0].id
    );
    assert!(
        db.raw(&update).await.is_err(),
        "the event log refuses updates"
    );
    let delete = format!("DELETE FROM event WHERE id = {}", events[0].id);
    assert!(
        db.raw(&delete).await.is_err(),
        "the event log refuses deletes"
    );
}

async fn drafts_and_templates(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let id = disposed_to_demo_unit(db, "Trotoar rusak").await;
    store
        .save_draft(&officer, id, "reply", "Terima kasih, ", Some(3))
        .await
        .unwrap();
    store
        .save_draft(
            &officer,
            id,
            "reply",
            "Terima kasih, trotoar akan diperbaiki.",
            Some(9),
        )
        .await
        .unwrap();
    let d = store.draft(&officer, id).await.unwrap().unwrap();
    assert_eq!(d.body, "Terima kasih, trotoar akan diperbaiki.");
    assert_eq!(
        d.based_on_event,
        Some(3),
        "a draft remembers what its author had seen when it started"
    );
    assert!(
        store.draft(&supervisor, id).await.unwrap().is_none(),
        "drafts are per officer"
    );
    store.discard_draft(&officer, id).await.unwrap();
    assert!(store.draft(&officer, id).await.unwrap().is_none());
    assert!(
        store.templates().await.unwrap().len() >= 3,
        "the seed ships templates"
    );
    assert!(
        store
            .remove_template(&officer, "terima-kasih")
            .await
            .is_err(),
        "officers do not manage templates"
    );
}

async fn similar_suggests_duplicates(db: &TestDb) {
    seeded(db, 300).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let first = store
        .intake(
            &national,
            report("Lampu penerangan padam di Jalan Merpati", Utc::now()),
        )
        .await
        .unwrap()
        .id;
    let mut again = report("Penerangan jalan Merpati masih gelap", Utc::now());
    again.reporter.phone = Some("0812-0000-1111".into());
    let second = store.intake(&national, again).await.unwrap().id;
    let unrelated = store
        .intake(
            &national,
            report("Antrean puskesmas sangat panjang", Utc::now()),
        )
        .await
        .unwrap()
        .id;
    let found = store.similar(&national, second, 5).await.unwrap();
    assert_eq!(found.first().map(|r| r.id), Some(first), "{found:?}");
    assert!(
        found.iter().all(|r| r.id != second),
        "a complaint is not its own duplicate"
    );
    // A report about something else is no duplicate, although the same number reported it.
    assert!(
        found.iter().all(|r| r.id != unrelated),
        "an unrelated report suggested: {found:?}"
    );
    assert!(found.iter().all(|r| !r.status.is_closed()));
}

on_both!(
    sweep_escalates_breached_clocks_by_policy,
    sweep_across_holidays_and_zones,
    similar_suggests_duplicates,
    legal_path_through_the_lifecycle,
    hold_return_archive_merge_link,
    refused_moves_change_nothing,
    stale_versions_conflict,
    concurrent_claims_have_one_winner,
    officers_see_only_their_subtree,
    clocks_follow_weekends_holidays_and_zones,
    sweep_closes_silent_reports_once,
    views_pages_search_and_filters,
    events_are_append_only_and_followable,
    drafts_and_templates,
);

/// The sweep closes answered reports exactly when their silent period ends: 10 working days in the
/// instansi's own time zone, skipping a regional holiday added after the reply, and never twice.
async fn sweep_across_holidays_and_zones(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let wit_unit = store
        .instansi_list()
        .into_iter()
        .find(|i| i.zone == Zone::Wit && i.kind == InstansiKind::Unit)
        .unwrap();
    let wib_unit = demo_unit(db).await;
    assert_eq!(wib_unit.zone, Zone::Wib);
    let mut answered = Vec::new();
    for unit in [&wit_unit, &wib_unit] {
        let id = store
            .intake(
                &national,
                report(&format!("Sapu bersih {}", unit.code), Utc::now()),
            )
            .await
            .unwrap()
            .id;
        let dispose: Action<Named> = Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(unit.code.clone()),
        };
        store.act(&national, id, None, &dispose).await.unwrap();
        store
            .act(
                &national,
                id,
                None,
                &Action::Reply {
                    body: "Sudah kami tangani.".into(),
                },
            )
            .await
            .unwrap();
        answered.push((id, unit.zone));
    }
    // A regional holiday decreed after the replies: the second working day from today (WIB).
    let cal = store.calendar();
    let today = Utc::now().with_timezone(&Zone::Wib.offset()).date_naive();
    let holiday = cal.nth_working_day_after(today, 2);
    store
        .add_holiday(
            &national,
            Holiday {
                date: holiday,
                kind: HolidayKind::Regional,
                name: "Hari jadi".into(),
                decree: "Perda".into(),
                instansi_id: None,
            },
        )
        .await
        .unwrap();
    let cal = store.calendar();
    let mut dues = Vec::new();
    for (id, zone) in &answered {
        let c = store.complaint(&national, *id).await.unwrap();
        let clock = c.clock.unwrap();
        assert_eq!(clock.kind, ClockKind::Penutupan);
        let replied = c.events.last().unwrap().at;
        let expected = cal.due(replied, 10, *zone);
        assert_eq!(
            clock.due_at,
            Some(expected),
            "#{id}: 10 working days in {zone}, the new holiday skipped"
        );
        let local = expected.with_timezone(&zone.offset());
        assert_eq!(local.format("%H:%M:%S").to_string(), "23:59:59");
        assert!(
            cal.working_days_between(
                replied.with_timezone(&zone.offset()).date_naive(),
                local.date_naive()
            ) == 10
        );
        dues.push((*id, expected));
    }
    dues.sort_by_key(|(_, due)| *due);
    let (first, first_due) = dues[0];
    let (second, second_due) = dues[1];
    let none = store.sweep(first_due - Duration::minutes(1)).await.unwrap();
    assert!(
        !none.closed.contains(&first) && !none.closed.contains(&second),
        "{none:?}"
    );
    if first_due < second_due {
        let between = first_due + (second_due - first_due) / 2;
        let report = store.sweep(between).await.unwrap();
        assert!(
            report.closed.contains(&first) && !report.closed.contains(&second),
            "{report:?}"
        );
        let again = store.sweep(between).await.unwrap();
        assert!(
            !again.closed.contains(&first),
            "running it twice changes nothing"
        );
    }
    let report = store
        .sweep(second_due + Duration::minutes(1))
        .await
        .unwrap();
    assert!(report.closed.contains(&second), "{report:?}");
    let again = store
        .sweep(second_due + Duration::minutes(1))
        .await
        .unwrap();
    assert!(
        again.closed.is_empty(),
        "running it twice changes nothing: {again:?}"
    );
    for (id, _) in dues {
        assert_eq!(
            store.complaint(&national, id).await.unwrap().status,
            Status::Selesai
        );
    }
}

/// Where an instansi asks for it, the sweep escalates breached clocks one level up, once.
async fn sweep_escalates_breached_clocks_by_policy(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let all = store.instansi_list();
    let by_id = |id: i64| all.iter().find(|i| i.id == id).unwrap();
    // A unit under an instansi that escalates automatically, and one under an instansi that does not.
    let auto = |i: &Instansi| {
        let mut cur = Some(i);
        while let Some(x) = cur {
            if x.auto_escalate {
                return true;
            }
            cur = x.parent_id.map(by_id);
        }
        false
    };
    let escalating = all
        .iter()
        .find(|i| i.kind == InstansiKind::Unit && auto(i))
        .unwrap();
    let quiet = all
        .iter()
        .find(|i| i.kind == InstansiKind::Unit && !auto(i))
        .unwrap();
    let mut ids = Vec::new();
    for unit in [escalating, quiet] {
        let id = store
            .intake(
                &national,
                report(&format!("Tenggat {}", unit.code), Utc::now()),
            )
            .await
            .unwrap()
            .id;
        let dispose: Action<Named> = Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(unit.code.clone()),
        };
        store.act(&national, id, None, &dispose).await.unwrap();
        ids.push(id);
    }
    let breached = store
        .complaint(&national, ids[0])
        .await
        .unwrap()
        .clock
        .unwrap()
        .due_at
        .unwrap()
        + Duration::days(3);
    let report = store.sweep(breached).await.unwrap();
    assert!(report.escalated.contains(&ids[0]), "{report:?}");
    assert!(
        !report.escalated.contains(&ids[1]),
        "no policy, no automatic escalation"
    );
    let escalated = store.complaint(&national, ids[0]).await.unwrap();
    assert_eq!(
        escalated.escalated_to.as_deref(),
        Some(by_id(escalating.parent_id.unwrap()).name.as_str())
    );
    assert_eq!(escalated.events.last().unwrap().actor, "sistem");
    let again = store.sweep(breached).await.unwrap();
    assert!(
        !again.escalated.contains(&ids[0]),
        "running it twice changes nothing"
    );
}
