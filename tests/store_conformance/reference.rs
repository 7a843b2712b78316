//! The reference data (instansi tree, aliases, days off, categories) every command reads before
//! its query comes from one document kept in the database (migration 0016). Whatever changes one
//! of the four tables, meja or raw SQL, makes it stale, so the next reader sees the change.

use super::*;

/// Whether the kept document is current: built, and from the stamp the tables are at.
async fn kept_current(db: &TestDb) -> bool {
    let sql = |table: &str| {
        format!(
            "SELECT CAST(CASE WHEN document IS NOT NULL AND built_from = stamp THEN 1 ELSE 0 END AS BIGINT) \
             FROM {table} WHERE id = 1"
        )
    };
    let n: i64 = if let Some(schema) = db.pg_schema() {
        db.pg_scalar(&sql(&format!("{schema}.reference_document")))
            .await
    } else {
        let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", db.url))
            .await
            .expect("a second connection to the file");
        let n = sqlx::query_scalar(sqlx::AssertSqlSafe(sql("reference_document")))
            .fetch_one(&pool)
            .await
            .expect("reading the kept document");
        pool.close().await;
        n
    };
    n == 1
}

pub(crate) async fn the_reference_document_follows_every_change(db: &TestDb) {
    seeded(db, 0).await;
    // Opening read the reference data and kept the document it built.
    let before = db.second_store().await;
    assert!(kept_current(db).await, "opening keeps the document current");
    let unit = before.find_instansi("Dishub Kota Pontianak").unwrap();
    assert!(before.find_instansi("UPT Parkir Khatulistiwa").is_err());
    before.close().await;

    // Someone with database access changes each of the four tables by hand.
    let day = "2031-03-03";
    for sql in [
        format!(
            "UPDATE instansi SET name = 'Dishub Kota Pontianak (baru)' WHERE id = {}",
            unit.id
        ),
        format!(
            "INSERT INTO instansi_alias (instansi_id, alias) VALUES ({}, 'UPT Parkir Khatulistiwa')",
            unit.id
        ),
        format!(
            "INSERT INTO holiday (day, instansi_id, kind, name, decree) \
             VALUES ('{day}', 0, 'libur_nasional', 'Hari libur uji', 'Keppres uji')"
        ),
        "UPDATE category SET name = name || ' (uji)' WHERE id = (SELECT MIN(id) FROM category)"
            .to_string(),
    ] {
        db.raw(&sql).await.expect(&sql);
        assert!(!kept_current(db).await, "stale after: {sql}");
        // The next reader sees the change, and keeps a current document again.
        let after = db.second_store().await;
        assert!(kept_current(db).await, "current again after reading: {sql}");
        after.close().await;
    }
    let after = db.second_store().await;
    let renamed = after.instansi_list().into_iter().find(|i| i.id == unit.id);
    assert_eq!(
        renamed.map(|i| i.name),
        Some("Dishub Kota Pontianak (baru)".to_string())
    );
    assert_eq!(
        after.find_instansi("UPT Parkir Khatulistiwa").unwrap().id,
        unit.id
    );
    let day = NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap();
    assert!(!after.calendar().is_working_day(day), "the new day off");
    assert!(
        after
            .categories()
            .iter()
            .any(|c| c.name.ends_with(" (uji)"))
    );
    after.close().await;

    // meja's own change is read back at once by the store that made it.
    let national = actor(&db.store, DEMO_NATIONAL).await;
    db.store
        .add_alias(&national, &unit.code, "Parkir Kota Khatulistiwa")
        .await
        .expect("the national admin adds an alias");
    assert_eq!(
        db.store
            .find_instansi("Parkir Kota Khatulistiwa")
            .unwrap()
            .id,
        unit.id
    );
    assert!(kept_current(db).await, "meja's reload keeps it current");
}
