//! Random action sequences by random officers against a real SQLite store; after every step the
//! invariants hold: at most one assignee, only legal moves, one event per accepted action, versions
//! increase by one per accepted action and never change on a refusal.

mod common;

use chrono::{Duration, Utc};
use common::*;
use meja::domain::lifecycle::{Action, Actor, Named, Verification};
use meja::domain::moves::legal_moves;
use meja::domain::*;
use meja::store::seed::{DEMO_ADMIN, DEMO_NATIONAL, DEMO_OFFICER, DEMO_SUPERVISOR};
use proptest::prelude::*;

fn action(n: u8, unit: &str, other: i64) -> Action<Named> {
    match n % 22 {
        0 => Action::Verify {
            changes: Verification::default(),
            dispose_to: None,
        },
        1 => Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(unit.to_string()),
        },
        2 => Action::Dispose {
            to: unit.to_string(),
        },
        3 => Action::Hold {
            until: Utc::now().date_naive() + Duration::days(3),
            reason: "data kurang".into(),
        },
        4 => Action::Resume,
        5 => Action::ReturnNotAuthority {
            reason: "bukan wewenang".into(),
        },
        6 => Action::Archive {
            reason: ArchiveReason::TidakJelas,
            note: String::new(),
        },
        7 | 8 => Action::Claim,
        9 => Action::Assign {
            to: DEMO_OFFICER.into(),
        },
        10 => Action::Unassign,
        11 => Action::Reply {
            body: "Sudah ditangani.".into(),
        },
        12 => Action::Note {
            body: "catatan".into(),
        },
        13 => Action::SubmitForApproval {
            body: "Sudah ditangani.".into(),
        },
        14 => Action::Approve,
        15 => Action::SendBack {
            note: "perbaiki".into(),
        },
        16 => Action::Escalate {
            to: "atasan".into(),
            reason: "perlu bantuan".into(),
        },
        17 => Action::Deescalate {
            note: String::new(),
        },
        18 => Action::ReporterReply {
            body: "Belum selesai".into(),
        },
        19 => Action::Close {
            note: String::new(),
        },
        20 => Action::Reopen {
            reason: "keberatan".into(),
        },
        _ => Action::Merge { into: other },
    }
}

fn run_sequence(steps: Vec<(u8, u8)>) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async move {
        let db = sqlite().await;
        seeded(&db, 0).await;
        let store = &db.store;
        let people: Vec<Actor> = {
            let mut v = Vec::new();
            for u in [DEMO_NATIONAL, DEMO_SUPERVISOR, DEMO_OFFICER, DEMO_ADMIN] {
                v.push(actor(store, u).await);
            }
            v.push(officer_at(store, "KOTA-JAYAPURA", Role::Supervisor).await);
            v
        };
        let unit = store
            .instansi_list()
            .into_iter()
            .find(|i| i.id == people[2].instansi_id)
            .unwrap();
        let national = &people[0];
        let id = store
            .intake(national, report("Laporan acak", Utc::now()))
            .await
            .unwrap()
            .id;
        let other = store
            .intake(national, report("Laporan lain", Utc::now()))
            .await
            .unwrap()
            .id;
        let mut before = store.complaint(national, id).await.unwrap();
        for (who, what) in steps {
            let who = &people[who as usize % people.len()];
            let act = action(what, &unit.code, other);
            let result = store.act(who, id, None, &act).await;
            let after = store.complaint(national, id).await.unwrap();
            match result {
                Ok(outcome) => {
                    // The store made a move the rules allow for this officer's role.
                    assert!(
                        legal_moves().0.iter().any(|m| m.kind == act.verb()
                            && m.from == before.status
                            && m.to == after.status
                            && m.role == who.role),
                        "{} -> {} by {} ({})",
                        before.status,
                        after.status,
                        act.verb(),
                        who.role
                    );
                    assert_eq!(
                        after.version,
                        before.version + 1,
                        "{}: versions increase by one",
                        act.verb()
                    );
                    assert_eq!(
                        after.events.len(),
                        before.events.len() + 1,
                        "{}: one event per accepted action",
                        act.verb()
                    );
                    assert_eq!(after.events.last().unwrap().kind, outcome.kind);
                    assert_eq!(after.events.last().unwrap().actor, who.username);
                }
                Err(_) => {
                    assert_eq!(
                        after.version,
                        before.version,
                        "{}: refusals change nothing",
                        act.verb()
                    );
                    assert_eq!(after.events.len(), before.events.len());
                    assert_eq!(after.status, before.status);
                    assert_eq!(after.assignee, before.assignee);
                }
            }
            // At most one assignee, and it is a real, active officer; closed reports hold no one.
            if let Some(a) = &after.assignee {
                assert!(store.officer(a).await.unwrap().active);
            }
            if after.status == Status::Diarsipkan {
                assert_eq!(after.assignee, None);
            }
            // The clock agrees with the status.
            match after.status {
                Status::Selesai | Status::Diarsipkan => assert!(after.clock.is_none()),
                Status::Ditunda => assert_eq!(after.clock.unwrap().state, ClockState::Paused),
                Status::Ditanggapi => assert_eq!(after.clock.unwrap().kind, ClockKind::Penutupan),
                s if s.awaits_follow_up() => {
                    assert_eq!(after.clock.unwrap().kind, ClockKind::TindakLanjut)
                }
                _ => assert_eq!(after.clock.unwrap().kind, ClockKind::Verifikasi),
            }
            before = after;
        }
        db.drop_schema().await;
    });
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn random_actions_keep_every_invariant(steps in proptest::collection::vec((0u8..5, 0u8..22), 1..40)) {
        run_sequence(steps);
    }
}
