//! The monev figures under row-level security: an officer's own login can neither read another
//! subtree's sums nor restate any figure with raw SQL; the sums follow meja's moves made through
//! the officers' own logins.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_sql_cannot_restate_the_monev_figures() {
    let d = deployment().await;
    let mine = complaint_at(&d, DEMO_REGENCY_CODE, Klasifikasi::Pengaduan, false).await;
    let koordinator = d.raw(&d.koordinator).await;
    let kota =
        d.db.store
            .instansi_list()
            .into_iter()
            .find(|i| i.code == DEMO_REGENCY_CODE)
            .expect("the demo kota")
            .path;

    // The kota's supervisor reads the kota's sums and facts, nothing of Surabaya's.
    let outside = "(SELECT path FROM instansi WHERE code = 'KOTA-SURABAYA')";
    assert!(
        scalar(
            &koordinator,
            &format!("SELECT COUNT(*) FROM monev_tally WHERE instansi_path LIKE '{kota}%'")
        )
        .await
            > 0
    );
    for table in ["monev_tally", "monev_fact"] {
        assert_eq!(
            scalar(
                &koordinator,
                &format!("SELECT COUNT(*) FROM {table} WHERE instansi_path LIKE {outside} || '%'")
            )
            .await,
            0,
            "{table} outside the subtree"
        );
        assert!(
            owner_scalar(
                &d,
                &format!("SELECT COUNT(*) FROM {table} WHERE instansi_path LIKE {outside} || '%'")
            )
            .await
                > 0,
            "the owner sees Surabaya's {table}"
        );
    }
    // An officer counts their own complaints from the facts: the sums are not theirs to read.
    let petugas = d.raw(&d.petugas).await;
    assert_eq!(
        scalar(&petugas, "SELECT COUNT(*) FROM monev_tally").await,
        0
    );

    // The sums are written by the database alone.
    for sql in [
        format!("UPDATE monev_tally SET selesai = selesai + 1 WHERE instansi_path = '{kota}'"),
        "DELETE FROM monev_tally".to_string(),
        format!(
            "INSERT INTO monev_tally (instansi_path, grain, day, facet, selesai) \
             VALUES ('{kota}', 'm', 20000, '', 1000)"
        ),
        "DELETE FROM monev_handled".to_string(),
        "UPDATE monev_handled SET n = n + 100".to_string(),
    ] {
        let e = refused(&koordinator, &sql).await;
        assert!(e.contains("permission denied"), "{sql}: {e}");
    }
    // A fact is restated only with its complaint's move, by the officer who makes it: not on its
    // own, nor with a status the complaint does not have.
    for sql in [
        format!("UPDATE monev_fact SET verify_met = verify_met + 5 WHERE complaint_id = {mine}"),
        format!(
            "UPDATE monev_fact SET status = 'selesai', selesai = TRUE WHERE complaint_id = {mine}"
        ),
        format!("UPDATE monev_fact SET instansi_path = {outside} WHERE complaint_id = {mine}"),
    ] {
        let e = refused(&koordinator, &sql).await;
        assert!(e.contains("row-level security"), "{sql}: {e}");
    }
    let e = refused(
        &koordinator,
        &format!("UPDATE monev_fact SET selesai = TRUE WHERE complaint_id = {mine}"),
    )
    .await;
    assert!(
        e.contains("check constraint") || e.contains("row-level security"),
        "{e}"
    );
    assert!(
        refused(
            &koordinator,
            &format!("DELETE FROM monev_fact WHERE complaint_id = {mine}")
        )
        .await
        .contains("permission denied")
    );

    // Through meja, the supervisor's own login moves the report and the figures follow.
    let (store, me) = d.meja_as(&d.koordinator).await;
    let received_before = owner_scalar(
        &d,
        &format!("SELECT COALESCE(SUM(received), 0) FROM monev_tally WHERE grain = 'm' AND facet = '' AND instansi_path LIKE '{kota}%'"),
    )
    .await;
    let archive: Action<Named> = Action::Archive {
        reason: ArchiveReason::Spam,
        note: "iklan".into(),
    };
    store
        .act(&me, mine, None, &archive)
        .await
        .expect("archive as spam");
    assert_eq!(
        owner_scalar(
            &d,
            &format!(
                "SELECT excluded::INTEGER::BIGINT FROM monev_fact WHERE complaint_id = {mine}"
            )
        )
        .await,
        1
    );
    assert_eq!(
        owner_scalar(
            &d,
            &format!("SELECT COALESCE(SUM(received), 0) FROM monev_tally WHERE grain = 'm' AND facet = '' AND instansi_path LIKE '{kota}%'"),
        )
        .await,
        received_before,
        "archiving moves no report out of the received"
    );
    assert!(
        owner_scalar(
            &d,
            &format!("SELECT COALESCE(SUM(excluded_n), 0) FROM monev_tally WHERE grain = 'm' AND facet = '' AND instansi_path LIKE '{kota}%'"),
        )
        .await
            > 0
    );
    store.close().await;
    finish(d).await;
}
