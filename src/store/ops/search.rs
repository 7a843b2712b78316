// Search: the filter's words in a query (matched, ranked, checked row by row), and the stemmed
// words of reports written before migration 0010, which a migration could not write (stemming is
// Rust). Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs and lists.rs, whose
// imports and conditions it shares.

use crate::store::RANK_WINDOW;

/// How a query on SQLite checks the filter's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum WordCheck {
    /// Every match of the words read once from the full-text index (`c.id IN (...)`): a few
    /// tenths of a microsecond a match, paid for every match in the nation (173,429 for `jalan`
    /// at a million reports: 70-450 ms, whatever the view).
    Matches,
    /// The full-text index asked about each row of the view in turn (`EXISTS (... rowid =
    /// c.id)`): about 30 microseconds a row, paid for the view's rows only.
    EachRow,
    /// The words left out (how many rows the view has without them).
    Left,
}

/// A view of at most this many rows without its words has each row checked
/// (`WordCheck::EachRow`): at most about 30 ms, where reading every match of a common word costs
/// more (Saya or Eskalasi with `jalan` at a million reports took 0.45 s).
const EACH_ROW_CHECKS_UP_TO: i64 = 1000;

/// How a count of `view` should check the filter's words: row by row when the view without them
/// is small (`EACH_ROW_CHECKS_UP_TO`, found by a count that stops there), else from every match.
/// PostgreSQL plans this itself (a bitmap of the word's matches, or a filter per row).
pub(crate) async fn word_check(pool: &P, s: &Scope, view: View) -> Res<WordCheck> {
    if !IS_SQLITE || s.filter.search_words().is_empty() {
        return Ok(WordCheck::Matches);
    }
    let rows: i64 = count_query("", s, view, Some(EACH_ROW_CHECKS_UP_TO), WordCheck::Left)
        .build_query_scalar()
        .fetch_one(pool)
        .await?;
    Ok(if rows <= EACH_ROW_CHECKS_UP_TO {
        WordCheck::EachRow
    } else {
        WordCheck::Matches
    })
}


/// The filter's words and phrases, stemmed as the index holds them (`Filter::search_words`): on
/// SQLite one FTS5 query of quoted phrases, all of which must match; on PostgreSQL one phrase
/// query per term. Stemmed words are letters and digits only, so no user text is read as query
/// syntax on either.
fn push_words(qb: &mut QueryBuilder<Db>, words: &[String], check: WordCheck) {
    if words.is_empty() || check == WordCheck::Left {
        return;
    }
    if IS_SQLITE && check == WordCheck::EachRow {
        qb.push(" AND EXISTS (SELECT 1 FROM complaint_fts WHERE complaint_fts MATCH ")
            .push_bind(fts_phrases(words))
            .push(" AND rowid = c.id)");
    } else if IS_SQLITE {
        qb.push(" AND c.id IN (SELECT rowid FROM complaint_fts WHERE complaint_fts MATCH ")
            .push_bind(fts_phrases(words))
            .push(")");
    } else {
        qb.push(" AND c.search @@ (");
        push_tsquery(qb, words);
        qb.push(")");
    }
}

/// The FTS5 query that every one of `words` (stemmed phrases) matches.
fn fts_phrases(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// PostgreSQL's query that every one of `words` (stemmed phrases) matches, read by the 'simple'
/// configuration as the index was.
fn push_tsquery(qb: &mut QueryBuilder<Db>, words: &[String]) {
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            qb.push(" && ");
        }
        qb.push("phraseto_tsquery('simple', ")
            .push_bind(w.clone())
            .push(")");
    }
}

/// How much more a word in the title counts than one in the body, on SQLite (bm25's column
/// weight); PostgreSQL weighs the title's words A against the body's D (ts_rank's 1.0 to 0.1).
const TITLE_WEIGHT: &str = "4.0";

/// The view's newest `RANK_WINDOW` matches, newest first: `SELECT {select} FROM complaint c ...`,
/// the same walk as a page of them by date (`Walk::Newest`, with its index), longer.
pub(crate) fn push_window(qb: &mut QueryBuilder<Db>, select: &str, s: &Scope, view: View) {
    let hint = indexed_by(sqlite_index_hint(s, view, Some(Walk::Newest)));
    qb.push(format!("SELECT {select} FROM complaint c{hint}"));
    push_conditions(qb, s, view);
    qb.push(" ORDER BY c.received_at DESC, c.id DESC LIMIT ")
        .push_bind(RANK_WINDOW);
}

/// A page of the window's matches, best first (`Walk::Relevance`): the score is the sort key,
/// computed for the window's rows alone.
fn ranked_query(
    prefix: &str,
    s: &Scope,
    view: View,
    words: &[String],
    after: Option<Cursor>,
    limit: u32,
) -> QueryBuilder<Db> {
    const COLUMNS: &str = "c.id, c.status, c.klasifikasi, c.channel, c.judul, c.instansi_id, a.username AS assignee, c.received_at, \
           c.clock_kind, c.clock_started_at, c.clock_days, c.clock_paused, c.clock_breached_at, c.escalated_to, c.version, w.score AS sort_key";
    let mut qb = QueryBuilder::<Db>::new(format!("{prefix}SELECT {COLUMNS} FROM ("));
    if IS_SQLITE {
        // bm25 is lower for a better match; only FTS5's own query can compute it. Its matches
        // are read in order and each tested against the window (`+` keeps that test off the
        // index, which would run the query once per row of the window).
        qb.push(format!(
            "SELECT rowid AS fid, CAST(round(bm25(complaint_fts, {TITLE_WEIGHT}, 1.0) * 1000000) AS INTEGER) AS score \
             FROM complaint_fts WHERE complaint_fts MATCH "
        ))
        .push_bind(fts_phrases(words))
        .push(" AND +rowid IN (");
        push_window(&mut qb, "c.id", s, view);
        qb.push(")) w JOIN complaint c ON c.id = w.fid");
    } else {
        push_window(&mut qb, "c.id AS fid", s, view);
        qb.push(") m JOIN complaint c ON c.id = m.fid CROSS JOIN LATERAL (SELECT CAST(-round(CAST(ts_rank(c.search, ");
        push_tsquery(&mut qb, words);
        qb.push(") AS DOUBLE PRECISION) * 1000000) AS BIGINT) AS score) w");
    }
    qb.push(" LEFT JOIN officer a ON a.id = c.assignee_id WHERE 1 = 1");
    if let Some(c) = after {
        qb.push(" AND (w.score, c.id) > (")
            .push_bind(c.key)
            .push(", ")
            .push_bind(c.id)
            .push(")");
    }
    qb.push(" ORDER BY w.score, c.id LIMIT ")
        .push_bind(i64::from(limit));
    qb
}

/// The condition of the matches older than the window (`Walk::Beyond`): before its oldest (none
/// when the window holds every match).
pub(crate) fn push_beyond_window(qb: &mut QueryBuilder<Db>, s: &Scope, view: View) {
    qb.push(" AND (c.received_at, c.id) < (SELECT e.received_at, e.id FROM (");
    push_window(qb, "c.received_at, c.id", s, view);
    qb.push(") e ORDER BY e.received_at, e.id LIMIT 1)");
}

/// Whether migration 0010 left the words of the reports already there to write.
pub(crate) async fn search_words_pending(pool: &P) -> Res<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM meja_meta WHERE key = 'search_words'")
        .fetch_one(pool)
        .await?;
    Ok(n > 0)
}

/// Writes the words of up to `limit` reports after `after`, in one transaction; returns the last
/// id written and how many, None when there were none left.
pub(crate) async fn search_words_batch(pool: &P, after: i64, limit: i64) -> Res<Option<(i64, u64)>> {
    let mut tx = begin_write(pool).await?;
    let rows: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT id, judul, isi FROM complaint WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(after)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?;
    for (id, judul, isi) in &rows {
        sqlx::query("UPDATE complaint SET search_judul = $1, search_isi = $2 WHERE id = $3")
            .bind(stem::stem_text(judul))
            .bind(stem::stem_text(isi))
            .bind(*id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(rows.last().map(|r| (r.0, rows.len() as u64)))
}

/// Removes the mark: every report has its words.
pub(crate) async fn search_words_done(pool: &P) -> Res<()> {
    sqlx::query("DELETE FROM meja_meta WHERE key = 'search_words'")
        .execute(pool)
        .await?;
    Ok(())
}
