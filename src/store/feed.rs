//! The change feed: what other consoles just did, read from the event log.
//!
//! PostgreSQL pushes: a trigger on `event` NOTIFYs `meja_events` with the new id (migration 0001),
//! and a dedicated LISTEN connection wakes the feed. SQLite has no push, so the feed polls the
//! newest event id (a primary-key lookup) every `SQLITE_POLL`. Through a transaction pooler there
//! is no LISTEN (a notification would reach whichever client held the server connection then), so
//! the feed reads the event id sequence every `POOLER_POLL`: a function call that touches no table.
//! Either way the events themselves are read from the log after the last id the feed delivered,
//! so a burst becomes one batch and a reconnect catches up with everything it missed:
//! notifications and polls are only a wake-up call.

use super::{Backend, Store, StoreError};
use crate::domain::lifecycle::Actor;
use crate::domain::model::Event;
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::{Instant, sleep, timeout};

/// How often the SQLite feed looks for new events.
pub const SQLITE_POLL: Duration = Duration::from_millis(100);
/// How often the feed through a transaction pooler looks at the event id sequence.
pub const POOLER_POLL: Duration = Duration::from_secs(1);
/// How long a burst of notifications is gathered into one batch.
const COALESCE: Duration = Duration::from_millis(10);
/// PostgreSQL also looks every few seconds without a notification, in case one was lost.
const PG_SAFETY_POLL: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_secs(10);
const BATCH: u32 = 1000;
/// How far back each read looks for events that committed out of id order.
pub const OVERLAP: i64 = 256;

/// The feed's view of the database connection, as the console's header shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    Live,
    /// Lost; trying again (attempt number, next try after this long).
    Reconnecting {
        attempt: u32,
        retry_in: Duration,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum FeedMsg {
    State(Connection),
    /// New events in the actor's scope, oldest first, none of them delivered before.
    Events(Vec<Event>),
}

impl Store {
    /// Follows the event log from `after` (an event id; usually `latest_event_id()` at start-up)
    /// for as long as the receiver is kept. Dropping the receiver stops the feed.
    pub fn follow(&self, actor: Actor, after: i64) -> mpsc::Receiver<FeedMsg> {
        let (tx, rx) = mpsc::channel(64);
        let store = self.clone();
        tokio::spawn(async move {
            let mut feed = Follower {
                store,
                actor,
                last: after,
                floor: after,
                tx,
                attempt: 0,
                live: None,
                delivered: Default::default(),
            };
            feed.run().await;
        });
        rx
    }
}

struct Follower {
    store: Store,
    actor: Actor,
    last: i64,
    /// Events up to here were seen before the feed started.
    floor: i64,
    tx: mpsc::Sender<FeedMsg>,
    attempt: u32,
    live: Option<bool>,
    /// Ids delivered recently (within a few OVERLAPs of `last`).
    delivered: std::collections::HashSet<i64>,
}

impl Follower {
    async fn run(&mut self) {
        match self.store.backend.clone() {
            Backend::Sqlite(_) => self.poll_loop().await,
            Backend::Postgres(pool) if self.store.pooler => self.sequence_loop(pool).await,
            Backend::Postgres(pool) => self.listen_loop(pool).await,
        }
    }

    /// Reads and sends everything after `last` not delivered yet. Err when the database could not
    /// be read. Event ids are handed out at insert but become visible at commit, so on PostgreSQL a
    /// smaller id can appear after a larger one: each read looks back `OVERLAP` ids and skips those
    /// already delivered.
    async fn catch_up(&mut self) -> Result<(), StoreError> {
        loop {
            // Read the newest id first: events committed after this read are found next time.
            // Through a pooler, the sequence: the newest id the officer may see is a search back
            // through the log under row-level security, long for an officer of a small unit.
            let newest = self.store.newest_event_hint().await?;
            let from = (self.last - OVERLAP).max(0);
            let events = self.store.events_after(&self.actor, from, BATCH).await?;
            let full = events.len() as u32 == BATCH;
            let read_up_to = events.last().map_or(self.last, |e| e.id);
            let floor = self.floor;
            let fresh: Vec<Event> = events
                .into_iter()
                .filter(|e| e.id > floor && self.delivered.insert(e.id))
                .collect();
            self.last = if full {
                read_up_to.max(self.last)
            } else {
                self.last.max(newest)
            };
            let horizon = self.last - 4 * OVERLAP;
            self.delivered.retain(|id| *id > horizon);
            if !fresh.is_empty() && self.tx.send(FeedMsg::Events(fresh)).await.is_err() {
                return Ok(());
            }
            if !full {
                return Ok(());
            }
        }
    }

    async fn set_live(&mut self, live: bool) -> bool {
        if self.live != Some(live) || !live {
            self.live = Some(live);
            let state = if live {
                self.attempt = 0;
                Connection::Live
            } else {
                self.attempt += 1;
                Connection::Reconnecting {
                    attempt: self.attempt,
                    retry_in: self.backoff(),
                }
            };
            return self.tx.send(FeedMsg::State(state)).await.is_ok();
        }
        true
    }

    fn backoff(&self) -> Duration {
        let base =
            Duration::from_millis(200) * 2u32.saturating_pow(self.attempt.saturating_sub(1).min(6));
        base.min(MAX_BACKOFF)
    }

    async fn poll_loop(&mut self) {
        loop {
            if self.tx.is_closed() {
                return;
            }
            let ok = match self.store.latest_event_id().await {
                Ok(newest) if newest > self.last => self.catch_up().await.is_ok(),
                Ok(_) => true,
                Err(_) => false,
            };
            if !self.set_live(ok).await {
                return;
            }
            sleep(if ok { SQLITE_POLL } else { self.backoff() }).await;
        }
    }

    /// Through a transaction pooler: each `POOLER_POLL`, one look at the last id the event
    /// sequence handed out, and a read of the log when it moved. An id is handed out when its event
    /// is inserted, before that commits, so the feed reads once more at the next look after a move;
    /// and every `PG_SAFETY_POLL` anyway, as the listening feed does.
    async fn sequence_loop(&mut self, pool: sqlx::PgPool) {
        let mut seen: Option<i64> = None;
        let mut moved_last_time = false;
        let mut last_read = Instant::now();
        loop {
            if self.tx.is_closed() {
                return;
            }
            let ok = match newest_handed_out(&pool).await {
                Ok(newest) => {
                    let moved = seen != Some(newest);
                    let read = moved || moved_last_time || last_read.elapsed() >= PG_SAFETY_POLL;
                    moved_last_time = moved;
                    if read {
                        last_read = Instant::now();
                        let caught_up = self.catch_up().await.is_ok();
                        // Read it all again once the database is back.
                        seen = caught_up.then_some(newest);
                        caught_up
                    } else {
                        true
                    }
                }
                Err(_) => {
                    seen = None;
                    false
                }
            };
            if !self.set_live(ok).await {
                return;
            }
            sleep(if ok { POOLER_POLL } else { self.backoff() }).await;
        }
    }

    async fn listen_loop(&mut self, pool: sqlx::PgPool) {
        // The LISTEN connection is the feed's own, beside the one the console's queries use (a
        // listener keeps its connection for good), so that a console holds two in all.
        let pool = sqlx::postgres::PgPoolOptions::new()
            .max_connections(1)
            .connect_lazy_with((*pool.connect_options()).clone());
        loop {
            if self.tx.is_closed() {
                return;
            }
            let listener = async {
                let mut l = sqlx::postgres::PgListener::connect_with(&pool).await?;
                l.listen("meja_events").await?;
                Ok::<_, sqlx::Error>(l)
            }
            .await;
            let mut listener = match listener {
                Ok(l) => l,
                Err(_) => {
                    if !self.set_live(false).await {
                        return;
                    }
                    sleep(self.backoff()).await;
                    continue;
                }
            };
            // Whatever happened while not listening is read from the log.
            if self.catch_up().await.is_err() {
                if !self.set_live(false).await {
                    return;
                }
                sleep(self.backoff()).await;
                continue;
            }
            if !self.set_live(true).await {
                return;
            }
            loop {
                if self.tx.is_closed() {
                    return;
                }
                let woke = match timeout(PG_SAFETY_POLL, listener.try_recv()).await {
                    Ok(Ok(Some(_))) => true,
                    // The connection dropped: reconnect and catch up.
                    Ok(Ok(None)) | Ok(Err(_)) => break,
                    Err(_) => false,
                };
                // Gather the rest of a burst into the same read; a connection lost meanwhile is
                // still a loss (sqlx would reconnect silently on the next call and the events
                // committed before LISTEN was re-issued would wait for the safety poll).
                let mut lost = false;
                if woke {
                    let until = Instant::now() + COALESCE;
                    loop {
                        match tokio::time::timeout_at(until, listener.try_recv()).await {
                            Ok(Ok(Some(_))) => continue,
                            Ok(Ok(None)) | Ok(Err(_)) => {
                                lost = true;
                                break;
                            }
                            Err(_) => break,
                        }
                    }
                }
                if self.catch_up().await.is_err() || lost {
                    break;
                }
            }
            if !self.set_live(false).await {
                return;
            }
            sleep(self.backoff()).await;
        }
    }
}

impl Store {
    /// What the change feed looks at between reads: through a transaction pooler the last id the
    /// event sequence handed out, otherwise the newest event id. (The load simulation times it.)
    pub async fn newest_event_hint(&self) -> Result<i64, StoreError> {
        match &self.backend {
            Backend::Postgres(pool) if self.pooler => {
                let newest = newest_handed_out(pool).await;
                self.settled().await;
                newest
            }
            _ => self.latest_event_id().await,
        }
    }
}

/// The last id the event sequence handed out (0 before the first event). Officers may use the
/// sequence (they insert events), and reading it touches no table, so row-level security has no
/// rows to filter: the same cost for a national admin and for a unit's officer.
async fn newest_handed_out(pool: &sqlx::PgPool) -> Result<i64, StoreError> {
    let newest: Option<i64> =
        sqlx::query_scalar("SELECT pg_sequence_last_value('event_id_seq'::regclass)")
            .fetch_one(pool)
            .await
            .map_err(|e| StoreError::database("looking for new events", e))?;
    Ok(newest.unwrap_or(0))
}
