//! Names and people: instansi lookups, assignees and the admin verbs under the one access model.

use super::*;

/// Defect 4: naming an instansi told officers about instansi outside what they may name (the
/// ambiguity message listed any province's units; an outside code resolved and was then refused
/// by name). Every naming path answers an outside name exactly like a name that does not exist.
async fn instansi_names_stay_in_the_candidate_set(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let kota = store.find_instansi("KOTA-PONTIANAK").unwrap();
    let all = store.instansi_list();
    let inside: Vec<&Instansi> = all
        .iter()
        .filter(|i| i.path.starts_with(&kota.path) || kota.path.starts_with(&i.path))
        .collect();
    let outsider_named = |msg: &str| {
        all.iter()
            .filter(|i| !inside.iter().any(|x| x.id == i.id))
            .filter(|i| !inside.iter().any(|x| x.name.contains(&i.name)))
            .find(|i| msg.contains(&i.name) || msg.contains(&format!("({})", i.code)))
            .map(|i| i.name.clone())
    };
    let own_unit = unit_of(db, DEMO_OFFICER).await;
    let id = disposed_to(db, "Pohon tumbang", Klasifikasi::Pengaduan, &own_unit.code).await;
    let fresh = store
        .intake(&supervisor, report("Pohon tumbang lagi", Utc::now()))
        .await
        .unwrap()
        .id;

    // Each naming path, asked with a query, answers with a message (or Ok).
    async fn ask(
        db: &TestDb,
        who: &Actor,
        id: i64,
        fresh: i64,
        q: &str,
    ) -> Vec<(&'static str, String)> {
        let store = &db.store;
        let text = |r: Result<String, StoreError>| match r {
            Ok(v) => format!("ok {v}"),
            Err(e) => format!("{e:?}"),
        };
        let mut out = vec![(
            "dispose",
            text(
                store
                    .act(
                        who,
                        fresh,
                        None,
                        &Action::Verify {
                            changes: Verification::default(),
                            dispose_to: Some(q.into()),
                        },
                    )
                    .await
                    .map(|o| o.status.to_string()),
            ),
        )];
        out.push((
            "escalate",
            text(
                store
                    .act(
                        who,
                        id,
                        None,
                        &Action::Escalate {
                            to: q.into(),
                            reason: "x".into(),
                        },
                    )
                    .await
                    .map(|o| o.status.to_string()),
            ),
        ));
        let filter = Filter {
            instansi: Some(q.into()),
            ..Filter::default()
        };
        out.push((
            "filter",
            text(
                store
                    .list(
                        who,
                        &ListQuery {
                            filter,
                            ..ListQuery::new(View::Semua)
                        },
                    )
                    .await
                    .map(|p| format!("{} rows", p.rows.len())),
            ),
        ));
        let mut new = report("Pohon tumbang ketiga", Utc::now());
        new.instansi = Some(q.into());
        out.push((
            "intake",
            text(store.intake(who, new).await.map(|c| c.instansi)),
        ));
        out.push((
            "find_instansi_for",
            text(store.find_instansi_for(who, q).map(|i| i.name)),
        ));
        out
    }

    // An ambiguous word lists only candidates.
    for q in ["Dinas", "Kota", "Rumah Sakit", "Prov"] {
        for (path, msg) in ask(db, &supervisor, id, fresh, q).await {
            assert_eq!(
                outsider_named(&msg),
                None,
                "{path} '{q}' named an outsider: {msg}"
            );
        }
    }
    // An outside instansi answers like one that does not exist.
    let jayapura = a_unit_of(db, "KOTA-JAYAPURA");
    let unknown = ask(db, &supervisor, id, fresh, "TIDAK-ADA").await;
    for q in [
        jayapura.code.as_str(),
        jayapura.name.as_str(),
        "KOTA-SINGKAWANG",
    ] {
        let answers = ask(db, &supervisor, id, fresh, q).await;
        for ((path, msg), (_, none)) in answers.iter().zip(&unknown) {
            assert_eq!(
                msg.replace(q, "Q"),
                none.replace("TIDAK-ADA", "Q"),
                "{path} '{q}'"
            );
        }
    }
    // Escalation names the instansi above the complaint too.
    let id = disposed_to(
        db,
        "Pohon tumbang keempat",
        Klasifikasi::Pengaduan,
        &own_unit.code,
    )
    .await;
    let out = store
        .act(
            &supervisor,
            id,
            None,
            &Action::Escalate {
                to: "KALBAR".into(),
                reason: "butuh provinsi".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(out.kind, EventKind::Escalate);
    // The national admin names anything.
    let national = actor(store, DEMO_NATIONAL).await;
    assert_eq!(
        store
            .find_instansi_for(&national, &jayapura.code)
            .unwrap()
            .id,
        jayapura.id
    );
}

/// Defect 5: the assign picker offered every officer of the subtree, and `assign` accepted an
/// officer above the actor (a national admin) or a liaison officer for a wbs report they cannot see.
async fn assignees_fit_the_complaint_and_the_actor(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let national = actor(store, DEMO_NATIONAL).await;
    let unit = unit_of(db, DEMO_OFFICER).await;
    let plain = disposed_to(db, "Sampah menumpuk", Klasifikasi::Pengaduan, &unit.code).await;
    let wbs = disposed_to(db, "Pungli di loket", Klasifikasi::Wbs, &unit.code).await;

    let assign = |to: &str| Action::Assign { to: to.to_string() };
    let err = store
        .act(&supervisor, plain, None, &assign(DEMO_NATIONAL))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(Refusal::UnknownOfficer { .. })),
        "{err}"
    );
    let elsewhere = officer_at(store, "KOTA-JAYAPURA", Role::Supervisor).await;
    let err = store
        .act(&supervisor, plain, None, &assign(&elsewhere.username))
        .await
        .unwrap_err();
    // Someone outside one's subtree is as unknown as nobody at all.
    assert!(
        matches!(err, StoreError::Refused(Refusal::UnknownOfficer { .. })),
        "{err}"
    );
    let err = store
        .act(&supervisor, wbs, None, &assign(DEMO_OFFICER))
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Invalid(_) | StoreError::Refused(_)),
        "{err}"
    );
    assert_eq!(
        store.complaint(&national, wbs).await.unwrap().assignee,
        None
    );
    store
        .act(&supervisor, plain, None, &assign(DEMO_OFFICER))
        .await
        .unwrap();

    // Where a report is (its instansi's path) and its klasifikasi, as the national admin sees it.
    let viewer = &national;
    let placed = |id| async move {
        let c = store.complaint(viewer, id).await.unwrap();
        let path = store
            .instansi_list()
            .into_iter()
            .find(|i| i.id == c.instansi_id)
            .unwrap()
            .path;
        (path, c.klasifikasi)
    };
    // The picker offers exactly whom `assign` accepts.
    for id in [plain, wbs] {
        let (path, _) = placed(id).await;
        let offered = store
            .assignable_officers(&supervisor, &[id], fixture_now())
            .await
            .unwrap();
        assert!(!offered.is_empty());
        for o in &offered {
            let o = &o.officer;
            assert!(
                o.active && path.starts_with(&o.instansi_path),
                "{}",
                o.username
            );
            assert!(o.instansi_path.starts_with(&supervisor.instansi_path));
            if id == wbs {
                assert_ne!(o.role, Role::Officer, "{} cannot see wbs", o.username);
            }
        }
        assert_eq!(
            offered.iter().any(|o| o.officer.username == DEMO_OFFICER),
            id == plain
        );
    }
    // The national admin's picker (read from the reports' instansi and above) offers exactly
    // the officers of the whole tree that `may_assign` accepts, for one report and for two.
    for ids in [vec![plain], vec![wbs], vec![plain, wbs]] {
        let offered: Vec<String> = store
            .assignable_officers(&national, &ids, fixture_now())
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.officer.username)
            .collect();
        let mut reports = Vec::new();
        for &id in &ids {
            reports.push(placed(id).await);
        }
        let mut everyone = Vec::new();
        for o in store.officers(&national, fixture_now()).await.unwrap() {
            let mut all = o.officer.active;
            for (path, klasifikasi) in &reports {
                let sighting = meja::domain::access::Sighting {
                    instansi_path: path,
                    klasifikasi: *klasifikasi,
                };
                let person = meja::domain::access::Person {
                    id: o.officer.id,
                    role: o.officer.role,
                    instansi_path: &o.officer.instansi_path,
                };
                all &= meja::domain::access::may_assign(&national, sighting, person).is_ok();
            }
            if all {
                everyone.push(o.officer.username);
            }
        }
        assert!(!offered.is_empty());
        assert_eq!(offered, everyone, "{ids:?}");
    }
    // A complaint the actor cannot see is refused like a missing one.
    let jayapura = a_unit_of(db, "KOTA-JAYAPURA");
    let far = disposed_to(db, "Jauh", Klasifikasi::Pengaduan, &jayapura.code).await;
    let err = store
        .assignable_officers(&supervisor, &[far], fixture_now())
        .await
        .unwrap_err();
    assert_eq!(err.to_string(), format!("no complaint #{far}"));

    // `officer list` for a non-national is their subtree.
    for o in store.officers(&supervisor, fixture_now()).await.unwrap() {
        assert!(
            o.officer
                .instansi_path
                .starts_with(&supervisor.instansi_path),
            "{}",
            o.officer.username
        );
    }
}

/// Defect 6: admin verbs did not go through one model: a kota admin could create a national admin
/// and disable their own account, and refusals named instansi outside their subtree.
async fn admin_verbs_follow_the_access_model(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let admin = actor(store, DEMO_ADMIN).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let new = |username: &str, role: Role, instansi: &str| NewOfficer {
        username: username.into(),
        name: "Petugas Baru".into(),
        role,
        instansi: instansi.into(),
        password: None,
    };
    let err = store
        .add_officer(
            &admin,
            new("naik.pangkat", Role::National, "KOTA-PONTIANAK"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err}");
    assert!(store.officer("naik.pangkat").await.is_err(), "not created");
    let err = store
        .add_officer(
            &supervisor,
            new("oleh.supervisor", Role::Officer, "KOTA-PONTIANAK"),
        )
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err}");
    let err = store
        .add_officer(&admin, new("di.jayapura", Role::Officer, "KOTA-JAYAPURA"))
        .await
        .unwrap_err();
    assert!(!err.to_string().contains("Jayapura"), "{err}");
    let made = store
        .add_officer(&admin, new("petugas.baru", Role::Admin, "KOTA-PONTIANAK"))
        .await
        .unwrap();
    assert_eq!(made.role, Role::Admin);

    let err = store
        .set_officer_active(&admin, DEMO_ADMIN, false)
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err}");
    assert!(store.officer(DEMO_ADMIN).await.unwrap().active);
    // An officer outside the admin's subtree is as unknown as one that does not exist.
    let err = store
        .set_officer_active(&admin, DEMO_NATIONAL, false)
        .await
        .unwrap_err();
    let none = store
        .set_officer_active(&admin, "tidak.ada", false)
        .await
        .unwrap_err();
    assert_eq!(
        format!("{err:?}").replace(DEMO_NATIONAL, "U"),
        format!("{none:?}").replace("tidak.ada", "U")
    );
    assert!(store.officer(DEMO_NATIONAL).await.unwrap().active);
    let off = store
        .set_officer_active(&admin, "petugas.baru", false)
        .await
        .unwrap();
    assert!(!off.active);

    let unit = |code: &str, parent: &str| NewInstansi {
        code: code.into(),
        name: format!("Unit {code}"),
        kind: InstansiKind::Unit,
        zone: Zone::Wib,
        parent: Some(parent.into()),
        deadlines: Deadlines::default(),
        requires_approval: false,
        auto_escalate: false,
    };
    let err = store
        .add_instansi(Some(&admin), unit("UNIT-LUAR", "KOTA-JAYAPURA"))
        .await
        .unwrap_err();
    assert!(!err.to_string().contains("Jayapura"), "{err}");
    let err = store
        .add_instansi(Some(&supervisor), unit("UNIT-SUP", "KOTA-PONTIANAK"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err}");
    store
        .add_instansi(Some(&admin), unit("UNIT-BARU", "KOTA-PONTIANAK"))
        .await
        .unwrap();
}

on_all!(
    instansi_names_stay_in_the_candidate_set,
    assignees_fit_the_complaint_and_the_actor,
    admin_verbs_follow_the_access_model,
);
