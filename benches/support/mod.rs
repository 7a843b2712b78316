//! What the benches share: the PostgreSQL database they measure, in a schema of their own.

/// The URL of `MEJA_BENCH_PG` (default the local test server) reaching the schema `schema`,
/// created if missing; None when `MEJA_BENCH_PG=none` leaves PostgreSQL out.
pub async fn pg_schema_url(schema: &str) -> anyhow::Result<Option<String>> {
    let pg = std::env::var("MEJA_BENCH_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    if pg == "none" {
        return Ok(None);
    }
    let admin = sqlx::PgPool::connect(&pg).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "CREATE SCHEMA IF NOT EXISTS {schema}"
    )))
    .execute(&admin)
    .await?;
    admin.close().await;
    let sep = if pg.contains('?') { '&' } else { '?' };
    Ok(Some(format!("{pg}{sep}options=-csearch_path%3D{schema}")))
}
