//! Clocks that run themselves: a running console sweeps every minute, so reports close after their
//! silent period, holds resume and breached clocks escalate even when nobody presses a key. On
//! PostgreSQL exactly one process sweeps at a time: the one holding a session advisory lock, which
//! the server releases by itself when that process's connection ends. On SQLite every console may
//! sweep: writes are serialized and the sweep is idempotent.

use super::{Backend, Doing, Store, StoreError, SweepReport};
use chrono::Utc;
use sqlx::Connection;
use std::time::Duration;
use tokio::sync::mpsc;

/// The advisory lock key of the sweeper ("meja" in ASCII).
pub const SWEEP_LOCK_KEY: i64 = 0x6d_65_6a_61;

/// Proof of being the one sweeper; dropping it releases the lock.
pub struct SweepLease {
    _conn: Option<sqlx::PgConnection>,
}

impl SweepLease {
    /// Gives the lease up now: the lock is released before this returns, so another process can
    /// take it at once (dropping the lease also releases it, once the server notices the
    /// connection has gone).
    pub async fn release(mut self) -> Result<(), StoreError> {
        if let Some(mut conn) = self._conn.take() {
            use sqlx::Connection;
            sqlx::query("SELECT pg_advisory_unlock($1)")
                .bind(SWEEP_LOCK_KEY)
                .execute(&mut conn)
                .await
                .doing("releasing the sweeper's lock")?;
            conn.close()
                .await
                .doing("closing the sweeper's connection")?;
        }
        Ok(())
    }
}

impl Store {
    /// Becomes the sweeper if no other process is; None when someone else holds the lock.
    pub async fn try_lead_sweep(&self) -> Result<Option<SweepLease>, StoreError> {
        match &self.backend {
            Backend::Sqlite(_) => Ok(Some(SweepLease { _conn: None })),
            Backend::Postgres(pool) => {
                let mut conn = pool
                    .acquire()
                    .await
                    .doing("taking the sweeper's lock")?
                    .detach();
                let got: bool = sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
                    .bind(SWEEP_LOCK_KEY)
                    .fetch_one(&mut conn)
                    .await
                    .doing("taking the sweeper's lock")?;
                if got {
                    Ok(Some(SweepLease { _conn: Some(conn) }))
                } else {
                    let _ = conn.close().await;
                    Ok(None)
                }
            }
        }
    }

    /// Sweeps every `every` while this process holds the lease (trying to take it when free);
    /// each sweep's report goes to the returned receiver (dropped when it is full). Stops when the
    /// receiver is dropped.
    pub fn run_clocks(&self, every: Duration) -> mpsc::Receiver<Result<SweepReport, String>> {
        let (tx, rx) = mpsc::channel(8);
        let store = self.clone();
        tokio::spawn(async move {
            let mut lease: Option<SweepLease> = None;
            loop {
                if tx.is_closed() {
                    return;
                }
                if lease.is_none() {
                    lease = store.try_lead_sweep().await.ok().flatten();
                }
                if lease.is_some() {
                    let result = store.sweep(Utc::now()).await.map_err(|e| e.to_string());
                    if result.is_err() {
                        // The connection may be gone: give up the lease and take it again later.
                        lease = None;
                    }
                    // Reports nobody reads are dropped: the sweeping must not wait for a reader.
                    if let Err(mpsc::error::TrySendError::Closed(_)) = tx.try_send(result) {
                        return;
                    }
                }
                tokio::time::sleep(every).await;
            }
        });
        rx
    }
}
