//! The table of legal moves, derived from `lifecycle::plan` so that the database can re-check a
//! change made outside meja with the same rules (PostgreSQL's complaint guard reads it; see
//! migrations/postgres/0003_security.sql). Nothing here decides anything: every row is a move that
//! `plan` accepted for some complaint, so the table can never allow what `plan` refuses.

use super::lifecycle::{
    Action, Actor, Change, ComplaintFacts, ComplaintTarget, InstansiTarget, OfficerTarget, plan,
};
use super::types::{ArchiveReason, Role, Status};
use std::collections::BTreeSet;

/// One accepted move: the event kind, the status before and after, and a role that may make it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Move {
    pub kind: &'static str,
    pub from: Status,
    pub to: Status,
    pub role: Role,
}

/// The complaint columns an event kind may change besides status, version and the clock.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct MoveField {
    pub kind: &'static str,
    pub column: &'static str,
}

/// Every move `plan` accepts, found by asking it about every status, role and action over
/// complaints that differ in what the rules look at (assignee, approval, pending author,
/// escalation), with targets inside the actor's subtree.
pub fn legal_moves() -> (Vec<Move>, Vec<MoveField>) {
    let mut moves = BTreeSet::new();
    let mut fields = BTreeSet::new();
    for &role in Role::ALL {
        let actor = Actor {
            id: 10,
            username: "pelaku".into(),
            role,
            instansi_id: 2,
            instansi_path: "/1/2/".into(),
        };
        for &status in Status::ALL {
            for facts in fact_variants(status, &actor) {
                for action in sample_actions() {
                    let Ok(t) = plan(&facts, &actor, &action) else {
                        continue;
                    };
                    let kind = action.verb();
                    moves.insert(Move {
                        kind,
                        from: status,
                        to: t.status,
                        role,
                    });
                    let mut put = |column: &'static str| {
                        fields.insert(MoveField { kind, column });
                    };
                    if t.assignee != Change::Keep {
                        put("assignee_id");
                    }
                    if t.instansi != Change::Keep {
                        put("instansi_id");
                        put("instansi_path");
                    }
                    if t.routed_by != Change::Keep {
                        put("routed_by");
                    }
                    if t.escalated_to != Change::Keep {
                        put("escalated_to");
                    }
                    if t.pending_reply_by != Change::Keep {
                        put("pending_reply_by");
                    }
                    if t.merged_into != Change::Keep {
                        put("merged_into");
                    }
                    // What the action itself carries rather than the transition.
                    match &action {
                        Action::Verify { .. } => {
                            // The title's stemmed words (search) change with the title.
                            for c in [
                                "judul",
                                "search_judul",
                                "klasifikasi",
                                "kategori_id",
                                "tags",
                            ] {
                                put(c);
                            }
                        }
                        Action::Hold { .. } | Action::Resume => put("hold_until"),
                        // The sweep escalates again only breaches after a person's de-escalation.
                        Action::Deescalate { .. } => put("deescalated_at"),
                        _ => {}
                    }
                }
            }
        }
    }
    (moves.into_iter().collect(), fields.into_iter().collect())
}

fn fact_variants(status: Status, actor: &Actor) -> Vec<ComplaintFacts> {
    let base = ComplaintFacts {
        id: 1_000_001,
        status,
        assignee: None,
        instansi_id: 3,
        instansi_path: "/1/2/3/".into(),
        routed_by: Some(2),
        escalated_to: None,
        pending_reply_by: None,
        requires_approval: false,
        merged_into: None,
        klasifikasi: super::types::Klasifikasi::Pengaduan,
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
    };
    let mut out = Vec::new();
    for assignee in [None, Some(actor.id), Some(99)] {
        for requires_approval in [false, true] {
            for pending in [None, Some(99)] {
                for escalated in [None, Some(2)] {
                    out.push(ComplaintFacts {
                        assignee,
                        requires_approval,
                        pending_reply_by: pending,
                        escalated_to: escalated,
                        ..base.clone()
                    });
                }
            }
        }
    }
    out
}

fn sample_actions() -> Vec<Action> {
    let unit = InstansiTarget {
        id: 4,
        name: "Unit".into(),
        path: "/1/2/3/4/".into(),
    };
    let own = InstansiTarget {
        id: 3,
        name: "Instansi".into(),
        path: "/1/2/3/".into(),
    };
    let other = ComplaintTarget {
        id: 1_000_002,
        status: Status::Ditindaklanjuti,
        linked: false,
    };
    let text = || "alasan".to_string();
    vec![
        Action::Verify {
            changes: Default::default(),
            dispose_to: None,
        },
        Action::Verify {
            changes: Default::default(),
            dispose_to: Some(unit.clone()),
        },
        Action::Dispose { to: unit.clone() },
        Action::Hold {
            until: chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap_or_default(),
            reason: text(),
        },
        Action::Resume,
        Action::ReturnNotAuthority { reason: text() },
        Action::Archive {
            reason: ArchiveReason::Spam,
            note: String::new(),
        },
        Action::Claim,
        Action::Assign {
            to: OfficerTarget {
                id: 77,
                username: "rekan".into(),
                instansi_path: "/1/2/3/".into(),
                active: true,
                role: Role::Officer,
            },
        },
        Action::Unassign,
        Action::Reply { body: text() },
        Action::Note { body: text() },
        Action::SubmitForApproval { body: text() },
        Action::Approve,
        Action::SendBack { note: text() },
        Action::Escalate {
            to: own,
            reason: text(),
        },
        Action::Deescalate { note: text() },
        Action::ReporterReply { body: text() },
        Action::Close { note: text() },
        Action::Reopen { reason: text() },
        Action::Merge {
            into: other.clone(),
        },
        Action::Link { other },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_what_plan_allows_and_nothing_it_refuses() {
        let (moves, fields) = legal_moves();
        let has = |kind: &str, from: Status, to: Status, role: Role| {
            moves
                .iter()
                .any(|m| m.kind == kind && m.from == from && m.to == to && m.role == role)
        };
        // Officers do not verify, supervisors do.
        assert!(has(
            "verify",
            Status::Baru,
            Status::Terverifikasi,
            Role::Supervisor
        ));
        assert!(
            !moves
                .iter()
                .any(|m| m.kind == "verify" && m.role == Role::Officer)
        );
        // Nobody closes a report that has no follow-up, and a finished report is only reopened.
        assert!(
            !moves.iter().any(|m| m.to == Status::Selesai
                && !matches!(m.from, Status::Ditanggapi | Status::Selesai))
        );
        assert!(
            moves
                .iter()
                .filter(|m| m.from == Status::Selesai && m.to != Status::Selesai)
                .all(|m| m.kind == "reopen")
        );
        // The sweep's automatic close is not a move a person can make.
        assert!(!moves.iter().any(|m| m.kind == "auto_close"));
        // A note changes no column; a disposition moves the complaint.
        assert!(!fields.iter().any(|f| f.kind == "note"));
        assert!(fields.contains(&MoveField {
            kind: "dispose",
            column: "instansi_id"
        }));
        assert!(fields.contains(&MoveField {
            kind: "claim",
            column: "assignee_id"
        }));
        assert!(!fields.contains(&MoveField {
            kind: "claim",
            column: "instansi_id"
        }));
    }
}
