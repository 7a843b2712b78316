// The stemmed words of reports written before migration 0010, which a migration could not write
// (stemming is Rust). Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose
// imports it shares.

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
