//! Every legal move of a complaint, and the reason each illegal one is refused. Pure: the store
//! gathers the facts, asks `plan`, and writes the resulting `Transition` and its event in one
//! transaction.

use super::access::{self, Denial, Sighting};
use super::clock::ClockEffect;
use super::types::{ArchiveReason, ClockKind, Klasifikasi, Role, Status};
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
    /// The event kind written for this action: the stable verb used in the log, the CLI and JSON.
    pub fn verb(&self) -> &'static str {
        match self {
            Action::Verify {
                dispose_to: Some(_),
                ..
            } => "verify_dispose",
            Action::Verify { .. } => "verify",
            Action::Dispose { .. } => "dispose",
            Action::Hold { .. } => "hold",
            Action::Resume => "resume",
            Action::ReturnNotAuthority { .. } => "return",
            Action::Archive { .. } => "archive",
            Action::Claim => "claim",
            Action::Assign { .. } => "assign",
            Action::Unassign => "unassign",
            Action::Reply { .. } => "reply",
            Action::Note { .. } => "note",
            Action::SubmitForApproval { .. } => "submit",
            Action::Approve => "approve",
            Action::SendBack { .. } => "send_back",
            Action::Escalate { .. } => "escalate",
            Action::Deescalate { .. } => "deescalate",
            Action::ReporterReply { .. } => "reporter_reply",
            Action::Close { .. } => "close",
            Action::AutoClose => "auto_close",
            Action::Reopen { .. } => "reopen",
            Action::Merge { .. } => "merge",
            Action::Link { .. } => "link",
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

/// Why a move was refused. The message says what was wrong in a way an officer can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("#{id} is {status}: {verb} is not possible from that status ({hint})")]
    IllegalMove {
        id: ComplaintId,
        status: Status,
        verb: &'static str,
        hint: &'static str,
    },
    #[error("{who} may not {verb}: {why}")]
    NotPermitted {
        who: String,
        verb: &'static str,
        why: String,
    },
    #[error("{0}")]
    Invalid(String),
    /// The complaint is outside what the actor may see: worded exactly as a missing one.
    #[error("no complaint #{0}")]
    Unseen(ComplaintId),
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

fn illegal<T: Targets>(f: &ComplaintFacts, a: &Action<T>, hint: &'static str) -> Refusal {
    Refusal::IllegalMove {
        id: f.id,
        status: f.status,
        verb: a.verb(),
        hint,
    }
}

fn forbid<T: Targets>(actor: &Actor, a: &Action<T>, why: impl Into<String>) -> Refusal {
    Refusal::NotPermitted {
        who: actor.username.clone(),
        verb: a.verb(),
        why: why.into(),
    }
}

fn need_text(text: &str, what: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        Err(Refusal::Invalid(format!("{what} must not be empty")))
    } else {
        Ok(())
    }
}

/// Decides whether `actor` may take `action` on the complaint described by `facts`, and what changes.
pub fn plan(facts: &ComplaintFacts, actor: &Actor, action: &Action) -> Result<Transition, Refusal> {
    use Status::*;
    let f = facts;
    let s = f.status;
    if access::may_act(actor, f.sighting()).is_err() {
        // Not "outside your scope": that would tell the actor the report exists.
        return Err(Refusal::Unseen(f.id));
    }
    let supervisor = actor.role.is_supervisor_or_above();
    let require_supervisor = |why: &str| {
        if supervisor {
            Ok(())
        } else {
            Err(forbid(
                actor,
                action,
                format!("{why} needs a supervisor, admin or national role"),
            ))
        }
    };
    let is_assignee = f.assignee == Some(actor.id);
    let require_assignee_or_supervisor = || {
        if is_assignee || supervisor || f.assignee.is_none() {
            Ok(())
        } else {
            Err(forbid(
                actor,
                action,
                format!("#{} is assigned to someone else", f.id),
            ))
        }
    };
    match action {
        Action::Verify {
            changes,
            dispose_to,
        } => {
            require_supervisor("verifying")?;
            if !matches!(s, Baru | Terverifikasi) {
                return Err(illegal(f, action, "only new reports are verified"));
            }
            if let Some(j) = &changes.judul {
                need_text(j, "the title")?;
            }
            match dispose_to {
                None => Ok(Transition::stay(Terverifikasi)),
                Some(to) => dispose(f, actor, action, to),
            }
        }
        Action::Dispose { to } => {
            require_supervisor("disposing")?;
            if !matches!(s, Terverifikasi | BukanWewenang | Didisposisikan) {
                return Err(illegal(
                    f,
                    action,
                    "verify it first, or dispose a returned report",
                ));
            }
            if s == Didisposisikan && !to.path.starts_with(&f.instansi_path) {
                return Err(Refusal::Invalid(format!(
                    "{} is not a unit of the instansi holding #{}; return it as bukan wewenang instead",
                    to.name, f.id
                )));
            }
            dispose(f, actor, action, to)
        }
        Action::Hold { reason, .. } => {
            require_supervisor("holding")?;
            need_text(reason, "the reason for holding")?;
            if !s.awaits_routing() {
                return Err(illegal(
                    f,
                    action,
                    "only reports awaiting verification or routing are held",
                ));
            }
            Ok(Transition::to(Ditunda, ClockEffect::Pause))
        }
        Action::Resume => {
            require_supervisor("resuming")?;
            if s != Ditunda {
                return Err(illegal(f, action, "only a report on hold is resumed"));
            }
            Ok(Transition::to(Baru, ClockEffect::Resume))
        }
        Action::ReturnNotAuthority { reason } => {
            need_text(reason, "the reason for returning")?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(
                    f,
                    action,
                    "only a disposed report not yet answered can be returned",
                ));
            }
            let Some(router) = f.routed_by else {
                return Err(Refusal::Invalid(format!(
                    "#{} has no routing instansi to return it to",
                    f.id
                )));
            };
            let mut t = Transition::to(BukanWewenang, ClockEffect::Start(ClockKind::Verifikasi));
            t.instansi = Change::Set(router);
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Archive { note, .. } => {
            require_supervisor("archiving")?;
            let _ = note;
            if !matches!(s, Baru | Ditunda | Terverifikasi | BukanWewenang) {
                return Err(illegal(
                    f,
                    action,
                    "only reports not yet disposed are archived; close or merge others",
                ));
            }
            let mut t = Transition::to(Diarsipkan, ClockEffect::Stop);
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Claim => {
            if s.is_closed() {
                return Err(illegal(
                    f,
                    action,
                    "closed reports take no work; reopen it first",
                ));
            }
            match f.assignee {
                Some(a) if a == actor.id => {
                    Err(Refusal::Invalid(format!("#{} is already yours", f.id)))
                }
                Some(_) => Err(Refusal::Invalid(format!(
                    "#{} is already claimed by another officer",
                    f.id
                ))),
                None => Ok(take(f, actor.id)),
            }
        }
        Action::Assign { to } => {
            require_supervisor("assigning")?;
            if s.is_closed() {
                return Err(illegal(
                    f,
                    action,
                    "closed reports take no work; reopen it first",
                ));
            }
            if !to.active {
                return Err(Refusal::Invalid(format!(
                    "officer {} is disabled",
                    to.username
                )));
            }
            let assignee = access::Person {
                id: to.id,
                role: to.role,
                instansi_path: &to.instansi_path,
            };
            match access::may_assign(actor, f.sighting(), assignee) {
                Ok(()) => {}
                Err(Denial::Unseen) => {
                    return Err(Refusal::Invalid(format!(
                        "officer {} cannot work #{}: it is outside what they see",
                        to.username, f.id
                    )));
                }
                Err(d) => {
                    return Err(forbid(
                        actor,
                        action,
                        format!("assign #{} to {}: {d}", f.id, to.username),
                    ));
                }
            }
            if f.assignee == Some(to.id) {
                return Err(Refusal::Invalid(format!(
                    "#{} is already assigned to {}",
                    f.id, to.username
                )));
            }
            Ok(take(f, to.id))
        }
        Action::Unassign => {
            let Some(current) = f.assignee else {
                return Err(Refusal::Invalid(format!(
                    "#{} has no assignee to hand back",
                    f.id
                )));
            };
            if current != actor.id && !supervisor {
                return Err(forbid(
                    actor,
                    action,
                    format!("#{} is assigned to someone else", f.id),
                ));
            }
            let mut t = Transition::stay(s);
            t.assignee = Change::Set(None);
            Ok(t)
        }
        Action::Reply { body } => {
            need_text(body, "the reply")?;
            require_assignee_or_supervisor()?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(
                    f,
                    action,
                    "a follow-up is posted on a disposed report being worked",
                ));
            }
            if f.requires_approval && !supervisor {
                return Err(forbid(
                    actor,
                    action,
                    "this instansi requires a supervisor's approval for public replies; submit the draft for approval",
                ));
            }
            let mut t = Transition::to(Ditanggapi, ClockEffect::Start(ClockKind::Penutupan));
            if f.assignee.is_none() {
                t.assignee = Change::Set(Some(actor.id));
            }
            Ok(t)
        }
        Action::Note { body } => {
            need_text(body, "the note")?;
            Ok(Transition::stay(s))
        }
        Action::SubmitForApproval { body } => {
            need_text(body, "the reply")?;
            require_assignee_or_supervisor()?;
            if !matches!(s, Didisposisikan | Ditindaklanjuti | TanggapanPelapor) {
                return Err(illegal(
                    f,
                    action,
                    "a reply is submitted on a disposed report being worked",
                ));
            }
            let mut t = Transition::stay(MenungguPersetujuan);
            t.pending_reply_by = Change::Set(Some(actor.id));
            if f.assignee.is_none() {
                t.assignee = Change::Set(Some(actor.id));
            }
            Ok(t)
        }
        Action::Approve => {
            require_supervisor("approving")?;
            if s != MenungguPersetujuan {
                return Err(illegal(
                    f,
                    action,
                    "only a reply awaiting approval is approved",
                ));
            }
            if f.pending_reply_by == Some(actor.id) {
                return Err(forbid(
                    actor,
                    action,
                    "the four-eyes rule needs someone other than the reply's author",
                ));
            }
            let mut t = Transition::to(Ditanggapi, ClockEffect::Start(ClockKind::Penutupan));
            t.pending_reply_by = Change::Set(None);
            Ok(t)
        }
        Action::SendBack { note } => {
            require_supervisor("sending back")?;
            need_text(note, "the note for the author")?;
            if s != MenungguPersetujuan {
                return Err(illegal(
                    f,
                    action,
                    "only a reply awaiting approval is sent back",
                ));
            }
            let mut t = Transition::stay(Ditindaklanjuti);
            t.pending_reply_by = Change::Set(None);
            Ok(t)
        }
        Action::Escalate { to, reason } => {
            need_text(reason, "the reason for escalating")?;
            if s.is_closed() {
                return Err(illegal(f, action, "closed reports are not escalated"));
            }
            if !f.instansi_path.starts_with(&to.path) {
                return Err(Refusal::Invalid(format!(
                    "{} is not above the instansi holding #{}",
                    to.name, f.id
                )));
            }
            if f.escalated_to == Some(to.id) {
                return Err(Refusal::Invalid(format!(
                    "#{} is already escalated to {}",
                    f.id, to.name
                )));
            }
            let mut t = Transition::stay(s);
            t.escalated_to = Change::Set(Some(to.id));
            Ok(t)
        }
        Action::Deescalate { .. } => {
            require_supervisor("de-escalating")?;
            if f.escalated_to.is_none() {
                return Err(Refusal::Invalid(format!("#{} is not escalated", f.id)));
            }
            let mut t = Transition::stay(s);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::ReporterReply { body } => {
            need_text(body, "the reporter's reply")?;
            if s != Ditanggapi {
                return Err(illegal(
                    f,
                    action,
                    "the reporter answers a posted follow-up",
                ));
            }
            Ok(Transition::to(
                TanggapanPelapor,
                ClockEffect::Start(ClockKind::TindakLanjut),
            ))
        }
        Action::Close { .. } => {
            require_assignee_or_supervisor()?;
            if s != Ditanggapi {
                return Err(illegal(
                    f,
                    action,
                    "a report closes once its follow-up is posted",
                ));
            }
            let mut t = Transition::to(Selesai, ClockEffect::Stop);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::AutoClose => {
            if !actor.is_system() {
                return Err(forbid(
                    actor,
                    action,
                    "only the sweep closes reports automatically",
                ));
            }
            if s != Ditanggapi {
                return Err(illegal(f, action, "only answered reports close by silence"));
            }
            let mut t = Transition::to(Selesai, ClockEffect::Stop);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Reopen { reason } => {
            require_supervisor("reopening")?;
            need_text(reason, "the reason for reopening")?;
            if s != Selesai {
                return Err(illegal(f, action, "only a finished report is reopened"));
            }
            Ok(Transition::to(
                Ditindaklanjuti,
                ClockEffect::Start(ClockKind::TindakLanjut),
            ))
        }
        Action::Merge { into } => {
            require_supervisor("merging")?;
            if into.id == f.id {
                return Err(Refusal::Invalid(format!(
                    "#{} cannot be merged into itself",
                    f.id
                )));
            }
            if s.is_closed() {
                return Err(illegal(f, action, "closed reports are not merged"));
            }
            if into.status == Diarsipkan {
                return Err(Refusal::Invalid(format!(
                    "#{} is archived; merge into the report that stays open",
                    into.id
                )));
            }
            let mut t = Transition::to(Diarsipkan, ClockEffect::Stop);
            t.merged_into = Change::Set(Some(into.id));
            t.assignee = Change::Set(None);
            t.escalated_to = Change::Set(None);
            Ok(t)
        }
        Action::Link { other } => {
            if other.id == f.id {
                return Err(Refusal::Invalid(format!(
                    "#{} cannot be linked to itself",
                    f.id
                )));
            }
            Ok(Transition::stay(s))
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
        return Err(Refusal::Invalid(format!(
            "#{} is already at {}",
            f.id, to.name
        )));
    }
    // Forwarding goes only down the actor's own subtree; sending a report back up is `return`.
    if let Err(d) = access::may_dispose_into(actor, &to.path) {
        return Err(forbid(actor, action, format!("{}: {d}", to.name)));
    }
    let mut t = Transition::to(
        Status::Didisposisikan,
        ClockEffect::Start(ClockKind::TindakLanjut),
    );
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

/// The statuses reachable in one accepted move from `from`: used by the property test and by help.
pub fn successors(from: Status) -> &'static [Status] {
    use Status::*;
    match from {
        Baru => &[Baru, Terverifikasi, Didisposisikan, Ditunda, Diarsipkan],
        Terverifikasi => &[Terverifikasi, Didisposisikan, Ditunda, Diarsipkan],
        Ditunda => &[Ditunda, Baru, Diarsipkan],
        BukanWewenang => &[BukanWewenang, Didisposisikan, Ditunda, Diarsipkan],
        Didisposisikan => &[
            Didisposisikan,
            Ditindaklanjuti,
            BukanWewenang,
            Ditanggapi,
            MenungguPersetujuan,
            Diarsipkan,
        ],
        Ditindaklanjuti => &[
            Ditindaklanjuti,
            BukanWewenang,
            Ditanggapi,
            MenungguPersetujuan,
            Diarsipkan,
        ],
        MenungguPersetujuan => &[MenungguPersetujuan, Ditanggapi, Ditindaklanjuti, Diarsipkan],
        Ditanggapi => &[Ditanggapi, TanggapanPelapor, Selesai, Diarsipkan],
        TanggapanPelapor => &[
            TanggapanPelapor,
            Ditanggapi,
            MenungguPersetujuan,
            BukanWewenang,
            Diarsipkan,
        ],
        Selesai => &[Selesai, Ditindaklanjuti],
        Diarsipkan => &[Diarsipkan],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KOTA: &str = "/1/20/300/";
    const UNIT: &str = "/1/20/300/301/";

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
        }
    }

    fn unit(id: InstansiId, path: &str) -> InstansiTarget {
        InstansiTarget {
            id,
            name: format!("unit {id}"),
            path: path.into(),
        }
    }

    #[test]
    fn what_the_actor_does_not_see_is_refused_as_missing() {
        let note = Action::Note { body: "x".into() };
        let f = facts(Status::Didisposisikan, "/1/21/400/", Klasifikasi::Pengaduan);
        assert_eq!(
            plan(&f, &at(Role::Supervisor, KOTA), &note),
            Err(Refusal::Unseen(42))
        );
        let wbs = facts(Status::Didisposisikan, UNIT, Klasifikasi::Wbs);
        assert_eq!(
            plan(&wbs, &at(Role::Officer, UNIT), &Action::Claim),
            Err(Refusal::Unseen(42))
        );
        assert!(plan(&wbs, &at(Role::Supervisor, KOTA), &note).is_ok());
        assert_eq!(Refusal::Unseen(42).to_string(), "no complaint #42");
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
            Err(Refusal::NotPermitted { .. })
        ));
        assert!(matches!(
            plan(&f_verified, &sup, &away),
            Err(Refusal::NotPermitted { .. })
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
        let t = plan(&f, &at(Role::Officer, UNIT), &back).unwrap();
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
            Err(Refusal::Invalid(_))
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
            Err(Refusal::NotPermitted { .. })
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
