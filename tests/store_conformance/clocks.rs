//! Clocks across weekends, holidays and zones, and the sweep that runs them.

use super::*;

pub(crate) async fn clocks_follow_weekends_holidays_and_zones(db: &TestDb) {
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

pub(crate) async fn sweep_closes_silent_reports_once(db: &TestDb) {
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

/// The sweep closes answered reports exactly when their silent period ends: 10 working days in the
/// instansi's own time zone, skipping a regional holiday added after the reply, and never twice.
pub(crate) async fn sweep_across_holidays_and_zones(db: &TestDb) {
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
pub(crate) async fn sweep_escalates_breached_clocks_by_policy(db: &TestDb) {
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
