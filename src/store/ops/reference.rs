// The reference data: the instansi tree, days off, categories, officers and reply templates.
// Included by `on_sqlite` and `on_postgres` (mod.rs) after common.rs, whose imports it shares.

/// The columns of each reference table in the reference document, in the order its rows hold
/// them. Booleans are written as 0 or 1 (`CASE`), as both backends' JSON then agree. PostgreSQL's
/// copy of this statement is `meja_reference_document()` (migration 0016), which must agree.
const REFERENCE_DOCUMENT_SQLITE: &str = "'{\"instansi\":' || (SELECT json_group_array(json_array(\
     id, parent_id, code, name, kind, zone, path, verify_days, follow_up_days, close_days, \
     CASE WHEN requires_approval THEN 1 ELSE 0 END, CASE WHEN auto_escalate THEN 1 ELSE 0 END)) \
     FROM (SELECT * FROM instansi ORDER BY path)) \
     || ',\"aliases\":' || (SELECT json_group_array(json_array(instansi_id, alias)) FROM instansi_alias) \
     || ',\"holidays\":' || (SELECT json_group_array(json_array(day, instansi_id, kind, name, decree)) FROM (SELECT * FROM holiday ORDER BY day, instansi_id)) \
     || ',\"categories\":' || (SELECT json_group_array(json_array(id, parent_id, name)) FROM category) \
     || '}'";

/// The reference data as stored in `reference_document` (migration 0016).
#[derive(serde::Deserialize)]
struct ReferenceDocument<'a> {
    #[serde(borrow)]
    instansi: Vec<InstansiRow<&'a str>>,
    /// Left as written, to be read when a name is matched (`Reference::aliases`).
    #[serde(borrow)]
    aliases: &'a serde_json::value::RawValue,
    holidays: Vec<(String, i64, String, String, String)>,
    categories: Vec<(i64, Option<i64>, String)>,
}

/// The instansi tree, its aliases, the days off and the categories, from the one document kept
/// of them (migration 0016): every command reads them before its query, and aggregating the four
/// tables cost it 5-7 ms on SQLite and 15-25 ms on PostgreSQL, where reading the document costs
/// well under one. A stale document (a reference table changed since it was built) is built
/// again: on PostgreSQL by `meja_reference_document()`, on SQLite here.
pub(crate) async fn load_reference(pool: &P) -> Res<crate::store::ReferenceTables> {
    let document = if IS_SQLITE {
        sqlite_reference_document(pool).await?
    } else {
        sqlx::query_scalar("SELECT meja_reference_document()")
            .fetch_one(pool)
            .await?
    };
    let read: ReferenceDocument = serde_json::from_str(&document).map_err(|e| {
        sqlx::Error::Decode(format!("reading the reference document: {e}").into())
    })?;
    let mut instansi = read
        .instansi
        .into_iter()
        .map(into_instansi)
        .collect::<Res<Vec<Instansi>>>()?;
    // In path order, as SQL's ORDER BY path would give it (byte order, the "C" collation). The
    // SQLite document is built in that order already, and a sort of sorted rows is one pass (at
    // 3,489 instansi the sort was 1.9M of a command's 54M instructions); a document stored
    // before it was, or PostgreSQL's, is sorted here.
    instansi.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    let mut days = read.holidays;
    days.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let holidays = days
        .into_iter()
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
        .collect::<Res<Vec<Holiday>>>()?;
    let mut categories = read.categories;
    categories.sort_unstable_by_key(|r| r.0);
    let categories = categories
        .into_iter()
        .map(|(id, parent_id, name)| {
            Category::from(CategoryRecord {
                id,
                parent_id,
                name,
            })
        })
        .collect();
    Ok(crate::store::ReferenceTables {
        instansi,
        holidays,
        categories,
        aliases_json: read.aliases.get().to_string(),
    })
}

/// SQLite's reference document: the one kept while its stamp is current, else built from the
/// tables in one statement (one snapshot) and stored with the stamp it read, unless a writer moved
/// the stamp meanwhile. Storing is a cache's write: a read-only connection, or a writer holding
/// the lock (an import), leaves the document to the next reader rather than make this one wait.
async fn sqlite_reference_document(pool: &P) -> Res<String> {
    let mut conn = pool.acquire().await?;
    let (stamp, built_from, kept): (i64, Option<i64>, Option<String>) =
        sqlx::query_as("SELECT stamp, built_from, document FROM reference_document WHERE id = 1")
            .fetch_one(&mut *conn)
            .await?;
    if let Some(document) = kept.filter(|_| built_from == Some(stamp)) {
        return Ok(document);
    }
    let (read_at, built): (i64, String) = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT stamp, {REFERENCE_DOCUMENT_SQLITE} FROM reference_document WHERE id = 1"
    )))
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("PRAGMA busy_timeout = 0")
        .execute(&mut *conn)
        .await?;
    // Failing to store (read-only, busy) costs the next reader a rebuild, nothing more.
    let _stored = sqlx::query(
        "UPDATE reference_document SET document = $1, built_from = $2 WHERE id = 1 AND stamp = $2",
    )
    .bind(&built)
    .bind(read_at)
    .execute(&mut *conn)
    .await;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "PRAGMA busy_timeout = {}",
        crate::store::open::SQLITE_BUSY_WAIT.as_millis()
    )))
    .execute(&mut *conn)
    .await?;
    Ok(built)
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
/// An officer's open reports, in the words of the index that counts them
/// (`complaint_open_load`, migration 0017): both backends use a partial index only when the query
/// says what its predicate says. Finished reports have no running clock, so the overdue count
/// reads the same entries.
const OPEN_LOAD: &str = "c.status NOT IN ('selesai', 'diarsipkan')";

pub(crate) fn officer_loads_sql() -> String {
    format!(
        "SELECT {OFFICER_COLUMNS}, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND {OPEN_LOAD}) AS open, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND {OPEN_LOAD} AND c.breach_at < $3) AS overdue \
         FROM officer o JOIN instansi i ON i.id = o.instansi_id \
         WHERE i.path >= $1 AND i.path < $2 ORDER BY i.path, o.username"
    )
}

/// The officers of the instansi at `paths` with their open and overdue load (`now_ms`): the assign
/// picker's, whose candidates can only be officers above or at the reports' instansi.
fn officer_loads_at_query(paths: &[String], now_ms: i64) -> QueryBuilder<Db> {
    let mut qb = QueryBuilder::<Db>::new(format!(
        "SELECT {OFFICER_COLUMNS}, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND {OPEN_LOAD}) AS open, \
           (SELECT COUNT(*) FROM complaint c WHERE c.assignee_id = o.id AND {OPEN_LOAD} AND c.breach_at < "
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
