// Routing help: where this desk disposed the reports most like a new one. Included by
// `on_sqlite` and `on_postgres` (mod.rs) after common.rs and lists.rs, whose imports and scope
// conditions it shares.

/// The dispose events (complaint, details) that officers of `desk` wrote for the complaints in
/// scope whose text best matches any of `words`, best match first: the `limit` best full-text
/// matches are read, the complaint itself left out. The caller reads where each went.
pub(crate) async fn disposed_like(
    pool: &P,
    s: &Scope,
    id: ComplaintId,
    words: &[String],
    desk: InstansiId,
    limit: u32,
) -> Res<Vec<(ComplaintId, String)>> {
    // Matched by stem, as the index holds the text (migration 0010), on both backends alike.
    let words: Vec<String> = words
        .iter()
        .map(|w| stem::stem_text(w))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new("SELECT e.complaint_id, e.details FROM ");
    if IS_SQLITE {
        let fts_query = words
            .iter()
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(" OR ");
        // The scope inside the ranked part, as on PostgreSQL: the best matches the actor may see,
        // not the best of all narrowed afterwards (a kota's desk would keep few of the country's).
        qb.push(
            "(SELECT c.id AS fid, complaint_fts.rank AS frank FROM complaint_fts \
             JOIN complaint c ON c.id = complaint_fts.rowid",
        );
        push_conditions(&mut qb, s, View::Semua);
        qb.push(" AND complaint_fts MATCH ")
            .push_bind(fts_query)
            .push(" AND c.id <> ")
            .push_bind(id)
            .push(" ORDER BY complaint_fts.rank LIMIT ")
            .push_bind(i64::from(limit))
            .push(
                ") f JOIN event e ON e.complaint_id = f.fid JOIN officer o ON o.id = e.actor_id \
                 WHERE 1 = 1",
            );
    } else {
        let ts_query = words
            .iter()
            .map(|w| format!("'{}'", w.replace(['\'', '\\'], "")))
            .collect::<Vec<_>>()
            .join(" | ");
        qb.push("(SELECT c.id, ts_rank(c.search, to_tsquery('simple', ")
            .push_bind(ts_query.clone())
            .push(")) AS frank FROM complaint c");
        push_conditions(&mut qb, s, View::Semua);
        qb.push(" AND c.id <> ")
            .push_bind(id)
            .push(" AND c.search @@ to_tsquery('simple', ")
            .push_bind(ts_query)
            .push(") ORDER BY frank DESC LIMIT ")
            .push_bind(i64::from(limit))
            .push(
                ") f JOIN event e ON e.complaint_id = f.id JOIN officer o ON o.id = e.actor_id \
                 WHERE 1 = 1",
            );
    }
    qb.push(" AND e.kind IN ('verify_dispose', 'dispose') AND o.instansi_id = ")
        .push_bind(desk);
    if IS_SQLITE {
        qb.push(" ORDER BY f.frank, e.id");
    } else {
        qb.push(" ORDER BY f.frank DESC, e.id");
    }
    qb.build_query_as::<(i64, String)>().fetch_all(pool).await
}
