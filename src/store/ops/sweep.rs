// The sweep's queries (included by on_sqlite and on_postgres in mod.rs, as common.rs): what is
// due to close, to resume from hold, to escalate.

pub(crate) async fn due_to_close(pool: &P, now_ms: i64) -> Res<Vec<ComplaintId>> {
    sqlx::query_scalar(
        "SELECT id FROM complaint WHERE close_at < $1 AND status = 'ditanggapi' ORDER BY close_at",
    )
    .bind(now_ms)
    .fetch_all(pool)
    .await
}

/// Held reports whose hold ends on or before `latest_today` (the caller checks each one's own
/// local day): (id, instansi, hold end).
pub(crate) async fn holds_to_resume(
    pool: &P,
    latest_today: &str,
) -> Res<Vec<(ComplaintId, InstansiId, chrono::NaiveDate)>> {
    let rows: Vec<(ComplaintId, InstansiId, String)> = sqlx::query_as(
        "SELECT id, instansi_id, hold_until FROM complaint \
         WHERE status = 'ditunda' AND hold_until <= $1 ORDER BY id",
    )
    .bind(latest_today)
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|(id, instansi_id, until)| Ok((id, instansi_id, parse_day("hold_until", &until)?)))
        .collect()
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
