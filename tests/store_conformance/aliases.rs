//! Instansi aliases: added, listed and removed by those who administer the instansi, refused to
//! everyone else, and matched wherever an instansi is named (intake, the filter).

use super::*;

pub(crate) async fn aliases_are_kept_matched_and_scoped(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let admin = officer_at(store, meja::store::seed::DEMO_REGENCY_CODE, Role::Admin).await;

    // The seed's instansi carry their written-out names: intake by the full name succeeds.
    let mut new = report("Parkir liar di depan pasar", Utc::now());
    new.instansi = Some("Yth. Kepala Dinas Perhubungan Kota Pontianak".into());
    let c = store
        .intake(&national, new)
        .await
        .expect("intake by full name");
    assert_eq!(c.instansi, "Dishub Kota Pontianak");

    // An admin of the kota names a unit of it another way; the store and its reload see it.
    let unit = store.find_instansi("Dishub Kota Pontianak").unwrap();
    assert!(
        store
            .add_alias(&admin, &unit.code, "  UPT Perparkiran Khatulistiwa ")
            .await
            .expect("the kota's admin adds an alias")
    );
    assert!(
        !store
            .add_alias(&admin, &unit.code, "UPT Perparkiran Khatulistiwa")
            .await
            .unwrap(),
        "the same alias twice is one alias"
    );
    let aliases = store.instansi_aliases().unwrap();
    assert!(aliases[&unit.id].contains(&"UPT Perparkiran Khatulistiwa".to_string()));
    assert_eq!(
        store.find_instansi("perparkiran khatulistiwa").unwrap().id,
        unit.id
    );
    // A second store (another console) reads it from the database.
    let other = db.second_store().await;
    assert_eq!(
        other
            .find_instansi("UPT Perparkiran Khatulistiwa")
            .unwrap()
            .id,
        unit.id
    );
    other.close().await;
    // The filter's instansi: key matches it too.
    let page = store
        .list(
            &national,
            &ListQuery {
                view: View::Semua,
                filter: filter::parse(r#"instansi:"perhubungan pontianak""#).unwrap(),
                limit: 10,
                after: None,
                now: Utc::now(),
            },
        )
        .await
        .expect("filter by the written-out name");
    assert!(page.rows.iter().any(|r| r.id == c.id));

    // Refused: a supervisor (role), an admin outside their subtree, an alias of only filler.
    let err = store
        .add_alias(&supervisor, &unit.code, "Parkir Pontianak")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    let elsewhere = store.find_instansi("Dishub Kota Surabaya").unwrap();
    let err = store
        .add_alias(&admin, &elsewhere.code, "Dishub Sby")
        .await
        .unwrap_err();
    assert!(
        matches!(err, StoreError::Refused(_)),
        "outside the subtree is not even named: {err:?}"
    );
    let err = store
        .add_alias(&national, &unit.code, "Yth. Bapak/Ibu")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Invalid(_)), "{err:?}");
    let err = store
        .remove_alias(&supervisor, &unit.code, "UPT Perparkiran Khatulistiwa")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Denied(_)), "{err:?}");
    assert!(
        store.instansi_aliases().unwrap()[&unit.id]
            .contains(&"UPT Perparkiran Khatulistiwa".into())
    );

    // An ambiguous name is refused with its candidates, not guessed.
    let mut new = report("Parkir liar", Utc::now());
    new.instansi = Some("Dinas Perhubungan".into());
    let err = store.intake(&national, new).await.unwrap_err();
    let text = err.to_string();
    assert!(text.contains("Dishub"), "{text}");

    // Removed by the national admin; removing it again is "not found".
    store
        .remove_alias(&national, &unit.code, "UPT Perparkiran Khatulistiwa")
        .await
        .expect("a national admin removes it");
    assert!(
        !store.instansi_aliases().unwrap()[&unit.id]
            .contains(&"UPT Perparkiran Khatulistiwa".into())
    );
    let err = store
        .remove_alias(&national, &unit.code, "UPT Perparkiran Khatulistiwa")
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(_)), "{err:?}");
    assert!(store.find_instansi("perparkiran khatulistiwa").is_err());
}
