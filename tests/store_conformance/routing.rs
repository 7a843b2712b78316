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
