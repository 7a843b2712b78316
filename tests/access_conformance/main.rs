//! The access model, end to end: every store path answers "who may see and do what" the same way,
//! on SQLite and on PostgreSQL. Each case was written against a defect found on the code before
//! `domain::access` existed (issue "Trust", point 1).

#[path = "../common/mod.rs"]
mod common;
mod names;

use chrono::Utc;
use common::*;
use meja::domain::filter::Filter;
use meja::domain::lifecycle::{Action, Actor, Named, Verification};
use meja::domain::view::View;
use meja::domain::*;
use meja::store::feed::FeedMsg;
use meja::store::seed::{DEMO_ADMIN, DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use meja::store::{ListQuery, NewInstansi, NewOfficer, StoreError};
use std::time::Duration;

/// An id no complaint has.
const MISSING: i64 = 987_654_321;

async fn unit_of(db: &TestDb, username: &str) -> Instansi {
    let o = db.store.officer(username).await.unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == o.instansi_id)
        .unwrap()
}

/// The first unit under the instansi with `code`.
fn a_unit_of(db: &TestDb, code: &str) -> Instansi {
    let parent = db.store.find_instansi(code).unwrap();
    db.store
        .instansi_list()
        .into_iter()
        .find(|i| i.parent_id == Some(parent.id) && i.kind == InstansiKind::Unit)
        .unwrap_or_else(|| panic!("{code} has no unit"))
}

/// A report of `klasifikasi` the national admin verified and disposed to the instansi `to`.
async fn disposed_to(db: &TestDb, judul: &str, klasifikasi: Klasifikasi, to: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let mut new = report(judul, Utc::now());
    new.klasifikasi = klasifikasi;
    let c = db.store.intake(&national, new).await.unwrap();
    let action: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(to.to_string()),
    };
    db.store.act(&national, c.id, None, &action).await.unwrap();
    c.id
}

async fn note(db: &TestDb, id: i64, body: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    db.store
        .act(&national, id, None, &Action::Note { body: body.into() })
        .await
        .unwrap()
        .event_id
}

/// Defect 1: a liaison officer does not see wbs and pengadaan reports of their own unit, yet the
/// event feed handed them the events (note bodies included) and `act` let them work on them.
async fn officers_reach_no_admin_class_report(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let officer = actor(store, DEMO_OFFICER).await;
    let unit = unit_of(db, DEMO_OFFICER).await;
    let visible = disposed_to(db, "Jalan rusak", Klasifikasi::Pengaduan, &unit.code).await;
    for k in [Klasifikasi::Wbs, Klasifikasi::Pengadaan] {
        let start = store.latest_event_id().await.unwrap();
        let mut feed = store.follow(officer.clone(), start);
        let hidden = disposed_to(db, "Dugaan pungutan liar", k, &unit.code).await;
        note(db, hidden, "nama saksi: Budi").await;
        let marker = note(db, visible, "cek lokasi").await;

        // The feed delivers in id order: once the later, visible note arrived, anything of the
        // hidden report would have arrived before it.
        let mut delivered = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
        while !delivered.iter().any(|e: &Event| e.id == marker) {
            match tokio::time::timeout_at(deadline, feed.recv()).await {
                Ok(Some(FeedMsg::Events(events))) => delivered.extend(events),
                Ok(Some(FeedMsg::State(_))) => {}
                Ok(None) | Err(_) => panic!("{k}: the visible note never reached the feed"),
            }
        }
        assert!(
            delivered.iter().all(|e| e.complaint_id != hidden),
            "{k}: the live feed leaked {:?}",
            delivered
                .iter()
                .filter(|e| e.complaint_id == hidden)
                .collect::<Vec<_>>()
        );
        let events = store.events_after(&officer, start, 1000).await.unwrap();
        assert!(events.iter().any(|e| e.complaint_id == visible));
        assert!(
            events.iter().all(|e| e.complaint_id != hidden),
            "{k}: events_after leaked the hidden report's events"
        );
        // The supervisor above sees them: the filter is by role, not a blanket one.
        let supervisor = actor(store, DEMO_SUPERVISOR).await;
        let theirs = store.events_after(&supervisor, start, 1000).await.unwrap();
        assert!(theirs.iter().any(|e| e.complaint_id == hidden), "{k}");

        let actions: Vec<Action<Named>> = vec![
            Action::Claim,
            Action::Note { body: "x".into() },
            Action::Link { other: visible },
            Action::Escalate {
                to: "atasan".into(),
                reason: "x".into(),
            },
            Action::ReturnNotAuthority { reason: "x".into() },
        ];
        for a in &actions {
            let err = store.act(&officer, hidden, None, a).await.unwrap_err();
            assert!(
                err == StoreError::Refused(Refusal::Unseen { id: hidden }),
                "{k} {}: {err}",
                a.verb()
            );
        }
        let national = actor(store, DEMO_NATIONAL).await;
        let c = store.complaint(&national, hidden).await.unwrap();
        assert_eq!(c.status, Status::Didisposisikan, "{k}: nothing was written");
        assert_eq!(c.assignee, None);

        // Nor do they record one: it would vanish from their sight the moment it is written.
        let before = store.latest_event_id().await.unwrap();
        let mut new = report("Laporan di loket", Utc::now());
        new.klasifikasi = k;
        let err = store.intake(&officer, new).await.unwrap_err();
        assert!(matches!(err, StoreError::Denied(_)), "{k}: {err}");
        assert_eq!(store.latest_event_id().await.unwrap(), before, "{k}");
    }
}

/// Everything a store path answers about `id` to `who`, with the id written as #ID: an invisible
/// complaint must give exactly the answers of a missing one.
async fn answers(db: &TestDb, who: &Actor, own: i64, id: i64) -> Vec<String> {
    let store = &db.store;
    let tag = format!("#{id}");
    let show = |what: &str, r: Result<String, StoreError>| {
        let text = match r {
            Ok(v) => format!("ok {v}"),
            Err(e) => format!("{e:?}"),
        };
        let text = text.replace(&tag, "#ID").replace(&id.to_string(), "ID");
        format!("{what}: {text}")
    };
    let mut out = Vec::new();
    let acts: Vec<Action<Named>> = vec![
        Action::Claim,
        Action::Note { body: "x".into() },
        Action::Escalate {
            to: "atasan".into(),
            reason: "x".into(),
        },
        Action::ReturnNotAuthority { reason: "x".into() },
        Action::Dispose {
            to: "KOTA-PONTIANAK".into(),
        },
    ];
    for a in &acts {
        out.push(show(
            a.verb(),
            store
                .act(who, id, None, a)
                .await
                .map(|o| o.kind.to_string()),
        ));
    }
    out.push(show(
        "act at a stale version",
        store
            .act(who, id, Some(0), &Action::Claim)
            .await
            .map(|o| o.kind.to_string()),
    ));
    out.push(show(
        "act_guarded",
        store
            .act_guarded(who, id, None, &Action::Reply { body: "x".into() }, 0)
            .await
            .map(|o| o.kind.to_string()),
    ));
    out.push(show(
        "act_bulk",
        store
            .act_bulk(who, &[id], &Action::Claim)
            .await
            .map(|b| format!("{} done, refused {:?}", b.done.len(), b.refused)),
    ));
    for (verb, a) in [
        ("merge into", Action::Merge { into: id }),
        ("link to", Action::Link { other: id }),
    ] {
        out.push(show(
            verb,
            store
                .act(who, own, None, &a)
                .await
                .map(|o| o.kind.to_string()),
        ));
    }
    out.push(show(
        "show",
        store.complaint(who, id).await.map(|c| c.judul),
    ));
    out.push(show(
        "save_draft",
        store
            .save_draft(who, id, "reply", "x", None)
            .await
            .map(|_| String::new()),
    ));
    out.push(show(
        "draft",
        store.draft(who, id).await.map(|d| format!("{d:?}")),
    ));
    out.push(show(
        "set_presence",
        store
            .set_presence(who, Some((id, true)))
            .await
            .map(|_| String::new()),
    ));
    // Someone who sees it is there; the asker must not learn it.
    let national = actor(store, DEMO_NATIONAL).await;
    let there = store.set_presence(&national, Some((id, true))).await;
    assert_eq!(there.is_ok(), id != MISSING, "{there:?}");
    out.push(show(
        "presence",
        store
            .presence(who, &[id], Utc::now())
            .await
            .map(|p| format!("{} present", p.len())),
    ));
    store.set_presence(&national, None).await.unwrap();
    out.push(show(
        "similar",
        store
            .similar(who, id, 10)
            .await
            .map(|r| format!("{} similar", r.len())),
    ));
    out.push(show(
        "events_after",
        store.events_after(who, 0, 100_000).await.map(|e| {
            format!(
                "{} events of it",
                e.iter().filter(|e| e.complaint_id == id).count()
            )
        }),
    ));
    out
}

/// Defect 2: refusals told that an out-of-scope report exists ("outside your scope" from `act`
/// while `show` said "no complaint"). Out of scope, or a wbs report for a liaison officer, must
/// answer like a missing complaint on every path.
async fn invisible_is_indistinguishable_from_missing(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let demo_unit = unit_of(db, DEMO_OFFICER).await;
    let jayapura = a_unit_of(db, "KOTA-JAYAPURA");
    // Out of scope: a report of Kota Jayapura for the Pontianak supervisor.
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let own = disposed_to(
        db,
        "Lampu jalan mati",
        Klasifikasi::Pengaduan,
        &demo_unit.code,
    )
    .await;
    let elsewhere = disposed_to(
        db,
        "Lampu jalan mati total",
        Klasifikasi::Pengaduan,
        &jayapura.code,
    )
    .await;
    note(db, elsewhere, "isi rahasia").await;
    let missing = answers(db, &supervisor, own, MISSING).await;
    assert!(
        missing.iter().any(|a| a.contains("Unseen { id: ID }")),
        "{missing:#?}"
    );
    let invisible = answers(db, &supervisor, own, elsewhere).await;
    assert_eq!(invisible, missing, "out of scope answered unlike missing");

    // A wbs report in the liaison officer's own unit.
    let officer = actor(store, DEMO_OFFICER).await;
    let own = disposed_to(db, "Trotoar rusak", Klasifikasi::Pengaduan, &demo_unit.code).await;
    let wbs = disposed_to(db, "Trotoar rusak parah", Klasifikasi::Wbs, &demo_unit.code).await;
    note(db, wbs, "isi rahasia").await;
    let missing = answers(db, &officer, own, MISSING).await;
    let invisible = answers(db, &officer, own, wbs).await;
    assert_eq!(
        invisible, missing,
        "wbs answered the officer unlike missing"
    );

    // And the same paths do work on a complaint the actor sees (the answers can differ).
    let seen = answers(db, &supervisor, own, wbs).await;
    assert_ne!(seen, missing);
}

/// Defect 3: a kota supervisor could dispose a report it holds to a unit of another province.
/// Disposition goes into the actor's own subtree only; returning up (bukan wewenang) still works.
async fn disposition_stays_in_the_subtree(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let national = actor(store, DEMO_NATIONAL).await;
    let jayapura = a_unit_of(db, "KOTA-JAYAPURA");
    let own_unit = unit_of(db, DEMO_OFFICER).await;
    let c = store
        .intake(&supervisor, report("Drainase tersumbat", Utc::now()))
        .await
        .unwrap();
    for to in [
        jayapura.code.clone(),
        jayapura.name.clone(),
        "KALBAR".into(),
    ] {
        let err = store
            .act(
                &supervisor,
                c.id,
                None,
                &Action::Verify {
                    changes: Verification::default(),
                    dispose_to: Some(to.clone()),
                },
            )
            .await
            .unwrap_err();
        assert!(
            matches!(err, StoreError::NotFound(_) | StoreError::Refused(_)),
            "{to}: {err}"
        );
        let now = store.complaint(&national, c.id).await.unwrap();
        assert_eq!(now.status, Status::Baru, "{to}: nothing moved");
    }
    // Into its own unit it goes.
    let out = store
        .act(
            &supervisor,
            c.id,
            None,
            &Action::Verify {
                changes: Verification::default(),
                dispose_to: Some(own_unit.code.clone()),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.status, Status::Didisposisikan);

    // The exception: a report routed to the kota by its province goes back up to the province.
    let province_sup = officer_at(store, "KALBAR", Role::Supervisor).await;
    let routed = store
        .intake(&province_sup, report("Banjir di perumahan", Utc::now()))
        .await
        .unwrap()
        .id;
    store
        .act(
            &province_sup,
            routed,
            None,
            &Action::Verify {
                changes: Verification::default(),
                dispose_to: Some("KOTA-PONTIANAK".into()),
            },
        )
        .await
        .unwrap();
    let out = store
        .act(
            &supervisor,
            routed,
            None,
            &Action::ReturnNotAuthority {
                reason: "wewenang provinsi".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.status, Status::BukanWewenang);
    let back = store.complaint(&national, routed).await.unwrap();
    assert_eq!(back.instansi_id, store.find_instansi("KALBAR").unwrap().id);
}

on_all!(
    officers_reach_no_admin_class_report,
    invisible_is_indistinguishable_from_missing,
    disposition_stays_in_the_subtree,
);
