//! Views, pages, search and filters; the event log; drafts and templates; likely duplicates.

use super::*;

pub(crate) async fn views_pages_search_and_filters(db: &TestDb) {
    seeded(db, 600).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let now = fixture_now();
    // Keyset pages are disjoint and cover the view.
    let total = store
        .counts(&national, &filter::Filter::default(), now)
        .await
        .unwrap()
        .get(View::Semua);
    let mut seen = std::collections::HashSet::new();
    let mut query = ListQuery {
        limit: 97,
        now,
        ..ListQuery::new(View::Semua)
    };
    loop {
        let page = store.list(&national, &query).await.unwrap();
        for r in &page.rows {
            assert!(seen.insert(r.id), "#{} appeared twice", r.id);
        }
        match page.next {
            Some(c) => query.after = Some(c),
            None => break,
        }
    }
    assert_eq!(seen.len() as i64, total);
    // Terlambat: breached or due within a working day, most urgent first.
    let late = store
        .list(
            &national,
            &ListQuery {
                limit: 200,
                now,
                ..ListQuery::new(View::Terlambat)
            },
        )
        .await
        .unwrap();
    assert!(!late.rows.is_empty(), "the seed has overdue complaints");
    let dues: Vec<_> = late
        .rows
        .iter()
        .map(|r| r.clock.unwrap().due_at.unwrap())
        .collect();
    assert!(dues.windows(2).all(|w| w[0] <= w[1]));
    // Filters: status and channel narrow; full-text finds a word of a title.
    let f = filter::parse("status:baru kanal:telepon").unwrap();
    let id = store
        .intake(
            &national,
            report("Genangan air setinggi lutut di Jalan Veteran", now),
        )
        .await
        .unwrap()
        .id;
    let page = store
        .list(
            &national,
            &ListQuery {
                filter: f,
                limit: 1000,
                now,
                ..ListQuery::new(View::Masuk)
            },
        )
        .await
        .unwrap();
    assert!(
        page.rows
            .iter()
            .all(|r| r.status == Status::Baru && r.channel == Channel::Telepon)
    );
    assert!(page.rows.iter().any(|r| r.id == id));
    let f = filter::parse("\"genangan air\" lutut").unwrap();
    let page = store
        .list(
            &national,
            &ListQuery {
                filter: f,
                limit: 50,
                now,
                ..ListQuery::new(View::Semua)
            },
        )
        .await
        .unwrap();
    assert!(
        page.rows.iter().any(|r| r.id == id),
        "full-text search finds the new report"
    );
    // Filter text reaches SQL only as a parameter: quotes and FTS syntax are just text.
    for nasty in [
        "\"x' OR 1=1 --\"",
        "\"NEAR(a b)\"",
        "tag:\"a%b\"",
        "instansi:\"Kota Jayapura\" \"');DROP TABLE complaint;--\"",
    ] {
        let f = filter::parse(nasty).unwrap();
        store
            .list(
                &national,
                &ListQuery {
                    filter: f,
                    limit: 5,
                    now,
                    ..ListQuery::new(View::Semua)
                },
            )
            .await
            .unwrap();
    }
    assert!(
        store
            .counts(&national, &filter::Filter::default(), now)
            .await
            .unwrap()
            .get(View::Semua)
            > 0,
        "the table is still there"
    );
    let err = store
        .list(
            &national,
            &ListQuery {
                filter: filter::parse("instansi:tidakada").unwrap(),
                ..ListQuery::new(View::Semua)
            },
        )
        .await
        .unwrap_err();
    assert!(err.to_string().contains("unknown instansi"), "{err}");
}

pub(crate) async fn events_are_append_only_and_followable(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let start = store.latest_event_id().await.unwrap();
    let id = disposed_to_demo_unit(db, "Kabel listrik menjuntai").await;
    let events = store.events_after(&national, start, 100).await.unwrap();
    assert_eq!(
        events.iter().map(|e| e.kind.as_code()).collect::<Vec<_>>(),
        vec!["intake", "verify_dispose"]
    );
    assert!(events.iter().all(|e| e.complaint_id == id));
    assert_eq!(
        store.latest_event_id().await.unwrap(),
        events.last().unwrap().id
    );
    let update = format!(
        "UPDATE event SET actor = 'someone' WHERE id = {}",
        events[0].id
    );
    assert!(
        db.raw(&update).await.is_err(),
        "the event log refuses updates"
    );
    let delete = format!("DELETE FROM event WHERE id = {}", events[0].id);
    assert!(
        db.raw(&delete).await.is_err(),
        "the event log refuses deletes"
    );
}

pub(crate) async fn drafts_and_templates(db: &TestDb) {
    seeded(db, 0).await;
    let store = &db.store;
    let officer = actor(store, DEMO_OFFICER).await;
    let supervisor = actor(store, DEMO_SUPERVISOR).await;
    let id = disposed_to_demo_unit(db, "Trotoar rusak").await;
    store
        .save_draft(&officer, id, "reply", "Terima kasih, ", Some(3))
        .await
        .unwrap();
    store
        .save_draft(
            &officer,
            id,
            "reply",
            "Terima kasih, trotoar akan diperbaiki.",
            Some(9),
        )
        .await
        .unwrap();
    let d = store.draft(&officer, id).await.unwrap().unwrap();
    assert_eq!(d.body, "Terima kasih, trotoar akan diperbaiki.");
    assert_eq!(
        d.based_on_event,
        Some(3),
        "a draft remembers what its author had seen when it started"
    );
    assert!(
        store.draft(&supervisor, id).await.unwrap().is_none(),
        "drafts are per officer"
    );
    store.discard_draft(&officer, id).await.unwrap();
    assert!(store.draft(&officer, id).await.unwrap().is_none());
    assert!(
        store.templates().await.unwrap().len() >= 3,
        "the seed ships templates"
    );
    assert!(
        store
            .remove_template(&officer, "terima-kasih")
            .await
            .is_err(),
        "officers do not manage templates"
    );
}

pub(crate) async fn similar_suggests_duplicates(db: &TestDb) {
    seeded(db, 300).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let first = store
        .intake(
            &national,
            report("Lampu penerangan padam di Jalan Merpati", Utc::now()),
        )
        .await
        .unwrap()
        .id;
    let mut again = report("Penerangan jalan Merpati masih gelap", Utc::now());
    again.reporter.phone = Some("0812-0000-1111".into());
    let second = store.intake(&national, again).await.unwrap().id;
    let unrelated = store
        .intake(
            &national,
            report("Antrean puskesmas sangat panjang", Utc::now()),
        )
        .await
        .unwrap()
        .id;
    let found = store.similar(&national, second, 5).await.unwrap();
    assert_eq!(found.first().map(|r| r.id), Some(first), "{found:?}");
    assert!(
        found.iter().all(|r| r.id != second),
        "a complaint is not its own duplicate"
    );
    // A report about something else is no duplicate, although the same number reported it.
    assert!(
        found.iter().all(|r| r.id != unrelated),
        "an unrelated report suggested: {found:?}"
    );
    assert!(found.iter().all(|r| !r.status.is_closed()));

    // An exact duplicate from weeks ago comes first, ahead of sixty newer reports that share one
    // word of the title (the candidates were once cut to the newest before being ranked).
    let title = "Pipa PDAM bocor di depan SD Cendana";
    let old_twin = store
        .intake(
            &national,
            report(title, Utc::now() - chrono::Duration::days(20)),
        )
        .await
        .unwrap()
        .id;
    for n in 0..60 {
        store
            .intake(
                &national,
                report(
                    &format!("Pipa air ke rumah nomor {n} tersumbat"),
                    Utc::now() - chrono::Duration::hours(60 - n),
                ),
            )
            .await
            .unwrap();
    }
    let newest = store
        .intake(&national, report(title, Utc::now()))
        .await
        .unwrap()
        .id;
    let found = store.similar(&national, newest, 5).await.unwrap();
    assert_eq!(
        found.first().map(|r| r.id),
        Some(old_twin),
        "the old exact duplicate leads: {found:?}"
    );
}

/// Every row of a view, page by page.
async fn every_row(
    db: &TestDb,
    who: &meja::domain::lifecycle::Actor,
    view: View,
    filter_text: &str,
) -> Vec<ComplaintRow> {
    let mut query = ListQuery {
        filter: filter::parse(filter_text).unwrap(),
        limit: 37,
        now: fixture_now(),
        ..ListQuery::new(view)
    };
    let mut rows: Vec<ComplaintRow> = Vec::new();
    loop {
        let page = db.store.list(who, &query).await.unwrap();
        rows.extend(page.rows);
        match page.next {
            Some(c) => query.after = Some(c),
            None => return rows,
        }
    }
}

/// Queues open by urgency: running clocks by due time (so breached ones lead), then reports with
/// no running clock, newest first; `urut:` asks for arrival order instead. Pages cross from one
/// part to the other without losing or repeating a row.
pub(crate) async fn queues_open_by_urgency(db: &TestDb) {
    seeded(db, 600).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let officer = actor(&db.store, DEMO_OFFICER).await;
    let due = |r: &ComplaintRow| {
        r.clock
            .as_ref()
            .filter(|c| c.kind != ClockKind::Penutupan)
            .and_then(|c| c.due_at)
    };
    for (who, view) in [
        (&national, View::Masuk),
        (&national, View::Tim),
        (&national, View::Semua),
        (&officer, View::Saya),
        (&officer, View::Tim),
    ] {
        let rows = every_row(db, who, view, "").await;
        let count = db
            .store
            .counts(who, &filter::Filter::default(), fixture_now())
            .await
            .unwrap()
            .get(view);
        assert_eq!(rows.len() as i64, count, "{view:?}: every row once");
        let dated = rows.iter().take_while(|r| due(r).is_some()).count();
        if who.username == DEMO_NATIONAL {
            assert!(dated > 0, "{view:?}: the seed has running clocks");
        }
        let dues: Vec<_> = rows[..dated].iter().map(|r| due(r).unwrap()).collect();
        assert!(
            dues.windows(2).all(|w| w[0] <= w[1]),
            "{view:?}: running clocks by due time: {dues:?}"
        );
        let undated = &rows[dated..];
        assert!(
            undated.iter().all(|r| due(r).is_none()),
            "{view:?}: no running clock after the first report without one"
        );
        assert!(
            undated
                .windows(2)
                .all(|w| w[0].received_at >= w[1].received_at),
            "{view:?}: reports without a running clock newest first"
        );
        if view == View::Semua {
            assert!(!undated.is_empty(), "closed reports follow the open ones");
            assert!(
                dues[0] < fixture_now(),
                "a breached clock leads the whole list"
            );
        }
        let newest = every_row(db, who, view, "urut:terbaru").await;
        assert_eq!(newest.len(), rows.len());
        assert!(
            newest
                .windows(2)
                .all(|w| w[0].received_at >= w[1].received_at)
        );
        let oldest = every_row(db, who, view, "sort:oldest").await;
        assert_eq!(oldest.len(), rows.len());
        assert!(
            oldest
                .windows(2)
                .all(|w| w[0].received_at <= w[1].received_at)
        );
    }
}

/// A page of complaints read at once (the export's two queries a page) is what reading each one
/// gives: the same fields, events and masking, in the order asked; what the reader may not see is
/// left out as if it did not exist.
pub(crate) async fn complaints_at_once_read_as_one_at_a_time(db: &TestDb) {
    seeded(db, 300).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let officer = actor(&db.store, DEMO_OFFICER).await;
    // The officer's own reports among others of the nation, mixed.
    let theirs = every_row(db, &officer, View::Semua, "").await;
    let everything = every_row(db, &national, View::Semua, "").await;
    let mut ids: Vec<i64> = Vec::new();
    for (i, r) in everything.iter().take(100).enumerate() {
        for id in [Some(r.id), theirs.get(i).map(|o| o.id)]
            .into_iter()
            .flatten()
        {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    for who in [&national, &officer] {
        let at_once = db.store.complaints(who, &ids).await.unwrap();
        let mut one_by_one = Vec::new();
        for id in &ids {
            match db.store.complaint(who, *id).await {
                Ok(c) => one_by_one.push(c),
                Err(StoreError::Refused(meja::domain::refusal::Refusal::Unseen { .. })) => {}
                Err(e) => panic!("#{id}: {e}"),
            }
        }
        assert!(!at_once.is_empty());
        assert_eq!(at_once.len(), one_by_one.len(), "{}", who.username);
        for (a, b) in at_once.iter().zip(&one_by_one) {
            let (ja, jb) = (
                serde_json::to_value(a).unwrap(),
                serde_json::to_value(b).unwrap(),
            );
            let differ: Vec<_> = ja
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, v)| jb.get(k.as_str()) != Some(v))
                .map(|(k, v)| format!("{k}: {v} vs {}", jb[k.as_str()]))
                .collect();
            assert!(
                differ.is_empty(),
                "#{} for {}: {differ:?}",
                a.id,
                who.username
            );
        }
    }
    let officer_sees = db.store.complaints(&officer, &ids).await.unwrap().len();
    assert!(
        officer_sees < ids.len(),
        "the officer sees only their unit's"
    );
}

/// A capped count reads at most cap + 1 rows and says so; under the cap it is exact, as is a
/// single view's count.
pub(crate) async fn counts_stop_at_the_cap_and_say_so(db: &TestDb) {
    seeded(db, 300).await;
    let store = &db.store;
    let national = actor(store, DEMO_NATIONAL).await;
    let now = fixture_now();
    let none = filter::Filter::default();
    let exact = store.counts(&national, &none, now).await.unwrap();
    assert_eq!(exact.cap, None);
    assert!(!exact.any_more());
    let semua = exact.get(View::Semua);
    let saya = exact.get(View::Saya);
    assert!(semua > 100, "the seed made {semua}");
    let capped = store
        .counts_capped(&national, &none, now, Some(100))
        .await
        .unwrap();
    assert!(capped.any_more());
    assert_eq!(capped.count(View::Semua), Count { n: 100, more: true });
    for (view, n) in &exact.counts {
        let c = capped.count(*view);
        if *n > 100 {
            assert_eq!(c, Count { n: 100, more: true }, "{view:?}");
        } else {
            assert_eq!(c, Count::exact(*n), "{view:?}");
        }
    }
    // One view alone, exact and capped, with a filter.
    let sms = filter::parse("kanal:sms").unwrap();
    let sms_exact = store
        .counts(&national, &sms, now)
        .await
        .unwrap()
        .get(View::Semua);
    assert_eq!(
        store
            .count(&national, View::Semua, &sms, now, None)
            .await
            .unwrap(),
        Count::exact(sms_exact)
    );
    assert_eq!(
        store
            .count(&national, View::Semua, &sms, now, Some(sms_exact))
            .await
            .unwrap(),
        Count::exact(sms_exact),
        "a count at exactly the cap is exact"
    );
    assert_eq!(
        store
            .count(&national, View::Saya, &none, now, Some(saya + 5))
            .await
            .unwrap(),
        Count::exact(saya)
    );
}
