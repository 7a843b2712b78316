//! The administration verbs: officers, holidays, templates.

use super::args::*;
use super::output;
use super::parse::*;
use crate::domain::lifecycle::Actor;
use crate::domain::text::visible;
use crate::domain::*;
use crate::store::{NewOfficer, Store, Template};
use anyhow::{Context, Result, anyhow, bail};
use chrono::Utc;

/// `meja instansi alias add|remove|list`.
pub(super) async fn admin_alias(
    store: &Store,
    actor: &impl AsyncActor,
    command: AliasCommand,
) -> Result<()> {
    match command {
        AliasCommand::List { instansi, out } => {
            let only = match instansi {
                Some(q) => Some(store.find_instansi(&q)?.id),
                None => None,
            };
            let aliases = store.instansi_aliases()?;
            let list: Vec<(Instansi, Vec<String>)> = store
                .instansi_list()
                .into_iter()
                .filter(|i| only.is_none_or(|id| id == i.id))
                .filter_map(|i| {
                    let own = aliases.get(&i.id).cloned().unwrap_or_default();
                    (!own.is_empty() || only.is_some()).then_some((i, own))
                })
                .collect();
            output::aliases(&list, out.json)?;
        }
        AliasCommand::Add { instansi, alias } => {
            let actor = actor.get().await?;
            let target = store.find_instansi_for(&actor, &instansi)?;
            if store.add_alias(&actor, &target.code, &alias).await? {
                println!(
                    "{} is also '{}'",
                    visible(&target.name),
                    visible(alias.trim())
                );
            } else {
                println!(
                    "{} already has the alias '{}'",
                    visible(&target.name),
                    visible(alias.trim())
                );
            }
        }
        AliasCommand::Remove { instansi, alias } => {
            let actor = actor.get().await?;
            let target = store.find_instansi_for(&actor, &instansi)?;
            store.remove_alias(&actor, &target.code, &alias).await?;
            println!(
                "{} is no longer '{}'",
                visible(&target.name),
                visible(alias.trim())
            );
        }
    }
    Ok(())
}

pub(super) async fn admin_officer(
    store: &Store,
    actor: &impl AsyncActor,
    command: OfficerCommand,
) -> Result<()> {
    match command {
        OfficerCommand::List { out } => {
            let actor = actor.get().await?;
            output::officers(&store.officers(&actor, Utc::now()).await?, out.json)?;
        }
        OfficerCommand::Add {
            username,
            name,
            role,
            instansi,
            password_stdin,
        } => {
            let role = Role::parse(&role).map_err(|e| anyhow!(e))?;
            let password = if password_stdin {
                let mut line = String::new();
                std::io::stdin()
                    .read_line(&mut line)
                    .context("reading the password from standard input")?;
                let line = line.trim_end_matches(['\r', '\n']).to_string();
                if line.is_empty() {
                    bail!("--password-stdin: standard input has no password on its first line");
                }
                Some(line)
            } else {
                None
            };
            let o = match actor.get().await {
                Ok(actor) => {
                    store
                        .add_officer(
                            &actor,
                            NewOfficer {
                                username,
                                name,
                                role,
                                instansi,
                                password,
                            },
                        )
                        .await?
                }
                // The very first officer of a new database bootstraps it.
                Err(_) if store.officer_count().await? == 0 => {
                    store
                        .bootstrap_officer(NewOfficer {
                            username,
                            name,
                            role,
                            instansi,
                            password,
                        })
                        .await?
                }
                Err(e) => return Err(e),
            };
            println!(
                "added {} ({}, {})",
                visible(&o.username),
                o.role,
                visible(&o.instansi_name)
            );
        }
        OfficerCommand::Disable { username } => {
            let o = store
                .set_officer_active(&actor.get().await?, &username, false)
                .await?;
            println!("{} is disabled", visible(&o.username));
        }
        OfficerCommand::Enable { username } => {
            let o = store
                .set_officer_active(&actor.get().await?, &username, true)
                .await?;
            println!("{} is enabled", visible(&o.username));
        }
    }
    Ok(())
}

pub(super) async fn admin_holiday(
    store: &Store,
    actor: &impl AsyncActor,
    command: HolidayCommand,
) -> Result<()> {
    match command {
        HolidayCommand::List {
            year,
            instansi,
            out,
        } => {
            let id = match instansi {
                Some(q) => store.find_instansi(&q)?.id,
                None => actor.get().await?.instansi_id,
            };
            let list: Vec<Holiday> = store
                .calendar_for(id)
                .holidays()
                .filter(|h| year.is_none_or(|y| chrono::Datelike::year(&h.date) == y))
                .cloned()
                .collect();
            output::holidays(&list, &store.instansi_list(), out.json)?;
        }
        HolidayCommand::Add {
            date,
            name,
            kind,
            instansi,
            decree,
        } => {
            let actor = actor.get().await?;
            if name.trim().is_empty() {
                bail!("the holiday needs a name (--name)");
            }
            let kind = HolidayKind::parse(&kind).map_err(|e| anyhow!(e))?;
            let place = match (kind, instansi) {
                (HolidayKind::Regional, Some(q)) => Some(store.find_instansi(&q)?),
                (HolidayKind::Regional, None) => Some(
                    store
                        .instansi_list()
                        .into_iter()
                        .find(|i| i.id == actor.instansi_id)
                        .ok_or_else(|| anyhow!("{} has no instansi", actor.username))?,
                ),
                (_, Some(_)) => bail!(
                    "{kind} days apply to the whole country: leave out --instansi, or use --kind regional"
                ),
                (_, None) => None,
            };
            let holiday = Holiday {
                date: parse_date(&date)?,
                kind,
                name,
                decree: if decree.is_empty() {
                    format!("added by {}", actor.username)
                } else {
                    decree
                },
                instansi_id: place.as_ref().map(|i| i.id),
            };
            let moved = store.add_holiday(&actor, holiday.clone()).await?;
            let at = place.map_or_else(
                || "everywhere".to_string(),
                |i| format!("at {}", visible(&i.name)),
            );
            println!(
                "{} is a day off ({}) {at}; {moved} due times recomputed",
                holiday.date, holiday.kind
            );
        }
        HolidayCommand::Remove { date, instansi } => {
            let actor = actor.get().await?;
            let date = parse_date(&date)?;
            let place = match instansi {
                Some(q) => Some(store.find_instansi(&q)?),
                // Without --instansi: the day the actor most likely means, their own regional day
                // on that date, else the national one.
                None => store
                    .calendars()
                    .regional_days_of(actor.instansi_id)
                    .iter()
                    .any(|h| h.date == date)
                    .then(|| {
                        store
                            .instansi_list()
                            .into_iter()
                            .find(|i| i.id == actor.instansi_id)
                    })
                    .flatten(),
            };
            let moved = store
                .remove_holiday(&actor, date, place.as_ref().map(|i| i.id))
                .await?;
            let at = place.map_or_else(
                || "everywhere".to_string(),
                |i| format!("at {}", visible(&i.name)),
            );
            println!("{date} is no longer a day off {at}; {moved} due times recomputed");
        }
    }
    Ok(())
}

pub(super) async fn admin_template(
    store: &Store,
    actor: &impl AsyncActor,
    command: TemplateCommand,
) -> Result<()> {
    match command {
        TemplateCommand::List { out } => output::templates(&store.templates().await?, out.json)?,
        TemplateCommand::Add { name, status, body } => {
            let actor = actor.get().await?;
            let status = status
                .as_deref()
                .map(Status::parse)
                .transpose()
                .map_err(|e| anyhow!(e))?;
            let body = read_body(&body)?;
            if name.trim().is_empty() || body.trim().is_empty() {
                bail!("a template needs a name and a body");
            }
            store
                .add_template(
                    &actor,
                    &Template {
                        name: name.clone(),
                        status,
                        body,
                    },
                )
                .await?;
            println!("template '{}' saved", visible(&name));
        }
        TemplateCommand::Remove { name } => {
            store.remove_template(&actor.get().await?, &name).await?;
            println!("template '{}' removed", visible(&name));
        }
    }
    Ok(())
}

/// Looks up the acting officer only when a command needs one.
pub(super) trait AsyncActor {
    async fn get(&self) -> Result<Actor>;
}

impl<F, Fut> AsyncActor for F
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<Actor>>,
{
    async fn get(&self) -> Result<Actor> {
        self().await
    }
}
