// The complaints and events the monev figures are computed from (domain::monev).
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

#[derive(sqlx::FromRow)]
struct MonevRecord {
    id: i64,
    received_at: i64,
    channel: String,
    kategori_id: Option<i64>,
    instansi_id: i64,
    instansi_path: String,
    assignee_name: Option<String>,
    breach_at: Option<i64>,
}

/// A complaint's record for the figures: (id, received, channel, category, instansi id, path,
/// assignee's username, the running verification or follow-up clock's due time now).
pub(crate) type MonevRow = (
    ComplaintId,
    chrono::DateTime<chrono::Utc>,
    Channel,
    Option<i64>,
    InstansiId,
    String,
    Option<String>,
    Option<chrono::DateTime<chrono::Utc>>,
);

fn push_monev_scope(
    qb: &mut QueryBuilder<Db>,
    scope: &str,
    hidden: &[Klasifikasi],
    assignee: Option<i64>,
    since: Option<i64>,
) {
    qb.push(" WHERE c.instansi_path >= ")
        .push_bind(scope.to_string())
        .push(" AND c.instansi_path < ")
        .push_bind(crate::store::subtree_end(scope));
    push_hidden_classes(qb, hidden);
    if let Some(officer) = assignee {
        qb.push(" AND c.assignee_id = ").push_bind(officer);
    }
    // Only what a period from `since` can count: received since, moved since (updated_at is the
    // newest event's time, and events never go back in time), or open now (backlog, clocks,
    // loads). A complaint closed before `since` and untouched since adds nothing to any figure.
    if let Some(since) = since {
        qb.push(" AND (c.received_at >= ")
            .push_bind(since)
            .push(" OR c.updated_at >= ")
            .push_bind(since)
            .push(" OR c.status NOT IN (");
        let mut sep = qb.separated(", ");
        for closed in Status::ALL.iter().filter(|s| s.is_closed()) {
            sep.push_bind(closed.as_code());
        }
        qb.push("))");
    }
}

/// The records of the complaints in the subtree at `scope` whose klasifikasi is not hidden (and,
/// for an officer, assigned to them; with `since`, only those a period from then can count).
pub(crate) async fn monev_records(
    pool: &P,
    scope: &str,
    hidden: &[Klasifikasi],
    assignee: Option<i64>,
    since: Option<i64>,
) -> Res<Vec<MonevRow>> {
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.id, c.received_at, c.channel, c.kategori_id, c.instansi_id, c.instansi_path, \
         a.username AS assignee_name, c.breach_at FROM complaint c LEFT JOIN officer a ON a.id = c.assignee_id",
    );
    push_monev_scope(&mut qb, scope, hidden, assignee, since);
    qb.push(" ORDER BY c.id");
    qb.build_query_as::<MonevRecord>()
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|r| {
            Ok((
                r.id,
                crate::store::from_ms(r.received_at),
                parse_code("channel", &r.channel, Channel::from_code)?,
                r.kategori_id,
                r.instansi_id,
                r.instansi_path,
                r.assignee_name,
                r.breach_at.map(crate::store::from_ms),
            ))
        })
        .collect()
}

/// The events of those complaints, by complaint and then in order.
pub(crate) async fn monev_events(
    pool: &P,
    scope: &str,
    hidden: &[Klasifikasi],
    assignee: Option<i64>,
    since: Option<i64>,
) -> Res<Vec<Event>> {
    let mut qb =
        QueryBuilder::<Db>::new("SELECT e.* FROM event e JOIN complaint c ON c.id = e.complaint_id");
    push_monev_scope(&mut qb, scope, hidden, assignee, since);
    qb.push(" ORDER BY e.complaint_id, e.id");
    into_events(qb.build_query_as::<EventRecord>().fetch_all(pool).await?)
}
