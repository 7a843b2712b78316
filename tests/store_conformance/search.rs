//! Search that understands Indonesian, the same on both backends: affixed forms meet at their
//! root, phrases match stemmed words in order, and the best match comes first.

use super::*;
use std::collections::BTreeSet;

/// The reports of the search cases: (title, body), received an hour apart, oldest first.
const REPORTS: [(&str, &str); 6] = [
    (
        "Kerusakan jalan di Desa Sukamaju",
        "Jalan<br>rusak parah sejak bulan lalu, banyak lubang.",
    ),
    (
        "Pelayanan puskesmas lambat",
        "Antrean pelayanan sangat panjang dan petugas tidak ramah.",
    ),
    (
        "Layanan KTP elektronik",
        "Perekaman KTP di kecamatan sering gagal.",
    ),
    (
        "Trotoar rusak dan trotoar dipakai pedagang",
        "Trotoar di jalan utama rusak. Trotoar itu dipakai pedagang kaki lima. Mohon trotoar ditertibkan.",
    ),
    (
        "Lampu jalan mati",
        "Lampu penerangan mati, dekat trotoar sekolah.",
    ),
    (
        "Perbaikan drainase",
        "Saluran air tersumbat, perlu diperbaiki segera.",
    ),
];

/// Queries and the reports (1-based, as in `REPORTS`) each must find: the same on every backend.
const QUERIES: [(&str, &[usize]); 12] = [
    ("rusak", &[1, 4]),
    ("kerusakan", &[1, 4]),
    ("layanan", &[2, 3]),
    ("pelayanan", &[2, 3]),
    // The body's `Jalan<br>rusak` was made plain at the door.
    ("\"jalan rusak\"", &[1]),
    // `Kerusakan jalan`: a phrase of stems.
    ("\"rusak jalan\"", &[1]),
    ("baik", &[6]),
    ("trotoar pedagang", &[4]),
    ("lampu \"penerangan mati\"", &[5]),
    ("ktp kecamatan", &[3]),
    ("dipakai", &[4]),
    ("\"jalan mati\"", &[5]),
];

async fn file_reports(db: &TestDb) -> Vec<i64> {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let start = fixture_now() - Duration::days(1);
    let mut ids = Vec::new();
    for (i, (judul, isi)) in REPORTS.iter().enumerate() {
        let mut r = report(judul, start + Duration::hours(i as i64));
        r.isi = (*isi).into();
        ids.push(db.store.intake(&national, r).await.unwrap().id);
    }
    ids
}

/// The ids a filter finds, every page of them, in order.
async fn found(db: &TestDb, filter_text: &str, limit: u32) -> Vec<i64> {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let mut query = ListQuery {
        filter: filter::parse(filter_text).unwrap(),
        limit,
        now: fixture_now(),
        ..ListQuery::new(View::Semua)
    };
    let mut ids = Vec::new();
    loop {
        let page = db.store.list(&national, &query).await.unwrap();
        ids.extend(page.rows.iter().map(|r| r.id));
        match page.next {
            Some(c) => query.after = Some(c),
            None => return ids,
        }
    }
}

/// Which of `ours` (1-based) a filter finds.
async fn found_of(db: &TestDb, filter_text: &str, ours: &[i64]) -> BTreeSet<usize> {
    found(db, filter_text, 50)
        .await
        .into_iter()
        .filter_map(|id| ours.iter().position(|o| *o == id).map(|i| i + 1))
        .collect()
}

pub(crate) async fn search_understands_indonesian(db: &TestDb) {
    seeded(db, 150).await;
    let ours = file_reports(db).await;
    for (q, want) in QUERIES {
        let want: BTreeSet<usize> = want.iter().copied().collect();
        assert_eq!(found_of(db, q, &ours).await, want, "{} finds", q);
    }
    // The word in the title and thrice more in the body ranks ahead of one mention in the body,
    // though that report is newer; asking for the newest first puts it first.
    let ranked: Vec<usize> = found_of_in_order(db, "trotoar", &ours).await;
    assert_eq!(ranked, vec![4, 5], "best match first");
    let newest: Vec<usize> = found_of_in_order(db, "trotoar urut:terbaru", &ours).await;
    assert_eq!(newest, vec![5, 4], "urut: chooses");
    let english: Vec<usize> = found_of_in_order(db, "trotoar sort:relevance", &ours).await;
    assert_eq!(english, vec![4, 5]);
}

async fn found_of_in_order(db: &TestDb, filter_text: &str, ours: &[i64]) -> Vec<usize> {
    found(db, filter_text, 50)
        .await
        .into_iter()
        .filter_map(|id| ours.iter().position(|o| *o == id).map(|i| i + 1))
        .collect()
}

/// How many reports the national admin's Semua finds for `words`, which rank by relevance.
async fn ranked_matches(db: &TestDb, words: &str) -> i64 {
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let f = filter::parse(words).unwrap();
    assert_eq!(f.order(), meja::domain::view::Order::Relevan);
    db.store
        .counts(&national, &f, fixture_now())
        .await
        .unwrap()
        .get(View::Semua)
}

/// Pages of a ranking are disjoint, cover the matches, and keep the order of one long page.
pub(crate) async fn relevance_pages_cover_the_matches(db: &TestDb) {
    seeded(db, 300).await;
    file_reports(db).await;
    let total = ranked_matches(db, "jalan").await;
    assert!(total > 10, "the seed mentions roads: {total}");
    let paged = found(db, "jalan", 7).await;
    let whole = found(db, "jalan", 10_000).await;
    let distinct: BTreeSet<i64> = paged.iter().copied().collect();
    assert_eq!(distinct.len(), paged.len(), "no report twice");
    assert_eq!(paged.len() as i64, total);
    assert_eq!(paged, whole, "pages keep the ranking's order");
}

/// A database from before migration 0010 has no stemmed words: `meja migrate` writes them, and
/// search finds its reports again.
pub(crate) async fn migrate_writes_the_words_of_existing_reports(db: &TestDb) {
    seeded(db, 20).await;
    let ours = file_reports(db).await;
    // As migration 0010 leaves an older database: no words, the mark, and on SQLite an empty
    // full-text table without its triggers.
    let forget = if db.pg_schema().is_some() {
        vec![
            "UPDATE complaint SET search_judul = '', search_isi = ''",
            "INSERT INTO meja_meta (key, value) VALUES ('search_words', 'pending')",
        ]
    } else {
        vec![
            "DROP TRIGGER complaint_fts_insert",
            "DROP TRIGGER complaint_fts_update",
            "UPDATE complaint SET search_judul = '', search_isi = ''",
            "INSERT INTO complaint_fts(complaint_fts) VALUES ('delete-all')",
            "INSERT INTO meja_meta (key, value) VALUES ('search_words', 'pending')",
        ]
    };
    for sql in forget {
        db.raw(sql).await.unwrap();
    }
    assert!(
        found_of(db, "rusak", &ours).await.is_empty(),
        "without its words a report is not found"
    );
    db.store.migrate().await.unwrap();
    let want: BTreeSet<usize> = [1, 4].into_iter().collect();
    assert_eq!(found_of(db, "rusak", &ours).await, want);
    // A report filed after the migration is indexed as it is written.
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let late = db
        .store
        .intake(&national, report("Kerusakan pagar sekolah", fixture_now()))
        .await
        .unwrap()
        .id;
    assert!(found(db, "rusak", 50).await.contains(&late));
    // Done once: the mark is gone, a second migrate writes nothing.
    db.store.migrate().await.unwrap();
    assert!(found(db, "\"rusak pagar\"", 50).await.contains(&late));
}

/// A word in most seeded reports, and a seed that gives it more matches than relevance ranks.
const COMMON_WORD: &str = "mohon";
const COMMON_SEED: u64 = 2_500;

/// Past `RANK_WINDOW` matches, relevance ranks the view's newest, best first, and the older ones
/// follow, newest first: every match once, across pages that cross the window's edge.
pub(crate) async fn relevance_ranks_the_newest_matches_then_the_rest(db: &TestDb) {
    seeded(db, COMMON_SEED).await;
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let f = filter::parse(COMMON_WORD).unwrap();
    let total = ranked_matches(db, COMMON_WORD).await as usize;
    let window = meja::store::RANK_WINDOW as usize;
    assert!(
        total > window + 100,
        "{COMMON_WORD} matches {total} reports"
    );
    // 170 a page: the sixth page holds the window's last 150 and the first 20 beyond it.
    let mut query = ListQuery {
        filter: f,
        limit: 170,
        now: fixture_now(),
        ..ListQuery::new(View::Semua)
    };
    let mut paged = Vec::new();
    loop {
        let page = db.store.list(&national, &query).await.unwrap();
        paged.extend(page.rows.iter().map(|r| (r.received_at, r.id)));
        match page.next {
            Some(c) => query.after = Some(c),
            None => break,
        }
    }
    let distinct: BTreeSet<_> = paged.iter().copied().collect();
    assert_eq!(distinct.len(), paged.len(), "no report twice");
    assert_eq!(paged.len(), total, "every match once");
    let mut newest = paged.clone();
    newest.sort_unstable_by(|a, b| b.cmp(a));
    let (ranked, rest) = paged.split_at(window);
    let ranked_set: BTreeSet<_> = ranked.iter().copied().collect();
    let newest_set: BTreeSet<_> = newest[..window].iter().copied().collect();
    assert_eq!(ranked_set, newest_set, "the window is the newest matches");
    assert_ne!(
        ranked,
        &newest[..window],
        "the window is ranked, not by date"
    );
    assert_eq!(
        rest,
        &newest[window..],
        "older matches follow, newest first"
    );
}
