// The exact counts of the broad queues read from the monev sums instead of the reports.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.
//
// `monev_tally` is kept by triggers on `monev_fact` in the transaction of every event (migration
// 0009), so its month rows always add up to the reports: `received` counts every report of an
// instansi once, `open_<status>` those open in that status now, per facet ('' for all,
// 'c:<channel>', 'k:<kategori id>'). A national admin's Semua at a million reports is then a sum
// over a few thousand rows per month instead of a walk over a million index entries, and it does
// not grow with the reports, only with the instansi and the months. Only the counts the sums
// answer exactly are read there; every other count walks the reports (`count_query`).

/// Which month rows of `monev_tally` and which of their columns add up to a view's count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SumsCount {
    /// The facets summed: one per channel or category asked for, else the whole ('').
    pub facets: Vec<String>,
    /// The columns added: `received` for every report, or `open_<status>` per status.
    pub columns: Vec<String>,
}

impl SumsCount {
    /// How the sums answer `view` under the scope, if they answer it exactly: for an actor who
    /// sees every klasifikasi (the sums do not split by it), a view defined by status alone
    /// (Semua, Tim, and Masuk nationally, where it is the routing statuses only), and a filter
    /// on status, channel or category (one of the two: a row holds one facet) and instansi.
    pub(crate) fn of(s: &Scope, view: View) -> Option<SumsCount> {
        if !s.hidden_classes.is_empty() {
            return None;
        }
        let f = &s.filter;
        // What the sums know: anything else the filter asks leaves them out.
        let rest = crate::domain::filter::Filter {
            statuses: Vec::new(),
            not_statuses: Vec::new(),
            channels: Vec::new(),
            kategori: None,
            instansi: None,
            order: None,
            ..f.clone()
        };
        if !rest.is_empty() {
            return None;
        }
        let facets: Vec<String> = match (&s.filter_categories, f.channels.is_empty()) {
            (Some(_), false) => return None,
            (Some(ids), true) => ids.iter().map(|id| format!("k:{id}")).collect(),
            (None, false) => f
                .channels
                .iter()
                .map(|c| format!("c:{}", c.as_code()))
                .collect(),
            (None, true) => vec![String::new()],
        };
        if facets.is_empty() {
            return None;
        }
        let open = || Status::ALL.iter().copied().filter(|x| !x.is_closed());
        let base: Vec<Status> = match view {
            View::Semua if f.statuses.is_empty() && f.not_statuses.is_empty() => {
                return Some(SumsCount {
                    facets,
                    columns: vec!["received".to_string()],
                });
            }
            // Closed statuses have no sums of their own (`selesai` counts the settled, which
            // is not the same as the status).
            View::Semua if f.statuses.iter().all(|x| !x.is_closed()) && !f.statuses.is_empty() => {
                open().collect()
            }
            View::Tim => open().collect(),
            View::Masuk if s.national => open().filter(|x| x.awaits_routing()).collect(),
            _ => return None,
        };
        let columns = base
            .into_iter()
            .filter(|x| f.statuses.is_empty() || f.statuses.contains(x))
            .filter(|x| !f.not_statuses.contains(x))
            .map(|x| format!("open_{}", x.as_code()))
            .collect();
        Some(SumsCount { facets, columns })
    }
}

/// The count `sums` describes, under the scope's subtree and instansi filter.
pub(crate) async fn count_from_sums(pool: &P, s: &Scope, sums: &SumsCount) -> Res<i64> {
    if sums.columns.is_empty() {
        return Ok(0);
    }
    // The column names come from `SumsCount::of` (fixed names), never from input.
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT CAST(COALESCE(SUM({}), 0) AS BIGINT) FROM monev_tally WHERE grain = 'm' AND facet IN (",
        sums.columns.join(" + ")
    ));
    let mut sep = qb.separated(", ");
    for facet in &sums.facets {
        sep.push_bind(facet.as_str());
    }
    qb.push(")");
    for (lo, hi) in [&s.path_range, &s.filter_path_range].into_iter().flatten() {
        qb.push(" AND instansi_path >= ")
            .push_bind(lo.as_str())
            .push(" AND instansi_path < ")
            .push_bind(hi.as_str());
    }
    qb.build_query_scalar::<i64>().fetch_one(pool).await
}
