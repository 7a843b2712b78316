//! PostgreSQL enforces meja's access model by itself: officers of three instansi and roles log in
//! with their own login roles and try, with raw SQL, everything meja would not let them do. Each
//! attempt must be refused by PostgreSQL; the same officers through meja do their normal work.
//! Roles are cluster-wide: each test's roles are named after its own schema and dropped with it.

mod common;

use common::*;
use meja::domain::lifecycle::{Action, Named};
use meja::domain::view::View;
use meja::domain::*;
use meja::store::open::OpenOptions;
use meja::store::seed::{DEMO_NATIONAL, DEMO_OFFICER, DEMO_REGENCY_CODE};
use meja::store::{ListQuery, NewOfficer, Store};
use sqlx::PgPool;

const PASSWORD: &str = "rahasia-uji";

struct Deployment {
    db: TestDb,
    schema: String,
    base: String,
    /// An officer (penghubung) at demo.petugas's unit of Kota Pontianak.
    petugas: String,
    /// A supervisor of Kota Pontianak.
    koordinator: String,
    /// An admin of Kota Surabaya (another province).
    admin: String,
}

impl Deployment {
    fn login(&self, username: &str) -> String {
        meja::store::security::officer_login(&self.schema, username)
    }

    /// A URL that logs in as `username`'s own role (the test cluster trusts local logins; the
    /// password is what a deployment's pg_hba.conf would check).
    fn url_of(&self, username: &str) -> String {
        let login = self.login(username);
        let enc: String = url::form_urlencoded::byte_serialize(login.as_bytes()).collect();
        let rest = self
            .base
            .split_once("://")
            .map(|(_, r)| r)
            .unwrap_or(&self.base);
        let host_and_db = rest.split_once('@').map(|(_, h)| h).unwrap_or(rest);
        let sep = if host_and_db.contains('?') { '&' } else { '?' };
        format!(
            "postgres://{enc}:{PASSWORD}@{host_and_db}{sep}options=-csearch_path%3D{}",
            self.schema
        )
    }

    async fn raw(&self, username: &str) -> PgPool {
        PgPool::connect(&self.url_of(username))
            .await
            .unwrap_or_else(|e| panic!("log in as {username}: {e}"))
    }

    async fn meja_as(&self, username: &str) -> (Store, meja::domain::lifecycle::Actor) {
        let mut store = Store::open_with(
            &self.url_of(username),
            &OpenOptions::single(format!("meja test {username}")),
        )
        .await
        .expect("open as officer");
        let actor = store.sign_in(None, "ignored").await.expect("sign in");
        assert_eq!(actor.username, username);
        (store, actor)
    }
}

async fn deployment() -> Deployment {
    let db = postgres().await;
    seeded(&db, 400).await;
    let schema = db.pg_schema().expect("schema").to_string();
    let base = pg_url();
    let national = actor(&db.store, DEMO_NATIONAL).await;
    let unit = db
        .store
        .officer(DEMO_OFFICER)
        .await
        .expect("demo officer")
        .instansi_name;
    let add = |username: &str, role: Role, instansi: &str| NewOfficer {
        username: username.into(),
        name: format!("Uji {username}"),
        role,
        instansi: instansi.into(),
        password: Some(PASSWORD.into()),
    };
    for new in [
        add("pg.petugas", Role::Officer, &unit),
        add("pg.koordinator", Role::Supervisor, DEMO_REGENCY_CODE),
        add("pg.admin", Role::Admin, "KOTA-SURABAYA"),
    ] {
        db.store
            .add_officer(&national, new)
            .await
            .expect("add officer with a login");
    }
    Deployment {
        db,
        schema,
        base,
        petugas: "pg.petugas".into(),
        koordinator: "pg.koordinator".into(),
        admin: "pg.admin".into(),
    }
}

async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql.to_string()))
        .fetch_one(pool)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Runs `sql` and expects PostgreSQL to refuse it (an error, not an empty success).
async fn refused(pool: &PgPool, sql: &str) -> String {
    match sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .execute(pool)
        .await
    {
        Ok(r) => panic!("PostgreSQL accepted `{sql}` ({} rows)", r.rows_affected()),
        Err(e) => e.to_string(),
    }
}

/// A complaint received at `code` by the national admin, with an anonymous reporter and the
/// given classification.
async fn complaint_at(d: &Deployment, code: &str, klasifikasi: Klasifikasi, anonim: bool) -> i64 {
    let national = actor(&d.db.store, DEMO_NATIONAL).await;
    let mut new = report("Jalan berlubang di depan pasar", fixture_now());
    new.klasifikasi = klasifikasi;
    new.anonim = anonim;
    new.reporter.nik = Some("6171010101010001".into());
    new.instansi = Some(code.into());
    d.db.store.intake(&national, new).await.expect("intake").id
}

/// One number read by the owner (who sees everything), in the deployment's schema.
async fn owner_scalar(d: &Deployment, sql: &str) -> i64 {
    let pool = PgPool::connect(&d.db.url).await.expect("owner connection");
    let n = scalar(&pool, sql).await;
    pool.close().await;
    n
}

async fn finish(d: Deployment) {
    d.db.drop_schema().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_sql_with_an_officers_own_login_sees_only_their_scope() {
    let d = deployment().await;
    let unit_path =
        d.db.store
            .officer(&d.petugas)
            .await
            .expect("petugas")
            .instansi_path;
    let unit_code =
        d.db.store
            .instansi_list()
            .into_iter()
            .find(|i| i.path == unit_path)
            .expect("unit")
            .code;
    let wbs = complaint_at(&d, &unit_code, Klasifikasi::Wbs, false).await;
    let anonymous = complaint_at(&d, &unit_code, Klasifikasi::Pengaduan, true).await;
    let outside = complaint_at(&d, "KOTA-SURABAYA", Klasifikasi::Pengaduan, false).await;

    let petugas = d.raw(&d.petugas).await;
    // Out of scope: nothing outside the unit's subtree.
    let out_of_scope = scalar(
        &petugas,
        &format!(
            "SELECT COUNT(*) FROM complaint WHERE NOT starts_with(instansi_path, '{unit_path}')"
        ),
    )
    .await;
    assert_eq!(
        out_of_scope, 0,
        "an officer reads complaints outside their unit"
    );
    assert_eq!(
        scalar(
            &petugas,
            &format!("SELECT COUNT(*) FROM event WHERE complaint_id = {outside}")
        )
        .await,
        0,
        "events of another instansi's complaint"
    );
    // Whistle-blowing never reaches an officer, nor its events.
    assert_eq!(
        scalar(
            &petugas,
            "SELECT COUNT(*) FROM complaint WHERE klasifikasi IN ('wbs', 'pengadaan')"
        )
        .await,
        0
    );
    assert_eq!(
        scalar(
            &petugas,
            &format!("SELECT COUNT(*) FROM event WHERE complaint_id = {wbs}")
        )
        .await,
        0
    );
    // Anonymous reporters' identity: not for officers, supervisors or admins.
    assert_eq!(
        scalar(
            &petugas,
            &format!("SELECT COUNT(*) FROM reporter WHERE complaint_id = {anonymous}")
        )
        .await,
        0
    );
    let koordinator = d.raw(&d.koordinator).await;
    assert_eq!(
        scalar(&koordinator, "SELECT COUNT(*) FROM reporter r JOIN complaint c ON c.id = r.complaint_id WHERE c.anonim").await,
        0,
        "a supervisor reads anonymous reporters"
    );
    // ...while the supervisor sees the wbs report of their subtree and the anonymous complaint.
    assert_eq!(
        scalar(
            &koordinator,
            &format!("SELECT COUNT(*) FROM complaint WHERE id IN ({wbs}, {anonymous})")
        )
        .await,
        2
    );
    // What raw SQL sees is what meja shows: the same number of complaints as the Semua view.
    let (store, me) = d.meja_as(&d.petugas).await;
    let counts = store
        .counts(&me, &Default::default(), fixture_now())
        .await
        .expect("counts");
    assert_eq!(
        scalar(&petugas, "SELECT COUNT(*) FROM complaint").await,
        counts.get(View::Semua)
    );
    store.close().await;
    petugas.close().await;
    koordinator.close().await;
    finish(d).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn raw_sql_cannot_change_what_meja_would_refuse() {
    let d = deployment().await;
    let mine = complaint_at(&d, DEMO_REGENCY_CODE, Klasifikasi::Pengaduan, false).await;
    let outside = complaint_at(&d, "KOTA-SURABAYA", Klasifikasi::Pengaduan, false).await;
    let koordinator = d.raw(&d.koordinator).await;
    let me: i64 = scalar(
        &koordinator,
        "SELECT id FROM officer WHERE login = current_user",
    )
    .await;
    let version_before = owner_scalar(
        &d,
        &format!("SELECT version FROM complaint WHERE id = {mine}"),
    )
    .await;

    // Status without an event, with or without a version bump.
    refused(
        &koordinator,
        &format!("UPDATE complaint SET status = 'selesai' WHERE id = {mine}"),
    )
    .await;
    refused(
        &koordinator,
        &format!(
            "UPDATE complaint SET status = 'selesai', version = version + 1 WHERE id = {mine}"
        ),
    )
    .await;
    // A forged event for a move the rules refuse (baru straight to selesai) does not carry it.
    // An event dated long ago, or in the future, without saying when it was recorded, or
    // recorded at another time than now: the database refuses it as meja does.
    let now = "(extract(epoch FROM clock_timestamp()) * 1000)::BIGINT";
    for (at, recorded) in [
        ("0".to_string(), "NULL".to_string()),
        (format!("{now} + 3600000"), "NULL".to_string()),
        (format!("{now} - 60000"), format!("{now} - 86400000")),
        (format!("{now} + 3600000"), now.to_string()),
        ("0".to_string(), now.to_string()),
    ] {
        let e = refused(
            &koordinator,
            &format!(
                "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version, recorded_at) \
                 VALUES ({mine}, {at}, {me}, '{}', 'note', 'baru', '{{}}', {}, {recorded})",
                d.koordinator,
                version_before + 1
            ),
        )
        .await;
        assert!(
            e.contains("row-level security"),
            "at {at}, recorded {recorded}: {e}"
        );
    }
    // The same event dated now, or an hour ago and recorded now, is accepted (then rolled back).
    for (at, recorded) in [
        (now.to_string(), "NULL".to_string()),
        (format!("{now} - 3600000"), now.to_string()),
    ] {
        let mut tx = koordinator.begin().await.expect("begin");
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version, recorded_at) \
             VALUES ({mine}, {at}, {me}, '{}', 'note', 'baru', '{{}}', {}, {recorded})",
            d.koordinator,
            version_before + 1
        )))
        .execute(&mut *tx)
        .await
        .unwrap_or_else(|e| panic!("at {at}, recorded {recorded}: {e}"));
        drop(tx);
    }
    let forged = format!(
        "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version) \
         VALUES ({mine}, {now}, {me}, '{}', 'close', 'selesai', '{{}}', {})",
        d.koordinator,
        version_before + 1
    );
    let mut tx = koordinator.begin().await.expect("begin");
    sqlx::query(sqlx::AssertSqlSafe(forged))
        .execute(&mut *tx)
        .await
        .expect("own event");
    let e = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE complaint SET status = 'selesai', version = version + 1 WHERE id = {mine}"
    )))
    .execute(&mut *tx)
    .await
    .expect_err("an illegal move with an event of its own");
    assert!(e.to_string().contains("may not close"), "{e}");
    drop(tx);
    // The event log: no update, no delete, no truncate, no trigger switched off.
    refused(&koordinator, "UPDATE event SET details = '{}'").await;
    refused(&koordinator, "DELETE FROM event").await;
    refused(&koordinator, "TRUNCATE event").await;
    refused(
        &koordinator,
        "ALTER TABLE event DISABLE TRIGGER event_append_only",
    )
    .await;
    refused(
        &koordinator,
        "ALTER TABLE complaint ADD COLUMN pwned INTEGER",
    )
    .await;
    refused(&koordinator, "DROP TABLE draft").await;
    // Promoting oneself, directly or through meja's own function.
    refused(
        &koordinator,
        "UPDATE officer SET role = 'national' WHERE login = current_user",
    )
    .await;
    refused(
        &koordinator,
        "SELECT meja_officer_add(current_user, 'kuda.troya', 'Kuda', 'national', 1, NULL, NULL, 0)",
    )
    .await;
    // An event for another instansi's complaint, in one's own name.
    refused(
        &koordinator,
        &format!(
            "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version) \
             VALUES ({outside}, 0, {me}, '{}', 'note', 'baru', '{{}}', 2)",
            d.koordinator
        ),
    )
    .await;
    // Nothing changed.
    assert_eq!(
        owner_scalar(
            &d,
            &format!("SELECT version FROM complaint WHERE id = {mine}")
        )
        .await,
        version_before
    );
    assert_eq!(
        owner_scalar(
            &d,
            "SELECT COUNT(*) FROM officer WHERE role = 'national' AND username LIKE 'pg.%'"
        )
        .await,
        0
    );
    // An admin of another province reaches none of it.
    let admin = d.raw(&d.admin).await;
    assert_eq!(
        scalar(
            &admin,
            &format!("SELECT COUNT(*) FROM complaint WHERE id = {mine}")
        )
        .await,
        0
    );
    let e = sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE complaint SET judul = 'diubah' WHERE id = {mine}"
    )))
    .execute(&admin)
    .await
    .expect("an update of an invisible row matches nothing");
    assert_eq!(e.rows_affected(), 0);
    koordinator.close().await;
    admin.close().await;
    finish(d).await;
}

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
                changes: Default::default(),
                dispose_to: Some(unit.clone()),
            },
        )
        .await
        .expect("verify and dispose");
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
