//! Issue 5, store side: the change feed between two handles on one database (as two consoles
//! would have), presence, the stale-reply guard, the single sweeper, and catching up after the
//! listening connection is killed.

mod common;

use chrono::{Duration as ChronoDuration, Utc};
use common::*;
use meja::domain::EventKind;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::store::StoreError;
use meja::store::feed::{Connection, FeedMsg};
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use std::collections::HashSet;
use std::time::Duration;
use tokio::sync::mpsc::Receiver;

async fn disposed(db: &TestDb, judul: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let officer = db.store.officer(DEMO_OFFICER).await.unwrap();
    let unit = db
        .store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == officer.instansi_id)
        .unwrap();
    let c = db
        .store
        .intake(&national, report(judul, Utc::now()))
        .await
        .unwrap();
    let dispose: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(unit.code),
    };
    db.store.act(&national, c.id, None, &dispose).await.unwrap();
    c.id
}

/// Collects event ids from the feed until `want` are all seen (or the deadline passes).
async fn collect(
    rx: &mut Receiver<FeedMsg>,
    want: &HashSet<i64>,
    within: Duration,
) -> (HashSet<i64>, Vec<Connection>) {
    let mut seen = HashSet::new();
    let mut states = Vec::new();
    let deadline = tokio::time::Instant::now() + within;
    while !want.is_subset(&seen) {
        match tokio::time::timeout_at(deadline, rx.recv()).await {
            Ok(Some(FeedMsg::Events(events))) => seen.extend(events.iter().map(|e| e.id)),
            Ok(Some(FeedMsg::State(s))) => states.push(s),
            Ok(None) | Err(_) => break,
        }
    }
    (seen, states)
}

async fn an_action_in_one_console_reaches_the_other(db: &TestDb) {
    seeded(db, 0).await;
    let id = disposed(db, "Saluran tersumbat").await;
    let other = db.second_store().await;
    let supervisor = actor(&other, DEMO_SUPERVISOR).await;
    let start = other.latest_event_id().await.unwrap();
    let mut feed = other.follow(supervisor.clone(), start);
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let claimed = db
        .store
        .act(&officer, id, None, &Action::Claim)
        .await
        .unwrap();
    // A burst: twenty notes arrive, all of them, none twice.
    let mut want: HashSet<i64> = HashSet::from([claimed.event_id]);
    for n in 0..20 {
        let note = Action::Note {
            body: format!("catatan {n}"),
        };
        want.insert(
            db.store
                .act(&officer, id, None, &note)
                .await
                .unwrap()
                .event_id,
        );
    }
    let (seen, states) = collect(&mut feed, &want, Duration::from_secs(10)).await;
    assert!(
        want.is_subset(&seen),
        "missing {:?}",
        want.difference(&seen).collect::<Vec<_>>()
    );
    assert_eq!(states.first(), Some(&Connection::Live));
    // Events outside the follower's scope are not delivered.
    let elsewhere = officer_at(&other, "KOTA-JAYAPURA", meja::domain::Role::Supervisor).await;
    let mut far_feed = other.follow(elsewhere, start);
    let (far_seen, _) = collect(&mut far_feed, &want, Duration::from_millis(800)).await;
    assert!(
        far_seen.is_empty(),
        "another instansi's events leaked: {far_seen:?}"
    );
    other.close().await;
}

async fn presence_appears_and_expires(db: &TestDb) {
    seeded(db, 0).await;
    let id = disposed(db, "Lampu merah mati").await;
    let other = db.second_store().await;
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let supervisor = actor(&other, DEMO_SUPERVISOR).await;
    db.store
        .set_presence(&officer, Some((id, true)))
        .await
        .unwrap();
    let now = Utc::now();
    let seen = other.presence(&supervisor, &[id], now).await.unwrap();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].writing);
    assert_eq!(seen[0].username, DEMO_OFFICER);
    assert!(
        db.store
            .presence(&officer, &[id], now)
            .await
            .unwrap()
            .is_empty(),
        "one does not see oneself"
    );
    // A console that died stops refreshing: after the expiry it is gone.
    let later = now + meja::store::PRESENCE_EXPIRY + ChronoDuration::seconds(1);
    assert!(
        other
            .presence(&supervisor, &[id], later)
            .await
            .unwrap()
            .is_empty()
    );
    // Leaving clears it at once.
    db.store
        .set_presence(&officer, Some((id, false)))
        .await
        .unwrap();
    db.store.set_presence(&officer, None).await.unwrap();
    assert!(
        other
            .presence(&supervisor, &[id], now)
            .await
            .unwrap()
            .is_empty()
    );
    other.close().await;
}

async fn stale_reply_guard(db: &TestDb) {
    seeded(db, 0).await;
    let id = disposed(db, "Pipa bocor").await;
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let supervisor = actor(&db.store, DEMO_SUPERVISOR).await;
    db.store
        .act(&officer, id, None, &Action::Claim)
        .await
        .unwrap();
    let seen = db.store.latest_event_id().await.unwrap();
    db.store
        .save_draft(&officer, id, "reply", "Pipa sudah diperbaiki.", Some(seen))
        .await
        .unwrap();
    // Meanwhile the supervisor notes something the officer has not read.
    db.store
        .act(
            &supervisor,
            id,
            None,
            &Action::Note {
                body: "pelapor menelepon lagi".into(),
            },
        )
        .await
        .unwrap();
    let submit = Action::SubmitForApproval {
        body: "Pipa sudah diperbaiki.".into(),
    };
    let err = db
        .store
        .act_guarded(&officer, id, None, &submit, seen)
        .await
        .unwrap_err();
    let StoreError::Stale(events) = &err else {
        panic!("expected stale, got {err}")
    };
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].kind, EventKind::Note);
    assert_eq!(
        db.store.complaint(&officer, id).await.unwrap().status,
        meja::domain::Status::Ditindaklanjuti,
        "nothing sent"
    );
    // Having read them, the officer confirms: the guard moves to the newest event.
    let now_seen = db.store.latest_event_id().await.unwrap();
    let out = db
        .store
        .act_guarded(&officer, id, None, &submit, now_seen)
        .await
        .unwrap();
    assert_eq!(out.status, meja::domain::Status::MenungguPersetujuan);
    // The officer's own events never make their draft stale.
    let approve = db
        .store
        .act_guarded(&supervisor, id, None, &Action::Approve, out.event_id - 1)
        .await
        .unwrap_err();
    assert!(
        matches!(approve, StoreError::Stale(_)),
        "the approver had not seen the submission"
    );
    db.store
        .act_guarded(&supervisor, id, None, &Action::Approve, out.event_id)
        .await
        .unwrap();
}

async fn one_sweeper_at_a_time(db: &TestDb) {
    seeded(db, 0).await;
    let other = db.second_store().await;
    // On both backends one process holds the lease; the other is told no.
    let t0 = chrono::Utc::now();
    let ttl = Duration::from_secs(60);
    let mut first = db.store.try_lead_sweep_at(t0, ttl).await.unwrap();
    assert!(first.is_some());
    let second = other.try_lead_sweep_at(t0, ttl).await.unwrap();
    assert!(second.is_none(), "{}: only one process sweeps", db.label);
    // The holder renews; a renewed lease is still held half a lease later.
    let later = t0 + chrono::TimeDelta::seconds(50);
    assert!(first.as_mut().unwrap().renew(later, ttl).await.unwrap());
    let at_old_expiry = t0 + chrono::TimeDelta::seconds(61);
    assert!(
        other
            .try_lead_sweep_at(at_old_expiry, ttl)
            .await
            .unwrap()
            .is_none()
    );
    // A holder that stops renewing (its process died) loses the lease once it expires.
    let after_expiry = later + chrono::TimeDelta::seconds(61);
    let taken = other.try_lead_sweep_at(after_expiry, ttl).await.unwrap();
    assert!(taken.is_some(), "an expired lease is taken over");
    assert!(
        !first
            .as_mut()
            .unwrap()
            .renew(after_expiry, ttl)
            .await
            .unwrap(),
        "the old holder learns it lost the lease"
    );
    // Given up, it is free at once.
    taken.unwrap().release().await.unwrap();
    assert!(
        db.store
            .try_lead_sweep_at(after_expiry, ttl)
            .await
            .unwrap()
            .is_some()
    );
    other.close().await;
}

on_all!(
    an_action_in_one_console_reaches_the_other,
    presence_appears_and_expires,
    stale_reply_guard,
    one_sweeper_at_a_time
);

/// PostgreSQL only: kill the listening connection while changes are made; the feed says it is
/// reconnecting, comes back, and delivers every change made meanwhile.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn feed_catches_up_after_the_listener_is_killed() {
    let db = postgres().await;
    seeded(&db, 0).await;
    let id = disposed(&db, "Jalan amblas").await;
    let other = db.second_store().await;
    let supervisor = actor(&other, DEMO_SUPERVISOR).await;
    let mut feed = other.follow(supervisor, other.latest_event_id().await.unwrap());
    match tokio::time::timeout(Duration::from_secs(5), feed.recv()).await {
        Ok(Some(FeedMsg::State(Connection::Live))) => {}
        other => panic!("expected the feed to go live first, got {other:?}"),
    }
    let schema = db.pg_schema().unwrap().to_string();
    let killed = db
        .pg_scalar(&format!(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = '{schema}' AND query ILIKE 'LISTEN%'"
        ))
        .await;
    assert_eq!(killed, 1, "one listening connection to kill");
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let mut want = HashSet::new();
    want.insert(
        db.store
            .act(&officer, id, None, &Action::Claim)
            .await
            .unwrap()
            .event_id,
    );
    for n in 0..5 {
        want.insert(
            db.store
                .act(
                    &officer,
                    id,
                    None,
                    &Action::Note {
                        body: format!("selama putus {n}"),
                    },
                )
                .await
                .unwrap()
                .event_id,
        );
    }
    let (seen, states) = collect(&mut feed, &want, Duration::from_secs(20)).await;
    assert!(
        want.is_subset(&seen),
        "missing after reconnect: {:?}",
        want.difference(&seen).collect::<Vec<_>>()
    );
    assert!(
        states
            .iter()
            .any(|s| matches!(s, Connection::Reconnecting { .. })),
        "the feed said it was reconnecting: {states:?}"
    );
    // After catching up it says it is live again.
    let back = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            match feed.recv().await {
                Some(FeedMsg::State(Connection::Live)) => return true,
                Some(_) => continue,
                None => return false,
            }
        }
    })
    .await;
    assert_eq!(back, Ok(true), "the feed went live again");
    other.close().await;
    db.drop_schema().await;
}
