//! Instansi aliases under row-level security: every officer reads them, an admin changes those of
//! their own subtree only, whatever SQL they send.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aliases_are_read_by_all_and_changed_only_by_the_subtrees_admins() {
    let d = deployment().await;
    let petugas = d.raw(&d.petugas).await;
    let admin = d.raw(&d.admin).await;
    let all = owner_scalar(&d, "SELECT COUNT(*) FROM instansi_alias").await;
    assert!(all > 0, "the seed writes aliases");
    // Readable by every officer, like the instansi tree.
    assert_eq!(
        scalar(&petugas, "SELECT COUNT(*) FROM instansi_alias").await,
        all
    );
    assert_eq!(
        scalar(&admin, "SELECT COUNT(*) FROM instansi_alias").await,
        all
    );

    let pontianak =
        d.db.store
            .find_instansi(DEMO_REGENCY_CODE)
            .expect("kota")
            .id;
    let surabaya = d.db.store.find_instansi("KOTA-SURABAYA").expect("kota").id;
    // A liaison officer changes none, not even of their own unit.
    refused(
        &petugas,
        &format!(
            "INSERT INTO instansi_alias (instansi_id, alias) VALUES ({pontianak}, 'Pemkot Ptk')"
        ),
    )
    .await;
    let gone = sqlx::query("DELETE FROM instansi_alias")
        .execute(&petugas)
        .await
        .expect("a delete of rows one may not change matches nothing");
    assert_eq!(gone.rows_affected(), 0);
    // Surabaya's admin: not Pontianak's aliases, in either direction.
    refused(
        &admin,
        &format!(
            "INSERT INTO instansi_alias (instansi_id, alias) VALUES ({pontianak}, 'Pemkot Ptk')"
        ),
    )
    .await;
    let gone = sqlx::query(sqlx::AssertSqlSafe(format!(
        "DELETE FROM instansi_alias WHERE instansi_id IN \
         (SELECT id FROM instansi WHERE path LIKE (SELECT path FROM instansi WHERE id = {pontianak}) || '%')"
    )))
    .execute(&admin)
    .await
    .expect("a delete of rows one may not change matches nothing");
    assert_eq!(gone.rows_affected(), 0);
    // An UPDATE is not granted at all: an alias is added or removed.
    refused(&admin, "UPDATE instansi_alias SET alias = 'x'").await;
    // Its own kota, by raw SQL and through meja under its own login.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO instansi_alias (instansi_id, alias) VALUES ({surabaya}, 'Kota Pahlawan')"
    )))
    .execute(&admin)
    .await
    .expect("an alias of one's own kota");
    let (store, me) = d.meja_as(&d.admin).await;
    assert!(
        store
            .add_alias(&me, "Dishub Kota Surabaya", "Dishub Sby")
            .await
            .expect("through meja")
    );
    assert!(
        store
            .add_alias(&me, DEMO_REGENCY_CODE, "Pemkot Ptk")
            .await
            .is_err()
    );
    assert_eq!(
        owner_scalar(&d, "SELECT COUNT(*) FROM instansi_alias").await,
        all + 2
    );
    assert_eq!(
        owner_scalar(
            &d,
            &format!("SELECT COUNT(*) FROM instansi_alias WHERE instansi_id = {pontianak} AND alias = 'Pemkot Ptk'")
        )
        .await,
        0
    );
    store.close().await;
    admin.close().await;
    petugas.close().await;
    finish(d).await;
}

/// The reference document every command reads (migration 0016) is built only by the database's
/// own function: an officer reads it through `meja_reference_document()` and can neither store a
/// document of their own for the others to read nor stop it following the tables.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_read_the_reference_document_but_cannot_forge_it() {
    let d = deployment().await;
    let petugas = d.raw(&d.petugas).await;
    let admin = d.raw(&d.admin).await;
    let length = "SELECT length(meja_reference_document())::BIGINT";
    let built = scalar(&petugas, length).await;
    assert!(
        built > 100_000,
        "the whole tree, as any officer reads it: {built}"
    );
    for forged in [
        "UPDATE reference_document SET document = '{\"instansi\":[]}'",
        "UPDATE reference_document SET stamp = 0, built_from = 0",
        "DELETE FROM reference_document",
        "INSERT INTO reference_document (id) VALUES (2)",
        "SELECT COUNT(*) FROM reference_document",
    ] {
        refused(&petugas, forged).await;
        refused(&admin, forged).await;
    }
    // The triggers' function is not a way in either: it is only a trigger.
    refused(&petugas, "SELECT meja_reference_changed()").await;
    // An admin's alias, added by raw SQL under their own login, makes the document stale; the
    // next read, by anyone, has it.
    let surabaya = d.db.store.find_instansi("KOTA-SURABAYA").expect("kota").id;
    let alias = "Pemerintah Kota Pahlawan Uji";
    let has_alias =
        format!("SELECT (strpos(meja_reference_document(), '{alias}') > 0)::INT::BIGINT");
    assert_eq!(scalar(&petugas, &has_alias).await, 0);
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "INSERT INTO instansi_alias (instansi_id, alias) VALUES ({surabaya}, '{alias}')"
    )))
    .execute(&admin)
    .await
    .expect("Surabaya's admin adds an alias to Surabaya");
    assert_eq!(scalar(&petugas, &has_alias).await, 1);
    finish(d).await;
}
