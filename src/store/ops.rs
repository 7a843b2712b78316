// The queries of the store, written once and included by `on_sqlite` and `on_postgres` (mod.rs),
// where `Db` is the backend's sqlx database and `IS_SQLITE` says which one this copy is. Every value
// from outside reaches SQL as a bound parameter; the few dialect differences branch on IS_SQLITE.

use crate::domain::clock::{ClockBase, ClockRecord};
use crate::domain::filter::AssigneeFilter;
use crate::domain::lifecycle::{Actor, ComplaintId, InstansiId, OfficerId};
use crate::domain::view::View;
use crate::domain::*;
use crate::store::resolve::{Scope, SoonThreshold, State, Write};
use crate::store::{
    ActionOutcome, Cursor, Draft, IntakeRow, OfficerLoad, Reference, Template, from_ms,
};
use sqlx::{Pool, QueryBuilder, Row};

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

fn code<T>(row: &<Db as sqlx::Database>::Row, col: &str, parse: fn(&str) -> Option<T>) -> Res<T> {
    let s: String = row.try_get(col)?;
    parse(&s).ok_or_else(|| {
        sqlx::Error::Decode(format!("unexpected {col} '{s}' in the database").into())
    })
}

pub(crate) async fn load_instansi(pool: &P) -> Res<Vec<Instansi>> {
    let rows = sqlx::query(
        "SELECT id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days, close_days, \
         requires_approval, auto_escalate FROM instansi ORDER BY path",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Instansi {
                id: r.try_get("id")?,
                parent_id: r.try_get("parent_id")?,
                code: r.try_get("code")?,
                name: r.try_get("name")?,
                kind: code(r, "kind", InstansiKind::from_code)?,
                zone: code(r, "zone", Zone::from_code)?,
                path: r.try_get("path")?,
                deadlines: Deadlines {
                    verify_days: r.try_get::<i32, _>("verify_days")?.max(1) as u32,
                    follow_up_days: r.try_get::<i32, _>("follow_up_days")?.max(1) as u32,
                    close_days: r.try_get::<i32, _>("close_days")?.max(1) as u32,
                },
                requires_approval: r.try_get("requires_approval")?,
                auto_escalate: r.try_get("auto_escalate")?,
            })
        })
        .collect()
}

pub(crate) async fn load_holidays(pool: &P) -> Res<Vec<Holiday>> {
    let rows = sqlx::query("SELECT day, instansi_id, kind, name, decree FROM holiday ORDER BY day, instansi_id")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            let day: String = r.try_get("day")?;
            Ok(Holiday {
                date: chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .map_err(|e| sqlx::Error::Decode(format!("holiday day '{day}': {e}").into()))?,
                kind: code(r, "kind", HolidayKind::from_code)?,
                name: r.try_get("name")?,
                decree: r.try_get("decree")?,
                // 0 marks the national calendar (see migration 0004).
                instansi_id: Some(r.try_get::<i64, _>("instansi_id")?).filter(|&id| id != 0),
            })
        })
        .collect()
}

pub(crate) async fn load_categories(pool: &P) -> Res<Vec<Category>> {
    let rows = sqlx::query("SELECT id, parent_id, name FROM category ORDER BY id")
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Category {
                id: r.try_get("id")?,
                parent_id: r.try_get("parent_id")?,
                name: r.try_get("name")?,
            })
        })
        .collect()
}

pub(crate) async fn upsert_holiday(pool: &P, h: &Holiday) -> Res<()> {
    sqlx::query(
        "INSERT INTO holiday (day, instansi_id, kind, name, decree) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (day, instansi_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, decree = excluded.decree",
    )
    .bind(h.date.to_string())
    .bind(h.instansi_id.unwrap_or(0))
    .bind(h.kind.as_code())
    .bind(&h.name)
    .bind(&h.decree)
    .execute(pool)
    .await?;
    Ok(())
}

/// Deletes the day off of one instansi (None: of the national calendar).
pub(crate) async fn delete_holiday(
    pool: &P,
    date: chrono::NaiveDate,
    instansi: Option<InstansiId>,
) -> Res<bool> {
    let r = sqlx::query("DELETE FROM holiday WHERE day = $1 AND instansi_id = $2")
        .bind(date.to_string())
        .bind(instansi.unwrap_or(0))
        .execute(pool)
        .await?;
    Ok(r.rows_affected() > 0)
}

fn officer_from(r: &<Db as sqlx::Database>::Row) -> Res<Officer> {
    Ok(Officer {
        id: r.try_get("id")?,
        username: r.try_get("username")?,
        name: r.try_get("name")?,
        role: code(r, "role", Role::from_code)?,
        instansi_id: r.try_get("instansi_id")?,
        instansi_name: r.try_get("instansi_name")?,
        instansi_path: r.try_get("instansi_path")?,
        active: r.try_get("active")?,
    })
}

const OFFICER_COLUMNS: &str = "o.id, o.username, o.name, o.role, o.instansi_id, o.active, \
     i.name AS instansi_name, i.path AS instansi_path";

pub(crate) async fn officer_by_username(pool: &P, username: &str) -> Res<Option<Officer>> {
    let sql = format!(
        "SELECT {OFFICER_COLUMNS} FROM officer o JOIN instansi i ON i.id = o.instansi_id WHERE o.username = $1"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(username)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(officer_from).transpose()
}

pub(crate) async fn officer_loads(pool: &P, scope: &str, now_ms: i64) -> Res<Vec<OfficerLoad>> {
    let sql = format!(
        "SELECT {OFFICER_COLUMNS}, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.status NOT IN ('selesai', 'diarsipkan')) AS open, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.breach_at < $3) AS overdue \
         FROM officer o JOIN instansi i ON i.id = o.instansi_id \
         WHERE i.path >= $1 AND i.path < $2 ORDER BY i.path, o.username"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(scope)
        .bind(crate::store::subtree_end(scope))
        .bind(now_ms)
        .fetch_all(pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(OfficerLoad {
                officer: officer_from(r)?,
                open: r.try_get("open")?,
                overdue: r.try_get("overdue")?,
            })
        })
        .collect()
}

pub(crate) async fn insert_officer(
    pool: &P,
    username: &str,
    name: &str,
    role: Role,
    instansi_id: InstansiId,
    now_ms: i64,
) -> Res<()> {
    sqlx::query("INSERT INTO officer (username, name, role, instansi_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(username)
        .bind(name)
        .bind(role.as_code())
        .bind(instansi_id)
        .bind(true)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn officer_count(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM officer")
        .fetch_one(pool)
        .await
}

pub(crate) async fn update_officer_active(pool: &P, id: OfficerId, active: bool) -> Res<()> {
    sqlx::query("UPDATE officer SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

fn clock_from(r: &<Db as sqlx::Database>::Row) -> Res<Option<ClockBase>> {
    let kind: Option<String> = r.try_get("clock_kind")?;
    let Some(kind) = kind.as_deref().and_then(ClockKind::from_code) else {
        return Ok(None);
    };
    let started: Option<i64> = r.try_get("clock_started_at")?;
    let days: Option<i32> = r.try_get("clock_days")?;
    Ok(Some(ClockBase {
        kind,
        started_at: from_ms(started.unwrap_or_default()),
        working_days: days.unwrap_or(1).max(0) as u32,
        paused: r.try_get("clock_paused")?,
        breached_at: r
            .try_get::<Option<i64>, _>("clock_breached_at")?
            .map(from_ms),
    }))
}

/// The clocks of open complaints in the subtree range [from, to) of instansi paths.
pub(crate) async fn open_clock_bases(
    pool: &P,
    path_from: &str,
    path_to: &str,
) -> Res<Vec<(ComplaintId, InstansiId, ClockBase, Option<i64>, Option<i64>)>> {
    let rows = sqlx::query(
        "SELECT id, instansi_id, clock_kind, clock_started_at, clock_days, clock_paused, clock_breached_at, breach_at, close_at \
         FROM complaint WHERE clock_kind IS NOT NULL AND instansi_path >= $1 AND instansi_path < $2",
    )
    .bind(path_from)
    .bind(path_to)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        if let Some(base) = clock_from(r)? {
            out.push((
                r.try_get("id")?,
                r.try_get("instansi_id")?,
                base,
                r.try_get("breach_at")?,
                r.try_get("close_at")?,
            ));
        }
    }
    Ok(out)
}

/// Writes recomputed due times; these are caches, so no event and no version change.
pub(crate) async fn update_due_times(
    pool: &P,
    changes: &[(ComplaintId, Option<i64>, Option<i64>)],
) -> Res<()> {
    for chunk in changes.chunks(5_000) {
        let mut tx = begin_write(pool).await?;
        for (id, breach, close) in chunk {
            sqlx::query("UPDATE complaint SET breach_at = $1, close_at = $2 WHERE id = $3")
                .bind(*breach)
                .bind(*close)
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
    }
    Ok(())
}

pub(crate) async fn insert_intake(
    pool: &P,
    row: &IntakeRow<'_>,
    actor: &Actor,
    impersonator: Option<&str>,
    details: &str,
    batch: Option<&str>,
) -> Result<ComplaintId, crate::store::StoreError> {
    let n = row.new;
    let mut tx = begin_write(pool).await?;
    // Tracking ids are opaque 7-digit numbers; new ones follow the highest so far. On PostgreSQL
    // an officer sees only part of the table, so a sequence hands them out.
    let next: i64 = if IS_SQLITE {
        sqlx::query_scalar("SELECT COALESCE(MAX(id), 1000000) + 1 FROM complaint")
            .fetch_one(&mut *tx)
            .await?
    } else {
        sqlx::query_scalar("SELECT nextval('complaint_tracking')")
            .fetch_one(&mut *tx)
            .await?
    };
    let base = row.base.as_ref();
    sqlx::query(
        "INSERT INTO complaint (id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, lat, lon, \
           kategori_id, tags, anonim, rahasia, attachments, \
           instansi_id, instansi_path, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, \
           clock_paused, breach_at, close_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, \
           $20, $21, $22, $23, $24, $25)",
    )
    .bind(next)
    .bind(Status::Baru.as_code())
    .bind(n.klasifikasi.as_code())
    .bind(n.channel.as_code())
    .bind(n.judul.trim())
    .bind(n.isi.trim())
    .bind(n.tanggal_kejadian.map(|d| d.to_string()))
    .bind(n.lokasi.as_deref())
    .bind(n.lat)
    .bind(n.lon)
    .bind(row.kategori_id)
    .bind(serde_json::to_string(&n.tags).unwrap_or_else(|_| "[]".into()))
    .bind(n.anonim)
    .bind(n.rahasia)
    .bind(serde_json::to_string(&n.attachments).unwrap_or_else(|_| "[]".into()))
    .bind(row.instansi.id)
    .bind(&row.instansi.path)
    .bind(row.received_at)
    .bind(row.received_at)
    .bind(base.map(|b| b.kind.as_code()))
    .bind(base.map(|b| crate::store::ms(b.started_at)))
    .bind(base.map(|b| b.working_days as i32))
    .bind(base.is_some_and(|b| b.paused))
    .bind(row.breach_at)
    .bind(row.close_at)
    .execute(&mut *tx)
    .await?;
    let r = &n.reporter;
    if r.name.is_some() || r.phone.is_some() || r.email.is_some() || r.nik.is_some() {
        sqlx::query(
            "INSERT INTO reporter (complaint_id, name, phone, email, nik) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(next)
        .bind(r.name.as_deref())
        .bind(r.phone.as_deref())
        .bind(r.email.as_deref())
        .bind(r.nik.as_deref())
        .execute(&mut *tx)
        .await?;
    }
    // The intake records the clock it starts, like every event after it (see `ClockRecord`).
    let details = match (serde_json::from_str::<serde_json::Value>(details), base) {
        (Ok(serde_json::Value::Object(mut map)), Some(b)) => {
            let record = ClockRecord {
                kind: b.kind,
                started_at: b.started_at,
                working_days: b.working_days,
                paused: b.paused,
                breached_at: b.breached_at,
                zone: row.instansi.zone,
                calendar: row.instansi.id,
                due_at: row.breach_at.or(row.close_at).map(from_ms),
            };
            if let Ok(v) = serde_json::to_value(record) {
                map.insert("clock".into(), v);
            }
            serde_json::Value::Object(map).to_string()
        }
        _ => details.to_string(),
    };
    // A report received earlier (by phone, by letter) is recorded now: the event keeps both times.
    let now = crate::store::ms(chrono::Utc::now());
    let recorded_at = (row.received_at != now).then_some(now);
    sqlx::query("INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, recorded_at) \
                 VALUES ($1, $2, $3, $4, 'intake', 'baru', $5, $6, 1, $7, $8)")
        .bind(next)
        .bind(row.received_at)
        .bind(actor.id)
        .bind(&actor.username)
        .bind(&details)
        .bind(batch)
        .bind(impersonator)
        .bind(recorded_at)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(next)
}

pub(crate) async fn load_complaint(
    pool: &P,
    id: ComplaintId,
    reference: &Reference,
) -> Res<Option<Complaint>> {
    let row = sqlx::query(
        "SELECT c.*, a.username AS assignee_name, p.username AS pending_name, k.name AS kategori_name, kp.name AS kategori_parent, \
           r.name AS reporter_name, r.phone AS reporter_phone, r.email AS reporter_email, r.nik AS reporter_nik \
         FROM complaint c \
         LEFT JOIN reporter r ON r.complaint_id = c.id \
         LEFT JOIN officer a ON a.id = c.assignee_id \
         LEFT JOIN officer p ON p.id = c.pending_reply_by \
         LEFT JOIN category k ON k.id = c.kategori_id \
         LEFT JOIN category kp ON kp.id = k.parent_id \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let instansi_id: InstansiId = r.try_get("instansi_id")?;
    let inst = reference.instansi(instansi_id);
    let zone = inst.map(|i| i.zone).unwrap_or(Zone::Wib);
    let name_of = |id: Option<InstansiId>| {
        id.and_then(|i| reference.instansi(i))
            .map(|i| i.name.clone())
    };
    let tags: String = r.try_get("tags")?;
    let attachments: String = r.try_get("attachments")?;
    let kategori = match (
        r.try_get::<Option<String>, _>("kategori_parent")?,
        r.try_get::<Option<String>, _>("kategori_name")?,
    ) {
        (Some(p), Some(k)) => Some(format!("{p} / {k}")),
        (None, k) => k,
        (Some(p), None) => Some(p),
    };
    let tanggal: Option<String> = r.try_get("tanggal_kejadian")?;
    let calendar = reference.calendars.for_instansi(instansi_id);
    let clock = clock_from(&r)?.map(|b| b.clock(&calendar, zone, chrono::Utc::now()));
    Ok(Some(Complaint {
        id,
        status: code(&r, "status", Status::from_code)?,
        klasifikasi: code(&r, "klasifikasi", Klasifikasi::from_code)?,
        channel: code(&r, "channel", Channel::from_code)?,
        judul: r.try_get("judul")?,
        isi: r.try_get("isi")?,
        tanggal_kejadian: tanggal
            .and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok()),
        lokasi: r.try_get("lokasi")?,
        lat: r.try_get("lat")?,
        lon: r.try_get("lon")?,
        kategori_id: r.try_get("kategori_id")?,
        kategori,
        tags: serde_json::from_str(&tags).unwrap_or_default(),
        anonim: r.try_get("anonim")?,
        rahasia: r.try_get("rahasia")?,
        reporter: Reporter {
            name: r.try_get("reporter_name")?,
            phone: r.try_get("reporter_phone")?,
            email: r.try_get("reporter_email")?,
            nik: r.try_get("reporter_nik")?,
        },
        reporter_masked: false,
        attachments: serde_json::from_str(&attachments).unwrap_or_default(),
        instansi_id,
        instansi: inst.map(|i| i.name.clone()).unwrap_or_default(),
        zone,
        assignee: r.try_get("assignee_name")?,
        routed_by: name_of(r.try_get("routed_by")?),
        escalated_to: name_of(r.try_get("escalated_to")?),
        pending_reply_by: r.try_get("pending_name")?,
        merged_into: r.try_get("merged_into")?,
        received_at: from_ms(r.try_get("received_at")?),
        updated_at: from_ms(r.try_get("updated_at")?),
        version: r.try_get("version")?,
        clock,
        events: Vec::new(),
    }))
}

fn event_from(r: &<Db as sqlx::Database>::Row) -> Res<Event> {
    let details: String = r.try_get("details")?;
    Ok(Event {
        id: r.try_get("id")?,
        complaint_id: r.try_get("complaint_id")?,
        at: from_ms(r.try_get("at")?),
        recorded_at: r.try_get::<Option<i64>, _>("recorded_at")?.map(from_ms),
        actor: r.try_get("actor")?,
        kind: code(r, "kind", EventKind::from_code)?,
        status: code(r, "status", Status::from_code)?,
        details: serde_json::from_str(&details).unwrap_or(serde_json::Value::Null),
        batch: r.try_get("batch")?,
    })
}

pub(crate) async fn load_events(pool: &P, id: ComplaintId) -> Res<Vec<Event>> {
    let rows = sqlx::query("SELECT * FROM event WHERE complaint_id = $1 ORDER BY id")
        .bind(id)
        .fetch_all(pool)
        .await?;
    rows.iter().map(event_from).collect()
}

pub(crate) async fn latest_event_id(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM event")
        .fetch_one(pool)
        .await
}

/// Events after `after` on complaints in the subtree at `scope` whose klasifikasi is not hidden.
/// The event id range drives the plan (primary key); the complaint is joined by its primary key
/// and the subtree and klasifikasi are checked on that row.
pub(crate) async fn events_after(
    pool: &P,
    after: i64,
    scope: &str,
    hidden: &[Klasifikasi],
    limit: u32,
) -> Res<Vec<Event>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT e.* FROM event e JOIN complaint c ON c.id = e.complaint_id WHERE e.id > ",
    );
    qb.push_bind(after)
        .push(" AND c.instansi_path >= ")
        .push_bind(scope)
        .push(" AND c.instansi_path < ")
        .push_bind(crate::store::subtree_end(scope));
    push_hidden_classes(&mut qb, hidden);
    qb.push(" ORDER BY e.id LIMIT ").push_bind(i64::from(limit));
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter().map(event_from).collect()
}

/// Instansi path and klasifikasi of each of these complaints that exists (for access checks).
pub(crate) async fn sightings(
    pool: &P,
    ids: &[ComplaintId],
) -> Res<Vec<(ComplaintId, String, Klasifikasi)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb =
        QueryBuilder::<Db>::new("SELECT id, instansi_path, klasifikasi FROM complaint WHERE id IN (");
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(")");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                r.try_get("instansi_path")?,
                code(r, "klasifikasi", Klasifikasi::from_code)?,
            ))
        })
        .collect()
}

pub(crate) async fn load_state(pool: &P, id: ComplaintId) -> Res<Option<State>> {
    let row = sqlx::query(
        "SELECT id, status, assignee_id, instansi_id, instansi_path, klasifikasi, routed_by, escalated_to, pending_reply_by, merged_into, \
           clock_kind, clock_started_at, clock_days, clock_paused, clock_breached_at, version, \
           (SELECT MAX(e.at) FROM event e WHERE e.complaint_id = complaint.id) AS last_event_at \
         FROM complaint WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(State {
        id,
        status: code(&r, "status", Status::from_code)?,
        assignee: r.try_get("assignee_id")?,
        instansi_id: r.try_get("instansi_id")?,
        instansi_path: r.try_get("instansi_path")?,
        klasifikasi: code(&r, "klasifikasi", Klasifikasi::from_code)?,
        routed_by: r.try_get("routed_by")?,
        escalated_to: r.try_get("escalated_to")?,
        pending_reply_by: r.try_get("pending_reply_by")?,
        merged_into: r.try_get("merged_into")?,
        clock: clock_from(&r)?,
        version: r.try_get("version")?,
        last_event_at: r.try_get::<Option<i64>, _>("last_event_at")?.map(from_ms),
    }))
}

/// Writes an accepted action and its event in one transaction. The update only applies to the
/// version the decision was based on; None means someone else wrote first and nothing was written.
pub(crate) async fn apply_write(
    pool: &P,
    w: &Write,
    impersonator: Option<&str>,
    batch: Option<&str>,
) -> Res<Option<ActionOutcome>> {
    let mut tx = begin_write(pool).await?;
    // The event comes first and names the version it produces: a complaint changes only together
    // with its event (PostgreSQL's guard checks that the event exists when the row changes), and
    // only one event per version can exist, so of two writers on one version one fails here.
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(w.id)
    .bind(w.at)
    .bind(w.actor_id)
    .bind(&w.actor)
    .bind(w.kind.as_code())
    .bind(w.status.as_code())
    .bind(&w.details)
    .bind(batch)
    .bind(w.expected_version + 1)
    .bind(impersonator)
    .bind(w.recorded_at)
    .fetch_one(&mut *tx)
    .await;
    let event_id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
            tx.rollback().await?;
            return Ok(None);
        }
        Err(e) => return Err(e),
    };
    let updated = sqlx::query(
        "UPDATE complaint SET status = $1, assignee_id = $2, instansi_id = $3, instansi_path = $4, routed_by = $5, \
           escalated_to = $6, pending_reply_by = $7, merged_into = $8, clock_kind = $9, clock_started_at = $10, \
           clock_days = $11, clock_paused = $12, breach_at = $13, close_at = $14, \
           judul = COALESCE($15, judul), klasifikasi = COALESCE($16, klasifikasi), kategori_id = COALESCE($17, kategori_id), \
           tags = COALESCE($18, tags), hold_until = CASE WHEN $19 THEN $20 ELSE hold_until END, \
           updated_at = $21, version = version + 1, clock_breached_at = $24, \
           deescalated_at = COALESCE($25, deescalated_at) \
         WHERE id = $22 AND version = $23",
    )
    .bind(w.status.as_code())
    .bind(w.assignee)
    .bind(w.instansi_id)
    .bind(&w.instansi_path)
    .bind(w.routed_by)
    .bind(w.escalated_to)
    .bind(w.pending_reply_by)
    .bind(w.merged_into)
    .bind(w.clock.map(|b| b.kind.as_code()))
    .bind(w.clock.map(|b| crate::store::ms(b.started_at)))
    .bind(w.clock.map(|b| b.working_days as i32))
    .bind(w.clock.is_some_and(|b| b.paused))
    .bind(w.breach_at)
    .bind(w.close_at)
    .bind(w.judul.as_deref())
    .bind(w.klasifikasi.map(|k| k.as_code()))
    .bind(w.kategori_id)
    .bind(w.tags.as_deref())
    .bind(w.hold_until.is_some())
    .bind(w.hold_until.flatten().map(|d| d.to_string()))
    .bind(w.at)
    .bind(w.id)
    .bind(w.expected_version)
    .bind(w.clock.and_then(|b| b.breached_at).map(crate::store::ms))
    .bind(w.deescalated_at)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        tx.rollback().await?;
        return Ok(None);
    }
    if let Some(other) = w.link {
        let (a, b) = if w.id < other {
            (w.id, other)
        } else {
            (other, w.id)
        };
        sqlx::query("INSERT INTO complaint_link (a, b) VALUES ($1, $2) ON CONFLICT DO NOTHING")
            .bind(a)
            .bind(b)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Some(ActionOutcome {
        complaint_id: w.id,
        event_id,
        kind: w.kind,
        status: w.status,
        version: w.expected_version + 1,
    }))
}

/// Leaves out the klasifikasi the actor does not see (`access::hidden_classes`).
fn push_hidden_classes(qb: &mut QueryBuilder<Db>, hidden: &[Klasifikasi]) {
    if hidden.is_empty() {
        return;
    }
    qb.push(" AND c.klasifikasi NOT IN (");
    let mut sep = qb.separated(", ");
    for k in hidden {
        sep.push_bind(k.as_code());
    }
    qb.push(")");
}

/// Adds the WHERE clause of a view under a scope. Every value is bound.
fn push_conditions(qb: &mut QueryBuilder<Db>, s: &Scope, view: View) {
    qb.push(" WHERE 1 = 1");
    if let Some((lo, hi)) = &s.path_range {
        qb.push(" AND c.instansi_path >= ")
            .push_bind(lo.as_str())
            .push(" AND c.instansi_path < ")
            .push_bind(hi.as_str());
    }
    push_hidden_classes(qb, s.hidden_classes);
    match view {
        View::Masuk => {
            if s.national {
                qb.push(" AND c.status IN ('baru', 'terverifikasi', 'bukan_wewenang')");
            } else {
                qb.push(
                    " AND (c.status IN ('baru', 'terverifikasi', 'bukan_wewenang') \
                      OR (c.status = 'didisposisikan' AND c.assignee_id IS NULL))",
                );
            }
        }
        View::Saya => {
            qb.push(" AND c.assignee_id = ")
                .push_bind(s.actor_id)
                .push(" AND c.status NOT IN ('selesai', 'diarsipkan')");
        }
        View::Tim => {
            // Listed rather than NOT IN, so that an index on status is searched, not scanned.
            qb.push(
                " AND c.status IN ('baru', 'ditunda', 'terverifikasi', 'didisposisikan', 'bukan_wewenang', \
                 'ditindaklanjuti', 'menunggu_persetujuan', 'ditanggapi', 'tanggapan_pelapor')",
            );
        }
        View::Terlambat => {
            // Due by the end of the next working day: that end is 23:59:59, and a clock due
            // tomorrow is due at exactly that second, so the bound is inclusive.
            qb.push(" AND c.breach_at <= ");
            push_soon(qb, &s.soon);
        }
        View::Eskalasi => {
            qb.push(" AND (c.escalated_to = ")
                .push_bind(s.actor_instansi);
            if s.supervisor {
                qb.push(" OR c.status = 'menunggu_persetujuan'");
            }
            qb.push(")");
        }
        View::Semua => {}
    }
    let f = &s.filter;
    push_in(
        qb,
        "c.status",
        f.statuses.iter().map(|x| x.as_code()),
        false,
    );
    push_in(
        qb,
        "c.status",
        f.not_statuses.iter().map(|x| x.as_code()),
        true,
    );
    push_in(
        qb,
        "c.channel",
        f.channels.iter().map(|x| x.as_code()),
        false,
    );
    push_in(
        qb,
        "c.channel",
        f.not_channels.iter().map(|x| x.as_code()),
        true,
    );
    push_in(
        qb,
        "c.klasifikasi",
        f.klasifikasi.iter().map(|x| x.as_code()),
        false,
    );
    push_in(
        qb,
        "c.klasifikasi",
        f.not_klasifikasi.iter().map(|x| x.as_code()),
        true,
    );
    if let Some((lo, hi)) = &s.filter_path_range {
        qb.push(" AND c.instansi_path >= ")
            .push_bind(lo.as_str())
            .push(" AND c.instansi_path < ")
            .push_bind(hi.as_str());
    }
    match s.assignee() {
        Some(AssigneeFilter::Me) => {
            qb.push(" AND c.assignee_id = ").push_bind(s.actor_id);
        }
        Some(AssigneeFilter::Nobody) => {
            qb.push(" AND c.assignee_id IS NULL");
        }
        Some(AssigneeFilter::User(u)) => {
            qb.push(" AND c.assignee_id = (SELECT id FROM officer WHERE username = ")
                .push_bind(u.as_str())
                .push(")");
        }
        None => {}
    }
    if let Some(ids) = &s.filter_categories {
        qb.push(" AND c.kategori_id IN (");
        let mut sep = qb.separated(", ");
        for id in ids {
            sep.push_bind(*id);
        }
        qb.push(")");
    }
    for tag in &f.tags {
        // Tags are stored as a JSON array of strings; match the quoted element.
        qb.push(" AND c.tags LIKE ")
            .push_bind(format!("%\"{}\"%", like_escape(tag)))
            .push(" ESCAPE '\\'");
    }
    if f.overdue {
        qb.push(" AND c.breach_at < ").push_bind(s.now_ms);
    }
    if f.escalated {
        qb.push(" AND c.escalated_to IS NOT NULL");
    }
    if f.anonim {
        qb.push(" AND c.anonim = ").push_bind(true);
    }
    if f.rahasia {
        qb.push(" AND c.rahasia = ").push_bind(true);
    }
    if !f.text.is_empty() {
        if IS_SQLITE {
            // Each term becomes a quoted FTS5 phrase, so no user text is read as query syntax.
            let query: Vec<String> = f
                .text
                .iter()
                .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
                .collect();
            qb.push(" AND c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ")
                .push_bind(query.join(" "))
                .push(")");
        } else {
            for t in &f.text {
                qb.push(" AND c.search @@ phraseto_tsquery('indonesian', ")
                    .push_bind(t.as_str())
                    .push(")");
            }
        }
    }
}

fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

fn push_in(
    qb: &mut QueryBuilder<Db>,
    column: &str,
    values: impl Iterator<Item = &'static str>,
    negate: bool,
) {
    let values: Vec<&'static str> = values.collect();
    if values.is_empty() {
        return;
    }
    qb.push(" AND ")
        .push(column)
        .push(if negate { " NOT IN (" } else { " IN (" });
    let mut sep = qb.separated(", ");
    for v in values {
        sep.push_bind(v);
    }
    qb.push(")");
}

/// One page of rows: each with its sort key and clock base (the clock is finished by the caller).
pub(crate) async fn list_rows(
    pool: &P,
    s: &Scope,
    view: View,
    after: Option<Cursor>,
    limit: u32,
) -> Res<Vec<(ComplaintRow, i64, Option<ClockBase>)>> {
    let by_due = view.orders_by_due();
    let key = if by_due {
        "c.breach_at"
    } else {
        "c.received_at"
    };
    let hint = sqlite_index_hint(s, view, false);
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT c.id, c.status, c.klasifikasi, c.channel, c.judul, c.instansi_id, a.username AS assignee, c.received_at, \
           c.clock_kind, c.clock_started_at, c.clock_days, c.clock_paused, c.clock_breached_at, c.escalated_to, c.version, {key} AS sort_key \
         FROM complaint c{hint} LEFT JOIN officer a ON a.id = c.assignee_id"
    ));
    push_conditions(&mut qb, s, view);
    if let Some(c) = after {
        let cmp = if by_due { ">" } else { "<" };
        qb.push(format!(" AND ({key}, c.id) {cmp} ("))
            .push_bind(c.key)
            .push(", ")
            .push_bind(c.id)
            .push(")");
    }
    let dir = if by_due { "ASC" } else { "DESC" };
    qb.push(format!(" ORDER BY {key} {dir}, c.id {dir} LIMIT "))
        .push_bind(i64::from(limit));
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter().map(row_from).collect()
}

type RowWithKey = (ComplaintRow, i64, Option<ClockBase>);

fn row_from(r: &<Db as sqlx::Database>::Row) -> Res<RowWithKey> {
    let escalated: Option<i64> = r.try_get("escalated_to")?;
    let sort_key: Option<i64> = r.try_get("sort_key")?;
    Ok((
        ComplaintRow {
            id: r.try_get("id")?,
            status: code(r, "status", Status::from_code)?,
            klasifikasi: code(r, "klasifikasi", Klasifikasi::from_code)?,
            channel: code(r, "channel", Channel::from_code)?,
            judul: r.try_get("judul")?,
            instansi_id: r.try_get("instansi_id")?,
            instansi: String::new(),
            zone: Zone::Wib,
            assignee: r.try_get("assignee")?,
            received_at: from_ms(r.try_get("received_at")?),
            clock: None,
            escalated: escalated.is_some(),
            version: r.try_get("version")?,
        },
        sort_key.unwrap_or_default(),
        clock_from(r)?,
    ))
}

/// The reporter and title of one complaint, for finding its likely duplicates.
pub(crate) async fn duplicate_keys(
    pool: &P,
    id: ComplaintId,
) -> Res<Option<(Vec<String>, String)>> {
    let row = sqlx::query(
        "SELECT r.phone AS reporter_phone, r.email AS reporter_email, r.nik AS reporter_nik, c.judul \
         FROM complaint c LEFT JOIN reporter r ON r.complaint_id = c.id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some(r) = row else { return Ok(None) };
    let keys = ["reporter_phone", "reporter_email", "reporter_nik"]
        .iter()
        .filter_map(|c| r.try_get::<Option<String>, _>(*c).ok().flatten())
        .filter(|v| !v.trim().is_empty())
        .collect();
    Ok(Some((keys, r.try_get("judul")?)))
}

/// Open complaints in scope that share the reporter (phone, e-mail or NIK) or any of `words` in
/// their text: candidates for a merge. Same-reporter ones come first, then the newest.
pub(crate) async fn similar_rows(
    pool: &P,
    s: &Scope,
    id: ComplaintId,
    reporter: &[String],
    words: &[String],
    limit: u32,
) -> Res<Vec<RowWithKey>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.id, c.status, c.klasifikasi, c.channel, c.judul, c.instansi_id, a.username AS assignee, c.received_at, \
           c.clock_kind, c.clock_started_at, c.clock_days, c.clock_paused, c.clock_breached_at, c.escalated_to, c.version, c.received_at AS sort_key \
         FROM complaint c LEFT JOIN officer a ON a.id = c.assignee_id",
    );
    push_conditions(&mut qb, s, View::Tim);
    qb.push(" AND c.id <> ").push_bind(id).push(" AND (1 = 0");
    if !reporter.is_empty() {
        qb.push(" OR c.id IN (SELECT complaint_id FROM reporter WHERE 1 = 0");
        for key in reporter {
            qb.push(" OR phone = ").push_bind(key.as_str());
            qb.push(" OR email = ").push_bind(key.as_str());
            qb.push(" OR nik = ").push_bind(key.as_str());
        }
        qb.push(")");
    }
    if !words.is_empty() {
        if IS_SQLITE {
            let query: Vec<String> = words
                .iter()
                .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
                .collect();
            qb.push(" OR c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ")
                .push_bind(query.join(" OR "))
                .push(" ORDER BY rank LIMIT 200)");
        } else {
            qb.push(" OR c.search @@ to_tsquery('indonesian', ")
                .push_bind(
                    words
                        .iter()
                        .map(|w| format!("'{}'", w.replace('\'', "")))
                        .collect::<Vec<_>>()
                        .join(" | "),
                )
                .push(")");
        }
    }
    qb.push(")");
    qb.push(" ORDER BY c.received_at DESC, c.id DESC LIMIT ")
        .push_bind(i64::from(limit.max(1)) * 4);
    let rows = qb.build().fetch_all(pool).await?;
    let mut out: Vec<RowWithKey> = rows.iter().map(row_from).collect::<Res<_>>()?;
    out.truncate(limit as usize * 4);
    Ok(out)
}

/// SQLite's planner, left alone, sorts every row of a status or subtree to return fifty, and
/// counts by reading rows an index could answer. These hints name the index that answers each
/// query from the index alone: newest-first pages walk the covering received_at index backwards
/// and stop at the page's end; overdue filters and counts start from the breach index; counts in a
/// subtree read the (path, status, assignee) index. PostgreSQL plans these well on its own.
fn sqlite_index_hint(s: &Scope, view: View, counting: bool) -> &'static str {
    if !IS_SQLITE {
        return "";
    }
    let newest_first = matches!(view, View::Masuk | View::Tim | View::Semua);
    match (counting, view) {
        (_, View::Terlambat) => " INDEXED BY complaint_breach",
        (_, _) if newest_first && s.filter.overdue => " INDEXED BY complaint_breach",
        (true, _) if newest_first && s.path_range.is_some() => " INDEXED BY complaint_path_status",
        (false, _) if newest_first && s.filter.assignee.is_none() => " INDEXED BY complaint_recv",
        _ => "",
    }
}

pub(crate) async fn count_rows(pool: &P, s: &Scope, view: View) -> Res<i64> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT COUNT(*) FROM complaint c{}",
        sqlite_index_hint(s, view, true)
    ));
    push_conditions(&mut qb, s, view);
    qb.build_query_scalar::<i64>().fetch_one(pool).await
}

pub(crate) async fn due_to_close(pool: &P, now_ms: i64) -> Res<Vec<ComplaintId>> {
    sqlx::query_scalar(
        "SELECT id FROM complaint WHERE close_at < $1 AND status = 'ditanggapi' ORDER BY close_at",
    )
    .bind(now_ms)
    .fetch_all(pool)
    .await
}

/// Whether complaints `a` < `b` are linked.
pub(crate) async fn linked(pool: &P, a: ComplaintId, b: ComplaintId) -> Res<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaint_link WHERE a = $1 AND b = $2")
        .bind(a)
        .bind(b)
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Held reports whose hold ends on or before `latest_today` (the caller checks each one's own
/// local day): (id, instansi, hold end).
pub(crate) async fn holds_to_resume(
    pool: &P,
    latest_today: &str,
) -> Res<Vec<(ComplaintId, InstansiId, chrono::NaiveDate)>> {
    let rows = sqlx::query(
        "SELECT id, instansi_id, hold_until FROM complaint \
         WHERE status = 'ditunda' AND hold_until <= $1 ORDER BY id",
    )
    .bind(latest_today)
    .fetch_all(pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let until: String = r.try_get("hold_until")?;
        let Ok(until) = chrono::NaiveDate::parse_from_str(&until, "%Y-%m-%d") else {
            continue;
        };
        out.push((r.try_get("id")?, r.try_get("instansi_id")?, until));
    }
    Ok(out)
}

pub(crate) async fn breached_unescalated(
    pool: &P,
    now_ms: i64,
    instansi: &[InstansiId],
) -> Res<Vec<ComplaintId>> {
    let mut qb = QueryBuilder::<Db>::new("SELECT id FROM complaint WHERE breach_at < ");
    // A person who took the escalation back decided about this breach: only a breach that comes
    // after the de-escalation (a new clock's) escalates again.
    qb.push_bind(now_ms).push(
        " AND escalated_to IS NULL AND (deescalated_at IS NULL OR breach_at > deescalated_at) \
         AND instansi_id IN (",
    );
    let mut sep = qb.separated(", ");
    for id in instansi {
        sep.push_bind(*id);
    }
    qb.push(") ORDER BY breach_at");
    qb.build_query_scalar::<i64>().fetch_all(pool).await
}

/// Open clocks due from `from_ms` until the soon threshold of their instansi.
pub(crate) async fn count_due_between(pool: &P, from_ms: i64, soon: &SoonThreshold) -> Res<i64> {
    let mut qb: QueryBuilder<Db> =
        QueryBuilder::new("SELECT COUNT(*) FROM complaint c WHERE c.breach_at >= ");
    qb.push_bind(from_ms).push(" AND c.breach_at <= ");
    push_soon(&mut qb, soon);
    qb.build_query_scalar::<i64>().fetch_one(pool).await
}

/// The soon threshold of the complaint `c`: one bound value unless regional days make some
/// subtrees' thresholds later.
fn push_soon(qb: &mut QueryBuilder<Db>, soon: &SoonThreshold) {
    if soon.regional.is_empty() {
        qb.push_bind(soon.national_ms);
        return;
    }
    qb.push("(CASE");
    for (from, to, at) in &soon.regional {
        qb.push(" WHEN c.instansi_path >= ")
            .push_bind(from.as_str())
            .push(" AND c.instansi_path < ")
            .push_bind(to.as_str())
            .push(" THEN ")
            .push_bind(*at);
    }
    qb.push(" ELSE ").push_bind(soon.national_ms).push(" END)");
}

pub(crate) async fn upsert_draft(
    pool: &P,
    id: ComplaintId,
    officer: OfficerId,
    kind: &str,
    body: &str,
    based_on: Option<i64>,
    now_ms: i64,
) -> Result<(), crate::store::StoreError> {
    sqlx::query(
        "INSERT INTO draft (complaint_id, officer_id, kind, body, based_on_event, updated_at) VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (complaint_id, officer_id) DO UPDATE SET kind = excluded.kind, body = excluded.body, \
           based_on_event = COALESCE(draft.based_on_event, excluded.based_on_event), updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(officer)
    .bind(kind)
    .bind(body)
    .bind(based_on)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(())
}

pub(crate) async fn load_draft(
    pool: &P,
    id: ComplaintId,
    officer: OfficerId,
) -> Result<Option<Draft>, crate::store::StoreError> {
    let row = sqlx::query("SELECT kind, body, based_on_event, updated_at FROM draft WHERE complaint_id = $1 AND officer_id = $2")
        .bind(id)
        .bind(officer)
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(r) => Some(Draft {
            complaint_id: id,
            kind: r.try_get("kind")?,
            body: r.try_get("body")?,
            based_on_event: r.try_get("based_on_event")?,
            updated_at: from_ms(r.try_get("updated_at")?),
        }),
        None => None,
    })
}

pub(crate) async fn delete_draft(
    pool: &P,
    id: ComplaintId,
    officer: OfficerId,
) -> Result<(), crate::store::StoreError> {
    sqlx::query("DELETE FROM draft WHERE complaint_id = $1 AND officer_id = $2")
        .bind(id)
        .bind(officer)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn load_templates(pool: &P) -> Result<Vec<Template>, crate::store::StoreError> {
    let rows = sqlx::query("SELECT name, status, body FROM template ORDER BY name")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let status: Option<String> = r.try_get("status")?;
            Ok(Template {
                name: r.try_get("name")?,
                status: status.as_deref().and_then(Status::from_code),
                body: r.try_get("body")?,
            })
        })
        .collect::<Res<Vec<_>>>()?)
}

pub(crate) async fn upsert_template(
    pool: &P,
    t: &Template,
) -> Result<(), crate::store::StoreError> {
    sqlx::query("INSERT INTO template (name, status, body) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET status = excluded.status, body = excluded.body")
        .bind(&t.name)
        .bind(t.status.map(|s| s.as_code()))
        .bind(&t.body)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn delete_template(
    pool: &P,
    name: &str,
) -> Result<bool, crate::store::StoreError> {
    let r = sqlx::query("DELETE FROM template WHERE name = $1")
        .bind(name)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() > 0)
}

pub(crate) async fn upsert_presence(
    pool: &P,
    officer: OfficerId,
    complaint: ComplaintId,
    activity: &str,
    now_ms: i64,
) -> Res<()> {
    sqlx::query(
        "INSERT INTO presence (officer_id, complaint_id, activity, seen_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (officer_id) DO UPDATE SET complaint_id = excluded.complaint_id, activity = excluded.activity, seen_at = excluded.seen_at",
    )
    .bind(officer)
    .bind(complaint)
    .bind(activity)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(())
}

pub(crate) async fn delete_presence(pool: &P, officer: OfficerId) -> Res<()> {
    sqlx::query("DELETE FROM presence WHERE officer_id = $1")
        .bind(officer)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn load_presence(
    pool: &P,
    ids: &[ComplaintId],
    since_ms: i64,
    except: OfficerId,
) -> Res<Vec<crate::store::Presence>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT p.complaint_id, p.activity, p.seen_at, o.username, o.name FROM presence p JOIN officer o ON o.id = p.officer_id WHERE p.seen_at >= ",
    );
    qb.push_bind(since_ms)
        .push(" AND p.officer_id <> ")
        .push_bind(except)
        .push(" AND p.complaint_id IN (");
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(") ORDER BY p.complaint_id, o.username");
    let rows = qb.build().fetch_all(pool).await?;
    rows.iter()
        .map(|r| {
            let activity: String = r.try_get("activity")?;
            Ok(crate::store::Presence {
                complaint_id: r.try_get("complaint_id")?,
                username: r.try_get("username")?,
                name: r.try_get("name")?,
                writing: activity == "writing",
                seen_at: from_ms(r.try_get("seen_at")?),
            })
        })
        .collect()
}

/// Events on one complaint after `after` by someone other than `except`.
pub(crate) async fn events_by_others_after(
    pool: &P,
    id: ComplaintId,
    after: i64,
    except: OfficerId,
) -> Res<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT * FROM event WHERE complaint_id = $1 AND id > $2 AND actor_id <> $3 ORDER BY id",
    )
    .bind(id)
    .bind(after)
    .bind(except)
    .fetch_all(pool)
    .await?;
    rows.iter().map(event_from).collect()
}

pub(crate) async fn next_instansi_id(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM instansi")
        .fetch_one(pool)
        .await
}

/// One node of the instansi tree; also used by the seed inside its bulk transaction.
pub(crate) async fn insert_instansi<'e>(ex: impl sqlx::Executor<'e, Database = Db>, i: &Instansi) -> Res<()> {
    sqlx::query(
        "INSERT INTO instansi (id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days, close_days, \
           requires_approval, auto_escalate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(i.id)
    .bind(i.parent_id)
    .bind(&i.code)
    .bind(&i.name)
    .bind(i.kind.as_code())
    .bind(i.zone.as_code())
    .bind(&i.path)
    .bind(i.deadlines.verify_days as i32)
    .bind(i.deadlines.follow_up_days as i32)
    .bind(i.deadlines.close_days as i32)
    .bind(i.requires_approval)
    .bind(i.auto_escalate)
    .execute(ex)
    .await?;
    Ok(())
}
