//! The same officers through meja: their normal work under the policies, their logins and sessions.

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officers_do_their_normal_work_through_meja_under_the_policies() {
    let d = deployment().await;
    let id = complaint_at(&d, DEMO_REGENCY_CODE, Klasifikasi::Pengaduan, false).await;
    let unit =
        d.db.store
            .officer(&d.petugas)
            .await
            .expect("petugas")
            .instansi_name;
    // The supervisor verifies and disposes to the unit, as their own login.
    let (koordinator, sup) = d.meja_as(&d.koordinator).await;
    let page = koordinator
        .list(&sup, &ListQuery::new(View::Masuk))
        .await
        .expect("Masuk");
    assert!(
        page.rows.iter().any(|r| r.id == id),
        "the new report is in Masuk"
    );
    koordinator
        .act(
            &sup,
            id,
            None,
            &Action::<Named>::Verify {
                // A new title: its stemmed words (search) change with it, under the guard.
                changes: meja::domain::lifecycle::Verification {
                    judul: Some("Kerusakan gorong-gorong di pasar".into()),
                    ..Default::default()
                },
                dispose_to: Some(unit.clone()),
            },
        )
        .await
        .expect("verify and dispose");
    let found = koordinator
        .list(
            &sup,
            &ListQuery {
                filter: meja::domain::filter::parse("\"rusak gorong\"").expect("filter"),
                ..ListQuery::new(View::Semua)
            },
        )
        .await
        .expect("search");
    assert!(
        found.rows.iter().any(|r| r.id == id),
        "search finds the report by its new title"
    );
    // The officer claims it, notes, and replies (or submits for approval where required).
    let (petugas, officer) = d.meja_as(&d.petugas).await;
    petugas
        .act(&officer, id, None, &Action::Claim)
        .await
        .expect("claim");
    petugas
        .act(
            &officer,
            id,
            None,
            &Action::Note {
                body: "cek lapangan".into(),
            },
        )
        .await
        .expect("note");
    petugas
        .save_draft(
            &officer,
            id,
            "reply",
            "Terima kasih, sudah kami tangani.",
            None,
        )
        .await
        .expect("draft");
    let c = petugas.complaint(&officer, id).await.expect("show");
    assert_eq!(c.status, Status::Ditindaklanjuti);
    assert_eq!(
        c.reporter.name.as_deref(),
        Some("Siti Rahma"),
        "a named reporter is visible"
    );
    let submitted = petugas
        .act(
            &officer,
            id,
            None,
            &Action::SubmitForApproval {
                body: "Terima kasih, sudah kami tangani.".into(),
            },
        )
        .await
        .expect("submit");
    assert_eq!(submitted.status, Status::MenungguPersetujuan);
    koordinator
        .act(&sup, id, None, &Action::Approve)
        .await
        .expect("approve");
    // Recording a new report at the desk.
    let mut new = report("Lampu jalan mati", fixture_now());
    new.instansi = None;
    let recorded = koordinator.intake(&sup, new).await.expect("intake");
    assert!(recorded.id > id);
    // Every event names its actor; none claims an impersonator.
    let events = koordinator.complaint(&sup, id).await.expect("show").events;
    assert!(
        events
            .iter()
            .any(|e| e.actor == d.petugas && e.kind == meja::domain::EventKind::Claim)
    );
    assert_eq!(
        owner_scalar(
            &d,
            &format!(
                "SELECT COUNT(*) FROM event WHERE complaint_id = {id} AND impersonator IS NOT NULL"
            )
        )
        .await,
        0
    );
    // The sweep is the owner's: an officer's session may not run it.
    assert!(!petugas.may_sweep().await.expect("may sweep"));
    petugas.close().await;
    koordinator.close().await;
    finish(d).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn as_another_officer_needs_postgresqls_permission() {
    let d = deployment().await;
    // A plain officer's login may not act as anyone else.
    let mut store = Store::open_with(&d.url_of(&d.petugas), &OpenOptions::single("meja test"))
        .await
        .expect("open");
    let e = store
        .sign_in(Some(&d.koordinator), "ignored")
        .await
        .expect_err("--as by a plain officer");
    assert!(e.to_string().contains("--as pg.koordinator"), "{e}");
    store.close().await;
    // Where PostgreSQL lets a login become another officer's role, meja acts as that officer
    // and records both names.
    let grant = format!(
        "GRANT \"{}\" TO \"{}\"",
        d.login(&d.petugas),
        d.login(&d.koordinator)
    );
    d.db.raw(&grant).await.expect("grant impersonation");
    let mut store = Store::open_with(&d.url_of(&d.koordinator), &OpenOptions::single("meja test"))
        .await
        .expect("open");
    let acting = store
        .sign_in(Some(&d.petugas), "ignored")
        .await
        .expect("impersonate");
    assert_eq!(acting.username, d.petugas);
    let id = complaint_at(&d, DEMO_REGENCY_CODE, Klasifikasi::Pengaduan, false).await;
    let e = store
        .act(
            &acting,
            id,
            None,
            &Action::Note {
                body: "atas nama".into(),
            },
        )
        .await;
    // The unit officer does not see a complaint of the kota itself: refused like a missing one.
    assert!(e.is_err());
    let unit_id = {
        let path =
            d.db.store
                .officer(&d.petugas)
                .await
                .expect("p")
                .instansi_path;
        let code =
            d.db.store
                .instansi_list()
                .into_iter()
                .find(|i| i.path == path)
                .expect("unit")
                .code;
        complaint_at(&d, &code, Klasifikasi::Pengaduan, false).await
    };
    store
        .act(
            &acting,
            unit_id,
            None,
            &Action::Note {
                body: "atas nama".into(),
            },
        )
        .await
        .expect("note as the impersonated officer");
    let by = owner_scalar(
        &d,
        &format!(
            "SELECT COUNT(*) FROM event WHERE complaint_id = {unit_id} AND kind = 'note' \
             AND actor = 'pg.petugas' AND impersonator = '{}'",
            d.login(&d.koordinator)
        ),
    )
    .await;
    assert_eq!(
        by, 1,
        "the event names the officer and the login that acted"
    );
    store.close().await;
    finish(d).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_console_holds_at_most_two_named_connections() {
    let d = deployment().await;
    let name = format!("meja console {}", d.schema);
    let mut store = Store::open_with(&d.url_of(&d.koordinator), &OpenOptions::single(&name))
        .await
        .expect("open");
    let me = store.sign_in(None, "x").await.expect("sign in");
    let mut feed = store.follow(me.clone(), 0);
    // Work in parallel, as a console's effects do, while the feed listens.
    let mut tasks = Vec::new();
    for view in [View::Masuk, View::Tim, View::Semua, View::Terlambat] {
        let (s, a) = (store.clone(), me.clone());
        tasks.push(tokio::spawn(async move {
            s.list(&a, &ListQuery::new(view)).await
        }));
    }
    for t in tasks {
        t.await.expect("task").expect("list");
    }
    // The feed says when it is live (its LISTEN connection is up).
    loop {
        match feed.recv().await {
            Some(meja::store::feed::FeedMsg::State(meja::store::feed::Connection::Live)) => break,
            Some(_) => continue,
            None => panic!("the feed stopped"),
        }
    }
    let held = owner_scalar(
        &d,
        &format!("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '{name}'"),
    )
    .await;
    assert!((1..=2).contains(&held), "{held} connections named '{name}'");
    drop(feed);
    store.close().await;
    finish(d).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn old_and_new_clients_refuse_a_schema_they_were_not_built_for() {
    let db = postgres().await;
    let url = db.url.clone();
    // A newer schema than this meja knows.
    db.raw(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
            VALUES (9999, 'from the future', TRUE, '\\x00', 0)",
    )
    .await
    .expect("fake a newer migration");
    let e = Store::open(&url).await.expect_err("an old client");
    assert!(e.to_string().contains("upgrade meja"), "{e}");
    db.raw("DELETE FROM _sqlx_migrations WHERE version = 9999")
        .await
        .expect("undo");
    // An older schema: this meja refuses and does not migrate it.
    db.raw("DELETE FROM _sqlx_migrations WHERE version >= 3")
        .await
        .expect("pretend older");
    let e = Store::open(&url).await.expect_err("a new client");
    assert!(
        e.to_string()
            .contains("ask your administrator to run `meja migrate`"),
        "{e}"
    );
    assert_eq!(
        db.pg_scalar(&format!(
            "SELECT COUNT(*) FROM {}._sqlx_migrations WHERE version >= 3",
            db.pg_schema().expect("schema")
        ))
        .await,
        0,
        "opening migrated nothing"
    );
    db.drop_schema().await;
}

fn meja_cli(db: &str, args: &[&str], stdin: &str) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_meja"))
        .args(["--db", db])
        .args(args)
        .env_remove("MEJA_DB")
        .env_remove("MEJA_USER")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run meja");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin");
    }
    child.wait_with_output().expect("meja output")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officer_add_creates_a_login_that_signs_in_as_that_officer() {
    let d = deployment().await;
    let out = meja_cli(
        &d.db.url,
        &[
            "--as",
            DEMO_NATIONAL,
            "officer",
            "add",
            "pg.baru",
            "--name",
            "Petugas Baru",
            "--role",
            "supervisor",
            "--instansi",
            DEMO_REGENCY_CODE,
            "--password-stdin",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert!(
        out.status.success(),
        "officer add: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The new login signs in as that officer, with no --as.
    let out = meja_cli(&d.url_of("pg.baru"), &["counts", "--json"], "");
    assert!(
        out.status.success(),
        "counts as the new login: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let counts: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON counts");
    assert!(counts["semua"].as_i64().unwrap_or(0) > 0, "{counts}");
    // --as another officer by a plain login: one line, exit 1.
    let out = meja_cli(&d.url_of("pg.baru"), &["--as", "demo", "counts"], "");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr:?}");
    assert!(stderr.contains("--as demo"), "{stderr}");
    // A disabled officer's login can no longer log in.
    let out = meja_cli(
        &d.db.url,
        &["--as", DEMO_NATIONAL, "officer", "disable", "pg.baru"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        PgPool::connect(&d.url_of("pg.baru")).await.is_err(),
        "a disabled officer's login still logs in"
    );
    finish(d).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kota_admins_login_changes_only_its_own_regional_days() {
    let d = deployment().await;
    let admin = d.raw(&d.admin).await;
    // The national calendar is out of reach: a delete matches nothing, an insert is refused.
    let deleted = sqlx::query("DELETE FROM holiday WHERE day = '2027-01-01'")
        .execute(&admin)
        .await
        .expect("a delete of rows one may not change matches nothing");
    assert_eq!(deleted.rows_affected(), 0);
    refused(
        &admin,
        "INSERT INTO holiday (day, kind, name, decree, instansi_id) \
         VALUES ('2027-03-03', 'libur_nasional', 'Libur palsu', '-', 0)",
    )
    .await;
    let pontianak =
        d.db.store
            .find_instansi(DEMO_REGENCY_CODE)
            .expect("Pontianak")
            .id;
    refused(
        &admin,
        &format!(
            "INSERT INTO holiday (day, kind, name, decree, instansi_id) \
             VALUES ('2027-03-03', 'regional', 'Hari jadi tetangga', '-', {pontianak})"
        ),
    )
    .await;
    assert_eq!(
        owner_scalar(&d, "SELECT COUNT(*) FROM holiday WHERE day = '2027-01-01'").await,
        1
    );
    // Its own regional day, through meja under its own login.
    let (store, me) = d.meja_as(&d.admin).await;
    let holiday = Holiday {
        date: chrono::NaiveDate::from_ymd_opt(2027, 5, 31).expect("date"),
        kind: HolidayKind::Regional,
        name: "Hari Jadi Kota Surabaya".into(),
        decree: "Perwali 1/2027".into(),
        instansi_id: Some(me.instansi_id),
    };
    store
        .add_holiday(&me, holiday)
        .await
        .expect("a regional day of one's own kota");
    assert_eq!(
        owner_scalar(
            &d,
            &format!(
                "SELECT COUNT(*) FROM holiday WHERE day = '2027-05-31' AND instansi_id = {}",
                me.instansi_id
            )
        )
        .await,
        1
    );
    store.close().await;
    admin.close().await;
    finish(d).await;
}
