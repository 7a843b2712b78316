// The queues: the WHERE clause of each view and filter, pages, counts, likely duplicates and what the sweep looks for.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

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
    push_conditions_checking(qb, s, view, WordCheck::Matches);
}

/// The WHERE clause, its words checked as `check` says (search.rs).
fn push_conditions_checking(qb: &mut QueryBuilder<Db>, s: &Scope, view: View, check: WordCheck) {
    push_conditions_but_words(qb, s, view);
    push_words(qb, &s.filter.search_words(), check);
}

/// The WHERE clause of a view under a scope without the words (which a ranked walk matches in its
/// join).
fn push_conditions_but_words(qb: &mut QueryBuilder<Db>, s: &Scope, view: View) {
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
    if f.due.is_some() {
        // Not yet past, and due on the day asked for in the zone of the instansi holding it.
        qb.push(" AND c.breach_at > ").push_bind(s.now_ms).push(" AND (");
        for (i, (zone, from, to)) in s.due_ranges.iter().enumerate() {
            if i > 0 {
                qb.push(" OR ");
            }
            qb.push("(c.breach_at >= ")
                .push_bind(*from)
                .push(" AND c.breach_at < ")
                .push_bind(*to)
                .push(" AND c.instansi_id IN (SELECT id FROM instansi WHERE zone = ")
                .push_bind(zone.as_code())
                .push("))");
        }
        qb.push(")");
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

/// One walk through an index in one direction. A queue's order is one or two walks: urgency is
/// the running clocks by due time, then the reports with no running clock, newest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Walk {
    /// `breach_at` ascending, over reports with a running clock. Cursor keys are due times (>= 0).
    Due,
    /// `received_at` descending, over reports with no running clock. Cursor keys are the negated
    /// received time, so that one cursor type tells the two walks of urgency apart.
    Undated,
    Newest,
    Oldest,
    /// The filter's words, best match first, over the view's newest `RANK_WINDOW` matches (all
    /// of them when it has no more). Cursor keys are the match's score as
    /// an integer (bm25 or the negated ts_rank, times 10^6, never above 0), ascending, so that
    /// one keyset pages it like the others: the score is computed afresh for each page, and a
    /// page read after colleagues changed many reports may repeat or skip a row near its edge,
    /// as any page of a changing ranking would.
    Relevance,
    /// The matches older than the ranked window, newest first. Cursor keys are the received
    /// time (above 0), so that one cursor type tells the two walks apart.
    Beyond,
}

impl Walk {
    pub(crate) fn of(order: Order) -> &'static [Walk] {
        match order {
            Order::Tenggat => &[Walk::Due, Walk::Undated],
            Order::Terbaru => &[Walk::Newest],
            Order::Terlama => &[Walk::Oldest],
            Order::Relevan => &[Walk::Relevance, Walk::Beyond],
        }
    }

    /// Whether a cursor was written by this walk.
    fn wrote(self, cursor: &Cursor) -> bool {
        match self {
            Walk::Due => cursor.key >= 0,
            Walk::Undated => cursor.key < 0,
            Walk::Relevance => cursor.key <= 0,
            Walk::Beyond => cursor.key > 0,
            Walk::Newest | Walk::Oldest => true,
        }
    }
}

/// One page of rows: each with its sort key and clock base (the clock is finished by the caller).
/// Under urgency, the undated walk fills what the due walk leaves of the page.
pub(crate) async fn list_rows(
    pool: &P,
    s: &Scope,
    view: View,
    after: Option<Cursor>,
    limit: u32,
) -> Res<Vec<(ComplaintRow, i64, Option<ClockBase>)>> {
    let mut rows = Vec::new();
    for (walk, resume) in page_walks(s, view, after) {
        let want = limit.saturating_sub(rows.len() as u32);
        if want == 0 {
            break;
        }
        let mut qb = list_query("", s, view, walk, resume, want);
        rows.extend(into_rows(
            qb.build_query_as::<QueueRecord>()
                .persistent(keep_prepared(s))
                .fetch_all(pool)
                .await?,
        )?);
    }
    Ok(rows)
}

/// The statements of a page (`list_rows`) run bare: the same SQL, each row fetched undecoded.
/// For benches that print meja's figure beside the database's own.
pub(crate) async fn list_rows_bare(
    pool: &P,
    s: &Scope,
    view: View,
    after: Option<Cursor>,
    limit: u32,
) -> Res<usize> {
    let mut rows = 0;
    for (walk, resume) in page_walks(s, view, after) {
        let want = limit.saturating_sub(rows as u32);
        if want == 0 {
            break;
        }
        let mut qb = list_query("", s, view, walk, resume, want);
        rows += qb
            .build()
            .persistent(keep_prepared(s))
            .fetch_all(pool)
            .await?
            .len();
    }
    Ok(rows)
}

/// Whether a page's statements may be kept prepared (planned once, for any values): not on
/// PostgreSQL when the filter has words. Its generic plan cannot tell a common word from a rare
/// one, so after five runs a kept statement read every match of `jalan` through the words' bitmap
/// and sorted them (812 ms at a million reports) where the plan for the word walks the date
/// index until the window is full (24 ms). Planned afresh, each run is planned for its words.
fn keep_prepared(s: &Scope) -> bool {
    IS_SQLITE || s.filter.search_words().is_empty()
}

/// The walks a page takes in turn, each with where it resumes, until the page is full.
fn page_walks(s: &Scope, view: View, after: Option<Cursor>) -> Vec<(Walk, Option<Cursor>)> {
    let walks = Walk::of(s.filter.order());
    // A cursor belongs to one walk: the walks before it are done.
    let first = after
        .and_then(|c| walks.iter().position(|w| w.wrote(&c)))
        .unwrap_or(0);
    walks
        .iter()
        .enumerate()
        .skip(first)
        // Only running clocks are late: under lateness the undated walk has nothing. Without
        // words there is no ranked window to go beyond (`Filter::order` never ranks then).
        .filter(|(_, w)| {
            !(**w == Walk::Undated && (view == View::Terlambat || s.filter.overdue))
                && !(**w == Walk::Beyond && s.filter.search_words().is_empty())
        })
        .map(|(i, &w)| (w, if i == first { after } else { None }))
        .collect()
}

/// The query of one walk of a page, after `prefix` (empty, or `EXPLAIN QUERY PLAN ` to see its
/// plan).
pub(crate) fn list_query(
    prefix: &str,
    s: &Scope,
    view: View,
    walk: Walk,
    after: Option<Cursor>,
    limit: u32,
) -> QueryBuilder<Db> {
    let words = s.filter.search_words();
    if walk == Walk::Relevance && !words.is_empty() {
        return ranked_query(prefix, s, view, &words, after, limit);
    }
    let (key, sort_key, ascending) = match walk {
        Walk::Due => ("c.breach_at", "c.breach_at", true),
        Walk::Undated => ("c.received_at", "-c.received_at", false),
        // Without words there is no score: newest first (`Filter::order` never asks for this).
        // Beyond the ranked window the matches come newest first too.
        Walk::Newest | Walk::Relevance | Walk::Beyond => ("c.received_at", "c.received_at", false),
        Walk::Oldest => ("c.received_at", "c.received_at", true),
    };
    let hint = indexed_by(sqlite_index_hint(s, view, Some(walk)));
    let mut qb = QueryBuilder::<Db>::new(format!(
        "{prefix}SELECT c.id, c.status, c.klasifikasi, c.channel, c.judul, c.instansi_id, a.username AS assignee, c.received_at, \
           c.clock_kind, c.clock_started_at, c.clock_days, c.clock_paused, c.clock_breached_at, c.escalated_to, c.version, {sort_key} AS sort_key \
         FROM complaint c{hint} LEFT JOIN officer a ON a.id = c.assignee_id"
    ));
    push_conditions(&mut qb, s, view);
    match walk {
        Walk::Due => qb.push(" AND c.breach_at IS NOT NULL"),
        Walk::Undated => qb.push(" AND c.breach_at IS NULL"),
        Walk::Beyond => {
            push_beyond_window(&mut qb, s, view);
            &mut qb
        }
        Walk::Newest | Walk::Oldest | Walk::Relevance => &mut qb,
    };
    if let Some(c) = after {
        let resume_key = if walk == Walk::Undated { -c.key } else { c.key };
        let cmp = if ascending { ">" } else { "<" };
        qb.push(format!(" AND ({key}, c.id) {cmp} ("))
            .push_bind(resume_key)
            .push(", ")
            .push_bind(c.id)
            .push(")");
    }
    let dir = if ascending { "ASC" } else { "DESC" };
    qb.push(format!(" ORDER BY {key} {dir}, c.id {dir} LIMIT "))
        .push_bind(i64::from(limit));
    qb
}

/// The reporter and title of one complaint, for finding its likely duplicates.
pub(crate) async fn duplicate_keys(
    pool: &P,
    id: ComplaintId,
) -> Res<Option<(Vec<String>, String)>> {
    let row = sqlx::query_as::<_, DuplicateKeysRecord>(
        "SELECT r.phone AS reporter_phone, r.email AS reporter_email, r.nik AS reporter_nik, c.judul \
         FROM complaint c LEFT JOIN reporter r ON r.complaint_id = c.id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|r| {
        let keys = [r.reporter_phone, r.reporter_email, r.reporter_nik]
            .into_iter()
            .flatten()
            .filter(|v| !v.trim().is_empty())
            .collect();
        (keys, r.judul)
    }))
}

/// Open complaints in scope that share the reporter (phone, e-mail or NIK) or any of `words` in
/// their text: candidates for a merge, the best text matches first whatever their age (an exact
/// duplicate of last year must not be cut for this week's reports that share one word), at most
/// `SIMILAR_CANDIDATES`. The caller ranks them.
pub(crate) async fn similar_rows(
    pool: &P,
    s: &Scope,
    id: ComplaintId,
    reporter: &[String],
    words: &[String],
    limit: u32,
) -> Res<Vec<RowWithKey>> {
    // SQLite: the best 200 full-text matches, with their rank, joined once; PostgreSQL ranks each
    // match of the query. Both match the words' stems, as the index holds them.
    let words: Vec<String> = words
        .iter()
        .map(|w| stem::stem_text(w))
        .filter(|w| !w.is_empty())
        .collect();
    let words = words.as_slice();
    let fts_query = words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" OR ");
    let ts_query = words
        .iter()
        .map(|w| format!("'{}'", w.replace(['\'', '\\'], "")))
        .collect::<Vec<_>>()
        .join(" | ");
    let mut qb = QueryBuilder::<Db>::new(
        "SELECT c.id, c.status, c.klasifikasi, c.channel, c.judul, c.instansi_id, a.username AS assignee, c.received_at, \
           c.clock_kind, c.clock_started_at, c.clock_days, c.clock_paused, c.clock_breached_at, c.escalated_to, c.version, c.received_at AS sort_key \
         FROM complaint c LEFT JOIN officer a ON a.id = c.assignee_id",
    );
    let ranked = IS_SQLITE && !words.is_empty();
    if ranked {
        qb.push(
            " LEFT JOIN (SELECT rowid AS fid, rank AS frank FROM complaint_fts WHERE complaint_fts MATCH ",
        )
        .push_bind(fts_query.clone())
        .push(" ORDER BY rank LIMIT 200) f ON f.fid = c.id");
    }
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
    if ranked {
        qb.push(" OR f.fid IS NOT NULL");
    } else if !words.is_empty() {
        qb.push(" OR c.search @@ to_tsquery('simple', ")
            .push_bind(ts_query.clone())
            .push(")");
    }
    qb.push(")");
    if words.is_empty() {
        qb.push(" ORDER BY c.received_at DESC, c.id DESC");
    } else if ranked {
        qb.push(" ORDER BY f.frank IS NULL, f.frank, c.received_at DESC, c.id DESC");
    } else {
        qb.push(" ORDER BY ts_rank(c.search, to_tsquery('simple', ")
            .push_bind(ts_query)
            .push(")) DESC, c.received_at DESC, c.id DESC");
    }
    qb.push(" LIMIT ")
        .push_bind(i64::from(SIMILAR_CANDIDATES.max(limit)));
    let rows = qb.build_query_as::<QueueRecord>().fetch_all(pool).await?;
    into_rows(rows)
}

/// How many candidates the merge suggestions rank.
pub(crate) const SIMILAR_CANDIDATES: u32 = 400;

/// Complaints filed by the same reporter (any of these phone numbers, e-mails or NIKs).
pub(crate) async fn same_reporter(pool: &P, keys: &[String]) -> Res<Vec<ComplaintId>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let mut qb = QueryBuilder::<Db>::new("SELECT complaint_id FROM reporter WHERE 1 = 0");
    for key in keys {
        qb.push(" OR phone = ").push_bind(key.as_str());
        qb.push(" OR email = ").push_bind(key.as_str());
        qb.push(" OR nik = ").push_bind(key.as_str());
    }
    qb.push(" LIMIT 10000");
    qb.build_query_scalar::<i64>().fetch_all(pool).await
}

/// SQLite's planner, left alone, sorts every row of a status or subtree to return fifty, and
/// counts by reading rows an index could answer. These hints name the index that answers each
/// query from the index alone: newest-first pages walk the covering received_at index backwards
/// and stop at the page's end; overdue filters and counts start from the breach index; counts in a
/// subtree read the (path, status, assignee) index. PostgreSQL plans these well on its own.
/// The names come from the one list of indexes (`store::indexes`); `INDEXED BY` is a hard error
/// when the index is missing, which is why opening a database restores or checks them.
pub(crate) fn sqlite_index_hint(
    s: &Scope,
    view: View,
    walk: Option<Walk>,
) -> Option<&'static str> {
    use crate::store::indexes::{
        COMPLAINT_BREACH, COMPLAINT_ESCALATED, COMPLAINT_ESCALATED_DUE, COMPLAINT_PATH_FILTER,
        COMPLAINT_PATH_STATUS, COMPLAINT_RECV, COMPLAINT_STATUS_BREACH,
    };
    if !IS_SQLITE || walk == Some(Walk::Relevance) {
        return None;
    }
    // Beyond the ranked window is the date walk's tail, by the same index.
    let walk = walk.map(|w| if w == Walk::Beyond { Walk::Newest } else { w });
    let broad = matches!(view, View::Masuk | View::Tim | View::Semua);
    // A subtree (the actor's, or an `instansi:` filter's) whose rows a filter tests beyond status
    // and assignee: its entries in the subtree filter index answer the test, where walking the
    // nation's dates read each candidate's row (a kota's `klasifikasi:aspirasi`, 177 ms).
    let subtree = s.path_range.is_some() || s.filter_path_range.is_some();
    let subtree_filter = broad && subtree && tests_row_columns(s);
    // The nation's escalated reports (`eskalasi`, some 5,500 of a million): from their own
    // indexes, where walking the nation's clocks read each row until fifty were escalated (72
    // ms): by due time in order, else all of them sorted.
    let escalated = broad && !subtree && s.filter.escalated;
    match (walk, view) {
        (Some(Walk::Due), _) if escalated => Some(COMPLAINT_ESCALATED_DUE),
        (_, _) if escalated => Some(COMPLAINT_ESCALATED),
        (None, View::Terlambat) => Some(COMPLAINT_BREACH),
        (None, _) if broad && s.filter.overdue => Some(COMPLAINT_BREACH),
        (None, _) if subtree_filter => Some(COMPLAINT_PATH_FILTER),
        (None, _) if broad && s.path_range.is_some() => Some(COMPLAINT_PATH_STATUS),
        // The nation's unassigned (`petugas:-`) counted from the path index alone, which holds
        // status and assignee: left to the planner, Tim's count walked the status index and read
        // each of 257,000 rows for its assignee (1.3-4.2 s at a million reports, 18 s cold;
        // 82-96 ms on the index).
        (None, _)
            if broad
                && matches!(s.assignee(), Some(AssigneeFilter::Nobody))
                && !tests_row_columns(s)
                && s.filter.search_words().is_empty() =>
        {
            Some(COMPLAINT_PATH_STATUS)
        }
        (None, _) => None,
        // By due time, the breach index answers in order. In a subtree the subtree's entries,
        // then a sort, read fewer than walking the nation's clocks; said, not left to the
        // planner, whose sampled statistics take `status IN (...)` for rare and walked the status
        // index (a kota's first page of Tim took 2.4 s at a million reports, 0.2 s on the path
        // index, 25 ms on the filter index, which also holds the due time).
        (Some(Walk::Due), View::Terlambat) => Some(COMPLAINT_BREACH),
        (Some(Walk::Due), _) if broad && subtree && !s.filter.overdue => {
            Some(COMPLAINT_PATH_FILTER)
        }
        // One status asked for: its own clocks in due order, not the nation's until fifty match.
        (Some(Walk::Due), _)
            if broad
                && s.path_range.is_none()
                && s.filter.assignee.is_none()
                && !s.filter.overdue
                && s.filter.statuses.len() == 1 =>
        {
            Some(COMPLAINT_STATUS_BREACH)
        }
        (Some(Walk::Due), _) if broad && s.path_range.is_none() && s.filter.assignee.is_none() => {
            Some(COMPLAINT_BREACH)
        }
        (Some(Walk::Due), _) => None,
        (Some(_), View::Terlambat) => Some(COMPLAINT_BREACH),
        (Some(_), _) if broad && s.filter.overdue => Some(COMPLAINT_BREACH),
        (Some(_), _) if subtree_filter => Some(COMPLAINT_PATH_FILTER),
        (Some(_), _) if broad && s.filter.assignee.is_none() => Some(COMPLAINT_RECV),
        (Some(_), _) => None,
    }
}

/// Whether the scope's filter tests a column that only the report's row (or the subtree filter
/// index) holds: not status or assignee, which the path and date indexes carry.
fn tests_row_columns(s: &Scope) -> bool {
    let f = &s.filter;
    !f.klasifikasi.is_empty()
        || !f.not_klasifikasi.is_empty()
        || !f.channels.is_empty()
        || !f.not_channels.is_empty()
        || !f.tags.is_empty()
        || f.anonim
        || f.rahasia
        || f.escalated
        || f.due.is_some()
        || s.filter_categories.is_some()
        || !s.hidden_classes.is_empty()
}

fn indexed_by(hint: Option<&str>) -> String {
    hint.map(|name| format!(" INDEXED BY {name}"))
        .unwrap_or_default()
}

pub(crate) async fn count_rows(pool: &P, s: &Scope, view: View, cap: Option<i64>) -> Res<i64> {
    if let Some(sums) = SumsCount::of(s, view) {
        // Exact at the cost of a capped count: the capped figure is what a capped walk would
        // have said, so that a caller asking for the cap sees the same either way.
        let n = count_from_sums(pool, s, &sums).await?;
        return Ok(cap.map_or(n, |cap| n.min(cap.saturating_add(1))));
    }
    let check = word_check(pool, s, view).await?;
    count_query("", s, view, cap, check)
        .build_query_scalar::<i64>()
        .fetch_one(pool)
        .await
}

/// The count of a view, after `prefix` (as `list_query`); with `cap`, of at most `cap + 1` rows
/// (the database stops reading there); the filter's words checked as `check` says.
pub(crate) fn count_query(
    prefix: &str,
    s: &Scope,
    view: View,
    cap: Option<i64>,
    check: WordCheck,
) -> QueryBuilder<Db> {
    let hint = indexed_by(sqlite_index_hint(s, view, None));
    let mut qb = QueryBuilder::<Db>::new(match cap {
        None => format!("{prefix}SELECT COUNT(*) FROM complaint c{hint}"),
        Some(_) => format!("{prefix}SELECT COUNT(*) FROM (SELECT 1 FROM complaint c{hint}"),
    });
    push_conditions_checking(&mut qb, s, view, check);
    if let Some(cap) = cap {
        qb.push(" LIMIT ")
            .push_bind(cap.saturating_add(1))
            .push(") capped");
    }
    qb
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
