//! Every SQLite query that carries an `INDEXED BY` hint, run: each view, listed and counted, for a
//! national admin (no subtree) and a kota supervisor (a subtree), under each filter key that
//! switches the hint (none, `terlambat`, `petugas:`, `status:`, a column only the row or the
//! subtree filter index holds). A hint naming a missing or renamed index is
//! a hard error, so each must run; and where a hint is given, SQLite's plan must use that index.

use super::indexes::{
    COMPLAINT_BREACH, COMPLAINT_ESCALATED, COMPLAINT_ESCALATED_DUE, COMPLAINT_PATH_FILTER,
    COMPLAINT_PATH_STATUS, COMPLAINT_RECV, COMPLAINT_STATUS_BREACH,
};
use super::on_sqlite::WordCheck;
use super::seed::{DEMO_NATIONAL, DEMO_SUPERVISOR, SeedOptions, seed};
use super::{Backend, Store, on_sqlite, resolve};
use crate::domain::filter;
use crate::domain::view::View;
use chrono::Utc;
use std::collections::BTreeSet;

/// The plan SQLite chose: the `detail` column of each step of `EXPLAIN QUERY PLAN`.
async fn plan(pool: &sqlx::SqlitePool, mut qb: sqlx::QueryBuilder<sqlx::Sqlite>) -> Vec<String> {
    qb.build_query_as::<(i64, i64, i64, String)>()
        .fetch_all(pool)
        .await
        .expect("EXPLAIN QUERY PLAN runs")
        .into_iter()
        .map(|(.., detail)| detail)
        .collect()
}

/// A SQLite database in a temporary directory, seeded with `complaints` reports as of `now`.
async fn seeded(complaints: u64, now: chrono::DateTime<Utc>) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("hints.db");
    let store = Store::open(&path.display().to_string())
        .await
        .expect("a new database");
    let options = SeedOptions {
        complaints,
        seed: 11,
        now,
        progress: false,
    };
    seed(&store, &options).await.expect("seeded");
    (dir, store)
}

/// The store's SQLite pool: every test here reads SQLite's plans.
fn sqlite_pool(store: &Store) -> &sqlx::SqlitePool {
    let Backend::Sqlite(pool) = &store.backend else {
        panic!("a SQLite store");
    };
    pool
}

/// The demo's national admin, who sees the whole tree.
async fn national_admin(store: &Store) -> crate::domain::lifecycle::Actor {
    store
        .actor(DEMO_NATIONAL)
        .await
        .expect("the national admin")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_index_hint_runs_and_its_index_is_used() {
    let now = Utc::now();
    let (_dir, store) = seeded(400, now).await;
    let pool = sqlite_pool(&store);
    let reference = store.reference();
    let filters = [
        "",
        "terlambat",
        "petugas:saya",
        "petugas:-",
        "terlambat petugas:saya",
        "urut:terbaru",
        "urut:terlama petugas:-",
        "urut:terbaru terlambat",
        "status:didisposisikan",
        "klasifikasi:aspirasi",
        "anonim urut:terbaru",
        "eskalasi",
    ];
    let mut hints = BTreeSet::new();
    let mut runs = 0;
    for username in [DEMO_NATIONAL, DEMO_SUPERVISOR] {
        let actor = store.actor(username).await.expect("a demo officer");
        for text in filters {
            let parsed = filter::parse(text).unwrap_or_else(|e| panic!("filter '{text}': {e}"));
            let scope = resolve::scope(&reference, &actor, &parsed, now).expect("a scope");
            for &view in View::ALL {
                let case = format!("{username}, {view:?}, filter '{text}'");
                // The page, walk by walk (urgency walks the clocks, then the undated).
                let rows = on_sqlite::list_rows(pool, &scope, view, None, 20)
                    .await
                    .unwrap_or_else(|e| panic!("{case}: the page fails: {e}"));
                // The next page too: the cursor adds a condition on the hinted key.
                if let Some((row, key, _)) = rows.last() {
                    let after = super::Cursor {
                        key: *key,
                        id: row.id,
                    };
                    on_sqlite::list_rows(pool, &scope, view, Some(after), 20)
                        .await
                        .unwrap_or_else(|e| panic!("{case}: the next page fails: {e}"));
                }
                for &walk in on_sqlite::Walk::of(parsed.order()) {
                    let hint = on_sqlite::sqlite_index_hint(&scope, view, Some(walk));
                    hints.insert(hint);
                    let mut query = on_sqlite::list_query("", &scope, view, walk, None, 20);
                    query
                        .build_query_as::<(i64,)>()
                        .fetch_all(pool)
                        .await
                        .unwrap_or_else(|e| panic!("{case}, {walk:?}: the walk fails: {e}"));
                    if let Some(name) = hint {
                        let steps = plan(
                            pool,
                            on_sqlite::list_query(
                                "EXPLAIN QUERY PLAN ",
                                &scope,
                                view,
                                walk,
                                None,
                                20,
                            ),
                        )
                        .await;
                        assert!(
                            steps.iter().any(|d| d.contains(&format!("INDEX {name}"))),
                            "{case}, {walk:?}: the page does not use {name}: {steps:?}"
                        );
                    }
                }
                // The count.
                let hint = on_sqlite::sqlite_index_hint(&scope, view, None);
                hints.insert(hint);
                // Exact, and stopped at a cap as the console counts while a filter is typed.
                for cap in [None, Some(1000)] {
                    on_sqlite::count_rows(pool, &scope, view, cap)
                        .await
                        .unwrap_or_else(|e| panic!("{case}, cap {cap:?}: the count fails: {e}"));
                    for check in [WordCheck::Matches, WordCheck::EachRow, WordCheck::Left] {
                        let Some(name) = hint else { break };
                        let steps = plan(
                            pool,
                            on_sqlite::count_query("EXPLAIN QUERY PLAN ", &scope, view, cap, check),
                        )
                        .await;
                        assert!(
                            steps.iter().any(|d| d.contains(&format!("INDEX {name}"))),
                            "{case}, cap {cap:?}, {check:?}: the count does not use {name}: {steps:?}"
                        );
                    }
                }
                runs += 1;
            }
        }
    }
    assert_eq!(runs, 2 * filters.len() * View::ALL.len());
    // The nation's unassigned are counted from the path index, which holds status and assignee
    // (left to the planner, Tim's count read each open report's row: 1.3-4.2 s at a million).
    let national = national_admin(&store).await;
    let unassigned = filter::parse("petugas:-").expect("a filter");
    let scope = resolve::scope(&reference, &national, &unassigned, now).expect("a scope");
    for view in [View::Masuk, View::Tim, View::Semua] {
        assert_eq!(
            on_sqlite::sqlite_index_hint(&scope, view, None),
            Some(COMPLAINT_PATH_STATUS),
            "{view:?}"
        );
    }
    // Every branch of the hint was taken, the unhinted one included.
    let expected = BTreeSet::from([
        None,
        Some(COMPLAINT_BREACH),
        Some(COMPLAINT_PATH_STATUS),
        Some(COMPLAINT_RECV),
        Some(COMPLAINT_STATUS_BREACH),
        Some(COMPLAINT_PATH_FILTER),
        Some(COMPLAINT_ESCALATED),
        Some(COMPLAINT_ESCALATED_DUE),
    ]);
    assert_eq!(hints, expected);
    store.close().await;
}

/// The officer list and the assign picker count each officer's open and overdue reports from one
/// index alone, never from the reports' rows (a national admin's picker read every assigned
/// report's row, 455 ms at 100,000 reports), and from open reports only (migration 0017: the
/// finished two thirds of a million reports cost the national officer list 160-210 ms).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_loads_are_counted_from_an_index_alone() {
    let (_dir, store) = seeded(400, Utc::now()).await;
    let pool = sqlite_pool(&store);
    let mut qb = sqlx::QueryBuilder::new("EXPLAIN QUERY PLAN ");
    qb.push(on_sqlite::officer_loads_sql());
    let steps = plan(pool, qb).await;
    let from_the_index = steps
        .iter()
        .filter(|d| d.contains("USING COVERING INDEX complaint_open_load"))
        .count();
    assert_eq!(from_the_index, 2, "{steps:?}");
    store.close().await;
}

/// A count with words in a small view asks the full-text index about each of the view's rows,
/// instead of reading every match of the words in the nation first (Saya or Eskalasi with
/// `jalan` took 0.45 s at a million reports, for a few dozen rows); a large view still reads the
/// matches once. Either way the count is the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_small_view_checks_its_rows_words_one_by_one() {
    let now = Utc::now();
    let (_dir, store) = seeded(3000, now).await;
    let pool = sqlite_pool(&store);
    let reference = store.reference();
    let actor = national_admin(&store).await;
    let parsed = filter::parse("jalan").expect("a filter");
    let scope = resolve::scope(&reference, &actor, &parsed, now).expect("a scope");
    let mut checks = BTreeSet::new();
    for &view in View::ALL {
        let check = on_sqlite::word_check(pool, &scope, view)
            .await
            .expect("the view's size");
        let small = on_sqlite::count_query("", &scope, view, Some(1000), WordCheck::Left)
            .build_query_scalar::<i64>()
            .fetch_one(pool)
            .await
            .expect("counted without the words")
            <= 1000;
        assert_eq!(check == WordCheck::EachRow, small, "{view:?}");
        checks.insert(format!("{check:?}"));
        let steps = plan(
            pool,
            on_sqlite::count_query("EXPLAIN QUERY PLAN ", &scope, view, None, check),
        )
        .await;
        // The full-text index asked with the row's id (`=`), not read whole into a list.
        let per_row = steps.iter().any(|d| d.contains("VIRTUAL TABLE INDEX 0:="));
        assert_eq!(per_row, check == WordCheck::EachRow, "{view:?}: {steps:?}");
        let mut counts = Vec::new();
        for form in [WordCheck::Matches, WordCheck::EachRow] {
            counts.push(
                on_sqlite::count_query("", &scope, view, None, form)
                    .build_query_scalar::<i64>()
                    .fetch_one(pool)
                    .await
                    .expect("counted"),
            );
        }
        assert_eq!(counts[0], counts[1], "{view:?}: both forms count the same");
    }
    // The seed's 3,000 reports give both kinds of view.
    assert_eq!(checks.len(), 2, "{checks:?}");
    store.close().await;
}

/// Issue 12: a command that matches no instansi name leaves the aliases (a third of the
/// reference document) unread; the first name matched reads them, and an alias matches.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliases_are_read_only_when_a_name_is_matched() {
    let (_dir, store) = seeded(20, Utc::now()).await;
    store.reload().await.expect("reloaded");
    let national = national_admin(&store).await;
    let query = super::ListQuery {
        limit: 10,
        now: Utc::now(),
        ..super::ListQuery::new(View::Semua)
    };
    store.list(&national, &query).await.expect("a page");
    assert!(
        store.reference().aliases.get().is_none(),
        "a page reads no alias"
    );
    let (id, alias) = {
        let reference = store.reference();
        let aliases = reference.aliases().expect("the aliases read");
        // The first instansi with aliases is a ministry, whose alias is its own.
        let (id, own) = aliases
            .iter()
            .min_by_key(|(id, _)| **id)
            .expect("the seed has aliases");
        (*id, own[0].clone())
    };
    assert_eq!(store.find_instansi(&alias).expect("found by alias").id, id);
}

/// A broad queue's exact count is read from the monev sums (`monev_tally`, kept in every event's
/// transaction), not by walking the reports: at a million reports the national admin's Semua,
/// Tim and Masuk walked 0.1-1.3 s (`kategori:` the slowest) where the sums are a few thousand
/// rows. Shown by moving the sums alone: the count moves with them. A view the sums do not
/// answer (Saya, by officer) still walks the reports.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broad_views_exact_count_reads_the_monev_sums() {
    let now = Utc::now();
    let (_dir, store) = seeded(400, now).await;
    let pool = sqlite_pool(&store);
    let reference = store.reference();
    let actor = national_admin(&store).await;
    let scope = |text: &str| {
        let parsed = filter::parse(text).expect("a filter");
        resolve::scope(&reference, &actor, &parsed, now).expect("a scope")
    };
    let mut before = Vec::new();
    for (view, text) in [
        (View::Semua, ""),
        (View::Tim, ""),
        (View::Masuk, "kanal:sms"),
        (View::Saya, ""),
    ] {
        let n = on_sqlite::count_rows(pool, &scope(text), view, None)
            .await
            .expect("a count");
        before.push((view, text, n));
    }
    // One more received and one more open in Baru, in the sums only, for every month row.
    let month_rows = sqlx::query(
        "UPDATE monev_tally SET received = received + 1, open_baru = open_baru + 1 \
         WHERE grain = 'm'",
    )
    .execute(pool)
    .await
    .expect("the sums move")
    .rows_affected();
    let sms_rows: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM monev_tally WHERE grain = 'm' AND facet = 'c:sms'",
    )
    .fetch_one(pool)
    .await
    .expect("the sms rows");
    let whole_rows: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM monev_tally WHERE grain = 'm' AND facet = ''")
            .fetch_one(pool)
            .await
            .expect("the whole rows");
    assert!(month_rows > 0 && sms_rows > 0 && whole_rows > 0);
    for (view, text, n) in before {
        let after = on_sqlite::count_rows(pool, &scope(text), view, None)
            .await
            .expect("a count");
        let moved = match view {
            View::Semua | View::Tim => whole_rows,
            View::Masuk => sms_rows,
            _ => 0,
        };
        assert_eq!(after, n + moved, "{view:?} '{text}'");
    }
    store.close().await;
}
