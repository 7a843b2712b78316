//! Clocks that run themselves: a running console sweeps every minute, so reports close after their
//! silent period, holds resume and breached clocks escalate even when nobody presses a key.
//! Exactly one process sweeps a database at a time, on both backends: the holder of the lease row
//! (`sweep_lease`), which any connection can take when it is free or expired and which its holder
//! renews at each sweep. A row, not a session lock, so that it works through a transaction pooler;
//! a holder that dies lets the lease expire and another process takes over.

use super::{Backend, Doing, Store, StoreError, SweepReport, ms};
use chrono::{DateTime, Utc};
use std::time::Duration;
use tokio::sync::mpsc;

/// How long a lease lasts without renewal: three sweeps of a minute, so one slow sweep does not
/// hand the clocks over, and a dead holder's are taken over within three minutes.
pub const SWEEP_LEASE: Duration = Duration::from_secs(180);

/// Proof of being the one sweeper until `expires_at`; renew it at each sweep.
#[derive(Debug)]
pub struct SweepLease {
    store: Store,
    holder: String,
    pub expires_at: DateTime<Utc>,
}

impl SweepLease {
    /// Extends the lease from `now`; false when it was lost (it expired and another took it).
    pub async fn renew(&mut self, now: DateTime<Utc>, ttl: Duration) -> Result<bool, StoreError> {
        let until = now + ttl;
        let taken = self
            .store
            .write_lease(&self.holder, now, until, true)
            .await?;
        if taken {
            self.expires_at = until;
        }
        Ok(taken)
    }

    /// Gives the lease up now, so another process can take it at once (a lease dropped without
    /// this expires by itself).
    pub async fn release(self) -> Result<(), StoreError> {
        let sql = "UPDATE sweep_lease SET holder = '', expires_at = 0 WHERE id = 1 AND holder = $1";
        match &self.store.backend {
            Backend::Sqlite(pool) => sqlx::query(sql)
                .bind(&self.holder)
                .execute(pool)
                .await
                .map(drop),
            Backend::Postgres(pool) => sqlx::query(sql)
                .bind(&self.holder)
                .execute(pool)
                .await
                .map(drop),
        }
        .doing("releasing the sweeper's lease")?;
        self.store.settled().await;
        Ok(())
    }
}

/// A name for this process's claim: unique enough that two processes never share one.
fn new_holder() -> String {
    format!(
        "{}-{}-{:08x}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or_default(),
        rand::random::<u32>()
    )
}

impl Store {
    /// Becomes the sweeper if no other process holds the lease; None when another does.
    pub async fn try_lead_sweep(&self) -> Result<Option<SweepLease>, StoreError> {
        self.try_lead_sweep_at(Utc::now(), SWEEP_LEASE).await
    }

    /// Like `try_lead_sweep`, judged at `now` with a lease of `ttl`.
    pub async fn try_lead_sweep_at(
        &self,
        now: DateTime<Utc>,
        ttl: Duration,
    ) -> Result<Option<SweepLease>, StoreError> {
        let holder = new_holder();
        let until = now + ttl;
        Ok(self
            .write_lease(&holder, now, until, false)
            .await?
            .then(|| SweepLease {
                store: self.clone(),
                holder,
                expires_at: until,
            }))
    }

    /// Takes (or, with `renewing`, extends) the lease for `holder` until `until`, if it is free,
    /// expired at `now`, or already the holder's. One statement: two processes racing for it
    /// cannot both win.
    async fn write_lease(
        &self,
        holder: &str,
        now: DateTime<Utc>,
        until: DateTime<Utc>,
        renewing: bool,
    ) -> Result<bool, StoreError> {
        let sql = if renewing {
            "UPDATE sweep_lease SET expires_at = $2 WHERE id = 1 AND holder = $1"
        } else {
            "UPDATE sweep_lease SET holder = $1, expires_at = $2 \
             WHERE id = 1 AND (holder = $1 OR expires_at <= $3)"
        };
        let done = match &self.backend {
            Backend::Sqlite(pool) => sqlx::query(sql)
                .bind(holder)
                .bind(ms(until))
                .bind(ms(now))
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
            Backend::Postgres(pool) => sqlx::query(sql)
                .bind(holder)
                .bind(ms(until))
                .bind(ms(now))
                .execute(pool)
                .await
                .map(|r| r.rows_affected()),
        }
        .doing("taking the sweeper's lease")?;
        self.settled().await;
        Ok(done == 1)
    }

    /// Sweeps every `every` while this process holds the lease (trying to take it when free);
    /// each sweep's report goes to the returned receiver (dropped when it is full). Stops when the
    /// receiver is dropped.
    pub fn run_clocks(&self, every: Duration) -> mpsc::Receiver<Result<SweepReport, String>> {
        let (tx, rx) = mpsc::channel(8);
        let store = self.clone();
        tokio::spawn(async move {
            let mut lease: Option<SweepLease> = None;
            // Three sweeps' worth, and never shorter than the lease's own default.
            let ttl = SWEEP_LEASE.max(every * 3);
            loop {
                if tx.is_closed() {
                    if let Some(held) = lease.take() {
                        let _ = held.release().await;
                    }
                    return;
                }
                let now = Utc::now();
                lease = match lease.take() {
                    Some(mut held) => match held.renew(now, ttl).await {
                        Ok(true) => Some(held),
                        // Lost it, or the database is away: try to take it again next time.
                        _ => None,
                    },
                    None => store.try_lead_sweep_at(now, ttl).await.ok().flatten(),
                };
                if lease.is_some() {
                    let result = store.sweep(now).await.map_err(|e| e.to_string());
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
