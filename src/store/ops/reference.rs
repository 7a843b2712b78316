// The reference data: the instansi tree, days off, categories, officers and reply templates.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

/// Every row of a reference table as one JSON document of arrays (`columns`, in order), read
/// in one row and parsed here. Every command reads the whole instansi tree and its aliases
/// (3,489 and 3,446 rows in the seed) before its query; on SQLite the driver hands each row
/// from its worker thread to the runtime, which cost more than the rest of the command
/// (10-30 ms, against about 2 ms as one document). Booleans are written as 0 or 1 by the
/// caller (`CASE`), as both backends' JSON then agree.
async fn load_reference_rows<T: serde::de::DeserializeOwned>(
    pool: &P,
    columns: &str,
    table: &str,
) -> Res<Vec<T>> {
    let sql = if IS_SQLITE {
        format!("SELECT COALESCE(json_group_array(json_array({columns})), '[]') FROM {table}")
    } else {
        format!("SELECT COALESCE(json_agg(json_build_array({columns})), '[]')::text FROM {table}")
    };
    let document: String = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool)
        .await?;
    serde_json::from_str(&document).map_err(|e| {
        sqlx::Error::Decode(format!("reading the {table} table as one document: {e}").into())
    })
}

pub(crate) async fn load_instansi(pool: &P) -> Res<Vec<Instansi>> {
    let mut tree = load_reference_rows::<InstansiColumns>(
        pool,
        "id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days, close_days, \
         CASE WHEN requires_approval THEN 1 ELSE 0 END, CASE WHEN auto_escalate THEN 1 ELSE 0 END",
        "instansi",
    )
    .await?
    .into_iter()
    .map(into_instansi)
    .collect::<Res<Vec<Instansi>>>()?;
    // In path order, as SQL's ORDER BY path would give it (byte order, the "C" collation).
    tree.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(tree)
}

pub(crate) async fn load_holidays(pool: &P) -> Res<Vec<Holiday>> {
    let mut days = load_reference_rows::<(String, i64, String, String, String)>(
        pool,
        "day, instansi_id, kind, name, decree",
        "holiday",
    )
    .await?;
    days.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    days.into_iter()
        .map(|(day, instansi_id, kind, name, decree)| {
            HolidayRecord {
                day,
                instansi_id,
                kind,
                name,
                decree,
            }
            .into_holiday()
        })
        .collect()
}

pub(crate) async fn load_categories(pool: &P) -> Res<Vec<Category>> {
    let mut rows =
        load_reference_rows::<(i64, Option<i64>, String)>(pool, "id, parent_id, name", "category")
            .await?;
    rows.sort_unstable_by_key(|r| r.0);
    Ok(rows
        .into_iter()
        .map(|(id, parent_id, name)| {
            Category::from(CategoryRecord {
                id,
                parent_id,
                name,
            })
        })
        .collect())
}

pub(crate) async fn upsert_holiday(pool: &P, h: &Holiday) -> Res<()> {
    sqlx::query(
        "INSERT INTO holiday (day, instansi_id, kind, name, decree) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (day, instansi_id) DO UPDATE SET kind = excluded.kind, name = excluded.name, decree = excluded.decree",
    )
    .bind(h.date.to_string())
    .bind(h.instansi_id.unwrap_or(0))
    .bind(h.kind.as_code())
    .bind(&h.name)
    .bind(&h.decree)
    .execute(pool)
    .await?;
    Ok(())
}

/// Deletes the day off of one instansi (None: of the national calendar).
pub(crate) async fn delete_holiday(
    pool: &P,
    date: chrono::NaiveDate,
    instansi: Option<InstansiId>,
) -> Res<bool> {
    let r = sqlx::query("DELETE FROM holiday WHERE day = $1 AND instansi_id = $2")
        .bind(date.to_string())
        .bind(instansi.unwrap_or(0))
        .execute(pool)
        .await?;
    Ok(r.rows_affected() > 0)
}

const OFFICER_COLUMNS: &str = "o.id, o.username, o.name, o.role, o.instansi_id, o.active, \
     i.name AS instansi_name, i.path AS instansi_path";

pub(crate) async fn officer_by_username(pool: &P, username: &str) -> Res<Option<Officer>> {
    let sql = format!(
        "SELECT {OFFICER_COLUMNS} FROM officer o JOIN instansi i ON i.id = o.instansi_id WHERE o.username = $1"
    );
    let row = sqlx::query_as::<_, OfficerRecord>(sqlx::AssertSqlSafe(sql))
        .bind(username)
        .fetch_optional(pool)
        .await?;
    row.map(OfficerRecord::into_officer).transpose()
}

/// The officers of the subtree at $1 (to $2) with their open and overdue ($3: now) load.
pub(crate) fn officer_loads_sql() -> String {
    format!(
        "SELECT {OFFICER_COLUMNS}, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.status NOT IN ('selesai', 'diarsipkan')) AS open, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.breach_at < $3) AS overdue \
         FROM officer o JOIN instansi i ON i.id = o.instansi_id \
         WHERE i.path >= $1 AND i.path < $2 ORDER BY i.path, o.username"
    )
}

/// The officers of the instansi at `paths` with their open and overdue load (`now_ms`): the assign
/// picker's, whose candidates can only be officers above or at the reports' instansi.
fn officer_loads_at_query(paths: &[String], now_ms: i64) -> QueryBuilder<Db> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT {OFFICER_COLUMNS}, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.status NOT IN ('selesai', 'diarsipkan')) AS open, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND c.breach_at < "
    ));
    qb.push_bind(now_ms)
        .push(") AS overdue FROM officer o JOIN instansi i ON i.id = o.instansi_id WHERE i.path IN (");
    let mut sep = qb.separated(", ");
    for path in paths {
        sep.push_bind(path.clone());
    }
    qb.push(") ORDER BY i.path, o.username");
    qb
}

pub(crate) async fn officer_loads_at(
    pool: &P,
    paths: &[String],
    now_ms: i64,
) -> Res<Vec<OfficerLoad>> {
    if paths.is_empty() {
        return Ok(Vec::new());
    }
    officer_loads_at_query(paths, now_ms)
        .build_query_as::<OfficerLoadRecord>()
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(OfficerLoadRecord::into_load)
        .collect()
}

/// `officer_loads_at`'s statement run bare (benches).
pub(crate) async fn officer_loads_at_bare(pool: &P, paths: &[String], now_ms: i64) -> Res<usize> {
    if paths.is_empty() {
        return Ok(0);
    }
    Ok(officer_loads_at_query(paths, now_ms)
        .build()
        .fetch_all(pool)
        .await?
        .len())
}

/// `officer_loads`' statement run bare: each row fetched undecoded (benches).
pub(crate) async fn officer_loads_bare(pool: &P, scope: &str, now_ms: i64) -> Res<usize> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(officer_loads_sql()))
        .bind(scope)
        .bind(crate::store::subtree_end(scope))
        .bind(now_ms)
        .fetch_all(pool)
        .await?;
    Ok(rows.len())
}

pub(crate) async fn officer_loads(pool: &P, scope: &str, now_ms: i64) -> Res<Vec<OfficerLoad>> {
    sqlx::query_as::<_, OfficerLoadRecord>(sqlx::AssertSqlSafe(officer_loads_sql()))
        .bind(scope)
        .bind(crate::store::subtree_end(scope))
        .bind(now_ms)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(OfficerLoadRecord::into_load)
        .collect()
}

pub(crate) async fn insert_officer(
    pool: &P,
    username: &str,
    name: &str,
    role: Role,
    instansi_id: InstansiId,
    now_ms: i64,
) -> Res<()> {
    sqlx::query("INSERT INTO officer (username, name, role, instansi_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(username)
        .bind(name)
        .bind(role.as_code())
        .bind(instansi_id)
        .bind(true)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn officer_count(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM officer")
        .fetch_one(pool)
        .await
}

pub(crate) async fn update_officer_active(pool: &P, id: OfficerId, active: bool) -> Res<()> {
    sqlx::query("UPDATE officer SET active = $1 WHERE id = $2")
        .bind(active)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn load_templates(pool: &P) -> Res<Vec<Template>> {
    let rows = sqlx::query_as::<_, TemplateRecord>(
        "SELECT name, status, body FROM template ORDER BY name",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Template::from).collect())
}

pub(crate) async fn upsert_template(pool: &P, t: &Template) -> Res<()> {
    sqlx::query("INSERT INTO template (name, status, body) VALUES ($1, $2, $3) ON CONFLICT (name) DO UPDATE SET status = excluded.status, body = excluded.body")
        .bind(&t.name)
        .bind(t.status.map(|s| s.as_code()))
        .bind(&t.body)
        .execute(pool)
        .await?;
    Ok(())
}

pub(crate) async fn delete_template(pool: &P, name: &str) -> Res<bool> {
    let r = sqlx::query("DELETE FROM template WHERE name = $1")
        .bind(name)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() > 0)
}

pub(crate) async fn next_instansi_id(pool: &P) -> Res<i64> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM instansi")
        .fetch_one(pool)
        .await
}

/// One node of the instansi tree; also used by the seed inside its bulk transaction.
pub(crate) async fn insert_instansi<'e>(
    ex: impl sqlx::Executor<'e, Database = Db>,
    i: &Instansi,
) -> Res<()> {
    sqlx::query(
        "INSERT INTO instansi (id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days, close_days, \
           requires_approval, auto_escalate) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(i.id)
    .bind(i.parent_id)
    .bind(&i.code)
    .bind(&i.name)
    .bind(i.kind.as_code())
    .bind(i.zone.as_code())
    .bind(&i.path)
    .bind(i.deadlines.verify_days as i32)
    .bind(i.deadlines.follow_up_days as i32)
    .bind(i.deadlines.close_days as i32)
    .bind(i.requires_approval)
    .bind(i.auto_escalate)
    .execute(ex)
    .await?;
    Ok(())
}

/// Every instansi's other names (`instansi_alias`), for the matcher.
pub(crate) async fn load_aliases(pool: &P) -> Res<Vec<(InstansiId, String)>> {
    let mut aliases =
        load_reference_rows::<(i64, String)>(pool, "instansi_id, alias", "instansi_alias").await?;
    aliases.sort_unstable();
    Ok(aliases)
}

/// Adds an alias; false when the instansi had it already.
pub(crate) async fn insert_alias<'e>(
    ex: impl sqlx::Executor<'e, Database = Db>,
    instansi: InstansiId,
    alias: &str,
) -> Res<bool> {
    let r = sqlx::query(
        "INSERT INTO instansi_alias (instansi_id, alias) VALUES ($1, $2) \
         ON CONFLICT (instansi_id, alias) DO NOTHING",
    )
    .bind(instansi)
    .bind(alias)
    .execute(ex)
    .await?;
    Ok(r.rows_affected() > 0)
}

/// Removes an alias; false when the instansi had no such alias.
pub(crate) async fn delete_alias(pool: &P, instansi: InstansiId, alias: &str) -> Res<bool> {
    let r = sqlx::query("DELETE FROM instansi_alias WHERE instansi_id = $1 AND alias = $2")
        .bind(instansi)
        .bind(alias)
        .execute(pool)
        .await?;
    Ok(r.rows_affected() > 0)
}
