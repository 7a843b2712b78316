//! The lifecycle on the pure domain, no database: random officers take random actions on one
//! complaint at random later times, every move goes through `lifecycle::plan`, and the clock
//! goes through `ClockBase::apply` as the store would apply it. The invariants are the domain's:
//! only moves the rules allow, a breached clock stays breached, and the clock history is a
//! function of the events alone.

use chrono::{DateTime, Duration, TimeZone, Utc};
use meja::domain::clock::{ClockEvent, ClockRecord, SegmentOutcome, history};
use meja::domain::lifecycle::{
    Action, Actor, ComplaintFacts, ComplaintTarget, InstansiTarget, OfficerTarget, Verification,
    plan,
};
use meja::domain::moves::legal_moves;
use meja::domain::{
    ArchiveReason, ClockBase, ClockEffect, Deadlines, EventKind, Klasifikasi, Role, Status,
    WorkingCalendar, Zone,
};
use proptest::prelude::*;

const UNIT: &str = "/1/20/300/301/";
const KOTA: &str = "/1/20/300/";

fn people() -> Vec<Actor> {
    let person = |id, username: &str, role, instansi_id, path: &str| Actor {
        id,
        username: username.into(),
        role,
        instansi_id,
        instansi_path: path.into(),
    };
    vec![
        person(7, "petugas", Role::Officer, 301, UNIT),
        person(8, "rekan", Role::Officer, 301, UNIT),
        person(9, "koordinator", Role::Supervisor, 300, KOTA),
        person(10, "admin", Role::Admin, 300, KOTA),
        person(11, "nasional", Role::National, 1, "/1/"),
        Actor::system(),
    ]
}

fn action(pick: u8, actor_pick: u8) -> Action {
    let text = || "alasan yang jelas".to_string();
    let other = ComplaintTarget {
        id: 43,
        status: Status::Ditindaklanjuti,
        linked: false,
    };
    match pick % 24 {
        0 => Action::Verify {
            changes: Verification::default(),
            dispose_to: None,
        },
        1 => Action::Verify {
            changes: Verification::default(),
            dispose_to: Some(InstansiTarget {
                id: 301,
                name: "Unit".into(),
                path: UNIT.into(),
            }),
        },
        2 => Action::Dispose {
            to: InstansiTarget {
                id: 302,
                name: "Sub-unit".into(),
                path: "/1/20/300/301/302/".into(),
            },
        },
        3 => Action::Hold {
            until: chrono::NaiveDate::from_ymd_opt(2027, 12, 31).unwrap_or_default(),
            reason: text(),
        },
        4 => Action::Resume,
        5 => Action::ReturnNotAuthority { reason: text() },
        6 => Action::Archive {
            reason: ArchiveReason::Duplikat,
            note: String::new(),
        },
        7 | 8 => Action::Claim,
        9 => Action::Assign {
            to: OfficerTarget {
                id: 7 + i64::from(actor_pick % 2),
                username: "petugas".into(),
                role: Role::Officer,
                instansi_path: UNIT.into(),
                active: true,
            },
        },
        10 => Action::Unassign,
        11 | 12 => Action::Reply { body: text() },
        13 => Action::Note { body: text() },
        14 => Action::SubmitForApproval { body: text() },
        15 => Action::Approve,
        16 => Action::SendBack { note: text() },
        17 => Action::Escalate {
            to: InstansiTarget {
                id: 20,
                name: "Provinsi".into(),
                path: "/1/20/".into(),
            },
            reason: text(),
        },
        18 => Action::Deescalate { note: text() },
        19 => Action::ReporterReply { body: text() },
        20 => Action::Close { note: text() },
        21 => Action::AutoClose,
        22 => Action::Reopen { reason: text() },
        _ => Action::Merge { into: other },
    }
}

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 1, 0, 0)
        .single()
        .expect("a real time")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_lives_keep_the_invariants(
        steps in proptest::collection::vec((any::<u8>(), any::<u8>(), 0u32..96), 1..60),
    ) {
        let (moves, _) = legal_moves();
        let calendar = WorkingCalendar::shipped();
        let deadlines = Deadlines::default();
        let zone = Zone::Wib;
        let people = people();
        let mut facts = ComplaintFacts {
            id: 42,
            status: Status::Baru,
            assignee: None,
            instansi_id: 300,
            instansi_path: KOTA.into(),
            klasifikasi: Klasifikasi::Pengaduan,
            routed_by: Some(20),
            escalated_to: None,
            pending_reply_by: None,
            requires_approval: false,
            merged_into: None,
            today: start().date_naive(),
        };
        let mut now = start();
        let mut clock = ClockBase::apply(
            None,
            EventKind::Intake.clock_effect(),
            now,
            &deadlines,
            &calendar,
            zone,
        );
        let record = |b: Option<ClockBase>| {
            b.map(|b| ClockRecord::of(&b, zone, 300, &calendar))
        };
        let mut events = vec![ClockEvent { at: now, kind: EventKind::Intake, clock: Some(record(clock)) }];
        let mut version = 1;
        for (pick, who, hours) in steps {
            now += Duration::hours(i64::from(hours));
            facts.today = now.with_timezone(&zone.offset()).date_naive();
            let actor = &people[who as usize % people.len()];
            let act = action(pick, who);
            let Ok(t) = plan(&facts, actor, &act) else { continue };
            let kind = act.kind();
            // Only moves the rules allow: the table PostgreSQL's guard reads holds every one.
            if !actor.is_system() {
                prop_assert!(
                    moves.iter().any(|m| m.kind == kind.as_code() && m.from == facts.status
                        && m.to == t.status && m.role == actor.role),
                    "{kind} {} -> {} by {}", facts.status, t.status, actor.role
                );
            }
            // Closed is closed: an archived report never moves, a finished one only reopens.
            if facts.status == Status::Diarsipkan {
                prop_assert_eq!(t.status, Status::Diarsipkan);
            }
            if facts.status == Status::Selesai && t.status != Status::Selesai {
                prop_assert_eq!(kind, EventKind::Reopen);
            }
            prop_assert_eq!(t.clock, kind.clock_effect());
            let before = clock.map(|b| b.at(now, &calendar, zone));
            let after = ClockBase::apply(clock, t.clock, now, &deadlines, &calendar, zone);
            // A breach is a fact: nothing but a new clock (or no clock) forgets it, and its due
            // time stays the one that was missed.
            if let (Some(b), Some(a)) = (before, after)
                && b.breached_at.is_some()
                && !matches!(t.clock, ClockEffect::Start(_))
            {
                prop_assert_eq!(a.breached_at, b.breached_at, "{} forgot a breach", kind);
                prop_assert_eq!(a.due(&calendar, zone), b.due(&calendar, zone));
            }
            facts.status = t.status;
            facts.assignee = t.assignee.apply(facts.assignee);
            facts.instansi_id = t.instansi.apply(facts.instansi_id);
            facts.routed_by = t.routed_by.apply(facts.routed_by);
            facts.escalated_to = t.escalated_to.apply(facts.escalated_to);
            facts.pending_reply_by = t.pending_reply_by.apply(facts.pending_reply_by);
            facts.merged_into = t.merged_into.apply(facts.merged_into);
            if facts.instansi_id == 302 {
                facts.instansi_path = "/1/20/300/301/302/".into();
            } else if facts.instansi_id == 301 {
                facts.instansi_path = UNIT.into();
            } else {
                facts.instansi_path = KOTA.into();
            }
            // A reply awaits approval exactly when someone's reply is pending.
            prop_assert_eq!(
                facts.status == Status::MenungguPersetujuan,
                facts.pending_reply_by.is_some()
            );
            prop_assert!(facts.status != Status::Diarsipkan || facts.assignee.is_none());
            version += 1;
            clock = after;
            // As the store records them: only events that move the clock say what it became.
            let recorded = (t.clock != ClockEffect::Keep).then(|| record(clock));
            events.push(ClockEvent { at: now, kind, clock: recorded });
        }
        prop_assert!(version as usize == events.len());
        // The history is the events' alone: other deadlines, zone or calendar change nothing.
        let other = Deadlines { verify_days: 1, follow_up_days: 30, close_days: 2 };
        let as_recorded = history(&events, &deadlines, &calendar, zone);
        let later_settings = history(&events, &other, &WorkingCalendar::new([]), Zone::Wit);
        prop_assert_eq!(&as_recorded, &later_settings);
        // It ends where the clock stands.
        let current = as_recorded.iter().find(|s| s.outcome == SegmentOutcome::Current);
        prop_assert_eq!(current.map(|s| s.kind), clock.map(|b| b.kind));
        // A clock that was breached is never reported as met.
        if let (Some(seg), Some(b)) = (current, clock) {
            prop_assert_eq!(seg.due_at, b.due(&calendar, zone));
        }
    }
}

#[test]
fn a_hold_and_resume_after_a_breach_do_not_give_a_fresh_day() {
    // Intake Monday 2027-06-07 WIB: the verify clock is due Thursday 06-10 (3 working days).
    let calendar = WorkingCalendar::shipped();
    let zone = Zone::Wib;
    let deadlines = Deadlines::default();
    let wib = |d: u32, h: u32| {
        zone.offset()
            .with_ymd_and_hms(2027, 6, d, h, 0, 0)
            .single()
            .expect("a real time")
            .with_timezone(&Utc)
    };
    let kinds = [
        (wib(7, 9), EventKind::Intake),
        (wib(14, 9), EventKind::Hold),
        (wib(14, 10), EventKind::Resume),
    ];
    let mut base = None;
    let mut events = Vec::new();
    for (at, kind) in kinds {
        base = ClockBase::apply(base, kind.clock_effect(), at, &deadlines, &calendar, zone);
        events.push(ClockEvent {
            at,
            kind,
            clock: Some(base.map(|b| ClockRecord::of(&b, zone, 1, &calendar))),
        });
    }
    let base = base.expect("a clock runs");
    let due = meja::domain::calendar::end_of_day(
        chrono::NaiveDate::from_ymd_opt(2027, 6, 10).expect("date"),
        zone,
    );
    assert_eq!(base.breached_at, Some(due));
    assert_eq!(
        base.clock(&calendar, zone, wib(14, 11)).state,
        meja::domain::ClockState::Breached
    );
    // Closing the clock now reports it late, not met.
    events.push(ClockEvent {
        at: wib(15, 9),
        kind: EventKind::VerifyDispose,
        clock: None,
    });
    let h = history(&events, &deadlines, &calendar, zone);
    assert_eq!(h[0].outcome, SegmentOutcome::Late, "{h:?}");
}
