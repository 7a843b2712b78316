// One complaint: its intake, its row and events, its state for the rules, and the write of an accepted move.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

/// The clocks of open complaints in the subtree range [from, to) of instansi paths.
pub(crate) async fn open_clock_bases(
    pool: &P,
    path_from: &str,
    path_to: &str,
) -> Res<Vec<(ComplaintId, InstansiId, ClockBase, Option<i64>, Option<i64>)>> {
    let rows = sqlx::query_as::<_, OpenClockRecord>(
        "SELECT id, instansi_id, clock_kind, clock_started_at, clock_days, clock_paused, clock_breached_at, breach_at, close_at \
         FROM complaint WHERE clock_kind IS NOT NULL AND instansi_path >= $1 AND instansi_path < $2",
    )
    .bind(path_from)
    .bind(path_to)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let base = r.clock.base()?;
            Some((r.id, r.instansi_id, base, r.breach_at, r.close_at))
        })
        .collect())
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
    reference: &Reference,
) -> Res<ComplaintId> {
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
           clock_paused, breach_at, close_at, search_judul, search_isi) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, 1, \
           $20, $21, $22, $23, $24, $25, $26, $27)",
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
    .bind(stem::stem_text(n.judul.trim()))
    .bind(stem::stem_text(n.isi.trim()))
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
    refresh_facts(&mut tx, reference, next, next).await?;
    tx.commit().await?;
    Ok(next)
}

pub(crate) async fn load_complaint(
    pool: &P,
    id: ComplaintId,
    reference: &Reference,
) -> Res<Option<Complaint>> {
    let row = sqlx::query_as::<_, ComplaintRecord>(
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
    row.map(|r| r.into_complaint(reference, chrono::Utc::now()))
        .transpose()
}

/// `load_complaint` for several at once (without their events), in no particular order.
pub(crate) async fn load_complaints(
    pool: &P,
    ids: &[ComplaintId],
    reference: &Reference,
) -> Res<Vec<Complaint>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.*, a.username AS assignee_name, p.username AS pending_name, k.name AS kategori_name, kp.name AS kategori_parent, \
           r.name AS reporter_name, r.phone AS reporter_phone, r.email AS reporter_email, r.nik AS reporter_nik \
         FROM complaint c \
         LEFT JOIN reporter r ON r.complaint_id = c.id \
         LEFT JOIN officer a ON a.id = c.assignee_id \
         LEFT JOIN officer p ON p.id = c.pending_reply_by \
         LEFT JOIN category k ON k.id = c.kategori_id \
         LEFT JOIN category kp ON kp.id = k.parent_id \
         WHERE c.id IN (",
    );
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(")");
    let now = chrono::Utc::now();
    qb.build_query_as::<ComplaintRecord>()
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| r.into_complaint(reference, now))
        .collect()
}

/// The events of several complaints, each complaint's in order.
pub(crate) async fn load_events_of(pool: &P, ids: &[ComplaintId]) -> Res<Vec<Event>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new("SELECT * FROM event WHERE complaint_id IN (");
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(") ORDER BY complaint_id, id");
    into_events(qb.build_query_as::<EventRecord>().fetch_all(pool).await?)
}

pub(crate) async fn load_events(pool: &P, id: ComplaintId) -> Res<Vec<Event>> {
    let rows =
        sqlx::query_as::<_, EventRecord>("SELECT * FROM event WHERE complaint_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(pool)
            .await?;
    into_events(rows)
}

pub(crate) async fn latest_event_id(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM event")
        .fetch_one(pool)
        .await
}

/// Events after `after` on complaints in the subtree at `scope` whose klasifikasi is not hidden,
/// and the events by which a complaint left that subtree or that klasifikasi (`left_path`), the
/// latter masked: the reader learns that a complaint left them, not what became of it. The event
/// id range drives the plan (primary key); the complaint is joined by its primary key.
pub(crate) async fn events_after(
    pool: &P,
    after: i64,
    scope: &str,
    hidden: &[Klasifikasi],
    limit: u32,
) -> Res<Vec<Event>> {
    let end = crate::store::subtree_end(scope);
    let rows = events_after_query(after, scope, hidden, limit)
        .build_query_as::<FeedRecord>()
        .fetch_all(pool)
        .await?;
    rows.into_iter()
        .map(|r| {
            let in_sight = r.now_path.as_deref().is_some_and(|p| p >= scope && p < end.as_str())
                && r
                    .now_klasifikasi
                    .as_deref()
                    .and_then(Klasifikasi::from_code)
                    .is_some_and(|k| !hidden.contains(&k));
            let mut event = r.event.into_event()?;
            if !in_sight {
                event.details = serde_json::Value::Null;
            }
            Ok(event)
        })
        .collect()
}

/// The statement of `events_after`: events after `after` of complaints in the subtree at
/// `scope` (or that left it), oldest first, driven by the event key.
fn events_after_query(
    after: i64,
    scope: &str,
    hidden: &[Klasifikasi],
    limit: u32,
) -> QueryBuilder<Db> {
    let end = crate::store::subtree_end(scope);
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT e.*, c.instansi_path AS now_path, c.klasifikasi AS now_klasifikasi \
         FROM event e LEFT JOIN complaint c ON c.id = e.complaint_id WHERE e.id > ",
    );
    qb.push_bind(after)
        .push(" AND ((c.instansi_path >= ")
        .push_bind(scope)
        .push(" AND c.instansi_path < ")
        .push_bind(end.clone());
    push_hidden_classes(&mut qb, hidden);
    qb.push(") OR (e.left_path >= ")
        .push_bind(scope)
        .push(" AND e.left_path < ")
        .push_bind(end.clone());
    if !hidden.is_empty() {
        qb.push(" AND e.left_klasifikasi NOT IN (");
        let mut sep = qb.separated(", ");
        for k in hidden {
            sep.push_bind(k.as_code());
        }
        qb.push(")");
    }
    qb.push("))");
    qb.push(" ORDER BY e.id LIMIT ").push_bind(i64::from(limit));
    qb
}

/// `events_after`'s statement run bare: each row fetched undecoded (benches).
pub(crate) async fn events_after_bare(
    pool: &P,
    after: i64,
    scope: &str,
    hidden: &[Klasifikasi],
    limit: u32,
) -> Res<usize> {
    let rows = events_after_query(after, scope, hidden, limit)
        .build()
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

/// Instansi path and klasifikasi of each of these complaints that exists (for access checks).
pub(crate) async fn sightings(
    pool: &P,
    ids: &[ComplaintId],
) -> Res<Vec<(ComplaintId, String, Klasifikasi)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT id, instansi_path, klasifikasi FROM complaint WHERE id IN (",
    );
    let mut sep = qb.separated(", ");
    for id in ids {
        sep.push_bind(*id);
    }
    qb.push(")");
    qb.build_query_as::<SightingRecord>()
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| {
            let klasifikasi = parse_code("klasifikasi", &r.klasifikasi, Klasifikasi::from_code)?;
            Ok((r.id, r.instansi_path, klasifikasi))
        })
        .collect()
}

pub(crate) async fn load_state<'e>(
    pool: impl sqlx::Executor<'e, Database = Db>,
    id: ComplaintId,
) -> Res<Option<State>> {
    sqlx::query_as::<_, StateRecord>(
        "SELECT id, status, assignee_id, instansi_id, instansi_path, klasifikasi, routed_by, escalated_to, pending_reply_by, merged_into, \
           clock_kind, clock_started_at, clock_days, clock_paused, clock_breached_at, version, judul, kategori_id, tags, \
           (SELECT MAX(e.at) FROM event e WHERE e.complaint_id = complaint.id) AS last_event_at \
         FROM complaint WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?
    .map(StateRecord::into_state)
    .transpose()
}

/// Writes an accepted action and its event in one transaction. The update only applies to the
/// version the decision was based on; None means someone else wrote first and nothing was written.
pub(crate) async fn apply_write(
    pool: &P,
    w: &Write,
    impersonator: Option<&str>,
    batch: Option<&str>,
    reference: &Reference,
) -> Res<Option<ActionOutcome>> {
    let mut tx = begin_write(pool).await?;
    match write_move(&mut tx, w, impersonator, batch, reference).await? {
        Some(outcome) => {
            tx.commit().await?;
            Ok(Some(outcome))
        }
        None => {
            tx.rollback().await?;
            Ok(None)
        }
    }
}

/// The writes of `apply_write` inside a transaction the caller holds (an import writes its moves
/// in the file's one transaction). None: another writer took the version first; the caller rolls
/// back.
pub(crate) async fn write_move(
    tx: &mut <Db as sqlx::Database>::Connection,
    w: &Write,
    impersonator: Option<&str>,
    batch: Option<&str>,
    reference: &Reference,
) -> Res<Option<ActionOutcome>> {
    let before = fact_before(&mut *tx, w.id).await?;
    // The event comes first and names the version it produces: a complaint changes only together
    // with its event (PostgreSQL's guard checks that the event exists when the row changes), and
    // only one event per version can exist, so of two writers on one version one fails here.
    let inserted = sqlx::query_scalar::<_, i64>(
        "INSERT INTO event (complaint_id, at, actor_id, actor, kind, status, details, batch, version, impersonator, recorded_at, left_path, left_klasifikasi) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
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
    .bind(w.left_path.as_deref())
    .bind(w.left_klasifikasi.map(|k| k.as_code()))
    .fetch_one(&mut *tx)
    .await;
    let event_id = match inserted {
        Ok(id) => id,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => return Ok(None),
        Err(e) => return Err(e),
    };
    let updated = sqlx::query(
        "UPDATE complaint SET status = $1, assignee_id = $2, instansi_id = $3, instansi_path = $4, routed_by = $5, \
           escalated_to = $6, pending_reply_by = $7, merged_into = $8, clock_kind = $9, clock_started_at = $10, \
           clock_days = $11, clock_paused = $12, breach_at = $13, close_at = $14, \
           judul = COALESCE($15, judul), klasifikasi = COALESCE($16, klasifikasi), kategori_id = COALESCE($17, kategori_id), \
           tags = COALESCE($18, tags), hold_until = CASE WHEN $19 THEN $20 ELSE hold_until END, \
           updated_at = $21, version = version + 1, clock_breached_at = $24, \
           deescalated_at = COALESCE($25, deescalated_at), search_judul = COALESCE($26, search_judul) \
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
    .bind(w.judul.as_deref().map(stem::stem_text))
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(None);
    }
    // The monev figures follow the move in the same transaction (the database sums the fact).
    if let Some(before) = before {
        put_fact_after(&mut *tx, before, w, event_id, batch, reference).await?;
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
    Ok(Some(ActionOutcome {
        complaint_id: w.id,
        event_id,
        kind: w.kind,
        status: w.status,
        version: w.expected_version + 1,
    }))
}
