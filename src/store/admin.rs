//! Administration: officers, the instansi tree, the calendars of days off, reply templates, and
//! resolving the names people type into the records they mean.

use super::{
    NewInstansi, NewOfficer, OfficerLoad, Result, Store, StoreError, Template, cached_due, ms,
    not_found, on_backend, resolve, subtree_end,
};
use crate::domain::access::{self, Naming};
use crate::domain::calendar::{self};
use crate::domain::input;
use crate::domain::lifecycle::{Actor, ComplaintId};
use crate::domain::*;
use chrono::{DateTime, NaiveDate, Utc};

impl Store {
    /// The acting officer by username; unknown or disabled officers are refused.
    pub async fn actor(&self, username: &str) -> Result<Actor> {
        let officer = self.officer(username).await?;
        if !officer.active {
            return Err(StoreError::Denied(format!(
                "officer '{username}' is disabled"
            )));
        }
        Ok(Actor {
            id: officer.id,
            username: officer.username,
            role: officer.role,
            instansi_id: officer.instansi_id,
            instansi_path: officer.instansi_path,
        })
    }

    pub async fn officer(&self, username: &str) -> Result<Officer> {
        on_backend!(self, "reading the officer", officer_by_username(username))?.ok_or_else(|| {
            Refusal::UnknownOfficer {
                username: username.to_string(),
            }
            .into()
        })
    }

    /// Officers the actor may see, with their open and overdue load.
    pub async fn officers(&self, actor: &Actor, now: DateTime<Utc>) -> Result<Vec<OfficerLoad>> {
        let scope = access::subtree_root(actor);
        on_backend!(
            self,
            "reading officers' loads",
            officer_loads(scope, ms(now))
        )
    }

    /// Officers who may take all of these complaints from the actor (the assign picker): in the
    /// actor's subtree, active, and able to see each complaint (`access::may_assign`). A complaint
    /// the actor does not see is refused as missing.
    pub async fn assignable_officers(
        &self,
        actor: &Actor,
        ids: &[ComplaintId],
        now: DateTime<Utc>,
    ) -> Result<Vec<OfficerLoad>> {
        let sightings = self.visible_sightings(actor, ids).await?;
        if let Some(&id) = ids
            .iter()
            .find(|id| !sightings.iter().any(|(seen, ..)| seen == *id))
        {
            return Err(not_found(id));
        }
        // Whoever takes a report must see it: an officer of its instansi or above. Only those
        // instansi (of every report at once) are read, not the actor's whole subtree (a national
        // admin's 6,171 officers, 158 ms at a million reports).
        let mut loads = match Self::assignee_places(actor, &sightings) {
            Some(paths) => on_backend!(
                self,
                "reading officers' loads",
                officer_loads_at(&paths, ms(now))
            )?,
            None => self.officers(actor, now).await?,
        };
        loads.retain(|o| {
            let person = access::Person {
                id: o.officer.id,
                role: o.officer.role,
                instansi_path: &o.officer.instansi_path,
            };
            o.officer.active
                && sightings.iter().all(|(_, path, klasifikasi)| {
                    let c = access::Sighting {
                        instansi_path: path,
                        klasifikasi: *klasifikasi,
                    };
                    access::may_assign(actor, c, person).is_ok()
                })
        });
        Ok(loads)
    }

    /// The instansi whose officers may take all of these reports: those at or above every
    /// report's instansi and within the actor's subtree. None when there is no report to go by.
    pub(crate) fn assignee_places(
        actor: &Actor,
        sightings: &[(ComplaintId, String, Klasifikasi)],
    ) -> Option<Vec<String>> {
        let (_, first, _) = sightings.first()?;
        // Each '/' after the first closes an ancestor's path ('/1/', '/1/1989/', ...).
        let places = first
            .match_indices('/')
            .skip(1)
            .map(|(end, _)| &first[..=end])
            .filter(|place| sightings.iter().all(|(_, path, _)| path.starts_with(place)))
            .filter(|place| access::in_subtree(actor, place))
            .map(str::to_string)
            .collect();
        Some(places)
    }

    /// An officer the actor may name: one in their subtree (`officer list` shows the same set).
    pub(super) async fn officer_for(&self, actor: &Actor, username: &str) -> Result<Officer> {
        let officer = self.officer(username).await?;
        if !access::in_subtree(actor, &officer.instansi_path) {
            return Err(Refusal::UnknownOfficer {
                username: username.to_string(),
            }
            .into());
        }
        Ok(officer)
    }

    pub async fn add_officer(&self, actor: &Actor, new: NewOfficer) -> Result<Officer> {
        let instansi = self.find_instansi_for(actor, &new.instansi)?;
        let person = access::Person {
            id: 0,
            role: new.role,
            instansi_path: &instansi.path,
        };
        if let Err(d) = access::may_administer_officer(actor, person) {
            return Err(StoreError::Denied(format!(
                "{} may not add a {} to {}: {d}",
                actor.username, new.role, instansi.name
            )));
        }
        let username = new.username.trim();
        if username.is_empty() || username.contains(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "bad username '{username}': use one word without spaces"
            )));
        }
        if on_backend!(self, "reading the officer", officer_by_username(username))?.is_some() {
            return Err(StoreError::Denied(format!(
                "officer '{username}' already exists"
            )));
        }
        self.write_new_officer(&new, instansi.id).await?;
        self.officer(username).await
    }

    pub async fn set_officer_active(
        &self,
        actor: &Actor,
        username: &str,
        active: bool,
    ) -> Result<Officer> {
        let officer = self.officer_for(actor, username).await?;
        let person = access::Person {
            id: officer.id,
            role: officer.role,
            instansi_path: &officer.instansi_path,
        };
        if let Err(d) = access::may_set_active(actor, person, active) {
            return Err(StoreError::Denied(format!(
                "{} may not change officer {}: {d}",
                actor.username, officer.username
            )));
        }
        self.write_officer_active(&officer, active).await?;
        self.officer(username).await
    }

    /// Every stored day off: the national calendar and every instansi's regional days.
    pub fn holidays(&self) -> Vec<Holiday> {
        self.reference().calendars.all_days().cloned().collect()
    }

    /// Adds or replaces a day off: a national one (no instansi) or a regional one of
    /// `holiday.instansi_id`. Recomputes the open clocks the day applies to (everywhere, or the
    /// instansi's subtree) and returns how many due times moved.
    pub async fn add_holiday(&self, actor: &Actor, holiday: Holiday) -> Result<u64> {
        let place = self.holiday_place(actor, holiday.kind, holiday.instansi_id)?;
        on_backend!(self, "writing a day off", upsert_holiday(&holiday))?;
        self.reload().await?;
        self.refresh_facts_across(&place, holiday.date).await?;
        self.recompute_clocks_in(&place).await
    }

    /// Removes a day off of one instansi's regional calendar, or of the national calendar when
    /// `instansi_id` is None; recomputes as `add_holiday` does.
    pub async fn remove_holiday(
        &self,
        actor: &Actor,
        date: NaiveDate,
        instansi_id: Option<InstansiId>,
    ) -> Result<u64> {
        // What is stored decides the rule (national or regional): read it fresh, another process
        // may have changed the calendar since this handle last looked.
        self.reload().await?;
        let reference = self.reference();
        let stored = match instansi_id {
            None => reference.calendars.national().holiday(date).cloned(),
            Some(id) => reference
                .calendars
                .regional_days_of(id)
                .iter()
                .find(|h| h.date == date)
                .cloned(),
        };
        // The permission is judged before saying whether the day exists.
        let kind = stored.as_ref().map_or(
            if instansi_id.is_some() {
                HolidayKind::Regional
            } else {
                HolidayKind::LiburNasional
            },
            |h| h.kind,
        );
        let place = self.holiday_place(actor, kind, instansi_id)?;
        if stored.is_none()
            || !on_backend!(
                self,
                "removing a day off",
                delete_holiday(date, instansi_id)
            )?
        {
            let calendar = match instansi_id.and_then(|id| reference.instansi(id)) {
                Some(i) => format!("the regional days off of {}", i.name),
                None => "the national holiday calendar".to_string(),
            };
            return Err(StoreError::NotFound(format!("{date} is not in {calendar}")));
        }
        self.reload().await?;
        self.refresh_facts_across(&place, date).await?;
        self.recompute_clocks_in(&place).await
    }

    /// Checks that the actor may change the days off of `instansi_id` (None: the national
    /// calendar) and returns the subtree path whose clocks the change moves.
    pub(super) fn holiday_place(
        &self,
        actor: &Actor,
        kind: HolidayKind,
        instansi_id: Option<InstansiId>,
    ) -> Result<String> {
        let instansi = match instansi_id {
            Some(id) => Some(self.reference().instansi(id).cloned().ok_or_else(|| {
                StoreError::NotFound(format!("no instansi with id {id} for the regional day"))
            })?),
            None => None,
        };
        calendar::may_change(actor, kind, instansi.as_ref().map(|i| i.path.as_str())).map_err(
            // The rule sees a path; the officer reads the instansi's name.
            |refusal| match (refusal, &instansi) {
                (Refusal::HolidayOutsideSubtree { .. }, Some(i)) => {
                    Refusal::HolidayOutsideSubtree {
                        instansi: i.name.clone(),
                    }
                }
                (Refusal::HolidayRole { role, .. }, Some(i)) => Refusal::HolidayRole {
                    role,
                    instansi: i.name.clone(),
                },
                (other, _) => other,
            },
        )?;
        Ok(instansi.map_or_else(|| "/".to_string(), |i| i.path))
    }

    /// Recomputes the cached due times of every open clock from its base and the current calendars.
    pub async fn recompute_clocks(&self) -> Result<u64> {
        self.recompute_clocks_in("/").await
    }

    /// Recomputes the cached due times of the open clocks held in one subtree (a regional day
    /// moves no clock outside it); returns how many moved.
    pub async fn recompute_clocks_in(&self, subtree_path: &str) -> Result<u64> {
        let reference = self.reference();
        let bases = on_backend!(
            self,
            "reading open clocks",
            open_clock_bases(subtree_path, &subtree_end(subtree_path))
        )?;
        let mut changes = Vec::new();
        for (id, instansi_id, base, breach_at, close_at) in bases {
            let zone = reference
                .instansi(instansi_id)
                .map(|i| i.zone)
                .unwrap_or(Zone::Wib);
            let calendar = reference.calendars.for_instansi(instansi_id);
            let (b, c) = cached_due(Some(&base), &calendar, zone);
            if b != breach_at || c != close_at {
                changes.push((id, b, c));
            }
        }
        let n = changes.len() as u64;
        on_backend!(
            self,
            "writing recomputed due times",
            update_due_times(&changes)
        )?;
        Ok(n)
    }

    /// Adds a node to the instansi tree. The first instansi of an empty database (the national
    /// root) needs no actor; after that only admins of the parent's subtree add nodes.
    pub async fn add_instansi(&self, actor: Option<&Actor>, new: NewInstansi) -> Result<Instansi> {
        let code = new.code.trim().to_uppercase();
        if code.is_empty() || code.contains(char::is_whitespace) {
            return Err(StoreError::Invalid(format!(
                "bad instansi code '{}': use one word, e.g. KOTA-PONTIANAK",
                new.code
            )));
        }
        if new.name.trim().is_empty() {
            return Err(StoreError::Invalid("the instansi needs a name".into()));
        }
        if self.reference().instansi.iter().any(|i| i.code == code) {
            return Err(StoreError::Denied(format!("instansi code {code} is taken")));
        }
        let parent = match (new.parent.as_deref(), actor) {
            // An admin names only the parents they may name; the bootstrap has no actor to scope.
            (Some(q), Some(a)) => Some(self.find_instansi_for(a, q)?),
            (Some(q), None) => Some(self.find_instansi(q)?),
            (None, _) if self.reference().instansi.is_empty() => None,
            (None, _) => {
                return Err(StoreError::Invalid(
                    "only the first instansi (the national root) has no parent: give --parent"
                        .into(),
                ));
            }
        };
        match (actor, &parent) {
            (_, None) => {}
            (Some(a), Some(p)) => {
                if let Err(d) = access::may_administer_instansi(a, &p.path) {
                    return Err(StoreError::Denied(format!(
                        "{} may not add instansi under {}: {d}",
                        a.username, p.name
                    )));
                }
            }
            (None, Some(_)) => {
                return Err(StoreError::Denied(
                    "adding an instansi needs an admin (--as)".into(),
                ));
            }
        }
        let d = new.deadlines;
        if d.verify_days == 0 || d.follow_up_days == 0 || d.close_days == 0 {
            return Err(StoreError::Invalid(
                "deadlines are whole working days of at least 1".into(),
            ));
        }
        let id = on_backend!(self, "numbering the new instansi", next_instansi_id())?;
        let path = match &parent {
            Some(p) => format!("{}{id}/", p.path),
            None => format!("/{id}/"),
        };
        let inst = Instansi {
            id,
            parent_id: parent.map(|p| p.id),
            code,
            name: new.name.trim().to_string(),
            kind: new.kind,
            zone: new.zone,
            path,
            deadlines: d,
            requires_approval: new.requires_approval,
            auto_escalate: new.auto_escalate,
        };
        on_backend!(self, "adding the instansi", insert_instansi(&inst))?;
        self.reload().await?;
        Ok(inst)
    }

    /// Adds another name of an instansi (`meja instansi alias add`): an admin of the instansi's
    /// subtree or a national admin (`access::may_administer_instansi`; on PostgreSQL the policies
    /// of 0011 say the same). False when the instansi had the alias already.
    pub async fn add_alias(&self, actor: &Actor, instansi: &str, alias: &str) -> Result<bool> {
        let (target, alias) = self.alias_target(actor, instansi, alias, "add an alias to")?;
        let added = on_backend!(
            self,
            "adding an instansi alias",
            insert_alias(target.id, &alias)
        )?;
        self.reload().await?;
        Ok(added)
    }

    /// Removes an alias of an instansi, by the same rule as adding one.
    pub async fn remove_alias(&self, actor: &Actor, instansi: &str, alias: &str) -> Result<()> {
        let (target, alias) = self.alias_target(actor, instansi, alias, "remove an alias of")?;
        let removed = on_backend!(
            self,
            "removing an instansi alias",
            delete_alias(target.id, &alias)
        )?;
        if !removed {
            return Err(StoreError::NotFound(format!(
                "{} has no alias '{alias}' (see `meja instansi alias list`)",
                target.name
            )));
        }
        self.reload().await?;
        Ok(())
    }

    /// The instansi an alias belongs to and the alias, checked: the actor administers the
    /// instansi, and the alias is one line that names something (not only "Yth. Bapak/Ibu").
    fn alias_target(
        &self,
        actor: &Actor,
        instansi: &str,
        alias: &str,
        what: &str,
    ) -> Result<(Instansi, String)> {
        let target = self.find_instansi_for(actor, instansi)?;
        if let Err(d) = access::may_administer_instansi(actor, &target.path) {
            return Err(StoreError::Denied(format!(
                "{} may not {what} {}: {d}",
                actor.username, target.name
            )));
        }
        let alias = alias.trim().to_string();
        if alias.chars().any(char::is_control) || alias.chars().count() > 200 {
            return Err(StoreError::Invalid(
                "an alias is one line of at most 200 characters".into(),
            ));
        }
        if crate::domain::instansi_match::canonical(&alias).is_empty() {
            return Err(StoreError::Invalid(format!(
                "the alias '{alias}' names nothing: it is empty or only salutation words"
            )));
        }
        Ok((target, alias))
    }

    /// Resolves an instansi by code, exact name, or a part of its name that matches only one.
    pub fn find_instansi(&self, query: &str) -> Result<Instansi> {
        resolve::instansi(&self.reference(), query)
    }

    /// Resolves an instansi the actor may name (their subtree; the national level: any), so that
    /// neither an answer nor a refusal tells about instansi outside it (`access::may_name`).
    pub fn find_instansi_for(&self, actor: &Actor, query: &str) -> Result<Instansi> {
        resolve::instansi_for(&self.reference(), actor, query, Naming::Within)
    }

    pub fn find_category(&self, query: &str) -> Result<Category> {
        resolve::category(&self.reference().categories, query)
    }

    /// The zone a local received time is read in: that of the instansi receiving the report
    /// (`instansi`, as the intake names it), else that of the actor's own instansi.
    pub fn receiving_zone(&self, actor: &Actor, instansi: Option<&str>) -> Result<Zone> {
        Ok(self.receiving_instansi(actor, instansi)?.zone)
    }

    /// The instansi a new report goes to: the one named (code or name, within the actor's reach),
    /// else the actor's own. A blank name counts as none.
    pub(super) fn receiving_instansi(
        &self,
        actor: &Actor,
        instansi: Option<&str>,
    ) -> Result<Instansi> {
        match instansi {
            Some(q) if !input::is_blank(q) => self.find_instansi_for(actor, q.trim()),
            _ => self
                .reference()
                .instansi(actor.instansi_id)
                .cloned()
                .ok_or_else(|| StoreError::Invalid("the receiving officer has no instansi".into())),
        }
    }

    /// The time zone of the actor's instansi (WIB when unknown).
    pub fn find_instansi_zone(&self, actor: &Actor) -> Zone {
        self.reference()
            .instansi(actor.instansi_id)
            .map(|i| i.zone)
            .unwrap_or(Zone::Wib)
    }

    pub async fn officer_count(&self) -> Result<i64> {
        on_backend!(self, "counting officers", officer_count())
    }

    /// Adds the first officer of an empty database, with no one to authorize it.
    pub async fn bootstrap_officer(&self, new: NewOfficer) -> Result<Officer> {
        if self.officer_count().await? > 0 {
            return Err(StoreError::Denied(
                "the database already has officers: act as an admin (--as) to add more".into(),
            ));
        }
        let instansi = self.find_instansi(&new.instansi)?;
        self.write_new_officer(&new, instansi.id).await?;
        self.officer(new.username.trim()).await
    }

    pub async fn templates(&self) -> Result<Vec<Template>> {
        on_backend!(self, "reading the reply templates", load_templates())
    }

    pub async fn add_template(&self, actor: &Actor, template: &Template) -> Result<()> {
        require_admin_or_supervisor(actor, "manage reply templates")?;
        on_backend!(self, "writing a reply template", upsert_template(template))
    }

    pub async fn remove_template(&self, actor: &Actor, name: &str) -> Result<()> {
        require_admin_or_supervisor(actor, "manage reply templates")?;
        if !on_backend!(self, "removing a reply template", delete_template(name))? {
            return Err(StoreError::NotFound(format!("no template named '{name}'")));
        }
        Ok(())
    }
}

fn require_admin_or_supervisor(actor: &Actor, what: &str) -> Result<()> {
    if actor.role.is_supervisor_or_above() {
        Ok(())
    } else {
        Err(StoreError::Denied(format!(
            "{} may not {what}: that needs a supervisor role or above",
            actor.username
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role, path: &str) -> Actor {
        Actor {
            id: 1,
            username: "x".into(),
            role,
            instansi_id: 1,
            instansi_path: path.into(),
        }
    }

    fn at(path: &str) -> (ComplaintId, String, Klasifikasi) {
        (1, path.into(), Klasifikasi::Pengaduan)
    }

    /// The picker reads the officers of the reports' instansi and those above it, in the actor's
    /// subtree, not the actor's whole subtree (a national admin's 6,171 officers).
    #[test]
    fn the_picker_reads_only_the_instansi_at_or_above_the_reports() {
        let national = actor(Role::National, "/1/");
        let places = |a: &Actor, s: &[(ComplaintId, String, Klasifikasi)]| {
            Store::assignee_places(a, s).expect("places")
        };
        assert_eq!(
            places(&national, &[at("/1/1989/2009/")]),
            ["/1/", "/1/1989/", "/1/1989/2009/"]
        );
        // Two reports: only the instansi above both.
        assert_eq!(
            places(&national, &[at("/1/1989/2009/"), at("/1/1989/2010/")]),
            ["/1/", "/1/1989/"]
        );
        // '/1/19/' is not above '/1/1989/': paths compare by whole segments.
        assert_eq!(places(&national, &[at("/1/1989/"), at("/1/19/")]), ["/1/"]);
        // A kota supervisor: nothing above their own instansi.
        let kota = actor(Role::Supervisor, "/1/1989/2009/");
        assert_eq!(
            places(&kota, &[at("/1/1989/2009/2015/")]),
            ["/1/1989/2009/", "/1/1989/2009/2015/"]
        );
        assert_eq!(Store::assignee_places(&kota, &[]), None);
    }
}
