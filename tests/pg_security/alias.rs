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
