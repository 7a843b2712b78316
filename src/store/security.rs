//! Who is acting, and the PostgreSQL side of trust: officers' login roles, the group role they
//! belong to, its grants, and the table of legal moves the database re-checks. The policies
//! themselves are in migrations/postgres/0003_security.sql; the README's "Deploying for many
//! instansi" says how a deployment is set up.
//!
//! On SQLite, whoever can write the file can change anything in it: identity there is a
//! convenience (the operating-system account by default, `--as` to pick another), not a
//! protection.

use super::{Backend, Doing, Store, StoreError};
use crate::domain::lifecycle::Actor;
use crate::domain::moves::legal_moves;
use sqlx::PgPool;
use std::sync::Arc;

/// A PostgreSQL identifier, quoted (roles are named after usernames, which we do not control).
pub(crate) fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The group role of a deployment's officers.
pub fn officer_group(deployment: &str) -> String {
    format!("{deployment}_officers")
}

/// The login role of an officer in a deployment. Roles are cluster-wide, so the deployment's name
/// (its database, or its schema when that is not `public`) keeps two deployments apart.
pub fn officer_login(deployment: &str, username: &str) -> String {
    format!("{deployment}.{username}")
}

/// Run by `meja migrate` (the owner) after the migrations: names the deployment, creates the
/// officers' group role, grants it exactly what the policies then narrow down, and writes the legal
/// moves from the domain. Idempotent.
pub(crate) async fn after_migrate(pool: &PgPool) -> Result<(), StoreError> {
    let deployment = deployment(pool).await?;
    let group = officer_group(&deployment);
    let exists: bool =
        sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
            .bind(&group)
            .fetch_one(pool)
            .await
            .doing("setting up the officers' roles and grants")?;
    if !exists {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "CREATE ROLE {} NOLOGIN",
            quote_ident(&group)
        )))
        .execute(pool)
        .await
        .map_err(|e| {
            StoreError::database(
                format!("creating the officers' group role {group} (the role running `meja migrate` needs CREATEROLE)"),
                e,
            )
        })?;
    }
    sqlx::query(
        "INSERT INTO meja_meta (key, value) VALUES ('officer_group', $1) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(&group)
    .execute(pool)
    .await
    .doing("setting up the officers' roles and grants")?;
    let schema: String = sqlx::query_scalar("SELECT current_schema()::text")
        .fetch_one(pool)
        .await
        .doing("setting up the officers' roles and grants")?;
    let g = quote_ident(&group);
    let s = quote_ident(&schema);
    // Officers own nothing and hold no DDL, TRUNCATE or REFERENCES: what they may do is read and
    // write rows, and row-level security decides which.
    let grants = [
        format!("GRANT USAGE ON SCHEMA {s} TO {g}"),
        format!(
            "GRANT SELECT ON instansi, instansi_alias, officer, category, holiday, template, \
             meja_meta, meja_move, meja_move_field, _sqlx_migrations TO {g}"
        ),
        format!("GRANT SELECT, INSERT, UPDATE ON complaint TO {g}"),
        format!("GRANT SELECT, INSERT ON event, reporter, complaint_link TO {g}"),
        // The monev facts follow each officer's moves (policies narrow which, migration 0009); the
        // sums are kept by the database's own triggers and only read.
        format!("GRANT SELECT, INSERT, UPDATE ON monev_fact TO {g}"),
        format!("GRANT SELECT ON monev_tally, monev_handled TO {g}"),
        format!(
            "GRANT SELECT, INSERT, UPDATE, DELETE ON draft, presence, holiday, template TO {g}"
        ),
        format!("GRANT INSERT ON instansi TO {g}"),
        // An alias is added or removed, never edited; the policies say by whom (0011).
        format!("GRANT INSERT, DELETE ON instansi_alias TO {g}"),
        format!("GRANT USAGE ON SEQUENCE complaint_tracking TO {g}"),
        format!("GRANT USAGE ON SEQUENCE {} TO {g}", "event_id_seq"),
    ];
    let mut tx = pool
        .begin()
        .await
        .doing("setting up the officers' roles and grants")?;
    for sql in grants {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await
            .doing("setting up the officers' roles and grants")?;
    }
    let (moves, fields) = legal_moves();
    sqlx::query("DELETE FROM meja_move")
        .execute(&mut *tx)
        .await
        .doing("setting up the officers' roles and grants")?;
    sqlx::query("DELETE FROM meja_move_field")
        .execute(&mut *tx)
        .await
        .doing("setting up the officers' roles and grants")?;
    for m in &moves {
        sqlx::query(
            "INSERT INTO meja_move (kind, from_status, to_status, role) VALUES ($1, $2, $3, $4)",
        )
        .bind(m.kind)
        .bind(m.from.as_code())
        .bind(m.to.as_code())
        .bind(m.role.as_code())
        .execute(&mut *tx)
        .await
        .doing("setting up the officers' roles and grants")?;
    }
    for f in &fields {
        sqlx::query("INSERT INTO meja_move_field (kind, col) VALUES ($1, $2)")
            .bind(f.kind)
            .bind(f.column)
            .execute(&mut *tx)
            .await
            .doing("setting up the officers' roles and grants")?;
    }
    sqlx::query(
        "SELECT setval('complaint_tracking', GREATEST((SELECT MAX(id) FROM complaint), 1000000))",
    )
    .execute(&mut *tx)
    .await
    .doing("setting up the officers' roles and grants")?;
    tx.commit()
        .await
        .doing("setting up the officers' roles and grants")?;
    Ok(())
}

/// The deployment's name: chosen once, at the first migration, from the schema (when it is not
/// `public`) or the database.
async fn deployment(pool: &PgPool) -> Result<String, StoreError> {
    let named: Option<String> =
        sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'deployment'")
            .fetch_optional(pool)
            .await
            .doing("reading the deployment's name")?;
    if let Some(name) = named {
        return Ok(name);
    }
    let name: String = sqlx::query_scalar(
        "SELECT CASE WHEN current_schema() = 'public' THEN current_database()::text ELSE current_schema()::text END",
    )
    .fetch_one(pool)
    .await.doing("reading the deployment's name")?;
    sqlx::query("INSERT INTO meja_meta (key, value) VALUES ('deployment', $1)")
        .bind(&name)
        .execute(pool)
        .await
        .doing("reading the deployment's name")?;
    Ok(name)
}

/// Who the PostgreSQL session is to meja.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionIdentity {
    /// The owner of the tables (it migrated them) or a superuser: may act as any officer.
    Owner { login: String },
    /// An officer's own login.
    Officer { login: String, username: String },
    /// A login that is not an officer of this database.
    Stranger { login: String },
}

impl Store {
    /// Who this connection is (PostgreSQL); None on SQLite, where a file has no logins.
    pub async fn session_identity(&self) -> Result<Option<SessionIdentity>, StoreError> {
        let Backend::Postgres(pool) = &self.backend else {
            return Ok(None);
        };
        // One statement: a command's every round trip to a fresh server process counts.
        let (login, username, owner): (String, Option<String>, Option<bool>) = sqlx::query_as(
            "SELECT current_user::text, m.username, m.owner \
             FROM (SELECT 1) AS one LEFT JOIN meja_me(current_user) m ON TRUE",
        )
        .fetch_one(pool)
        .await
        .doing("finding whom the session signs in as")?;
        let row = username.zip(owner);
        Ok(Some(match row {
            Some((_, true)) => SessionIdentity::Owner { login },
            Some((username, false)) => SessionIdentity::Officer { login, username },
            None => SessionIdentity::Stranger { login },
        }))
    }

    /// Signs in: the officer this process acts as. On SQLite, `requested` (`--as`) or else the
    /// operating-system account. On PostgreSQL, the officer whose login the session is; `--as`
    /// another officer only where the login may become that officer's role (then every connection
    /// does `SET ROLE` and each event records the login that acted), or for the owner, who acts as
    /// any officer and is recorded likewise.
    pub async fn sign_in(
        &mut self,
        requested: Option<&str>,
        os_account: &str,
    ) -> Result<Actor, StoreError> {
        let Some(identity) = self.session_identity().await? else {
            return self.actor(requested.unwrap_or(os_account)).await;
        };
        match identity {
            SessionIdentity::Stranger { login } => Err(StoreError::Denied(format!(
                "the database login '{login}' is not an officer of this meja database: ask an admin to add you (`meja officer add`)"
            ))),
            SessionIdentity::Owner { login } => {
                let username = requested.unwrap_or(os_account);
                let actor = self.actor(username).await?;
                self.impersonator = Some(Arc::from(login.as_str()));
                Ok(actor)
            }
            SessionIdentity::Officer { login, username } => match requested {
                None => self.actor(&username).await,
                Some(asked) if asked == username => self.actor(&username).await,
                Some(asked) => self.impersonate(&login, asked).await,
            },
        }
    }

    /// `--as` by an officer's login: allowed only where PostgreSQL lets the login become the
    /// other officer's role (an admin granted it), never by meja's say-so.
    async fn impersonate(&mut self, login: &str, asked: &str) -> Result<Actor, StoreError> {
        let Backend::Postgres(pool) = &self.backend else {
            return self.actor(asked).await;
        };
        let refused = || {
            StoreError::Denied(format!(
                "--as {asked}: on PostgreSQL you act as the officer whose login you connect with ('{login}'), and this login may not act as another"
            ))
        };
        let target: Option<Option<String>> =
            sqlx::query_scalar("SELECT login FROM officer WHERE username = $1")
                .bind(asked)
                .fetch_optional(pool)
                .await
                .doing("checking that the login may act as the officer")?;
        let Some(Some(role)) = target else {
            return Err(refused());
        };
        let may: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AND pg_has_role(session_user, $1, 'MEMBER')",
        )
        .bind(&role)
        .fetch_one(pool)
        .await.doing("checking that the login may act as the officer")?;
        if !may {
            return Err(refused());
        }
        let options = (*pool.connect_options()).clone();
        let connections = pool.options().get_max_connections();
        let mut store = Store::pg_pool(options, connections, Some(&role), self.pooler).await?;
        store.reference = Arc::clone(&self.reference);
        store.impersonator = Some(Arc::from(login));
        let old = std::mem::replace(self, store);
        old.close().await;
        self.actor(asked).await
    }

    /// Whether this session may run the clocks (the sweep acts as the system): on SQLite anyone
    /// who can write the file; on PostgreSQL the owner only (run `meja sweep` from cron as the
    /// owner; officers' consoles leave the clocks to it).
    pub async fn may_sweep(&self) -> Result<bool, StoreError> {
        Ok(match self.session_identity().await? {
            None => true,
            Some(SessionIdentity::Owner { .. }) => true,
            Some(_) => false,
        })
    }
}

impl Store {
    /// Writes a new officer. On PostgreSQL this goes through `meja_officer_add`, which re-checks
    /// the rule in the database and creates the officer's login role (with `password`, or none for
    /// peer or certificate authentication as the DBA sets up `pg_hba.conf`).
    pub(crate) async fn write_new_officer(
        &self,
        new: &super::NewOfficer,
        instansi_id: crate::domain::InstansiId,
    ) -> Result<(), StoreError> {
        let now = super::ms(chrono::Utc::now());
        let username = new.username.trim();
        match &self.backend {
            Backend::Sqlite(pool) => {
                super::on_sqlite::insert_officer(
                    pool,
                    username,
                    new.name.trim(),
                    new.role,
                    instansi_id,
                    now,
                )
                .await
                .doing("adding the officer")?;
            }
            Backend::Postgres(pool) => {
                let deployment: String =
                    sqlx::query_scalar("SELECT value FROM meja_meta WHERE key = 'deployment'")
                        .fetch_one(pool)
                        .await
                        .doing("adding the officer")?;
                let login = officer_login(&deployment, username);
                if login.len() > 63 {
                    return Err(StoreError::Invalid(format!(
                        "the login role '{login}' would be longer than PostgreSQL's 63 characters: use a shorter username"
                    )));
                }
                let taken: bool =
                    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)")
                        .bind(&login)
                        .fetch_one(pool)
                        .await
                        .doing("adding the officer")?;
                if taken {
                    return Err(StoreError::Denied(format!(
                        "a database role named '{login}' already exists in this PostgreSQL cluster"
                    )));
                }
                sqlx::query("SELECT meja_officer_add(current_user, $1, $2, $3, $4, $5, $6, $7)")
                    .bind(username)
                    .bind(new.name.trim())
                    .bind(new.role.as_code())
                    .bind(instansi_id)
                    .bind(&login)
                    .bind(new.password.as_deref())
                    .bind(now)
                    .execute(pool)
                    .await
                    .doing("adding the officer")?;
                self.settled().await;
            }
        }
        Ok(())
    }

    /// Enables or disables an officer; on PostgreSQL their login role can log in no more (or again).
    pub(crate) async fn write_officer_active(
        &self,
        officer: &crate::domain::Officer,
        active: bool,
    ) -> Result<(), StoreError> {
        match &self.backend {
            Backend::Sqlite(pool) => {
                super::on_sqlite::update_officer_active(pool, officer.id, active)
                    .await
                    .doing("changing whether the officer may sign in")?;
            }
            Backend::Postgres(pool) => {
                sqlx::query("SELECT meja_officer_set_active(current_user, $1, $2)")
                    .bind(&officer.username)
                    .bind(active)
                    .execute(pool)
                    .await
                    .doing("changing whether the officer may sign in")?;
                self.settled().await;
            }
        }
        Ok(())
    }

    /// The login role of an officer (PostgreSQL), if they have one.
    pub async fn officer_login_role(&self, username: &str) -> Result<Option<String>, StoreError> {
        let Backend::Postgres(pool) = &self.backend else {
            return Ok(None);
        };
        let login: Option<Option<String>> =
            sqlx::query_scalar("SELECT login FROM officer WHERE username = $1")
                .bind(username)
                .fetch_optional(pool)
                .await
                .doing("reading the officer's login role")?;
        Ok(login.flatten())
    }
}
