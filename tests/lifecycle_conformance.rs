//! The lifecycle's promises at the store, on both backends: clocks that never forget a breach nor
//! rewrite their history, a sweep that respects people and local days, moves that the rules
//! refuse, and actions recorded when they happened (`--at`).

mod common;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use common::*;
use meja::domain::clock::{ClockEvent, SegmentOutcome, history};
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::domain::*;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use meja::store::{NewInstansi, StoreError};

fn local(zone: Zone, y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    zone.offset()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("a real local time")
        .with_timezone(&Utc)
}

async fn demo_unit(db: &TestDb) -> Instansi {
    let officer = actor(&db.store, DEMO_OFFICER).await;
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .expect("the demo officer's unit")
}

/// A report received at `received`, verified and disposed to the demo unit by the national admin
/// a minute later.
async fn disposed(db: &TestDb, judul: &str, received: DateTime<Utc>) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let unit = demo_unit(db).await;
    let id = db
        .store
        .intake(&national, report(judul, received))
        .await
        .expect("intake")
        .id;
    let verify: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code),
    };
    db.store
        .act_at(
            &national,
            id,
            None,
            &verify,
            Some(received + Duration::minutes(1)),
        )
        .await
        .expect("disposed");
    id
}

fn clock_history(c: &Complaint) -> Vec<meja::domain::clock::ClockSegment> {
    let events: Vec<ClockEvent> = c.events.iter().map(ClockEvent::of).collect();
    // Settings unlike any instansi's: every event recorded its clock, so they are never used.
    let unused = Deadlines {
        verify_days: 1,
        follow_up_days: 1,
        close_days: 1,
    };
    history(&events, &unused, &WorkingCalendar::new([]), Zone::Wit)
}

/// A verify clock breached long ago stays breached through a hold and a resume: no fresh day,
/// still in Terlambat, and its history says late, not met.
async fn a_breach_survives_hold_and_resume(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let received = Utc::now() - Duration::days(30);
    let id = store
        .intake(&national, report("Sampah menumpuk di pasar", received))
        .await
        .unwrap()
        .id;
    let due = store.complaint(&national, id).await.unwrap().clock.unwrap();
    assert_eq!(due.state, ClockState::Breached);
    let until = (Utc::now() + Duration::days(10)).date_naive();
    let hold: Action<Named> = Action::Hold {
        until,
        reason: "menunggu foto dari pelapor".into(),
    };
    store.act(&national, id, None, &hold).await.unwrap();
    store
        .act(&national, id, None, &Action::Resume)
        .await
        .unwrap();
    let c = store.complaint(&national, id).await.unwrap();
    let clock = c.clock.expect("the verify clock runs again");
    assert_eq!(clock.state, ClockState::Breached, "{clock:?}");
    assert_eq!(clock.due_at, due.due_at, "the missed due time stays");
    let late = store
        .list(
            &national,
            &meja::store::ListQuery::new(view::View::Terlambat),
        )
        .await
        .unwrap();
    assert!(late.rows.iter().any(|r| r.id == id), "still in Terlambat");
    // Disposing now ends the breached clock: late, not met.
    let unit = demo_unit(db).await;
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code),
    };
    store.act(&national, id, None, &dispose).await.unwrap();
    let c = store.complaint(&national, id).await.unwrap();
    let h = clock_history(&c);
    assert_eq!(h[0].kind, ClockKind::Verifikasi);
    assert_eq!(h[0].outcome, SegmentOutcome::Late, "{h:?}");
}

/// Intake at national, disposed to an instansi with 14 days for the follow-up, returned: the
/// follow-up clock's due time in the history is the one counted with 14 days, and changing the
/// instansi's deadlines and zone afterwards changes no clock of the history.
async fn history_keeps_the_settings_a_clock_started_under(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let province = store
        .instansi_list()
        .into_iter()
        .find(|i| i.kind == InstansiKind::Provinsi && i.zone == Zone::Wib)
        .unwrap();
    let slow = store
        .add_instansi(
            Some(&national),
            NewInstansi {
                code: "KAB-UJI-14".into(),
                name: "Kabupaten Uji Empat Belas".into(),
                kind: InstansiKind::Kabupaten,
                zone: Zone::Wib,
                parent: Some(province.code.clone()),
                deadlines: Deadlines {
                    verify_days: 3,
                    follow_up_days: 14,
                    close_days: 10,
                },
                requires_approval: false,
                auto_escalate: false,
            },
        )
        .await
        .unwrap();
    let received = local(Zone::Wib, 2026, 11, 2, 9, 0);
    let id = store
        .intake(&national, report("Jembatan putus", received))
        .await
        .unwrap()
        .id;
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(slow.code.clone()),
    };
    let disposed_at = local(Zone::Wib, 2026, 11, 3, 9, 0);
    store
        .act_at(&national, id, None, &dispose, Some(disposed_at))
        .await
        .unwrap();
    // Nobody works there yet: the national admin returns it on the instansi's behalf.
    let back: Action<Named> = Action::ReturnNotAuthority {
        reason: "bukan wewenang kabupaten".into(),
    };
    store
        .act_at(
            &national,
            id,
            None,
            &back,
            Some(local(Zone::Wib, 2026, 11, 4, 9, 0)),
        )
        .await
        .unwrap();
    let before = clock_history(&store.complaint(&national, id).await.unwrap());
    let follow_up = before
        .iter()
        .find(|s| s.kind == ClockKind::TindakLanjut)
        .expect("the follow-up clock");
    // 14 working days after Tuesday 3 November 2026: Monday 23 November.
    let nov_23 = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    assert_eq!(
        follow_up.due_at,
        Some(meja::domain::calendar::end_of_day(nov_23, Zone::Wib)),
        "{before:?}"
    );
    // The instansi's settings change later: the history does not.
    db.raw(&format!(
        "UPDATE instansi SET follow_up_days = 2, verify_days = 9, zone = 'WIT' WHERE id = {}",
        slow.id
    ))
    .await
    .unwrap();
    store.reload().await.unwrap();
    let after = clock_history(&store.complaint(&national, id).await.unwrap());
    assert_eq!(before, after);
}

/// A manual de-escalation at an auto-escalating instansi holds until a new breach.
async fn the_sweep_respects_a_manual_deescalation(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let all = store.instansi_list();
    let auto = |i: &Instansi| {
        let mut cur = Some(i);
        while let Some(x) = cur {
            if x.auto_escalate {
                return true;
            }
            cur = x.parent_id.and_then(|p| all.iter().find(|y| y.id == p));
        }
        false
    };
    let unit = all
        .iter()
        .find(|i| i.kind == InstansiKind::Unit && auto(i))
        .expect("an auto-escalating unit");
    // Received and disposed a month ago: the follow-up clock is long breached.
    let received = Utc::now() - Duration::days(30);
    let id = store
        .intake(&national, report("Air PDAM mati", received))
        .await
        .unwrap()
        .id;
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code.clone()),
    };
    store
        .act_at(
            &national,
            id,
            None,
            &dispose,
            Some(received + Duration::hours(1)),
        )
        .await
        .unwrap();
    let report = store.sweep(Utc::now()).await.unwrap();
    assert!(report.escalated.contains(&id), "{report:?}");
    let back: Action<Named> = Action::Deescalate {
        note: "sudah ditangani langsung".into(),
    };
    store
        .act_at(&national, id, None, &back, None)
        .await
        .unwrap();
    // Later sweeps leave it alone: a person decided about this breach.
    let report = store.sweep(Utc::now() + Duration::days(2)).await.unwrap();
    assert!(!report.escalated.contains(&id), "{report:?}");
    let c = store.complaint(&national, id).await.unwrap();
    assert_eq!(c.escalated_to, None);
}

/// A hold ends on its day in the zone of the instansi holding the report: a WIB hold until 12
/// November is not resumed at 23:30 WIB on the 11th (already the 12th in WIT), and is on the 12th.
async fn holds_end_on_the_local_day(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let root = store
        .instansi_list()
        .into_iter()
        .find(|i| i.parent_id.is_none())
        .unwrap();
    assert_eq!(root.zone, Zone::Wib);
    let received = Utc::now() - Duration::hours(1);
    let id = store
        .intake(&national, report("Izin usaha", received))
        .await
        .unwrap()
        .id;
    let until = (Utc::now() + Duration::days(3))
        .with_timezone(&Zone::Wib.offset())
        .date_naive();
    let hold: Action<Named> = Action::Hold {
        until,
        reason: "menunggu dokumen".into(),
    };
    store.act(&national, id, None, &hold).await.unwrap();
    // 23:30 WIB on the day before: already the hold's last day in WIT.
    let the_eve = Zone::Wib
        .offset()
        .from_local_datetime(&until.pred_opt().unwrap().and_hms_opt(23, 30, 0).unwrap())
        .single()
        .unwrap()
        .with_timezone(&Utc);
    let report = store.sweep(the_eve).await.unwrap();
    assert!(!report.resumed.contains(&id), "resumed a day early");
    let the_day = the_eve + Duration::hours(1);
    let report = store.sweep(the_day).await.unwrap();
    assert!(report.resumed.contains(&id), "{report:?}");
}

/// Moves the rules refuse, at the store: merging into a finished report, linking a pair twice,
/// and an officer answering or closing a report nobody has claimed.
async fn refused_moves(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let now = Utc::now() - Duration::hours(3);
    let a = disposed(db, "Lampu jalan mati", now).await;
    let b = disposed(db, "Lampu jalan mati lagi", now).await;
    // Finish b: reply by the supervisor, close.
    store
        .act(
            &supervisor,
            b,
            None,
            &Action::Reply {
                body: "Sudah diperbaiki.".into(),
            },
        )
        .await
        .unwrap();
    store
        .act(
            &supervisor,
            b,
            None,
            &Action::Close {
                note: String::new(),
            },
        )
        .await
        .unwrap();
    let err = store
        .act(&supervisor, a, None, &Action::Merge { into: b })
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Refused(Refusal::MergeIntoClosed {
                status: Status::Selesai,
                ..
            })
        ),
        "{err}"
    );
    store
        .act(&supervisor, a, None, &Action::Link { other: b })
        .await
        .unwrap();
    for (from, to) in [(a, b), (b, a)] {
        let err = store
            .act(&supervisor, from, None, &Action::Link { other: to })
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::Refused(Refusal::AlreadyLinked { .. })),
            "{err}"
        );
    }
    // Nobody claimed a: the officer may not answer it, nor close it once answered.
    let c = disposed(db, "Got mampet", now).await;
    let err = store
        .act(
            &officer,
            c,
            None,
            &Action::Reply {
                body: "Akan kami cek.".into(),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(
        err,
        StoreError::Refused(Refusal::ClaimFirst {
            id: c,
            kind: EventKind::Reply
        })
    );
    store
        .act(
            &supervisor,
            c,
            None,
            &Action::Reply {
                body: "Sudah dibersihkan.".into(),
            },
        )
        .await
        .unwrap();
    store
        .act(&supervisor, c, None, &Action::Unassign)
        .await
        .unwrap();
    let err = store
        .act(
            &officer,
            c,
            None,
            &Action::Close {
                note: String::new(),
            },
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::ClaimFirst { .. })),
        "{err}"
    );
}

/// `--at`: a reporter's answer taken by phone yesterday restarts the follow-up clock from
/// yesterday; the event keeps both times; the future and the time before the previous event are
/// refused.
async fn actions_are_recorded_when_they_happened(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let id = disposed(db, "Pungutan liar di loket", Utc::now() - Duration::days(3)).await;
    store
        .act_at(
            &supervisor,
            id,
            None,
            &Action::Reply {
                body: "Sudah kami tegur.".into(),
            },
            Some(Utc::now() - Duration::days(2)),
        )
        .await
        .unwrap();
    let yesterday = Utc::now() - Duration::days(1);
    let answer: Action<Named> = Action::ReporterReply {
        body: "Masih terjadi.".into(),
    };
    let future = Utc::now() + Duration::hours(2);
    let err = store
        .act_at(&supervisor, id, None, &answer, Some(future))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::AtInFuture { .. })),
        "{err}"
    );
    let too_early = Utc::now() - Duration::days(4);
    let err = store
        .act_at(&supervisor, id, None, &answer, Some(too_early))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::AtBeforePrevious { .. })),
        "{err}"
    );
    store
        .act_at(&supervisor, id, None, &answer, Some(yesterday))
        .await
        .unwrap();
    let c = store.complaint(&supervisor, id).await.unwrap();
    let e = c.events.last().unwrap();
    assert_eq!(e.kind, EventKind::ReporterReply);
    assert_eq!(e.at.timestamp_millis(), yesterday.timestamp_millis());
    let recorded = e.recorded_at.expect("the time it was recorded is kept");
    assert!(recorded > yesterday + Duration::hours(23));
    let clock = c.clock.unwrap();
    assert_eq!(clock.kind, ClockKind::TindakLanjut);
    assert_eq!(
        clock.started_at.timestamp_millis(),
        yesterday.timestamp_millis(),
        "the follow-up restarts when the reporter answered"
    );
}

on_all!(
    a_breach_survives_hold_and_resume,
    history_keeps_the_settings_a_clock_started_under,
    the_sweep_respects_a_manual_deescalation,
    holds_end_on_the_local_day,
    refused_moves,
    actions_are_recorded_when_they_happened,
);
