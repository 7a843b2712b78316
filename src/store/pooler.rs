//! Reaching PostgreSQL through a transaction pooler (PgBouncer with `pool_mode = transaction`, the
//! usual way to serve thousands of clients), asked for with `?pooler=transaction` in the URL.
//!
//! Such a pooler lends a server connection to a client for one transaction and then to another
//! client, so nothing may outlive a transaction on it:
//! - **Statements.** sqlx names its prepared statements per client connection (`sqlx_s_1`, ...), and
//!   two clients' names collide on one server connection ("prepared statement sqlx_s_1 already
//!   exists"). Worse, sqlx parses a statement and binds it in two round trips, each ending in a
//!   Sync, between which the pooler may hand the server connection to someone else (also for an
//!   unnamed statement). So every checkout of a pooled connection runs inside one transaction
//!   (the pooler keeps the server connection for it), starting with `DEALLOCATE ALL` (whatever a
//!   previous client left behind on that server connection goes), and sqlx caches no statements.
//! - **Session state.** An impersonating store's `SET ROLE` becomes `SET LOCAL ROLE` in that
//!   transaction; no `search_path` or other setting is sent at login (PgBouncer would refuse the
//!   `options` startup parameter, or drop it: set `search_path` per role, `ALTER ROLE ... SET`).
//! - **The change feed** polls the event id sequence instead of LISTEN (feed.rs).
//!
//! A process holds one client connection to the pooler: its queries take turns. sqlx hands a
//! connection back to its pool (and so commits the checkout's transaction) in a task of its own
//! after the query returns, so every store call on a pooled connection ends by waiting for that
//! commit (`settle`): what the store says it wrote is committed, for this process and every other.

use super::StoreError;
use sqlx::postgres::{PgConnection, PgPoolOptions, PgTransactionManager};
use sqlx::{AssertSqlSafe, SqlSafeStr};
use sqlx_core::transaction::TransactionManager;
use std::sync::Arc;

tokio::task_local! {
    /// Set while `settle` takes the connection only to wait for it: no transaction is begun.
    static SETTLING: bool;
}

fn settling() -> bool {
    SETTLING.try_with(|s| *s).unwrap_or(false)
}

/// Waits until the pool's one connection is back, which is after the transaction of the last
/// checkout committed (the connection returns to the pool only after `after_release`).
pub(crate) async fn settle(pool: &sqlx::PgPool) {
    // A closed pool has nothing left to commit.
    let _ = SETTLING
        .scope(true, async { pool.acquire().await.map(drop) })
        .await;
}

impl super::Store {
    /// Through a transaction pooler, waits until what this store last did is committed (see
    /// `settle`); at once otherwise. `on_backend!` does this after every call; code that uses the
    /// pool directly calls it after a write.
    pub(crate) async fn settled(&self) {
        if let super::Backend::Postgres(pool) = &self.backend
            && self.pooler
        {
            settle(pool).await;
        }
    }
}

/// The URL parameter that names the pooler in front of PostgreSQL.
const PARAM: &str = "pooler";

/// Takes `pooler=transaction` out of a PostgreSQL URL (sqlx would pass an unknown parameter on
/// to the server): the URL to hand to sqlx, and whether a transaction pooler is in front.
pub(crate) fn split(url: &str) -> Result<(String, bool), StoreError> {
    let malformed = |e: String| StoreError::Invalid(format!("malformed database URL '{url}': {e}"));
    let mut parsed = url::Url::parse(url).map_err(|e| malformed(e.to_string()))?;
    let mut pooler = None;
    let mut rest = Vec::new();
    for (key, value) in parsed.query_pairs() {
        if key == PARAM {
            pooler = Some(value.into_owned());
        } else {
            rest.push((key.into_owned(), value.into_owned()));
        }
    }
    let Some(mode) = pooler else {
        return Ok((url.to_string(), false));
    };
    if mode != "transaction" {
        return Err(malformed(format!(
            "{PARAM}={mode}: the pooler modes meja knows are `transaction` (PgBouncer's pool_mode = transaction); a session pooler needs no parameter"
        )));
    }
    if rest.is_empty() {
        parsed.set_query(None);
    } else {
        parsed.query_pairs_mut().clear().extend_pairs(rest);
    }
    Ok((parsed.to_string(), true))
}

/// What each checkout of a pooled connection starts with: a transaction (the pooler keeps the
/// server connection for it), the role an impersonating store acts as, and no prepared statement
/// left on the server connection by its previous client.
fn begin_sql(role: Option<&str>) -> String {
    match role {
        Some(role) => format!(
            "BEGIN; SET LOCAL ROLE {}; DEALLOCATE ALL",
            super::security::quote_ident(role)
        ),
        None => "BEGIN; DEALLOCATE ALL".to_string(),
    }
}

/// Starts the checkout's transaction through sqlx's own transaction manager, so that a
/// `pool.begin()` inside it becomes a savepoint instead of a second BEGIN.
async fn begin(conn: &mut PgConnection, sql: &Arc<str>) -> Result<(), sqlx::Error> {
    if settling() || PgTransactionManager::get_transaction_depth(conn) > 0 {
        return Ok(());
    }
    PgTransactionManager::begin(conn, Some(AssertSqlSafe(Arc::clone(sql)).into_sql_str())).await
}

/// Ends the checkout's transaction. A statement that failed has aborted it, and COMMIT then rolls
/// back (which is what the failed statement's caller was told).
async fn commit(conn: &mut PgConnection) -> Result<(), sqlx::Error> {
    while PgTransactionManager::get_transaction_depth(conn) > 0 {
        PgTransactionManager::commit(conn).await?;
    }
    Ok(())
}

/// The pool of one client connection through a transaction pooler, acting as `role` when given.
pub(crate) fn pool_options(role: Option<&str>) -> PgPoolOptions {
    let sql: Arc<str> = Arc::from(begin_sql(role));
    let on_acquire = Arc::clone(&sql);
    PgPoolOptions::new()
        .max_connections(1)
        // A connection past its lifetime is closed before `after_release`: its transaction would
        // roll back.
        .max_lifetime(None)
        // The pooler checks its server connections itself; a ping would cost a round trip.
        .test_before_acquire(false)
        .after_connect(move |conn, _meta| {
            let sql = Arc::clone(&sql);
            Box::pin(async move { begin(conn, &sql).await })
        })
        .before_acquire(move |conn, _meta| {
            let sql = Arc::clone(&on_acquire);
            Box::pin(async move { begin(conn, &sql).await.map(|()| true) })
        })
        .after_release(|conn, _meta| Box::pin(async move { commit(conn).await.map(|()| true) }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parameter_is_taken_out() {
        let (url, pooled) =
            split("postgres://lapor.siti@db:6432/lapor?pooler=transaction").unwrap();
        assert!(pooled);
        assert_eq!(url, "postgres://lapor.siti@db:6432/lapor");
        let (url, pooled) =
            split("postgres://u@db/lapor?application_name=x&pooler=transaction&sslmode=disable")
                .unwrap();
        assert!(pooled);
        assert_eq!(
            url,
            "postgres://u@db/lapor?application_name=x&sslmode=disable"
        );
        let (url, pooled) = split("postgres://u@db/lapor?sslmode=disable").unwrap();
        assert!(!pooled);
        assert_eq!(url, "postgres://u@db/lapor?sslmode=disable");
        let e = split("postgres://u@db/lapor?pooler=statement")
            .unwrap_err()
            .to_string();
        assert!(e.contains("pooler=statement"), "{e}");
    }

    #[test]
    fn each_checkout_begins_clean_and_as_the_role() {
        assert_eq!(begin_sql(None), "BEGIN; DEALLOCATE ALL");
        assert_eq!(
            begin_sql(Some("lapor.si\"ti")),
            "BEGIN; SET LOCAL ROLE \"lapor.si\"\"ti\"; DEALLOCATE ALL"
        );
    }
}
