//! Shared test support: a fresh database per test, on SQLite (a temp file) or PostgreSQL (a schema
//! of its own in the test database, so tests run in parallel).
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
            let pool = sqlx::PgPool::connect(&self.url).await?;
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
        "SELECT rolname::text FROM pg_roles WHERE starts_with(rolname, $1 || '.') OR rolname = $1 || '_officers' \
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
    }
}

/// Seeds the small deterministic world (tree, officers, categories) plus `complaints` complaints.
pub async fn seeded(db: &TestDb, complaints: u64) {
    seed(
        &db.store,
        &SeedOptions {
            complaints,
            seed: 7,
            now: fixture_now(),
            progress: false,
        },
    )
    .await
    .expect("seed");
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
