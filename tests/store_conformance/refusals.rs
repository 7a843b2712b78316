//! What is refused changes nothing: illegal moves, stale versions, concurrent claims, scope.

use super::*;

pub(crate) async fn refused_moves_change_nothing(db: &TestDb) {
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

pub(crate) async fn stale_versions_conflict(db: &TestDb) {
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

pub(crate) async fn concurrent_claims_have_one_winner(db: &TestDb) {
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

pub(crate) async fn officers_see_only_their_subtree(db: &TestDb) {
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
