//! The indexes the queries need (`meja::store::indexes`): the one list and the migrations agree on
//! both backends, and a database left as an interrupted seed leaves it (its indexes and its
//! full-text trigger dropped) still lists every queue: opened for writing it is repaired, opened
//! read-only it says what to run.

mod common;

use chrono::Utc;
use common::*;
use meja::domain::filter::Filter;
use meja::domain::view::View;
use meja::store::indexes::{self, FTS_INSERT_TRIGGER, FTS_INSERT_TRIGGER_SQL, INDEXES, normalize};
use meja::store::open::OpenOptions;
use meja::store::seed::{DEMO_NATIONAL, DEMO_SUPERVISOR};
use meja::store::{ListQuery, Store, StoreError};
use std::collections::BTreeMap;

async fn the_migrations_create_exactly_the_listed_indexes(db: &TestDb) {
    let kind = db.store.kind();
    let present: BTreeMap<String, String> = indexes::present(&db.store)
        .await
        .expect("the database's indexes")
        .into_iter()
        .collect();
    let listed: BTreeMap<String, String> = INDEXES
        .iter()
        .filter(|i| i.on_backend(kind))
        .map(|i| (i.name.to_string(), normalize(&i.sql(kind))))
        .collect();
    assert_eq!(
        present, listed,
        "{}: the migrations and store::indexes::INDEXES disagree",
        db.label
    );
    assert!(
        indexes::drift(&db.store).await.expect("drift").is_empty(),
        "{}",
        db.label
    );
    if db.label == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.url))
            .await
            .expect("a second connection");
        let sql: String = sqlx::query_scalar("SELECT sql FROM sqlite_master WHERE name = $1")
            .bind(FTS_INSERT_TRIGGER)
            .fetch_one(&pool)
            .await
            .expect("the full-text trigger");
        pool.close().await;
        assert_eq!(normalize(&sql), normalize(FTS_INSERT_TRIGGER_SQL));
    }
}

/// Dropping an index makes the database differ from the list; migrating (the owner's `meja
/// migrate`, which a writable SQLite opening runs too) puts it back.
async fn migrating_restores_a_dropped_index(db: &TestDb) {
    seeded(db, 30).await;
    db.raw("DROP INDEX complaint_escalated")
        .await
        .expect("drop");
    let drift = indexes::drift(&db.store).await.expect("drift");
    assert_eq!(
        drift.missing.iter().map(|i| i.name).collect::<Vec<_>>(),
        ["complaint_escalated"],
        "{}",
        db.label
    );
    let again = Store::open_migrating(&db.url, &OpenOptions::default())
        .await
        .expect("migrate");
    assert!(
        indexes::drift(&again).await.expect("drift").is_empty(),
        "{}",
        db.label
    );
    again.close().await;
}

on_both!(
    the_migrations_create_exactly_the_listed_indexes,
    migrating_restores_a_dropped_index,
);

/// Every built-in view, listed and counted, for a national admin and a kota supervisor: with the
/// SQLite hints, a missing index would fail each of these outright.
async fn every_queue_lists(store: &Store) {
    for username in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let actor = actor(store, username).await;
        for &view in View::ALL {
            for text in ["", "terlambat", "petugas:saya"] {
                let mut query = ListQuery::new(view);
                query.filter = meja::domain::filter::parse(text).expect("filter");
                store
                    .list(&actor, &query)
                    .await
                    .unwrap_or_else(|e| panic!("{username} {view:?} '{text}': {e}"));
            }
        }
        store
            .counts(&actor, &Filter::default(), Utc::now())
            .await
            .unwrap_or_else(|e| panic!("{username} counts: {e}"));
    }
}

/// A word of a seeded report's title, to search for.
async fn a_title_word(store: &Store) -> (i64, String) {
    let national = actor(store, DEMO_NATIONAL).await;
    let page = store
        .list(&national, &ListQuery::new(View::Semua))
        .await
        .expect("a page");
    let row = page.rows.first().expect("a seeded report");
    let word = row
        .judul
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .max_by_key(|w| w.chars().count())
        .expect("a long word in the title")
        .to_lowercase();
    (row.id, word)
}

async fn found_by(store: &Store, word: &str) -> Vec<i64> {
    let national = actor(store, DEMO_NATIONAL).await;
    let mut query = ListQuery::new(View::Semua);
    query.filter.text = vec![word.to_string()];
    query.limit = 10_000;
    store
        .list(&national, &query)
        .await
        .expect("a search")
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_seed_leaves_a_database_whose_queues_still_list() {
    let db = sqlite().await;
    seeded(&db, 200).await;
    let (seeded_id, word) = a_title_word(&db.store).await;
    assert!(found_by(&db.store, &word).await.contains(&seeded_id));
    db.store.close().await;

    // What the bulk loader leaves when it stops between dropping and rebuilding: none of the
    // complaint and event indexes, no full-text trigger, and reports the full-text table never saw.
    let mut sql: Vec<String> = indexes::bulk_built()
        .map(|i| format!("DROP INDEX {}", i.name))
        .collect();
    sql.push(format!("DROP TRIGGER {FTS_INSERT_TRIGGER}"));
    sql.push("INSERT INTO complaint_fts(complaint_fts) VALUES ('delete-all')".into());
    db.raw(&sql.join("; "))
        .await
        .expect("the interrupted state");

    // Read-only, nothing can be rebuilt: opening says what is missing and what to run.
    let read_only = OpenOptions::default().reading_only(true);
    let refused = Store::open_with(&db.url, &read_only)
        .await
        .expect_err("a read-only opening refuses");
    assert!(matches!(refused, StoreError::Schema(_)), "{refused:?}");
    let said = refused.to_string();
    assert!(
        said.contains("complaint_recv") && said.contains("migrate"),
        "{said}"
    );

    // Opened for writing, the database is repaired and every queue lists again.
    let store = Store::open(&db.url).await.expect("a writable opening");
    assert!(indexes::drift(&store).await.expect("drift").is_empty());
    every_queue_lists(&store).await;
    // The full-text table was filled again, and new reports reach it as before.
    assert!(found_by(&store, &word).await.contains(&seeded_id));
    let national = actor(&store, DEMO_NATIONAL).await;
    let fresh = store
        .intake(
            &national,
            report("Jembatan Kalijodoh retak setelah banjir", Utc::now()),
        )
        .await
        .expect("an intake");
    assert_eq!(found_by(&store, "kalijodoh").await, [fresh.id]);
    store.close().await;

    // And a reader now opens it too.
    let reader = Store::open_with(&db.url, &read_only)
        .await
        .expect("a read-only opening of the repaired database");
    every_queue_lists(&reader).await;
    reader.close().await;
}

/// The seed leaves PostgreSQL ready to serve: vacuumed (so the visibility map is set and counts
/// can use index-only scans) and analysed (the planner has statistics), not only analysed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeded_postgresql_database_is_vacuumed_and_analysed() {
    let db = postgres().await;
    seeded(&db, 300).await;
    let schema = db.pg_schema().expect("a PostgreSQL schema").to_string();
    // That VACUUM ran (how many pages it could mark all-visible depends on other sessions'
    // open transactions, so the count of vacuums is what is asserted).
    let vacuums = db
        .pg_scalar(&format!(
            "SELECT vacuum_count FROM pg_stat_user_tables \
             WHERE schemaname = '{schema}' AND relname = 'complaint'"
        ))
        .await;
    assert!(vacuums > 0, "complaint was vacuumed");
    let analysed = db
        .pg_scalar(&format!(
            "SELECT COUNT(*) FROM pg_stats WHERE schemaname = '{schema}' AND tablename = 'event'"
        ))
        .await;
    assert!(analysed > 0, "event has planner statistics");
    db.drop_schema().await;
}
