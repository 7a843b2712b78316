//! Exact counts: where meja reads them from the monev sums (the broad queues of an actor who sees
//! every klasifikasi), they agree with the reports themselves, walked page by page, after moves
//! that change a report's status, instansi and category, on every backend.

use super::*;

/// Every report of `view` under `text`, walked page by page: the count the sums must give.
async fn walked(db: &TestDb, who: &meja::domain::lifecycle::Actor, view: View, text: &str) -> i64 {
    let mut query = ListQuery {
        limit: 500,
        now: fixture_now(),
        filter: filter::parse(text).unwrap(),
        ..ListQuery::new(view)
    };
    let mut n = 0;
    loop {
        let page = db.store.list(who, &query).await.unwrap();
        n += page.rows.len() as i64;
        match page.next {
            Some(c) => query.after = Some(c),
            None => return n,
        }
    }
}

pub(crate) async fn exact_counts_agree_with_the_reports(db: &TestDb) {
    seeded(db, 300).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let officer = actor(store, DEMO_OFFICER).await;
    // Moves the sums must follow: intake, disposition to another instansi, a category set at
    // verification, a hold, a return, an archive and a merge.
    let category = store.categories()[0].id;
    let a = store
        .intake(&national, report("Lampu jalan padam", Utc::now()))
        .await
        .unwrap()
        .id;
    let verify = Action::Verify {
        changes: Verification {
            kategori_id: Some(category),
            ..Verification::default()
        },
        dispose_to: None,
    };
    store.act(&national, a, None, &verify).await.unwrap();
    let b = disposed_to_demo_unit(db, "Sampah menumpuk").await;
    let returned = Action::ReturnNotAuthority {
        reason: "wewenang provinsi".into(),
    };
    store.act(&officer, b, None, &returned).await.unwrap();
    let c = disposed_to_demo_unit(db, "Air PDAM keruh").await;
    let held = Action::Hold {
        until: Utc::now().date_naive() + Duration::days(7),
        reason: "menunggu data".into(),
    };
    let d = store
        .intake(&national, report("Jalan berlubang", Utc::now()))
        .await
        .unwrap()
        .id;
    store.act(&national, d, None, &held).await.unwrap();
    let archive = Action::Archive {
        reason: ArchiveReason::Spam,
        note: String::new(),
    };
    store.act(&national, b, None, &archive).await.unwrap();
    store
        .act(&national, c, None, &Action::Merge { into: a })
        .await
        .unwrap();
    let kategori = store.categories()[0].name.clone();
    let unit = demo_unit(db).await.code;
    let filters = [
        String::new(),
        "kanal:telepon".into(),
        "kanal:sms kanal:telepon".into(),
        format!("kategori:\"{kategori}\""),
        "status:baru".into(),
        "status:ditunda status:didisposisikan".into(),
        "-status:baru".into(),
        "status:selesai".into(),
        format!("instansi:{unit}"),
        format!("instansi:{unit} kanal:telepon status:didisposisikan"),
        "kanal:telepon kategori:x-no-such".into(),
        "petugas:-".into(),
    ];
    let mut compared = 0;
    for who in [&national, &supervisor, &officer] {
        for text in &filters {
            let Ok(f) = filter::parse(text) else {
                panic!("filter '{text}'")
            };
            let Ok(counts) = store.counts(who, &f, fixture_now()).await else {
                continue; // a name this actor's tree does not hold
            };
            for &view in View::ALL {
                let want = walked(db, who, view, text).await;
                assert_eq!(counts.get(view), want, "{} {view:?} '{text}'", who.username);
                compared += 1;
            }
        }
    }
    assert!(compared >= 2 * 6 * 10, "compared {compared}");
}
