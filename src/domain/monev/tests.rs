//! Every formula on hand-built logs: a report put on hold, one returned as bukan wewenang and
//! re-routed, one merged, one archived as spam, one archived as unclear (still counted), one
//! still open past due, one waiting for approval, and an escalation of a report received before
//! the period. The expected figures are worked out by hand in the comments (November 2026 has no
//! holidays; Monday 2 November to Friday 27 November).

use super::*;
use chrono::TimeZone;
use serde_json::json;

fn wib(d: u32, h: u32) -> DateTime<Utc> {
    // 09:00 WIB is 02:00 UTC.
    Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
        .single()
        .expect("a real time")
        - chrono::TimeDelta::hours(7)
}

fn ev(kind: EventKind, status: Status, at: DateTime<Utc>, actor: &str) -> Event {
    ev_with(kind, status, at, actor, json!({}))
}

fn ev_with(
    kind: EventKind,
    status: Status,
    at: DateTime<Utc>,
    actor: &str,
    details: serde_json::Value,
) -> Event {
    Event {
        id: 0,
        complaint_id: 0,
        at,
        recorded_at: None,
        actor: actor.into(),
        kind,
        status,
        details,
        batch: None,
    }
}

const KOTA: &str = "/1/20/300/";

fn life(id: ComplaintId, assignee: Option<&str>, events: Vec<Event>) -> Life {
    let received_at = events[0].at;
    Life::of(
        Record {
            id,
            received_at,
            channel: Channel::Web,
            kategori_id: None,
            instansi_path: KOTA.into(),
            zone: Zone::Wib,
            assignee: assignee.map(str::to_string),
        },
        &events,
        &Deadlines::default(),
        &WorkingCalendar::shipped(),
    )
}

fn world() -> Vec<Life> {
    use EventKind as K;
    use Status as S;
    vec![
        // A: verified the next day, answered the day after, closed: all on time; 2 working days
        // to the first reply.
        life(
            1,
            None,
            vec![
                ev(K::Intake, S::Baru, wib(2, 9), "intake"),
                ev(K::VerifyDispose, S::Didisposisikan, wib(3, 9), "admin"),
                ev(K::Reply, S::Ditanggapi, wib(4, 9), "ani"),
                ev(K::Close, S::Selesai, wib(6, 9), "ani"),
            ],
        ),
        // B: put on hold the day after it came, resumed a week later, disposed in time; then
        // nobody answered: the follow-up clock (from the 10th, due the 17th) is open past due.
        life(
            2,
            Some("ani"),
            vec![
                ev(K::Intake, S::Baru, wib(2, 9), "intake"),
                ev_with(
                    K::Hold,
                    S::Ditunda,
                    wib(3, 10),
                    "admin",
                    json!({"until": "2026-11-09"}),
                ),
                ev(K::Resume, S::Baru, wib(9, 8), "admin"),
                ev(K::VerifyDispose, S::Didisposisikan, wib(10, 9), "admin"),
                ev(K::Claim, S::Ditindaklanjuti, wib(10, 10), "ani"),
            ],
        ),
        // C: disposed in time, returned as bukan wewenang after its follow-up was due (missed),
        // re-routed the next day (a second verification, met) and answered at once (met); 12
        // working days from the 2nd to the 18th to the first reply.
        life(
            3,
            Some("ani"),
            vec![
                ev(K::Intake, S::Baru, wib(2, 9), "intake"),
                ev(K::VerifyDispose, S::Didisposisikan, wib(4, 9), "admin"),
                ev(K::Escalate, S::Didisposisikan, wib(12, 9), "budi"),
                ev(K::Return, S::BukanWewenang, wib(16, 9), "ani"),
                ev(K::Dispose, S::Didisposisikan, wib(17, 9), "admin"),
                ev(K::Reply, S::Ditanggapi, wib(18, 9), "ani"),
            ],
        ),
        // D: merged into another report: excluded.
        life(
            4,
            None,
            vec![
                ev(K::Intake, S::Baru, wib(3, 9), "intake"),
                ev_with(
                    K::Merge,
                    S::Diarsipkan,
                    wib(4, 9),
                    "admin",
                    json!({"into": 1}),
                ),
            ],
        ),
        // E: archived as spam: excluded.
        life(
            5,
            None,
            vec![
                ev(K::Intake, S::Baru, wib(3, 9), "intake"),
                ev_with(
                    K::Archive,
                    S::Diarsipkan,
                    wib(3, 10),
                    "admin",
                    json!({"reason": "spam"}),
                ),
            ],
        ),
        // F: archived as unclear: still counted (not settled), its verification met.
        life(
            6,
            None,
            vec![
                ev(K::Intake, S::Baru, wib(5, 9), "intake"),
                ev_with(
                    K::Archive,
                    S::Diarsipkan,
                    wib(6, 9),
                    "admin",
                    json!({"reason": "tidak_jelas"}),
                ),
            ],
        ),
        // G: still new on the 27th, its verification due the 26th: open past due.
        life(7, None, vec![ev(K::Intake, S::Baru, wib(23, 9), "intake")]),
        // H: received in October, escalated and de-escalated in November.
        life(
            8,
            None,
            vec![
                ev(
                    K::Intake,
                    S::Baru,
                    Utc.with_ymd_and_hms(2026, 10, 30, 2, 0, 0).unwrap(),
                    "intake",
                ),
                ev(K::VerifyDispose, S::Didisposisikan, wib(2, 9), "admin"),
                ev(K::Escalate, S::Didisposisikan, wib(10, 9), "budi"),
                ev(K::Deescalate, S::Didisposisikan, wib(12, 9), "budi"),
            ],
        ),
        // I: a reply submitted for approval; its follow-up clock (from the 24th) not yet due.
        life(
            9,
            Some("ani"),
            vec![
                ev(K::Intake, S::Baru, wib(24, 9), "intake"),
                ev(K::VerifyDispose, S::Didisposisikan, wib(24, 10), "admin"),
                ev(K::Claim, S::Ditindaklanjuti, wib(24, 11), "ani"),
                ev(K::Submit, S::MenungguPersetujuan, wib(25, 9), "ani"),
            ],
        ),
    ]
}

fn november() -> Period {
    Period {
        from: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap(),
        to: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    }
}

fn now() -> DateTime<Utc> {
    wib(27, 10)
}

#[test]
fn the_monev_figures_of_a_hand_built_month() {
    let lives = world();
    let all: Vec<&Life> = lives.iter().collect();
    let f = figures(&all, november(), now(), &CalendarBook::shipped());
    // A..G and I were received in November; H in October.
    assert_eq!(f.received, 8);
    assert_eq!(f.excluded, 2, "merged D and spam E");
    assert_eq!(f.selesai, 1, "A");
    assert_eq!(f.completion_rate, Some(1.0 / 6.0));
    // Verification: A, B (after its hold), C twice, F and I met; G open past due.
    assert_eq!(
        f.verified_in_time,
        Compliance {
            met: 6,
            missed: 0,
            open_overdue: 1
        }
    );
    // Follow-up: A and C's second met; C's first missed; B open past due; I not yet due.
    assert_eq!(
        f.followed_up_in_time,
        Compliance {
            met: 2,
            missed: 1,
            open_overdue: 1
        }
    );
    assert_eq!(f.followed_up_in_time.rate(), Some(0.5));
    assert_eq!(f.first_follow_up_median, Some(2));
    assert_eq!(f.first_follow_up_p90, Some(12));
    // C's escalation (unresolved) and H's (de-escalated).
    assert_eq!((f.escalations, f.escalations_resolved), (2, 1));
}

#[test]
fn the_backlog_by_status_and_age() {
    let lives = world();
    let all: Vec<&Life> = lives.iter().collect();
    let b = backlog(&all, now(), &CalendarBook::shipped());
    // Open: B, C, G, H and I.
    assert_eq!(b.open, 5);
    assert_eq!(b.by_status.get(&Status::Baru), Some(&1));
    assert_eq!(b.by_status.get(&Status::Ditindaklanjuti), Some(&1));
    assert_eq!(b.by_status.get(&Status::Ditanggapi), Some(&1));
    assert_eq!(b.by_status.get(&Status::Didisposisikan), Some(&1));
    assert_eq!(b.by_status.get(&Status::MenungguPersetujuan), Some(&1));
    // I: 3 working days; G: 4; B and C: 19; H: 20.
    assert_eq!(b.by_age, [1, 1, 0, 3]);
}

#[test]
fn each_officers_load() {
    let lives = world();
    let all: Vec<&Life> = lives.iter().collect();
    let seats = [
        OfficerSeat {
            username: "ani".into(),
            role: Role::Officer,
            instansi_path: KOTA.into(),
            zone: Zone::Wib,
        },
        OfficerSeat {
            username: "budi".into(),
            role: Role::Supervisor,
            instansi_path: "/1/20/".into(),
            zone: Zone::Wib,
        },
        OfficerSeat {
            username: "citra".into(),
            role: Role::Supervisor,
            instansi_path: "/1/21/".into(),
            zone: Zone::Wib,
        },
    ];
    let l = loads(&all, &seats, november(), now());
    // ani holds B (overdue), C and I; she made five moves on A, C and I (two replies, a close, a
    // return, a submit); her claim of B is not a move.
    assert_eq!(
        l["ani"],
        Load {
            open: 3,
            overdue: 1,
            awaiting_approval: 0,
            handled: 5
        }
    );
    // budi may approve I; he escalated C, and escalated and de-escalated H: three moves.
    assert_eq!(
        l["budi"],
        Load {
            open: 0,
            overdue: 0,
            awaiting_approval: 1,
            handled: 3
        }
    );
    assert_eq!(l["citra"], Load::default(), "another subtree's supervisor");
}

#[test]
fn a_period_is_read_in_the_holders_zone() {
    // 16:30 UTC on 30 November is 23:30 WIB the same day and 01:30 WIT on 1 December.
    let at = Utc.with_ymd_and_hms(2026, 11, 30, 16, 30, 0).unwrap();
    assert!(november().contains_at(at, Zone::Wib));
    assert!(!november().contains_at(at, Zone::Wit));
}

#[test]
fn nearest_rank_percentiles() {
    assert_eq!(nearest_rank(&[], 50), None);
    assert_eq!(nearest_rank(&[7], 90), Some(7));
    assert_eq!(nearest_rank(&[1, 2, 3, 4], 50), Some(2));
    assert_eq!(nearest_rank(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90), Some(9));
    assert_eq!(ratio(1, 0), None);
}

#[test]
fn groups_ranked_by_completion_then_compliance() {
    let lives = world();
    let all: Vec<&Life> = lives.iter().collect();
    // Odd ids in one group, even in another, H (8) left out.
    let lines = ranked(
        &all,
        |l| (l.id != 8).then(|| if l.id % 2 == 1 { "ganjil" } else { "genap" }.to_string()),
        november(),
        now(),
        &CalendarBook::shipped(),
    );
    let names: Vec<&str> = lines.iter().map(|l| l.group.as_str()).collect();
    // ganjil: A (selesai), C, E (spam, excluded), G, I: 1 / 4. genap: B, D (merged), F: 0 / 2.
    assert_eq!(names, ["ganjil", "genap"]);
    assert_eq!(lines[0].figures.completion_rate, Some(0.25));
    assert_eq!(lines[1].figures.completion_rate, Some(0.0));
    assert_eq!(lines[0].figures.received + lines[1].figures.received, 8);
    assert_eq!(
        lines[0].backlog.open + lines[1].backlog.open,
        4,
        "H is left out"
    );
}

/// What the database sums (the facts of the lives, per day received and per escalation day) gives
/// the same figures and backlog as the lives themselves: the rollups and the definitions agree on
/// every formula of the hand-built month.
#[test]
fn the_facts_summed_give_the_same_figures() {
    use super::fact::{Fact, Now, OpenDay, Tally, backlog_of};
    let lives = world();
    let all: Vec<&Life> = lives.iter().collect();
    let book = CalendarBook::shipped();
    let period = november();
    let mut tally = Tally::default();
    let mut now_parts = Now::default();
    let mut open_days = Vec::new();
    for life in &lives {
        let fact = Fact::of(
            life,
            crate::domain::types::Klasifikasi::Pengaduan,
            None,
            &book,
        );
        let received = fact.received_tally();
        if period.contains(fact.received_day) {
            tally.add(&received);
            if !fact.excluded {
                for clock in life.clocks.iter().filter(|c| {
                    c.outcome == SegmentOutcome::Current && c.due_at.is_some_and(|d| d <= now())
                }) {
                    match clock.kind {
                        ClockKind::Verifikasi => now_parts.verify_overdue += 1,
                        ClockKind::TindakLanjut => now_parts.follow_overdue += 1,
                        ClockKind::Penutupan => {}
                    }
                }
            }
        }
        for (day, resolved) in &fact.escalations {
            if period.contains(*day) {
                tally.escalations += 1;
                tally.escalations_resolved += u64::from(*resolved);
            }
        }
        open_days.push(OpenDay {
            received_day: fact.received_day,
            open: received.open,
        });
    }
    assert_eq!(
        tally.figures(&now_parts),
        figures(&all, period, now(), &book)
    );
    let mut summed = Backlog::default();
    let today = now().with_timezone(&Zone::Wib.offset()).date_naive();
    backlog_of(&mut summed, &open_days, &WorkingCalendar::shipped(), today);
    assert_eq!(summed, backlog(&all, now(), &book));
}

/// First replies slower than the histogram counts are ranked by their exact days.
#[test]
fn percentiles_reach_past_the_histogram() {
    use super::fact::{Now, REPLY_DAYS_COUNTED, Tally};
    let mut t = Tally::default();
    t.reply[2] = 5;
    t.reply_slower = 5;
    let now = Now {
        slower_replies: vec![40, 17, 25, 17, 30],
        ..Now::default()
    };
    let f = t.figures(&now);
    // Ten replies: the median is the 5th (2 days), p90 the 9th (30 days).
    assert_eq!(f.first_follow_up_median, Some(2));
    assert_eq!(f.first_follow_up_p90, Some(30));
    let sorted: Vec<u32> = [2, 2, 2, 2, 2, 17, 17, 25, 30, 40].into();
    assert_eq!(nearest_rank(&sorted, 90), Some(30));
    // The case reaches past the histogram only while it counts fewer than 17 days.
    const { assert!(REPLY_DAYS_COUNTED <= 17) };
}
