// The queries of the store, written once and included by `on_sqlite` and `on_postgres` (mod.rs),
// where `Db` is the backend's sqlx database and `IS_SQLITE` says which one this copy is. Every value
// from outside reaches SQL as a bound parameter; the few dialect differences branch on IS_SQLITE.

use crate::domain::clock::{ClockBase, ClockRecord};
use crate::domain::filter::AssigneeFilter;
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId, OfficerId};
use crate::domain::view::{Order, View};
use crate::domain::*;
use crate::store::resolve::{Scope, SoonThreshold, State, Write};
use crate::store::{
    ActionOutcome, Cursor, Draft, IntakeRow, OfficerLoad, Reference, Template, from_ms,
};
use sqlx::{Pool, QueryBuilder};

type P = Pool<Db>;
type Res<T> = Result<T, sqlx::Error>;

/// A write transaction. SQLite's is IMMEDIATE: it takes the write lock at BEGIN and so waits its
/// turn under busy_timeout, instead of failing with "database is locked" when a deferred
/// transaction would have to upgrade from reading to writing under contention.
async fn begin_write(pool: &P) -> Res<sqlx::Transaction<'static, Db>> {
    if IS_SQLITE {
        pool.begin_with("BEGIN IMMEDIATE").await
    } else {
        pool.begin().await
    }
}
