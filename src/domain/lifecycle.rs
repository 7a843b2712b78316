//! Every legal move of a complaint, and the reason each illegal one is refused. Pure: the store
//! gathers the facts, asks `plan`, and writes the resulting `Transition` and its event in one
//! transaction.

use super::access::{self, Denial, Sighting};
use super::clock::ClockEffect;
use super::input::{InputError, TextField, check_optional_text, check_tags, check_text};
pub use super::refusal::{Needed, Refusal};
use super::types::{ArchiveReason, ClockKind, EventKind, Klasifikasi, Role, Status};
use chrono::NaiveDate;
use serde::Serialize;

mod actions;
pub use actions::*;

pub type ComplaintId = i64;
pub type OfficerId = i64;
pub type InstansiId = i64;

/// What the rules need to know about the complaint being acted on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintFacts {
    pub id: ComplaintId,
    pub status: Status,
    pub assignee: Option<OfficerId>,
    pub instansi_id: InstansiId,
    /// Materialized path of the complaint's instansi, e.g. `/1/12/140/`.
    pub instansi_path: String,
    /// Decides who sees it at all (wbs and pengadaan are for admins).
    pub klasifikasi: Klasifikasi,
    /// The instansi whose admin routed it last: where a bukan-wewenang return goes back to.
    pub routed_by: Option<InstansiId>,
    pub escalated_to: Option<InstansiId>,
    /// Who submitted the reply now awaiting approval.
    pub pending_reply_by: Option<OfficerId>,
    /// Whether the complaint's instansi requires a supervisor's approval for officers' public replies.
    pub requires_approval: bool,
    pub merged_into: Option<ComplaintId>,
    /// Today in the time zone of the complaint's instansi (a hold must end after it).
    pub today: NaiveDate,
}

/// A change to a single-valued field: keep it, or set it (to a value or to nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change<T> {
    Keep,
    Set(T),
}

impl<T: Copy> Change<T> {
    pub fn apply(self, current: T) -> T {
        match self {
            Change::Keep => current,
            Change::Set(v) => v,
        }
    }
}

/// What an accepted action changes on the complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transition {
    pub status: Status,
    pub assignee: Change<Option<OfficerId>>,
    pub instansi: Change<InstansiId>,
    pub routed_by: Change<Option<InstansiId>>,
    pub escalated_to: Change<Option<InstansiId>>,
    pub pending_reply_by: Change<Option<OfficerId>>,
    pub merged_into: Change<Option<ComplaintId>>,
    pub clock: ClockEffect,
}

impl Transition {
    fn to(status: Status, clock: ClockEffect) -> Self {
        Transition {
            status,
            assignee: Change::Keep,
            instansi: Change::Keep,
            routed_by: Change::Keep,
            escalated_to: Change::Keep,
            pending_reply_by: Change::Keep,
            merged_into: Change::Keep,
            clock,
        }
    }
    fn stay(status: Status) -> Self {
        Self::to(status, ClockEffect::Keep)
    }
}

impl ComplaintFacts {
    /// What the access model needs to know about this complaint.
    pub fn sighting(&self) -> Sighting<'_> {
        Sighting {
            instansi_path: &self.instansi_path,
            klasifikasi: self.klasifikasi,
        }
    }
}

fn illegal(f: &ComplaintFacts, a: &Action) -> Refusal {
    Refusal::IllegalMove {
        id: f.id,
        status: f.status,
        kind: a.kind(),
    }
}

fn need_text(text: &str, what: Needed) -> Result<(), Refusal> {
    if super::input::is_blank(text) {
        Err(Refusal::Empty { what })
    } else {
        Ok(())
    }
}

/// Decides whether `actor` may take `action` on the complaint described by `facts`, and what
/// changes. This is the one place that says which moves are legal: the store asks it before every
/// write, PostgreSQL's guard reads the table derived from it (`moves`), the console derives its
/// suggestions from it and the seed's simulated lives go through it.
pub fn plan(facts: &ComplaintFacts, actor: &Actor, action: &Action) -> Result<Transition, Refusal> {
    use Status::*;
    let f = facts;
    let s = f.status;
    let kind = action.kind();
    if access::may_act(actor, f.sighting()).is_err() {
        // Not "outside your scope": that would tell the actor the report exists.
        return Err(Refusal::Unseen { id: f.id });
    }
    let supervisor = actor.role.is_supervisor_or_above();
    let require_supervisor = || {
        if supervisor {
            Ok(())
        } else {
            Err(Refusal::NeedsSupervisor { kind })
        }
    };
    // Officers work what is theirs; an unassigned report is claimed before it is answered or
    // closed, so that every reply has an owner (README: "assignee or supervisor and above").
    let require_assignee_or_supervisor = || match f.assignee {
        _ if supervisor => Ok(()),
        Some(a) if a == actor.id => Ok(()),
        Some(_) => Err(Refusal::AssignedToOther { id: f.id }),
        None => Err(Refusal::ClaimFirst { id: f.id, kind }),
    };
    let moved = |status: Status| Transition::to(status, kind.clock_effect());
    match action {
        Action::Verify {
            changes,
            dispose_to,
        } => {
            require_supervisor()?;
            if !matches!(s, Baru | Terverifikasi) {
                return Err(illegal(f, action));
            }
            if let Some(j) = &changes.judul {
                need_text(j, Needed::Title)?;
            }
            match dispose_to {
                None => Ok(moved(Terverifikasi)),
                Some(to) => dispose(f, actor, action, to),
            }
        }
        Action::Dispose { to } => {
            require_supervisor()?;
            if !matches!(s, Terverifikasi | BukanWewenang | Didisposisikan) {
                return Err(illegal(f, action));
            }
            if s == Didisposisikan && !to.path.starts_with(&f.instansi_path) {
                return Err(Refusal::NotAUnit {
                    id: f.id,
                    instansi: to.name.clone(),
                });
            }
            dispose(f, actor, action, to)
        }
        Action::Hold { reason, until } => {
            require_supervisor()?;
            need_text(reason, Needed::HoldReason)?;
            if !s.awaits_routing() {
                return Err(illegal(f, action));
            }
            if *until <= f.today {
                return Err(Refusal::HoldUntilPast {
                    until: *until,
                    today: f.today,
                });
            }
            Ok(moved(Ditunda))
        }
        Action::Resume => {
            require_supervisor()?;
            if s != Ditunda {
                return Err(illegal(f, action));
            }
            Ok(moved(Baru))
        }
        Action::ReturnNotAuthority { reason } => {
            need_text(reason, Needed::ReturnReason)?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(f, action));
            }
            let Some(router) = f.routed_by else {
                return Err(Refusal::NoRouter { id: f.id });
            };
            let mut t = moved(BukanWewenang);
            t.instansi = Change::Set(router);
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Archive { .. } => {
            require_supervisor()?;
            if !matches!(s, Baru | Ditunda | Terverifikasi | BukanWewenang) {
                return Err(illegal(f, action));
            }
            let mut t = moved(Diarsipkan);
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Claim => {
            if s.is_closed() {
                return Err(illegal(f, action));
            }
            match f.assignee {
                Some(a) if a == actor.id => Err(Refusal::AlreadyYours { id: f.id }),
                Some(_) => Err(Refusal::ClaimedByOther { id: f.id }),
                None => Ok(take(f, actor.id)),
            }
        }
        Action::Assign { to } => {
            require_supervisor()?;
            if s.is_closed() {
                return Err(illegal(f, action));
            }
            if !to.active {
                return Err(Refusal::OfficerDisabled {
                    username: to.username.clone(),
                });
            }
            let assignee = access::Person {
                id: to.id,
                role: to.role,
                instansi_path: &to.instansi_path,
            };
            match access::may_assign(actor, f.sighting(), assignee) {
                Ok(()) => {}
                Err(Denial::Unseen) => {
                    return Err(Refusal::OfficerCannotSee {
                        username: to.username.clone(),
                        id: f.id,
                    });
                }
                Err(denial) => {
                    return Err(Refusal::AssignDenied {
                        username: to.username.clone(),
                        id: f.id,
                        denial,
                    });
                }
            }
            if f.assignee == Some(to.id) {
                return Err(Refusal::AlreadyAssigned {
                    id: f.id,
                    username: to.username.clone(),
                });
            }
            Ok(take(f, to.id))
        }
        Action::Unassign => {
            let Some(current) = f.assignee else {
                return Err(Refusal::NoAssignee { id: f.id });
            };
            if current != actor.id && !supervisor {
                return Err(Refusal::AssignedToOther { id: f.id });
            }
            let mut t = moved(s);
            t.assignee = Change::Set(None);
            Ok(t)
        }
        Action::Reply { body } => {
            need_text(body, Needed::Reply)?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(f, action));
            }
            require_assignee_or_supervisor()?;
            if f.requires_approval && !supervisor {
                return Err(Refusal::ApprovalRequired { id: f.id });
            }
            let mut t = moved(Ditanggapi);
            if f.assignee.is_none() {
                t.assignee = Change::Set(Some(actor.id));
            }
            Ok(t)
        }
        Action::Note { body } => {
            need_text(body, Needed::Note)?;
            Ok(moved(s))
        }
        Action::SubmitForApproval { body } => {
            need_text(body, Needed::Reply)?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(f, action));
            }
            require_assignee_or_supervisor()?;
            let mut t = moved(MenungguPersetujuan);
            t.pending_reply_by = Change::Set(Some(actor.id));
            if f.assignee.is_none() {
                t.assignee = Change::Set(Some(actor.id));
            }
            Ok(t)
        }
        Action::Approve => {
            require_supervisor()?;
            if s != MenungguPersetujuan {
                return Err(illegal(f, action));
            }
            if f.pending_reply_by == Some(actor.id) {
                return Err(Refusal::FourEyes { id: f.id });
            }
            let mut t = moved(Ditanggapi);
            t.pending_reply_by = Change::Set(None);
            Ok(t)
        }
        Action::SendBack { note } => {
            require_supervisor()?;
            need_text(note, Needed::SendBackNote)?;
            if s != MenungguPersetujuan {
                return Err(illegal(f, action));
            }
            let mut t = moved(Ditindaklanjuti);
            t.pending_reply_by = Change::Set(None);
            Ok(t)
        }
        Action::Escalate { to, reason } => {
            need_text(reason, Needed::EscalateReason)?;
            if s.is_closed() {
                return Err(illegal(f, action));
            }
            if !f.instansi_path.starts_with(&to.path) {
                return Err(Refusal::NotAbove {
                    id: f.id,
                    instansi: to.name.clone(),
                });
            }
            if f.escalated_to == Some(to.id) {
                return Err(Refusal::AlreadyEscalated {
                    id: f.id,
                    instansi: to.name.clone(),
                });
            }
            let mut t = moved(s);
            t.escalated_to = Change::Set(Some(to.id));
            Ok(t)
        }
        Action::Deescalate { .. } => {
            require_supervisor()?;
            if f.escalated_to.is_none() {
                return Err(Refusal::NotEscalated { id: f.id });
            }
            let mut t = moved(s);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::ReporterReply { body } => {
            need_text(body, Needed::ReporterReply)?;
            if s != Ditanggapi {
                return Err(illegal(f, action));
            }
            Ok(moved(TanggapanPelapor))
        }
        Action::Close { .. } => {
            if s != Ditanggapi {
                return Err(illegal(f, action));
            }
            require_assignee_or_supervisor()?;
            let mut t = moved(Selesai);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::AutoClose => {
            if !actor.is_system() {
                return Err(Refusal::SweepOnly);
            }
            if s != Ditanggapi {
                return Err(illegal(f, action));
            }
            let mut t = moved(Selesai);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Reopen { reason } => {
            require_supervisor()?;
            need_text(reason, Needed::ReopenReason)?;
            if s != Selesai {
                return Err(illegal(f, action));
            }
            Ok(moved(Ditindaklanjuti))
        }
        Action::Merge { into } => {
            require_supervisor()?;
            if into.id == f.id {
                return Err(Refusal::MergeIntoItself { id: f.id });
            }
            if s.is_closed() {
                return Err(illegal(f, action));
            }
            // A duplicate is folded into the report that stays open: not into one already
            // finished or archived, where nobody would work it.
            if into.status.is_closed() {
                return Err(Refusal::MergeIntoClosed {
                    into: into.id,
                    status: into.status,
                });
            }
            let mut t = moved(Diarsipkan);
            t.merged_into = Change::Set(Some(into.id));
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            // A reply awaiting approval goes with the duplicate: nobody approves it any more.
            t.pending_reply_by = Change::Set(None);
            Ok(t)
        }
        Action::Link { other } => {
            if other.id == f.id {
                return Err(Refusal::LinkToItself { id: f.id });
            }
            if other.linked {
                return Err(Refusal::AlreadyLinked {
                    id: f.id,
                    other: other.id,
                });
            }
            Ok(moved(s))
        }
    }
}

fn dispose(
    f: &ComplaintFacts,
    actor: &Actor,
    action: &Action,
    to: &InstansiTarget,
) -> Result<Transition, Refusal> {
    if to.id == f.instansi_id && f.status == Status::Didisposisikan {
        return Err(Refusal::AlreadyAt {
            id: f.id,
            instansi: to.name.clone(),
        });
    }
    // Forwarding goes only down the actor's own subtree; sending a report back up is `return`.
    if let Err(denial) = access::may_dispose_into(actor, &to.path) {
        return Err(Refusal::DisposeDenied {
            instansi: to.name.clone(),
            denial,
        });
    }
    let mut t = Transition::to(Status::Didisposisikan, action.kind().clock_effect());
    t.instansi = Change::Set(to.id);
    t.routed_by = Change::Set(Some(if f.status == Status::Didisposisikan {
        f.instansi_id
    } else {
        actor.instansi_id
    }));
    t.assignee = Change::Set(None);
    t.escalated_to = Change::Set(None);
    Ok(t)
}

/// Claiming or assigning a disposed report starts the work on it.
fn take(f: &ComplaintFacts, officer: OfficerId) -> Transition {
    let status = if f.status == Status::Didisposisikan {
        Status::Ditindaklanjuti
    } else {
        f.status
    };
    let mut t = Transition::stay(status);
    t.assignee = Change::Set(Some(officer));
    t
}

#[cfg(test)]
mod tests;
