// The officer's desk: drafts, presence, and the events others wrote since the author looked.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

pub(crate) async fn upsert_draft(
    pool: &P,
    id: ComplaintId,
    officer: OfficerId,
    kind: &str,
    body: &str,
    based_on: Option<i64>,
    now_ms: i64,
) -> Res<()> {
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
) -> Res<Option<Draft>> {
    let row = sqlx::query_as::<_, DraftRecord>(
        "SELECT kind, body, based_on_event, updated_at FROM draft WHERE complaint_id = $1 AND officer_id = $2",
    )
    .bind(id)
    .bind(officer)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| Draft {
        complaint_id: id,
        kind: r.kind,
        body: r.body,
        based_on_event: r.based_on_event,
        updated_at: from_ms(r.updated_at),
    }))
}

pub(crate) async fn delete_draft(pool: &P, id: ComplaintId, officer: OfficerId) -> Res<()> {
    sqlx::query("DELETE FROM draft WHERE complaint_id = $1 AND officer_id = $2")
        .bind(id)
        .bind(officer)
        .execute(pool)
        .await?;
    Ok(())
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
    let rows = qb
        .build_query_as::<PresenceRecord>()
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(crate::store::Presence::from).collect())
}

/// Events on one complaint after `after` by someone other than `except`.
pub(crate) async fn events_by_others_after(
    pool: &P,
    id: ComplaintId,
    after: i64,
    except: OfficerId,
) -> Res<Vec<Event>> {
    let rows = sqlx::query_as::<_, EventRecord>(
        "SELECT * FROM event WHERE complaint_id = $1 AND id > $2 AND actor_id <> $3 ORDER BY id",
    )
    .bind(id)
    .bind(after)
    .bind(except)
    .fetch_all(pool)
    .await?;
    into_events(rows)
}
