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

/// The acting officer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: OfficerId,
    pub username: String,
    pub role: Role,
    pub instansi_id: InstansiId,
    pub instansi_path: String,
}

impl Actor {
    /// The system actor used by the sweep; it may do everything the clocks require.
    pub fn system() -> Self {
        Actor {
            id: 0,
            username: "sistem".into(),
            role: Role::National,
            instansi_id: 0,
            instansi_path: "/".into(),
        }
    }
    pub fn is_system(&self) -> bool {
        self.id == 0
    }
    /// Whether `path` lies in this officer's subtree (see `access::in_subtree`).
    pub fn covers(&self, path: &str) -> bool {
        access::in_subtree(self, path)
    }
}

/// A node of the instansi tree named as the target of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstansiTarget {
    pub id: InstansiId,
    pub name: String,
    pub path: String,
}

/// An officer named as the target of an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfficerTarget {
    pub id: OfficerId,
    pub username: String,
    pub role: Role,
    pub instansi_path: String,
    pub active: bool,
}

/// Changes made while verifying (the admin may rewrite the title as a summary).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub judul: Option<String>,
    pub klasifikasi: Option<Klasifikasi>,
    pub kategori_id: Option<i64>,
    pub tags: Option<Vec<String>>,
}

/// How an action names its targets: by what a person types (`Named`) or resolved by the store
/// (`Resolved`). One enum serves both, so the CLI, the console and the rules never drift apart.
pub trait Targets {
    type Instansi: Clone + std::fmt::Debug + PartialEq;
    type Officer: Clone + std::fmt::Debug + PartialEq;
    type Complaint: Clone + std::fmt::Debug + PartialEq;
}

/// Targets as typed: instansi by code or name, officers by username, complaints by tracking id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Named;
impl Targets for Named {
    type Instansi = String;
    type Officer = String;
    type Complaint = ComplaintId;
}

/// Targets looked up in the store, with what the rules need to know about them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Resolved;
impl Targets for Resolved {
    type Instansi = InstansiTarget;
    type Officer = OfficerTarget;
    type Complaint = ComplaintTarget;
}

/// Another complaint named by an action (merge, link).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplaintTarget {
    pub id: ComplaintId,
    pub status: Status,
    /// Whether the two complaints are linked already (either way round).
    pub linked: bool,
}

/// Every action an officer (or the sweep) can take on a complaint.
#[derive(Debug, Clone, PartialEq)]
pub enum Action<T: Targets = Resolved> {
    /// Verify; with a target, dispose to it in the same step.
    Verify {
        changes: Verification,
        dispose_to: Option<T::Instansi>,
    },
    /// Forward a verified or returned report to an instansi, or an instansi's report to one of its units.
    Dispose {
        to: T::Instansi,
    },
    Hold {
        until: NaiveDate,
        reason: String,
    },
    Resume,
    /// Bukan wewenang: not our authority, back up for re-routing.
    ReturnNotAuthority {
        reason: String,
    },
    Archive {
        reason: ArchiveReason,
        note: String,
    },
    Claim,
    Assign {
        to: T::Officer,
    },
    Unassign,
    Reply {
        body: String,
    },
    Note {
        body: String,
    },
    SubmitForApproval {
        body: String,
    },
    Approve,
    SendBack {
        note: String,
    },
    /// Named form: "atasan" (the supervisor of the complaint's instansi), "induk" (one level above
    /// the current escalation) or an instansi's code or name.
    Escalate {
        to: T::Instansi,
        reason: String,
    },
    Deescalate {
        note: String,
    },
    ReporterReply {
        body: String,
    },
    Close {
        note: String,
    },
    /// The sweep closes a report whose silent period has passed.
    AutoClose,
    Reopen {
        reason: String,
    },
    Merge {
        into: T::Complaint,
    },
    Link {
        other: T::Complaint,
    },
}

impl<T: Targets> Action<T> {
    /// The kind of event this action writes.
    pub fn kind(&self) -> EventKind {
        use EventKind as K;
        match self {
            Action::Verify {
                dispose_to: Some(_),
                ..
            } => K::VerifyDispose,
            Action::Verify { .. } => K::Verify,
            Action::Dispose { .. } => K::Dispose,
            Action::Hold { .. } => K::Hold,
            Action::Resume => K::Resume,
            Action::ReturnNotAuthority { .. } => K::Return,
            Action::Archive { .. } => K::Archive,
            Action::Claim => K::Claim,
            Action::Assign { .. } => K::Assign,
            Action::Unassign => K::Unassign,
            Action::Reply { .. } => K::Reply,
            Action::Note { .. } => K::Note,
            Action::SubmitForApproval { .. } => K::Submit,
            Action::Approve => K::Approve,
            Action::SendBack { .. } => K::SendBack,
            Action::Escalate { .. } => K::Escalate,
            Action::Deescalate { .. } => K::Deescalate,
            Action::ReporterReply { .. } => K::ReporterReply,
            Action::Close { .. } => K::Close,
            Action::AutoClose => K::AutoClose,
            Action::Reopen { .. } => K::Reopen,
            Action::Merge { .. } => K::Merge,
            Action::Link { .. } => K::Link,
        }
    }

    /// The action with its texts checked and normalised by the input rules (`input`): limits,
    /// control characters, line endings, the same on every backend and every surface.
    pub fn checked(self) -> Result<Self, InputError> {
        use TextField as F;
        let text = |field, t: String| check_text(field, &t);
        // Optional notes stay empty when nothing was written.
        let optional = |field, t: String| -> Result<String, InputError> {
            Ok(check_optional_text(field, Some(&t))?.unwrap_or_default())
        };
        Ok(match self {
            Action::Verify {
                mut changes,
                dispose_to,
            } => {
                if let Some(j) = changes.judul.take() {
                    changes.judul = Some(text(F::Judul, j)?);
                }
                if let Some(tags) = changes.tags.take() {
                    changes.tags = Some(check_tags(tags)?);
                }
                Action::Verify {
                    changes,
                    dispose_to,
                }
            }
            Action::Hold { until, reason } => Action::Hold {
                until,
                reason: text(F::Reason, reason)?,
            },
            Action::ReturnNotAuthority { reason } => Action::ReturnNotAuthority {
                reason: text(F::Reason, reason)?,
            },
            Action::Archive { reason, note } => Action::Archive {
                reason,
                note: optional(F::Note, note)?,
            },
            Action::Reply { body } => Action::Reply {
                body: text(F::Reply, body)?,
            },
            Action::Note { body } => Action::Note {
                body: text(F::Note, body)?,
            },
            Action::SubmitForApproval { body } => Action::SubmitForApproval {
                body: text(F::Reply, body)?,
            },
            Action::SendBack { note } => Action::SendBack {
                note: text(F::Note, note)?,
            },
            Action::Escalate { to, reason } => Action::Escalate {
                to,
                reason: text(F::Reason, reason)?,
            },
            Action::Deescalate { note } => Action::Deescalate {
                note: optional(F::Note, note)?,
            },
            Action::ReporterReply { body } => Action::ReporterReply {
                body: text(F::Reply, body)?,
            },
            Action::Close { note } => Action::Close {
                note: optional(F::Note, note)?,
            },
            Action::Reopen { reason } => Action::Reopen {
                reason: text(F::Reason, reason)?,
            },
            other @ (Action::Dispose { .. }
            | Action::Resume
            | Action::Claim
            | Action::Assign { .. }
            | Action::Unassign
            | Action::Approve
            | Action::AutoClose
            | Action::Merge { .. }
            | Action::Link { .. }) => other,
        })
    }

    /// The stable verb of the event log, the CLI and JSON (the kind's code).
    pub fn verb(&self) -> &'static str {
        self.kind().as_code()
    }
}

impl EventKind {
    /// What an event of this kind does to the complaint's clock. `plan` builds every transition's
    /// clock effect from here, and replaying a log of old events uses the same table, so the two
    /// can never disagree.
    pub fn clock_effect(self) -> ClockEffect {
        use EventKind as K;
        match self {
            K::Intake | K::Return => ClockEffect::Start(ClockKind::Verifikasi),
            K::Dispose | K::VerifyDispose | K::ReporterReply | K::Reopen => {
                ClockEffect::Start(ClockKind::TindakLanjut)
            }
            K::Reply | K::Approve => ClockEffect::Start(ClockKind::Penutupan),
            K::Hold => ClockEffect::Pause,
            K::Resume => ClockEffect::Resume,
            K::Archive | K::Merge | K::Close | K::AutoClose => ClockEffect::Stop,
            K::Verify
            | K::Claim
            | K::Assign
            | K::Unassign
            | K::Note
            | K::Submit
            | K::SendBack
            | K::Escalate
            | K::Deescalate
            | K::Link => ClockEffect::Keep,
        }
    }
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
mod tests {
    use super::*;
    use crate::domain::types::ClockKind::*;

    const KOTA: &str = "/1/20/300/";
    const UNIT: &str = "/1/20/300/301/";

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a real date")
    }

    fn at(role: Role, path: &str) -> Actor {
        Actor {
            id: 7,
            username: "x".into(),
            role,
            instansi_id: 300,
            instansi_path: path.into(),
        }
    }

    fn facts(status: Status, path: &str, klasifikasi: Klasifikasi) -> ComplaintFacts {
        ComplaintFacts {
            id: 42,
            status,
            assignee: None,
            instansi_id: 301,
            instansi_path: path.into(),
            klasifikasi,
            routed_by: Some(20),
            escalated_to: None,
            pending_reply_by: None,
            requires_approval: false,
            merged_into: None,
            today: day(2026, 11, 2),
        }
    }

    fn unit(id: InstansiId, path: &str) -> InstansiTarget {
        InstansiTarget {
            id,
            name: format!("unit {id}"),
            path: path.into(),
        }
    }

    // The rules as domain.md states them, written independently of `plan`: for each action, the
    // statuses it applies in, whether it needs a supervisor (or above), the status it leads to
    // (None: unchanged, or the claim/assign rule) and what it does to the clock.
    struct Rule {
        action: Action,
        from: &'static [Status],
        supervisor: bool,
        to: Option<Status>,
        clock: ClockEffect,
    }

    fn rules() -> Vec<Rule> {
        use Status::*;
        let text = || "alasan".to_string();
        let open = &[
            Baru,
            Ditunda,
            Terverifikasi,
            Didisposisikan,
            BukanWewenang,
            Ditindaklanjuti,
            MenungguPersetujuan,
            Ditanggapi,
            TanggapanPelapor,
        ][..];
        let worked = &[Didisposisikan, Ditindaklanjuti, TanggapanPelapor][..];
        let rule = |action, from, supervisor, to, clock| Rule {
            action,
            from,
            supervisor,
            to,
            clock,
        };
        vec![
            rule(
                Action::Verify {
                    changes: Verification::default(),
                    dispose_to: None,
                },
                &[Baru, Terverifikasi],
                true,
                Some(Terverifikasi),
                ClockEffect::Keep,
            ),
            rule(
                Action::Verify {
                    changes: Verification::default(),
                    dispose_to: Some(unit(302, "/1/20/300/301/302/")),
                },
                &[Baru, Terverifikasi],
                true,
                Some(Didisposisikan),
                ClockEffect::Start(TindakLanjut),
            ),
            rule(
                Action::Dispose {
                    to: unit(302, "/1/20/300/301/302/"),
                },
                &[Terverifikasi, BukanWewenang, Didisposisikan],
                true,
                Some(Didisposisikan),
                ClockEffect::Start(TindakLanjut),
            ),
            rule(
                Action::Hold {
                    until: day(2026, 11, 9),
                    reason: text(),
                },
                &[Baru, Terverifikasi, BukanWewenang],
                true,
                Some(Ditunda),
                ClockEffect::Pause,
            ),
            rule(
                Action::Resume,
                &[Ditunda],
                true,
                Some(Baru),
                ClockEffect::Resume,
            ),
            rule(
                Action::ReturnNotAuthority { reason: text() },
                worked,
                false,
                Some(BukanWewenang),
                ClockEffect::Start(Verifikasi),
            ),
            rule(
                Action::Archive {
                    reason: ArchiveReason::Spam,
                    note: String::new(),
                },
                &[Baru, Ditunda, Terverifikasi, BukanWewenang],
                true,
                Some(Diarsipkan),
                ClockEffect::Stop,
            ),
            rule(Action::Claim, open, false, None, ClockEffect::Keep),
            rule(
                Action::Assign {
                    to: OfficerTarget {
                        id: 9,
                        username: "rekan".into(),
                        role: Role::Officer,
                        instansi_path: UNIT.into(),
                        active: true,
                    },
                },
                open,
                true,
                None,
                ClockEffect::Keep,
            ),
            rule(
                Action::Unassign,
                Status::ALL,
                false,
                None,
                ClockEffect::Keep,
            ),
            rule(
                Action::Reply { body: text() },
                worked,
                false,
                Some(Ditanggapi),
                ClockEffect::Start(Penutupan),
            ),
            rule(
                Action::Note { body: text() },
                Status::ALL,
                false,
                None,
                ClockEffect::Keep,
            ),
            rule(
                Action::SubmitForApproval { body: text() },
                worked,
                false,
                Some(MenungguPersetujuan),
                ClockEffect::Keep,
            ),
            rule(
                Action::Approve,
                &[MenungguPersetujuan],
                true,
                Some(Ditanggapi),
                ClockEffect::Start(Penutupan),
            ),
            rule(
                Action::SendBack { note: text() },
                &[MenungguPersetujuan],
                true,
                Some(Ditindaklanjuti),
                ClockEffect::Keep,
            ),
            rule(
                Action::Escalate {
                    to: unit(20, "/1/20/"),
                    reason: text(),
                },
                open,
                false,
                None,
                ClockEffect::Keep,
            ),
            rule(
                Action::Deescalate { note: text() },
                Status::ALL,
                true,
                None,
                ClockEffect::Keep,
            ),
            rule(
                Action::ReporterReply { body: text() },
                &[Ditanggapi],
                false,
                Some(TanggapanPelapor),
                ClockEffect::Start(TindakLanjut),
            ),
            rule(
                Action::Close { note: text() },
                &[Ditanggapi],
                false,
                Some(Selesai),
                ClockEffect::Stop,
            ),
            rule(
                Action::Reopen { reason: text() },
                &[Selesai],
                true,
                Some(Ditindaklanjuti),
                ClockEffect::Start(TindakLanjut),
            ),
            rule(
                Action::Merge {
                    into: ComplaintTarget {
                        id: 43,
                        status: Ditindaklanjuti,
                        linked: false,
                    },
                },
                open,
                true,
                Some(Diarsipkan),
                ClockEffect::Stop,
            ),
            rule(
                Action::Link {
                    other: ComplaintTarget {
                        id: 43,
                        status: Ditindaklanjuti,
                        linked: false,
                    },
                },
                Status::ALL,
                false,
                None,
                ClockEffect::Keep,
            ),
        ]
    }

    /// Facts under which only the status and the role decide: the actor holds the work (or, for a
    /// claim, nobody does), the report is escalated (so it can be taken back), and someone else
    /// wrote the reply awaiting approval.
    fn workable(status: Status, action: &Action, actor: &Actor) -> ComplaintFacts {
        ComplaintFacts {
            assignee: match action {
                Action::Claim | Action::Assign { .. } => None,
                _ => Some(actor.id),
            },
            escalated_to: Some(1),
            pending_reply_by: Some(99),
            ..facts(status, UNIT, Klasifikasi::Pengaduan)
        }
    }

    #[test]
    fn every_status_action_and_role_follows_the_rules() {
        let mut checked = 0;
        for rule in rules() {
            for &role in Role::ALL {
                let actor = at(role, KOTA);
                for &status in Status::ALL {
                    let f = workable(status, &rule.action, &actor);
                    let got = plan(&f, &actor, &rule.action);
                    let kind = rule.action.kind();
                    let what = format!("{kind} from {status} as {role}");
                    if rule.supervisor && !role.is_supervisor_or_above() {
                        assert_eq!(got, Err(Refusal::NeedsSupervisor { kind }), "{what}");
                    } else if !rule.from.contains(&status) {
                        assert_eq!(
                            got,
                            Err(Refusal::IllegalMove {
                                id: 42,
                                status,
                                kind
                            }),
                            "{what}"
                        );
                    } else {
                        let t = got.unwrap_or_else(|r| panic!("{what}: refused: {r}"));
                        let expected = rule.to.unwrap_or(match (kind, status) {
                            (EventKind::Claim | EventKind::Assign, Status::Didisposisikan) => {
                                Status::Ditindaklanjuti
                            }
                            _ => status,
                        });
                        assert_eq!(t.status, expected, "{what}");
                        assert_eq!(t.clock, rule.clock, "{what}: clock");
                    }
                    checked += 1;
                }
            }
        }
        // Every action but the sweep's own, in every status, for every role.
        assert_eq!(checked, 22 * Status::ALL.len() * Role::ALL.len());
    }

    #[test]
    fn only_the_sweep_closes_by_silence() {
        let f = facts(Status::Ditanggapi, UNIT, Klasifikasi::Pengaduan);
        for &role in Role::ALL {
            assert_eq!(
                plan(&f, &at(role, KOTA), &Action::AutoClose),
                Err(Refusal::SweepOnly)
            );
        }
        let t = plan(&f, &Actor::system(), &Action::AutoClose).expect("the sweep closes");
        assert_eq!((t.status, t.clock), (Status::Selesai, ClockEffect::Stop));
    }

    #[test]
    fn officers_answer_and_close_only_their_own_work() {
        let officer = at(Role::Officer, KOTA);
        let reply = Action::Reply { body: "x".into() };
        let close = Action::Close {
            note: String::new(),
        };
        let unassigned = facts(Status::Ditindaklanjuti, UNIT, Klasifikasi::Pengaduan);
        assert_eq!(
            plan(&unassigned, &officer, &reply),
            Err(Refusal::ClaimFirst {
                id: 42,
                kind: EventKind::Reply
            })
        );
        let answered = facts(Status::Ditanggapi, UNIT, Klasifikasi::Pengaduan);
        assert_eq!(
            plan(&answered, &officer, &close),
            Err(Refusal::ClaimFirst {
                id: 42,
                kind: EventKind::Close
            })
        );
        let others = ComplaintFacts {
            assignee: Some(8),
            ..unassigned.clone()
        };
        assert_eq!(
            plan(&others, &officer, &reply),
            Err(Refusal::AssignedToOther { id: 42 })
        );
        // A supervisor may answer an unassigned report, and becomes its assignee.
        let t = plan(&unassigned, &at(Role::Supervisor, KOTA), &reply).expect("supervisor");
        assert_eq!(t.assignee, Change::Set(Some(7)));
    }

    #[test]
    fn merges_go_into_open_reports_and_links_are_made_once() {
        let sup = at(Role::Supervisor, KOTA);
        let f = facts(Status::Ditindaklanjuti, UNIT, Klasifikasi::Pengaduan);
        for closed in [Status::Selesai, Status::Diarsipkan] {
            let merge = Action::Merge {
                into: ComplaintTarget {
                    id: 43,
                    status: closed,
                    linked: false,
                },
            };
            assert_eq!(
                plan(&f, &sup, &merge),
                Err(Refusal::MergeIntoClosed {
                    into: 43,
                    status: closed
                })
            );
        }
        let again = Action::Link {
            other: ComplaintTarget {
                id: 43,
                status: Status::Baru,
                linked: true,
            },
        };
        assert_eq!(
            plan(&f, &sup, &again),
            Err(Refusal::AlreadyLinked { id: 42, other: 43 })
        );
    }

    #[test]
    fn a_hold_ends_after_today_in_the_complaints_zone() {
        let sup = at(Role::Supervisor, KOTA);
        let f = facts(Status::Baru, UNIT, Klasifikasi::Pengaduan);
        let hold = |until| Action::Hold {
            until,
            reason: "menunggu dokumen".into(),
        };
        for past in [day(2026, 11, 1), day(2026, 11, 2)] {
            assert_eq!(
                plan(&f, &sup, &hold(past)),
                Err(Refusal::HoldUntilPast {
                    until: past,
                    today: day(2026, 11, 2)
                })
            );
        }
        assert!(plan(&f, &sup, &hold(day(2026, 11, 3))).is_ok());
    }

    #[test]
    fn texts_that_show_nothing_are_empty() {
        let sup = at(Role::Supervisor, KOTA);
        let f = facts(Status::Ditindaklanjuti, UNIT, Klasifikasi::Pengaduan);
        for blank in ["", "   ", "\u{200B}", "\u{FEFF}\n\t"] {
            assert_eq!(
                plan(&f, &sup, &Action::Note { body: blank.into() }),
                Err(Refusal::Empty { what: Needed::Note }),
                "{blank:?}"
            );
        }
    }

    #[test]
    fn what_the_actor_does_not_see_is_refused_as_missing() {
        let note = Action::Note { body: "x".into() };
        let f = facts(Status::Didisposisikan, "/1/21/400/", Klasifikasi::Pengaduan);
        assert_eq!(
            plan(&f, &at(Role::Supervisor, KOTA), &note),
            Err(Refusal::Unseen { id: 42 })
        );
        let wbs = facts(Status::Didisposisikan, UNIT, Klasifikasi::Wbs);
        assert_eq!(
            plan(&wbs, &at(Role::Officer, UNIT), &Action::Claim),
            Err(Refusal::Unseen { id: 42 })
        );
        assert!(plan(&wbs, &at(Role::Supervisor, KOTA), &note).is_ok());
        assert_eq!(Refusal::Unseen { id: 42 }.to_string(), "no complaint #42");
    }

    #[test]
    fn disposition_from_any_status_stays_in_the_subtree() {
        let sup = at(Role::Supervisor, KOTA);
        let f = facts(Status::Baru, KOTA, Klasifikasi::Pengaduan);
        let away = Action::Dispose {
            to: unit(401, "/1/21/400/401/"),
        };
        let verify_away = Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(unit(401, "/1/21/400/401/")),
        };
        let f_verified = facts(Status::Terverifikasi, KOTA, Klasifikasi::Pengaduan);
        assert!(matches!(
            plan(&f, &sup, &verify_away),
            Err(Refusal::DisposeDenied { .. })
        ));
        assert!(matches!(
            plan(&f_verified, &sup, &away),
            Err(Refusal::DisposeDenied { .. })
        ));
        let home = Action::Dispose {
            to: unit(301, UNIT),
        };
        assert_eq!(
            plan(&f_verified, &sup, &home).map(|t| t.instansi),
            Ok(Change::Set(301))
        );
    }

    #[test]
    fn a_return_goes_up_to_the_router_whatever_the_subtree() {
        let f = facts(Status::Ditindaklanjuti, UNIT, Klasifikasi::Pengaduan);
        let back = Action::ReturnNotAuthority {
            reason: "bukan wewenang".into(),
        };
        let t = plan(&f, &at(Role::Officer, UNIT), &back).expect("returned");
        assert_eq!(t.status, Status::BukanWewenang);
        assert_eq!(t.instansi, Change::Set(20));
    }

    #[test]
    fn assignees_must_see_the_complaint_and_be_the_actors() {
        let sup = at(Role::Supervisor, KOTA);
        let officer = |role: Role, path: &str| OfficerTarget {
            id: 9,
            username: "y".into(),
            role,
            instansi_path: path.into(),
            active: true,
        };
        let wbs = facts(Status::Didisposisikan, UNIT, Klasifikasi::Wbs);
        assert!(matches!(
            plan(
                &wbs,
                &sup,
                &Action::Assign {
                    to: officer(Role::Officer, UNIT)
                }
            ),
            Err(Refusal::OfficerCannotSee { .. })
        ));
        let plain = facts(Status::Didisposisikan, UNIT, Klasifikasi::Pengaduan);
        assert!(matches!(
            plan(
                &plain,
                &sup,
                &Action::Assign {
                    to: officer(Role::National, "/1/")
                }
            ),
            Err(Refusal::AssignDenied { .. })
        ));
        assert!(
            plan(
                &plain,
                &sup,
                &Action::Assign {
                    to: officer(Role::Officer, UNIT)
                }
            )
            .is_ok()
        );
    }
}
