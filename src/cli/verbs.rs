//! The action verbs: what each asks of the lifecycle.

use super::args::*;
use super::parse::*;
use crate::domain::lifecycle::{Action, Named, Verification};
use crate::domain::*;
use crate::store::Store;
use anyhow::{Result, anyhow, bail};

/// The action a verb asks for, with names left for the store to resolve.
pub(super) fn action_of(store: &Store, command: Command) -> Result<(Target, Action<Named>)> {
    Ok(match command {
        Command::Verify {
            target,
            judul,
            klasifikasi,
            kategori,
            tags,
            instansi,
        } => {
            let changes = Verification {
                judul,
                klasifikasi: klasifikasi
                    .as_deref()
                    .map(Klasifikasi::parse)
                    .transpose()
                    .map_err(|e| anyhow!(e))?,
                kategori_id: match kategori.as_deref() {
                    Some(k) => Some(store.find_category(k)?.id),
                    None => None,
                },
                tags: tags.map(|t| split_tags(&t)),
            };
            (
                target,
                Action::Verify {
                    changes,
                    dispose_to: instansi,
                },
            )
        }
        Command::Dispose { target, instansi } => (target, Action::Dispose { to: instansi }),
        Command::Hold {
            target,
            until,
            reason,
        } => (
            target,
            Action::Hold {
                until: parse_date(&until)?,
                reason,
            },
        ),
        Command::Resume { target } => (target, Action::Resume),
        Command::Return { target, reason } => (target, Action::ReturnNotAuthority { reason }),
        Command::Archive {
            target,
            reason,
            note,
        } => (
            target,
            Action::Archive {
                reason: ArchiveReason::parse(&reason).map_err(|e| anyhow!(e))?,
                note,
            },
        ),
        Command::Claim { target } => (target, Action::Claim),
        Command::Assign { target, to } => (target, Action::Assign { to }),
        Command::Unassign { target } => (target, Action::Unassign),
        Command::Reply { target, body } => (
            target,
            Action::Reply {
                body: read_body(&body)?,
            },
        ),
        Command::Note { target, body } => (
            target,
            Action::Note {
                body: read_body(&body)?,
            },
        ),
        Command::Submit { target, body } => (
            target,
            Action::SubmitForApproval {
                body: read_body(&body)?,
            },
        ),
        Command::Approve { target } => (target, Action::Approve),
        Command::SendBack { target, note } => (target, Action::SendBack { note }),
        Command::Escalate { target, to, reason } => (target, Action::Escalate { to, reason }),
        Command::Deescalate { target, note } => (target, Action::Deescalate { note }),
        Command::ReporterReply { target, body } => (
            target,
            Action::ReporterReply {
                body: read_body(&body)?,
            },
        ),
        Command::Close { target, note } => (target, Action::Close { note }),
        Command::Reopen { target, reason } => (target, Action::Reopen { reason }),
        Command::Merge { target, into } => (target, Action::Merge { into }),
        Command::Link { target, other } => (target, Action::Link { other }),
        other => bail!("internal: {other:?} is not an action"),
    })
}
