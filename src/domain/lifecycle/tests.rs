//! Tests of `plan` against an independently written table of the rules (domain.md).

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
