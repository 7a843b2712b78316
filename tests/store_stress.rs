//! Many officers acting at random at the same time (product.md: 50 concurrent officers for a
//! minute against PostgreSQL; here 50 for MEJA_STRESS_SECS seconds, default 8, on both backends).
//! Afterwards every invariant holds: no lost update (each complaint's version equals its number of
//! events), only legal status moves in every complaint's log, at most one assignee, and every task
//! finished (no deadlock, no crash).

mod common;

use chrono::{Duration as ChronoDuration, Utc};
use common::*;
use meja::domain::lifecycle::{Action, Named, Verification};
use meja::domain::moves::legal_moves;
use meja::domain::*;
use meja::store::seed::{DEMO_ADMIN, DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use meja::store::{NewOfficer, StoreError};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use std::time::{Duration, Instant};

const OFFICERS: usize = 50;
const COMPLAINTS: usize = 12;

async fn fifty_officers_at_once(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let admin = actor(store, DEMO_ADMIN).await;
    let unit_id = store.officer(DEMO_OFFICER).await.unwrap().instansi_id;
    let unit = store
        .instansi_list()
        .into_iter()
        .find(|i| i.id == unit_id)
        .unwrap();
    let mut people = vec![
        actor(store, DEMO_SUPERVISOR).await,
        actor(store, DEMO_OFFICER).await,
        national.clone(),
    ];
    for n in people.len()..OFFICERS {
        let role = if n % 10 == 0 {
            Role::Supervisor
        } else {
            Role::Officer
        };
        let username = format!("petugas{n}");
        store
            .add_officer(
                &admin,
                NewOfficer {
                    password: None,
                    username: username.clone(),
                    name: format!("Petugas {n}"),
                    role,
                    instansi: unit.code.clone(),
                },
            )
            .await
            .unwrap();
        people.push(actor(store, &username).await);
    }
    let mut ids = Vec::new();
    for n in 0..COMPLAINTS {
        let id = store
            .intake(
                &national,
                report(&format!("Laporan serentak {n}"), Utc::now()),
            )
            .await
            .unwrap()
            .id;
        if n % 3 != 0 {
            let dispose: Action<Named> = Action::Verify {
                changes: Verification::default(),
                dispose_to: Some(unit.code.clone()),
            };
            store.act(&national, id, None, &dispose).await.unwrap();
        }
        ids.push(id);
    }
    let secs: u64 = std::env::var("MEJA_STRESS_SECS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let until = Instant::now() + Duration::from_secs(secs);
    let mut tasks = Vec::new();
    for (n, who) in people.into_iter().enumerate() {
        let store = store.clone();
        let ids = ids.clone();
        let unit = unit.code.clone();
        tasks.push(tokio::spawn(async move {
            let mut rng = SmallRng::seed_from_u64(n as u64);
            let (mut accepted, mut refused, mut conflicts) = (0u32, 0u32, 0u32);
            while Instant::now() < until {
                let id = ids[rng.random_range(0..ids.len())];
                let action: Action<Named> = match rng.random_range(0..14) {
                    0..=2 => Action::Claim,
                    3 => Action::Unassign,
                    4 => Action::Note { body: "cek".into() },
                    5 => Action::SubmitForApproval {
                        body: "Sudah ditangani.".into(),
                    },
                    6 => Action::Approve,
                    7 => Action::SendBack {
                        note: "lengkapi".into(),
                    },
                    8 => Action::ReporterReply {
                        body: "belum".into(),
                    },
                    9 => Action::Escalate {
                        to: "atasan".into(),
                        reason: "bantu".into(),
                    },
                    10 => Action::Deescalate {
                        note: String::new(),
                    },
                    11 => Action::Assign {
                        to: DEMO_OFFICER.into(),
                    },
                    12 => Action::Dispose { to: unit.clone() },
                    _ => Action::Hold {
                        until: Utc::now().date_naive() + ChronoDuration::days(2),
                        reason: "data".into(),
                    },
                };
                // Half the officers act on what they read a moment ago, as the console does.
                let expected = if n % 2 == 0 {
                    store.complaint(&who, id).await.ok().map(|c| c.version)
                } else {
                    None
                };
                match store.act(&who, id, expected, &action).await {
                    Ok(_) => accepted += 1,
                    Err(StoreError::Conflict(_)) => conflicts += 1,
                    Err(
                        StoreError::Refused(_) | StoreError::Invalid(_) | StoreError::NotFound(_),
                    ) => refused += 1,
                    Err(e) => panic!("{} {} on #{id}: {e}", who.username, action.verb()),
                }
            }
            (accepted, refused, conflicts)
        }));
    }
    let (mut accepted, mut refused, mut conflicts) = (0, 0, 0);
    for t in tasks {
        let (a, r, c) = tokio::time::timeout(Duration::from_secs(secs + 60), t)
            .await
            .expect("no task hangs (deadlock)")
            .expect("no task panics");
        accepted += a;
        refused += r;
        conflicts += c;
    }
    println!(
        "{}: {OFFICERS} officers, {secs} s: {accepted} accepted, {refused} refused, {conflicts} conflicts",
        db.label
    );
    assert!(accepted > 0);
    for id in ids {
        let c = store.complaint(&national, id).await.unwrap();
        assert_eq!(
            c.version as usize,
            c.events.len(),
            "#{id}: every accepted action has exactly one event (no lost update)"
        );
        let (moves, _) = legal_moves();
        for pair in c.events.windows(2) {
            // Every logged step is a move the rules allow (by some role; the sweep's own moves
            // are not people's and so not in the table).
            assert!(
                pair[1].kind == EventKind::AutoClose
                    || moves.iter().any(|m| m.kind == pair[1].kind.as_code()
                        && m.from == pair[0].status
                        && m.to == pair[1].status),
                "#{id}: {} -> {} by {}",
                pair[0].status,
                pair[1].status,
                pair[1].kind
            );
        }
        if let Some(a) = &c.assignee {
            assert!(store.officer(a).await.unwrap().active);
        }
    }
}

on_both!(fifty_officers_at_once);
