//! The legal path through the lifecycle, and holds, returns, archives, merges and links.

use super::*;

pub(crate) async fn legal_path_through_the_lifecycle(db: &TestDb) {
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
    // The verification says what each field it changed was, for a history that reads old -> new.
    assert_eq!(
        events[1].details["was"],
        serde_json::json!({
            "judul": "Jalan berlubang di depan pasar",
            "klasifikasi": "pengaduan",
            "tags": ["jalan"],
        })
    );
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

pub(crate) async fn hold_return_archive_merge_link(db: &TestDb) {
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
