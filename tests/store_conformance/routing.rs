//! Routing suggestions: the instansi most similar reports went to comes first, with its reason;
//! only what the actor may dispose to is suggested; a report no longer awaiting one gets none.

use super::*;
use meja::domain::routing::Reason;

async fn disposed(db: &TestDb, judul: &str, isi: &str, to: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let mut new = report(judul, Utc::now() - Duration::hours(3));
    new.isi = isi.into();
    let c = db.store.intake(&national, new).await.unwrap();
    let action: Action<Named> = Action::Verify {
        changes: Verification::default(),
        dispose_to: Some(to.into()),
    };
    db.store.act(&national, c.id, None, &action).await.unwrap();
    c.id
}

pub(crate) async fn suggest_names_where_similar_reports_went(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let parkir =
        "Parkir liar menutup trotoar di depan pasar, juru parkir memungut tarif berlebihan";
    for _ in 0..3 {
        disposed(
            db,
            "Parkir liar di trotoar pasar",
            parkir,
            "Dishub Kota Pontianak",
        )
        .await;
    }
    disposed(
        db,
        "Parkir liar di trotoar pasar",
        parkir,
        "Satpol PP Kota Pontianak",
    )
    .await;
    disposed(
        db,
        "Puskesmas tutup lebih awal",
        "Puskesmas kelurahan tutup sebelum jam pelayanan berakhir",
        "Dinkes Kota Pontianak",
    )
    .await;
    let mut new = report("Parkir liar di trotoar pasar lagi", Utc::now());
    new.isi = parkir.into();
    let fresh = store.intake(&national, new).await.unwrap().id;

    let list = store.suggest(&national, fresh).await.expect("suggest");
    assert_eq!(list[0].name, "Dishub Kota Pontianak", "{list:?}");
    assert!(list[0].reasons.contains(&Reason::Similar {
        count: 3,
        to: "Dishub Kota Pontianak".into()
    }));
    assert_eq!(
        list[0].reasons[0].text(Lang::En),
        "3 similar reports went to Dishub Kota Pontianak"
    );
    assert_eq!(list[1].name, "Satpol PP Kota Pontianak", "{list:?}");
    assert!(list.iter().all(|s| s.name != "Dinkes Kota Pontianak"));

    // The kota's supervisor, for a report at the kota's desk, is offered only the kota's units.
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let mut new = report("Parkir liar di trotoar pasar", Utc::now());
    new.isi = parkir.into();
    new.instansi = Some(meja::store::seed::DEMO_REGENCY_CODE.into());
    let at_kota = store.intake(&national, new).await.unwrap().id;
    let kota = store
        .find_instansi(meja::store::seed::DEMO_REGENCY_CODE)
        .unwrap();
    for s in store.suggest(&supervisor, at_kota).await.expect("suggest") {
        let i = store.find_instansi(&s.code).unwrap();
        assert!(
            i.path.starts_with(&kota.path),
            "{} is outside the kota",
            s.name
        );
    }

    // An archived report awaits no disposition.
    let archived = store
        .intake(&national, report("Tes saja", Utc::now()))
        .await
        .unwrap()
        .id;
    let archive: Action<Named> = Action::Archive {
        reason: ArchiveReason::Spam,
        note: String::new(),
    };
    store
        .act(&national, archived, None, &archive)
        .await
        .unwrap();
    let err = store.suggest(&national, archived).await.unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
}

/// A kota's desk is suggested from the best matches within its reach, not from the best of the
/// whole country narrowed afterwards: 401 closer matches elsewhere do not hide its own.
pub(crate) async fn suggest_reads_the_best_matches_within_reach(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let kota = meja::store::seed::DEMO_REGENCY_CODE;
    // Elsewhere: short texts that match the words best.
    for _ in 0..401 {
        let mut new = report("Parkir liar trotoar pasar", Utc::now());
        new.isi = "Parkir liar trotoar pasar.".into();
        store.intake(&national, new).await.unwrap();
    }
    // At the kota's desk: longer texts, ranked below every one of those.
    let long = format!(
        "Parkir liar trotoar pasar. {}",
        "Kendaraan berhenti sembarangan sepanjang hari sehingga pejalan kaki terpaksa turun ke badan jalan. ".repeat(8)
    );
    for _ in 0..2 {
        let mut new = report("Parkir liar trotoar pasar", Utc::now());
        new.isi = long.clone();
        new.instansi = Some(kota.into());
        let id = store.intake(&national, new).await.unwrap().id;
        let action: Action<Named> = Action::Verify {
            changes: Verification::default(),
            dispose_to: Some("Dishub Kota Pontianak".into()),
        };
        store.act(&supervisor, id, None, &action).await.unwrap();
    }
    let mut new = report("Parkir liar trotoar pasar", Utc::now());
    new.isi = long;
    new.instansi = Some(kota.into());
    let fresh = store.intake(&national, new).await.unwrap().id;
    let list = store.suggest(&supervisor, fresh).await.expect("suggest");
    assert_eq!(
        list.first().map(|s| s.name.as_str()),
        Some("Dishub Kota Pontianak"),
        "{list:?}"
    );
    assert!(
        list[0].reasons.contains(&Reason::Similar {
            count: 2,
            to: "Dishub Kota Pontianak".into()
        }),
        "{list:?}"
    );
}
