//! Shared test support: a fresh database per test, on SQLite (a temp file), PostgreSQL (a schema
//! of its own in the test database, so tests run in parallel), or PostgreSQL through PgBouncer in
//! transaction mode (the same, with the store under test connecting through the pooler).
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use meja::domain::lifecycle::Actor;
use meja::domain::*;
use meja::store::Store;
use meja::store::seed::{SeedOptions, seed};
use std::sync::atomic::{AtomicU64, Ordering};

/// The fixed "now" the small fixture is seeded around: Monday 9 November 2026, 10:00 WIB.
pub fn fixture_now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-09T10:00:00+07:00")
        .unwrap()
        .with_timezone(&Utc)
}

pub struct TestDb {
    pub store: Store,
    pub label: &'static str,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    schema: Option<(String, String)>,
    /// Through PgBouncer: the URL that reaches the same schema directly, for SQL run outside meja.
    pub direct: Option<String>,
}

impl TestDb {
    /// The schema of a PostgreSQL test database (also its connections' application_name).
    pub fn pg_schema(&self) -> Option<&str> {
        self.schema.as_ref().map(|(_, s)| s.as_str())
    }

    /// One number from SQL run outside meja on PostgreSQL (administrative queries in tests).
    pub async fn pg_scalar(&self, sql: &str) -> i64 {
        let (admin_url, _) = self.schema.as_ref().expect("a PostgreSQL test database");
        let pool = sqlx::PgPool::connect(admin_url)
            .await
            .expect("admin connection");
        let n: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_string()))
            .fetch_one(&pool)
            .await
            .expect("scalar query");
        pool.close().await;
        n
    }

    /// Another handle on the same database, as a second console process would have.
    pub async fn second_store(&self) -> Store {
        Store::open(&self.url).await.expect("second store")
    }
}

impl TestDb {
    /// Runs SQL outside meja, as someone with direct database access would.
    pub async fn raw(&self, sql: &str) -> Result<(), sqlx::Error> {
        if self.schema.is_some() {
            let pool = sqlx::PgPool::connect(self.direct.as_deref().unwrap_or(&self.url)).await?;
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&pool)
                .await?;
            pool.close().await;
        } else {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", self.url)).await?;
            sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
                .execute(&pool)
                .await?;
            pool.close().await;
        }
        Ok(())
    }

    pub async fn drop_schema(self) {
        self.store.close().await;
        if let Some((admin_url, schema)) = self.schema
            && let Ok(pool) = sqlx::PgPool::connect(&admin_url).await
        {
            let _ = sqlx::query(sqlx::AssertSqlSafe(format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE"
            )))
            .execute(&pool)
            .await;
            // Login and group roles are cluster-wide; this test's are named after its schema.
            drop_roles(&pool, &schema).await;
        }
    }
}

/// Drops the roles of the deployment named `deployment` (its officers' logins and group).
pub async fn drop_roles(admin: &sqlx::PgPool, deployment: &str) {
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT rolname::text FROM pg_roles \
         WHERE starts_with(rolname, $1 || '.') OR rolname = $1 || '_officers' OR rolname = $1 \
         ORDER BY rolname = $1 || '_officers'",
    )
    .bind(deployment)
    .fetch_all(admin)
    .await
    .unwrap_or_default();
    for role in roles {
        let quoted = format!("\"{}\"", role.replace('"', "\"\""));
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP OWNED BY {quoted}")))
            .execute(admin)
            .await;
        let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE IF EXISTS {quoted}")))
            .execute(admin)
            .await;
    }
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("meja.db");
    let store = Store::open(&path.display().to_string())
        .await
        .expect("open sqlite");
    TestDb {
        store,
        label: "sqlite",
        url: path.display().to_string(),
        _dir: Some(dir),
        schema: None,
        direct: None,
    }
}

/// PostgreSQL for tests: MEJA_TEST_PG (default the local server's test database). A test that
/// wants PostgreSQL and cannot reach it fails: it never passes without having run. To leave
/// PostgreSQL out deliberately, filter its tests out (`cargo nextest run -E 'not test(/postgres/)'`),
/// which nextest reports as skipped.
pub fn pg_url() -> String {
    std::env::var("MEJA_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into())
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

pub async fn postgres() -> TestDb {
    let base = pg_url();
    let schema = format!(
        "meja_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        Utc::now().timestamp_micros() % 1_000_000_000
    );
    let admin = sqlx::PgPool::connect(&base)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL is wanted for this test but unreachable at {base}: {e} (filter the PostgreSQL tests out to leave it out)"));
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {schema}")))
        .execute(&admin)
        .await
        .expect("create schema");
    admin.close().await;
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-csearch_path%3D{schema}&application_name={schema}");
    // The test connects as the owner, which migrates (as `meja migrate` does in a deployment).
    let store = Store::open_migrating(&url, &meja::store::open::OpenOptions::default())
        .await
        .expect("open postgres");
    TestDb {
        store,
        label: "postgres",
        url,
        _dir: None,
        schema: Some((base, schema)),
        direct: None,
    }
}

/// PgBouncer in transaction mode in front of the test PostgreSQL: MEJA_TEST_PGBOUNCER (default the
/// one `.ci/pgbouncer` starts). Unreachable, the tests that want it fail.
pub fn pgbouncer_url() -> String {
    std::env::var("MEJA_TEST_PGBOUNCER")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:6432/test?pooler=transaction".into())
}

/// A PostgreSQL test database whose store connects through PgBouncer in transaction mode. The
/// owner's work (the schema, its migrations) goes straight to PostgreSQL, as in a deployment.
/// PgBouncer passes no `options` at login, so the test logs in with a role of its own, named after
/// its schema, whose `search_path` is that schema (`ALTER ROLE ... SET`, applied by the server at
/// each login): parallel tests stay apart. The role is a superuser, as the owner the other
/// PostgreSQL tests connect as is.
pub async fn pgbouncer() -> TestDb {
    let direct = postgres().await;
    direct.store.close().await;
    let (base, schema) = direct.schema.clone().expect("a PostgreSQL test database");
    let admin = sqlx::PgPool::connect(&base)
        .await
        .expect("admin connection");
    for sql in [
        format!("CREATE ROLE \"{schema}\" LOGIN SUPERUSER"),
        format!("ALTER ROLE \"{schema}\" SET search_path = \"{schema}\""),
    ] {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&admin)
            .await
            .expect("the test's login role");
    }
    admin.close().await;
    let mut url = url::Url::parse(&pgbouncer_url()).expect("MEJA_TEST_PGBOUNCER is a URL");
    url.set_username(&schema).expect("a user name");
    url.query_pairs_mut()
        .append_pair("application_name", &schema);
    let url = url.to_string();
    let store = Store::open(&url).await.unwrap_or_else(|e| {
        panic!("PgBouncer is wanted for this test but fails at {url}: {e} (`bash .ci/pgbouncer` starts it)")
    });
    TestDb {
        store,
        label: "pgbouncer",
        url,
        _dir: None,
        direct: Some(direct.url.clone()),
        schema: direct.schema.clone(),
    }
}

/// Seeds the small deterministic world (tree, officers, categories) plus `complaints` complaints.
/// Through PgBouncer the seed, the owner's bulk load (it ends with VACUUM, which no transaction
/// may hold), goes straight to PostgreSQL; the store under test then reads what it wrote.
pub async fn seeded(db: &TestDb, complaints: u64) {
    let options = SeedOptions {
        complaints,
        seed: 7,
        now: fixture_now(),
        progress: false,
    };
    match &db.direct {
        Some(direct) => {
            let owner = Store::open(direct).await.expect("direct store");
            seed(&owner, &options).await.expect("seed");
            owner.close().await;
            db.store.reload().await.expect("reload after the seed");
        }
        None => {
            seed(&db.store, &options).await.expect("seed");
        }
    }
}

pub async fn actor(store: &Store, username: &str) -> Actor {
    store
        .actor(username)
        .await
        .unwrap_or_else(|e| panic!("actor {username}: {e}"))
}

/// An active officer with `role` working exactly at the instansi with `code`.
pub async fn officer_at(store: &Store, code: &str, role: Role) -> Actor {
    let national = actor(store, meja::store::seed::DEMO_NATIONAL).await;
    let inst = store.find_instansi(code).expect("instansi");
    let loads = store
        .officers(&national, fixture_now())
        .await
        .expect("officers");
    let o = loads
        .iter()
        .find(|o| o.officer.instansi_id == inst.id && o.officer.role == role && o.officer.active)
        .unwrap_or_else(|| panic!("no {role} at {code}"));
    actor(store, &o.officer.username).await
}

/// A simple report received at `received_at` for the national admin to verify.
pub fn report(judul: &str, received_at: DateTime<Utc>) -> NewComplaint {
    NewComplaint {
        judul: judul.into(),
        isi: format!("{judul}. Mohon segera ditindaklanjuti. Terima kasih."),
        klasifikasi: Klasifikasi::Pengaduan,
        channel: Channel::Telepon,
        tanggal_kejadian: None,
        lokasi: Some("Jl. Merdeka".into()),
        lat: None,
        lon: None,
        kategori: None,
        tags: vec!["jalan".into()],
        anonim: false,
        rahasia: false,
        reporter: Reporter {
            name: Some("Siti Rahma".into()),
            phone: Some("0812-0000-1111".into()),
            email: None,
            nik: None,
        },
        attachments: vec![],
        instansi: None,
        received_at: Some(received_at),
    }
}

/// Runs `body` against SQLite and then PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::common::sqlite().await;
                    super::$name(&db).await;
                    db.drop_schema().await;
                }
            )*
        }
        mod postgres_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::common::postgres().await;
                    super::$name(&db).await;
                    db.drop_schema().await;
                }
            )*
        }
    };
}

/// Runs `body` against SQLite, PostgreSQL, and PostgreSQL through PgBouncer in transaction mode.
#[macro_export]
macro_rules! on_all {
    ($($name:ident),* $(,)?) => {
        $crate::on_both!($($name),*);
        mod pgbouncer_backend {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    let db = $crate::common::pgbouncer().await;
                    super::$name(&db).await;
                    db.drop_schema().await;
                }
            )*
        }
    };
}
