//! Who may see and do what: the one access model. Pure: the store gathers the facts (paths of the
//! instansi tree, a complaint's klasifikasi, an officer's role), asks here, and turns a `Denial`
//! into its own error. `lifecycle::plan` asks here for its scope check; every store path that reads
//! or writes a complaint, names an instansi or administers an officer asks here too, so the rules
//! cannot drift apart between `show`, `act`, the event feed and the SQL of the queues.
//!
//! The rules (domain.md, "Who is involved"):
//! - **Seeing a complaint.** An officer of any role sees the complaints whose instansi lies in the
//!   subtree of their own instansi; the national level sees everything. Whistle-blowing (`wbs`) and
//!   procurement (`pengadaan`) reports are for admins: a liaison officer (role `officer`) does not
//!   see them even in their own unit. What the actor may not see does not exist for them: callers
//!   answer exactly as for a missing complaint, so a refusal never tells that a report exists.
//! - **The reporter's identity.** Whoever sees a complaint sees its reporter, unless the report is
//!   anonim: then only the national admins (the routing level) do.
//! - **Acting at all.** Whoever sees a complaint may try to act on it; `lifecycle::plan` then
//!   decides by role and status. The sweep (system actor) is national.
//! - **Recording.** Intake records a report only where, and of a klasifikasi that, the recorder
//!   will see: a report must not vanish from the sight of whoever wrote it down.
//! - **Disposing.** Supervisors and above forward only into their own subtree; the national level
//!   forwards anywhere. Sending a report back up is not a disposition: `return` (bukan wewenang)
//!   goes to the instansi that routed it, wherever that is.
//! - **Naming an instansi.** An officer names (and is told about) only instansi they may use:
//!   their own subtree, and for an escalation also the instansi above the complaint's (escalation
//!   goes up). Messages about unknown or ambiguous names list only that candidate set.
//! - **Assigning.** The assignee must be in the actor's subtree and able to see the complaint
//!   themselves (their instansi covers it; a liaison officer is never given a wbs report).
//! - **Administering.** Admins administer instansi and officers in their subtree; national admins
//!   everywhere. Nobody creates or changes an officer with a role above their own (an admin does
//!   not make a national admin), and nobody disables their own account (an instance could lose its
//!   last admin that way; another admin does it).

use super::lifecycle::Actor;
use super::types::{Klasifikasi, Role};

/// Why access was denied. Messages are for people; callers that must not reveal existence
/// (`Unseen`) answer with their own "no complaint #id" instead of this text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Denial {
    /// Outside what the actor may see: treat it as missing.
    #[error("not visible to you")]
    Unseen,
    /// The actor's role is too low for this.
    #[error("that needs the role {needed} or above")]
    Role { needed: Role },
    /// The target instansi lies outside the actor's subtree.
    #[error("that is outside your part of the instansi tree")]
    OutsideSubtree,
    /// The officer acted upon has (or would get) a role above the actor's.
    #[error("nobody may give or change the role {role} above their own ({own})")]
    HigherRole { role: Role, own: Role },
    /// The actor tried to disable their own account.
    #[error("nobody disables their own account; ask another admin")]
    OwnAccount,
}

/// What the access rules need to know about a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sighting<'a> {
    /// Materialized path of the complaint's instansi, e.g. `/1/12/140/`.
    pub instansi_path: &'a str,
    pub klasifikasi: Klasifikasi,
}

/// What the access rules need to know about an officer acted upon (assigned, administered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    pub id: i64,
    pub role: Role,
    pub instansi_path: &'a str,
}

/// Why an instansi is being named, which decides the candidates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Naming<'a> {
    /// Dispose and verify targets, the `instansi:` filter, intake, administration: the actor's subtree.
    Within,
    /// Escalation of a complaint at this instansi path: the instansi above it, plus the actor's subtree.
    Escalation { complaint_path: &'a str },
}

/// Whether `path` lies in the actor's subtree (the national level: everywhere).
pub fn in_subtree(actor: &Actor, path: &str) -> bool {
    in_subtree_of(actor.role, &actor.instansi_path, path)
}

/// `in_subtree` for callers that know only a role and an instansi path (the console's own officer).
pub fn in_subtree_of(role: Role, own_path: &str, path: &str) -> bool {
    role == Role::National || path.starts_with(own_path)
}

/// The root of the subtree the actor sees, as a path prefix for range queries: `/` (everything) for
/// the national level.
pub fn subtree_root(actor: &Actor) -> &str {
    if actor.role == Role::National {
        "/"
    } else {
        &actor.instansi_path
    }
}

/// The klasifikasi a role does not see at all (the SQL of the queues and the feed excludes these).
pub fn hidden_classes(role: Role) -> &'static [Klasifikasi] {
    match role {
        Role::Officer => &[Klasifikasi::Wbs, Klasifikasi::Pengadaan],
        Role::Supervisor | Role::Admin | Role::National => &[],
    }
}

/// May the actor see this complaint at all?
pub fn may_see(actor: &Actor, c: Sighting<'_>) -> Result<(), Denial> {
    if !in_subtree(actor, c.instansi_path) || hidden_classes(actor.role).contains(&c.klasifikasi) {
        return Err(Denial::Unseen);
    }
    Ok(())
}

/// May the actor see the reporter's identity of a complaint they see?
pub fn may_see_reporter(actor: &Actor, c: Sighting<'_>, anonim: bool) -> bool {
    may_see(actor, c).is_ok() && (!anonim || actor.role.may_see_anonymous_reporter())
}

/// May the actor act on this complaint at all (the lifecycle then decides by role and status)?
pub fn may_act(actor: &Actor, c: Sighting<'_>) -> Result<(), Denial> {
    may_see(actor, c)
}

/// May the actor record a new report of this klasifikasi at this instansi (intake, import)? Only
/// what they would see afterwards: a report that vanished from its recorder's sight the moment it
/// was written would be lost to them. Nothing exists yet, so the denial may say why.
pub fn may_record(actor: &Actor, c: Sighting<'_>) -> Result<(), Denial> {
    if !in_subtree(actor, c.instansi_path) {
        return Err(Denial::OutsideSubtree);
    }
    if hidden_classes(actor.role).contains(&c.klasifikasi) {
        return Err(Denial::Role {
            needed: Role::Supervisor,
        });
    }
    Ok(())
}

/// May the actor forward a complaint into the instansi at `target_path`?
pub fn may_dispose_into(actor: &Actor, target_path: &str) -> Result<(), Denial> {
    if !actor.role.is_supervisor_or_above() {
        return Err(Denial::Role {
            needed: Role::Supervisor,
        });
    }
    if !in_subtree(actor, target_path) {
        return Err(Denial::OutsideSubtree);
    }
    Ok(())
}

/// May the actor name the instansi at `path` for this purpose? Names outside are unknown to them.
pub fn may_name(actor: &Actor, path: &str, naming: Naming<'_>) -> bool {
    in_subtree(actor, path)
        || match naming {
            Naming::Within => false,
            // An ancestor's path is a prefix of the complaint's.
            Naming::Escalation { complaint_path } => complaint_path.starts_with(path),
        }
}

/// May the actor give this complaint to `assignee`?
pub fn may_assign(actor: &Actor, c: Sighting<'_>, assignee: Person<'_>) -> Result<(), Denial> {
    may_act(actor, c)?;
    if !actor.role.is_supervisor_or_above() {
        return Err(Denial::Role {
            needed: Role::Supervisor,
        });
    }
    if !in_subtree(actor, assignee.instansi_path) {
        return Err(Denial::OutsideSubtree);
    }
    let as_actor = Actor {
        id: assignee.id,
        username: String::new(),
        role: assignee.role,
        instansi_id: 0,
        instansi_path: assignee.instansi_path.to_string(),
    };
    // The assignee must be able to see (and so work) what they are given.
    may_see(&as_actor, c)
}

/// May the actor administer the instansi at `path` (add instansi under it, add officers to it)?
pub fn may_administer_instansi(actor: &Actor, path: &str) -> Result<(), Denial> {
    if !matches!(actor.role, Role::Admin | Role::National) {
        return Err(Denial::Role {
            needed: Role::Admin,
        });
    }
    if !in_subtree(actor, path) {
        return Err(Denial::OutsideSubtree);
    }
    Ok(())
}

/// May the actor import reports into the instansi at `path` (`meja import`)? An import writes
/// reports with their history (statuses, assignees, clocks) that no verb of the actor's made, so it
/// is administration, like adding officers: an admin of an instansi imports into their subtree, a
/// national admin anywhere. Supervisors and liaison officers record reports one by one (intake).
pub fn may_import(actor: &Actor, path: &str) -> Result<(), Denial> {
    may_administer_instansi(actor, path)
}

/// May the actor create or change the officer `target` (with the role they have or would get)?
pub fn may_administer_officer(actor: &Actor, target: Person<'_>) -> Result<(), Denial> {
    may_administer_instansi(actor, target.instansi_path)?;
    if target.role > actor.role {
        return Err(Denial::HigherRole {
            role: target.role,
            own: actor.role,
        });
    }
    Ok(())
}

/// May the actor enable or disable the officer `target`?
pub fn may_set_active(actor: &Actor, target: Person<'_>, active: bool) -> Result<(), Denial> {
    may_administer_officer(actor, target)?;
    if !active && target.id == actor.id {
        return Err(Denial::OwnAccount);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NATIONAL: &str = "/1/";
    const PROVINCE: &str = "/1/20/";
    const KOTA: &str = "/1/20/300/";
    const UNIT: &str = "/1/20/300/301/";
    const OTHER_PROVINCE: &str = "/1/21/";
    const OTHER_UNIT: &str = "/1/21/400/401/";
    /// A sibling whose path shares a textual prefix with KOTA's id (30 vs 300).
    const LOOKALIKE: &str = "/1/20/30/";

    #[test]
    fn admins_import_into_their_subtree_and_nobody_else_does() {
        assert!(may_import(&at(Role::Admin, KOTA), UNIT).is_ok());
        assert!(may_import(&at(Role::Admin, KOTA), KOTA).is_ok());
        assert!(may_import(&at(Role::National, NATIONAL), OTHER_UNIT).is_ok());
        assert_eq!(
            may_import(&at(Role::Admin, KOTA), OTHER_UNIT),
            Err(Denial::OutsideSubtree)
        );
        assert_eq!(
            may_import(&at(Role::Admin, KOTA), LOOKALIKE),
            Err(Denial::OutsideSubtree)
        );
        for role in [Role::Officer, Role::Supervisor] {
            assert_eq!(
                may_import(&at(role, KOTA), UNIT),
                Err(Denial::Role {
                    needed: Role::Admin
                })
            );
        }
    }

    fn at(role: Role, path: &str) -> Actor {
        Actor {
            id: 7,
            username: "x".into(),
            role,
            instansi_id: 1,
            instansi_path: path.into(),
        }
    }
    fn c(path: &str, k: Klasifikasi) -> Sighting<'_> {
        Sighting {
            instansi_path: path,
            klasifikasi: k,
        }
    }
    fn person(id: i64, role: Role, path: &str) -> Person<'_> {
        Person {
            id,
            role,
            instansi_path: path,
        }
    }
    const ROLES: [Role; 4] = [Role::Officer, Role::Supervisor, Role::Admin, Role::National];

    #[test]
    fn every_role_sees_its_subtree_and_not_outside() {
        for role in ROLES {
            let a = at(role, KOTA);
            assert_eq!(may_see(&a, c(KOTA, Klasifikasi::Pengaduan)), Ok(()));
            assert_eq!(may_see(&a, c(UNIT, Klasifikasi::Aspirasi)), Ok(()));
            let outside = may_see(&a, c(OTHER_UNIT, Klasifikasi::Pengaduan));
            let ancestor = may_see(&a, c(PROVINCE, Klasifikasi::Pengaduan));
            let lookalike = may_see(&a, c(LOOKALIKE, Klasifikasi::Pengaduan));
            if role == Role::National {
                assert_eq!(outside, Ok(()), "national sees everywhere");
                assert_eq!(ancestor, Ok(()));
            } else {
                assert_eq!(outside, Err(Denial::Unseen), "{role}");
                assert_eq!(ancestor, Err(Denial::Unseen), "{role}: above is not below");
                assert_eq!(lookalike, Err(Denial::Unseen), "{role}: /30/ is not /300/");
            }
        }
    }

    #[test]
    fn the_subtree_root_is_the_own_path_or_everything() {
        for role in [Role::Officer, Role::Supervisor, Role::Admin] {
            assert_eq!(subtree_root(&at(role, KOTA)), KOTA);
        }
        assert_eq!(subtree_root(&at(Role::National, NATIONAL)), "/");
    }

    #[test]
    fn only_liaison_officers_miss_wbs_and_pengadaan() {
        for k in [Klasifikasi::Wbs, Klasifikasi::Pengadaan] {
            assert_eq!(
                may_see(&at(Role::Officer, UNIT), c(UNIT, k)),
                Err(Denial::Unseen)
            );
            assert_eq!(
                may_act(&at(Role::Officer, UNIT), c(UNIT, k)),
                Err(Denial::Unseen)
            );
            for role in [Role::Supervisor, Role::Admin, Role::National] {
                assert_eq!(may_see(&at(role, KOTA), c(UNIT, k)), Ok(()), "{role}");
            }
        }
        assert_eq!(hidden_classes(Role::Officer).len(), 2);
        assert!(hidden_classes(Role::Supervisor).is_empty());
    }

    #[test]
    fn anonymous_reporters_are_for_national_admins_only() {
        let seen = c(UNIT, Klasifikasi::Pengaduan);
        for role in [Role::Officer, Role::Supervisor, Role::Admin] {
            assert!(may_see_reporter(&at(role, KOTA), seen, false), "{role}");
            assert!(!may_see_reporter(&at(role, KOTA), seen, true), "{role}");
        }
        assert!(may_see_reporter(&at(Role::National, NATIONAL), seen, true));
        // Nobody sees the reporter of a complaint they do not see.
        assert!(!may_see_reporter(
            &at(Role::Admin, OTHER_PROVINCE),
            seen,
            false
        ));
    }

    #[test]
    fn the_system_actor_acts_everywhere() {
        assert_eq!(
            may_act(&Actor::system(), c(OTHER_UNIT, Klasifikasi::Wbs)),
            Ok(())
        );
    }

    #[test]
    fn reports_are_recorded_only_where_the_recorder_sees_them() {
        let officer = at(Role::Officer, UNIT);
        assert_eq!(
            may_record(&officer, c(UNIT, Klasifikasi::Pengaduan)),
            Ok(())
        );
        assert_eq!(
            may_record(&officer, c(UNIT, Klasifikasi::Wbs)),
            Err(Denial::Role {
                needed: Role::Supervisor
            })
        );
        assert_eq!(
            may_record(&officer, c(KOTA, Klasifikasi::Pengaduan)),
            Err(Denial::OutsideSubtree)
        );
        for role in [Role::Supervisor, Role::Admin] {
            assert_eq!(
                may_record(&at(role, KOTA), c(UNIT, Klasifikasi::Pengadaan)),
                Ok(())
            );
        }
        assert_eq!(
            may_record(
                &at(Role::National, NATIONAL),
                c(OTHER_UNIT, Klasifikasi::Wbs)
            ),
            Ok(())
        );
    }

    #[test]
    fn disposition_goes_only_into_the_own_subtree() {
        assert_eq!(
            may_dispose_into(&at(Role::Officer, UNIT), UNIT),
            Err(Denial::Role {
                needed: Role::Supervisor
            })
        );
        for role in [Role::Supervisor, Role::Admin] {
            let kota = at(role, KOTA);
            assert_eq!(may_dispose_into(&kota, UNIT), Ok(()));
            assert_eq!(may_dispose_into(&kota, KOTA), Ok(()));
            assert_eq!(
                may_dispose_into(&kota, OTHER_UNIT),
                Err(Denial::OutsideSubtree)
            );
            assert_eq!(
                may_dispose_into(&kota, PROVINCE),
                Err(Denial::OutsideSubtree),
                "up is a return, not a disposition"
            );
        }
        assert_eq!(
            may_dispose_into(&at(Role::National, NATIONAL), OTHER_UNIT),
            Ok(())
        );
    }

    #[test]
    fn names_are_the_subtree_and_for_escalation_the_ancestors() {
        for role in [Role::Officer, Role::Supervisor, Role::Admin] {
            let a = at(role, KOTA);
            assert!(may_name(&a, UNIT, Naming::Within));
            assert!(!may_name(&a, PROVINCE, Naming::Within), "{role}");
            assert!(!may_name(&a, OTHER_UNIT, Naming::Within), "{role}");
            let up = Naming::Escalation {
                complaint_path: UNIT,
            };
            assert!(may_name(&a, PROVINCE, up), "{role}: the province is above");
            assert!(may_name(&a, NATIONAL, up));
            assert!(may_name(&a, UNIT, up));
            assert!(
                !may_name(&a, OTHER_PROVINCE, up),
                "{role}: a neighbour is not above"
            );
        }
        assert!(may_name(
            &at(Role::National, NATIONAL),
            OTHER_UNIT,
            Naming::Within
        ));
    }

    #[test]
    fn assignees_are_in_scope_and_see_the_complaint() {
        let sup = at(Role::Supervisor, KOTA);
        let plain = c(UNIT, Klasifikasi::Pengaduan);
        let wbs = c(UNIT, Klasifikasi::Wbs);
        assert_eq!(
            may_assign(&sup, plain, person(2, Role::Officer, UNIT)),
            Ok(())
        );
        assert_eq!(
            may_assign(&sup, wbs, person(2, Role::Officer, UNIT)),
            Err(Denial::Unseen),
            "a liaison officer is never given a report they cannot see"
        );
        assert_eq!(
            may_assign(&sup, wbs, person(3, Role::Supervisor, KOTA)),
            Ok(())
        );
        assert_eq!(
            may_assign(&sup, plain, person(4, Role::Officer, OTHER_UNIT)),
            Err(Denial::OutsideSubtree)
        );
        assert_eq!(
            may_assign(&sup, plain, person(5, Role::National, NATIONAL)),
            Err(Denial::OutsideSubtree),
            "the officer above is not the kota's to assign"
        );
        assert_eq!(
            may_assign(
                &sup,
                c(KOTA, Klasifikasi::Pengaduan),
                person(2, Role::Officer, UNIT)
            ),
            Err(Denial::Unseen),
            "a unit's officer does not cover the kota's own report"
        );
        assert_eq!(
            may_assign(
                &at(Role::Officer, UNIT),
                plain,
                person(2, Role::Officer, UNIT)
            ),
            Err(Denial::Role {
                needed: Role::Supervisor
            })
        );
        assert_eq!(
            may_assign(
                &sup,
                c(OTHER_UNIT, Klasifikasi::Pengaduan),
                person(2, Role::Officer, UNIT)
            ),
            Err(Denial::Unseen)
        );
        assert_eq!(
            may_assign(
                &at(Role::National, NATIONAL),
                c(OTHER_UNIT, Klasifikasi::Pengaduan),
                person(4, Role::Officer, OTHER_UNIT)
            ),
            Ok(())
        );
    }

    #[test]
    fn admins_administer_their_subtree() {
        for role in [Role::Officer, Role::Supervisor] {
            assert_eq!(
                may_administer_instansi(&at(role, KOTA), UNIT),
                Err(Denial::Role {
                    needed: Role::Admin
                })
            );
        }
        let admin = at(Role::Admin, KOTA);
        assert_eq!(may_administer_instansi(&admin, KOTA), Ok(()));
        assert_eq!(may_administer_instansi(&admin, UNIT), Ok(()));
        assert_eq!(
            may_administer_instansi(&admin, PROVINCE),
            Err(Denial::OutsideSubtree)
        );
        assert_eq!(
            may_administer_instansi(&admin, OTHER_UNIT),
            Err(Denial::OutsideSubtree)
        );
        assert_eq!(
            may_administer_instansi(&at(Role::National, NATIONAL), OTHER_UNIT),
            Ok(())
        );
    }

    #[test]
    fn nobody_raises_an_officer_above_their_own_role() {
        let admin = at(Role::Admin, KOTA);
        for role in [Role::Officer, Role::Supervisor, Role::Admin] {
            assert_eq!(
                may_administer_officer(&admin, person(9, role, UNIT)),
                Ok(())
            );
        }
        assert_eq!(
            may_administer_officer(&admin, person(9, Role::National, UNIT)),
            Err(Denial::HigherRole {
                role: Role::National,
                own: Role::Admin
            })
        );
        assert_eq!(
            may_administer_officer(&admin, person(9, Role::Officer, OTHER_UNIT)),
            Err(Denial::OutsideSubtree)
        );
        assert_eq!(
            may_administer_officer(&at(Role::Supervisor, KOTA), person(9, Role::Officer, UNIT)),
            Err(Denial::Role {
                needed: Role::Admin
            })
        );
        assert_eq!(
            may_administer_officer(
                &at(Role::National, NATIONAL),
                person(9, Role::National, NATIONAL)
            ),
            Ok(())
        );
    }

    #[test]
    fn nobody_disables_themselves() {
        let admin = at(Role::Admin, KOTA);
        let me = person(admin.id, Role::Admin, KOTA);
        assert_eq!(may_set_active(&admin, me, false), Err(Denial::OwnAccount));
        assert_eq!(may_set_active(&admin, me, true), Ok(()));
        assert_eq!(
            may_set_active(&admin, person(9, Role::Officer, UNIT), false),
            Ok(())
        );
        assert_eq!(
            may_set_active(&admin, person(9, Role::National, NATIONAL), false),
            Err(Denial::OutsideSubtree)
        );
    }
}
