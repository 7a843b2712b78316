//! Who acts and what they ask for: the actor, the targets an action names (by name from the CLI,
//! resolved by the store) and the closed set of actions, with the input rules on officers' texts.

use super::*;

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
    /// Whether an event of this kind is work done on the complaint, as the officers' `handled`
    /// figure counts it: everything but taking it in, a note, a claim and a link. The database
    /// counts the same kinds (`monev_handled_event`, migration 0009).
    pub fn is_move(self) -> bool {
        !matches!(
            self,
            EventKind::Intake | EventKind::Note | EventKind::Claim | EventKind::Link
        )
    }

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
