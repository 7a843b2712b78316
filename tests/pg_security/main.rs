//! PostgreSQL enforces meja's access model by itself: officers of three instansi and roles log in
//! with their own login roles and try, with raw SQL, everything meja would not let them do. Each
//! attempt must be refused by PostgreSQL; the same officers through meja do their normal work.
//! Roles are cluster-wide: each test's roles are named after its own schema and dropped with it.

mod alias;
#[path = "../common/mod.rs"]
mod common;
mod monev;
mod work;

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
    // The supervisor's broad counts are summed from the monev sums under the supervisor's own
    // login: they agree with the complaints that login reads.
    let (store, me) = d.meja_as(&d.koordinator).await;
    let counts = store
        .counts(&me, &Default::default(), fixture_now())
        .await
        .expect("counts");
    assert_eq!(
        scalar(&koordinator, "SELECT COUNT(*) FROM complaint").await,
        counts.get(View::Semua)
    );
    assert_eq!(
        scalar(
            &koordinator,
            "SELECT COUNT(*) FROM complaint WHERE status NOT IN ('selesai', 'diarsipkan')"
        )
        .await,
        counts.get(View::Tim)
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
    // The stemmed words search reads change only with the title, by a move that records it: an
    // officer cannot hide a report from search (or plant words in it) with raw SQL, and the
    // vector PostgreSQL derives from them cannot be written at all.
    refused(
        &koordinator,
        &format!("UPDATE complaint SET search_judul = '', search_isi = '' WHERE id = {mine}"),
    )
    .await;
    refused(
        &koordinator,
        &format!("UPDATE complaint SET search = ''::tsvector WHERE id = {mine}"),
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
    // A departure that did not happen (to make a note readable in another subtree's feed): the
    // subtree an event says was left must be where the complaint is.
    let e = refused(
        &koordinator,
        &format!(
            "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, version, left_path, left_klasifikasi) \
             VALUES ({mine}, {now}, {me}, '{}', 'note', 'baru', '{{}}', {}, '/', 'pengaduan')",
            d.koordinator,
            version_before + 1
        ),
    )
    .await;
    assert!(e.contains("row-level security"), "a forged departure: {e}");
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
