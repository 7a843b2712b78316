//! PostgreSQL keeps a prepared statement's plan once it has run five times when its generic plan
//! looks no dearer than the plans made for each run's values. For a page with words the generic
//! plan cannot tell a common word from a rare one: it read every match of `jalan` and sorted
//! them (812 ms at a million reports, against 24 ms planned for the word). A word page is
//! therefore never kept prepared, and a page without words still is.

use super::open::OpenOptions;
use super::seed::{DEMO_NATIONAL, SeedOptions, seed};
use super::{Backend, ListQuery, Store};
use crate::domain::filter;
use crate::domain::view::View;
use chrono::Utc;

/// How many of the connection's kept statements read the filter's words, and how many others.
async fn kept(pool: &sqlx::PgPool) -> (i64, i64) {
    sqlx::query_as(
        // The word is split so that this statement, kept too, does not count itself.
        "SELECT COUNT(*) FILTER (WHERE statement LIKE '%' || 'phraseto' || '_tsquery%'), \
                COUNT(*) FILTER (WHERE statement LIKE '%FROM complaint c%' \
                                 AND statement NOT LIKE '%' || 'phraseto' || '_tsquery%') \
         FROM pg_prepared_statements",
    )
    .fetch_one(pool)
    .await
    .expect("the connection's prepared statements")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_word_page_on_postgres_is_planned_for_its_words() {
    let base = std::env::var("MEJA_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!(
        "meja_plan_{}_{}",
        std::process::id(),
        Utc::now().timestamp_micros() % 1_000_000_000
    );
    let admin = sqlx::PgPool::connect(&base).await.unwrap_or_else(|e| {
        panic!("PostgreSQL is wanted for this test but unreachable at {base}: {e}")
    });
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .expect("a schema of the test's own");
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}");
    {
        let owner = Store::open_migrating(&url, &OpenOptions::default())
            .await
            .expect("migrated");
        let options = SeedOptions {
            complaints: 40,
            seed: 3,
            now: Utc::now(),
            progress: false,
        };
        seed(&owner, &options).await.expect("seeded");
        owner.close().await;
    }
    // One connection: the statements listed are those the pages ran on it.
    let store = Store::open_with(&url, &OpenOptions::single("plan test"))
        .await
        .expect("opened");
    let national = store
        .actor(DEMO_NATIONAL)
        .await
        .expect("the national admin");
    for text in ["jalan", ""] {
        let query = ListQuery {
            filter: filter::parse(text).expect("a filter"),
            limit: 10,
            now: Utc::now(),
            ..ListQuery::new(View::Semua)
        };
        for _ in 0..6 {
            store.list(&national, &query).await.expect("a page");
        }
    }
    let Backend::Postgres(pool) = &store.backend else {
        panic!("a PostgreSQL store");
    };
    let (words, others) = kept(pool).await;
    store.close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP SCHEMA {schema} CASCADE")))
        .execute(&admin)
        .await
        .expect("the schema dropped");
    admin.close().await;
    assert_eq!(
        words, 0,
        "a word page's statements are planned for each run"
    );
    assert!(others > 0, "a page without words is kept prepared");
}
