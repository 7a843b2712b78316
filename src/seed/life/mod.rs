//! Simulated lives: each synthetic complaint is received, then moved event by event through the
//! live system's own rules (`lifecycle::plan` judges every step, `ClockBase::apply` keeps the
//! clock), so that statuses, clock states (some overdue, some about to be) and events agree.
//! Pure: the same seed number and moment give the same complaints and events.

use super::data;
use super::text::{self, Place};
use super::world::{DEMO_NATIONAL, World};
use crate::domain::calendar::WorkingCalendar;
use crate::domain::clock::{ClockBase, ClockEffect};
use crate::domain::lifecycle::{Action, Actor, InstansiTarget, Verification};
use crate::domain::*;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;

/// The day an incident happened, `days_before` days before the report was received: read in WIB,
/// the westernmost zone, whose date is never later than any other zone's for the same instant, so
/// that it is not after the received day wherever the report is held (the intake rule; an import
/// of the seed's export judges it in the holder's zone, which may not be the receiving one).
fn incident_day(received: DateTime<Utc>, days_before: i64) -> chrono::NaiveDate {
    (received - Duration::days(days_before))
        .with_timezone(&Zone::Wib.offset())
        .date_naive()
}

fn ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

mod steps;

/// One complaint as its simulated life left it, ready for the bulk loader to insert.
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintSeed {
    pub id: i64,
    pub status: Status,
    pub klasifikasi: Klasifikasi,
    pub channel: Channel,
    pub judul: String,
    pub isi: String,
    pub tanggal_kejadian: String,
    pub lokasi: String,
    pub kategori_id: i64,
    pub tags: String,
    pub anonim: bool,
    pub rahasia: bool,
    pub reporter: ReporterSeed,
    pub instansi_id: i64,
    pub instansi_path: String,
    pub assignee: Option<i64>,
    pub routed_by: Option<i64>,
    pub escalated_to: Option<i64>,
    pub pending_reply_by: Option<i64>,
    pub hold_until: Option<String>,
    /// Milliseconds since the epoch, as the store keeps times.
    pub received_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub clock: Option<ClockBase>,
    /// The zone of the instansi holding the report, in which its clock's due time is counted.
    pub zone: Zone,
}

/// The reporter's identity: name, phone, e-mail and NIK, each maybe absent.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReporterSeed {
    pub name: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub nik: Option<String>,
}

impl ReporterSeed {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.phone.is_none() && self.email.is_none() && self.nik.is_none()
    }
}

/// One event of a simulated life.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSeed {
    pub id: i64,
    pub complaint_id: i64,
    pub at: i64,
    pub actor_id: i64,
    pub actor: String,
    pub kind: &'static str,
    pub status: Status,
    pub details: String,
}

/// A run of complaints and their events, handed to the loader together.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub complaints: Vec<ComplaintSeed>,
    pub events: Vec<EventSeed>,
}

/// How many complaints go into one batch.
pub const BATCH_COMPLAINTS: u64 = 5_000;

/// Lives `total` complaints (tracking ids from 1000001, event ids from 1) up to `now`, on
/// `calendar`, drawn from `seed`; hands each batch to `hand_over` in order and stops early when it
/// answers false (the loader went away). The same arguments give the same batches.
pub fn live(
    world: &World,
    calendar: &WorkingCalendar,
    now: DateTime<Utc>,
    seed: u64,
    total: u64,
    mut hand_over: impl FnMut(Batch) -> bool,
) {
    // The lives draw from a stream of their own, apart from the world's.
    let mut rng = SmallRng::seed_from_u64(seed ^ 0x5eed);
    let subtopics: Vec<(&'static str, u32)> = data::all_subtopics()
        .map(|(t, s)| (s.key, if t.key == "infrastruktur" { 3 } else { 1 }))
        .collect();
    let mut sim = Simulator {
        world,
        calendar,
        now,
        next_event: 1,
        subtopics,
    };
    let mut produced = 0u64;
    while produced < total {
        let n = (total - produced).min(BATCH_COMPLAINTS);
        let mut batch = Batch {
            complaints: Vec::with_capacity(n as usize),
            events: Vec::with_capacity(n as usize * 6),
        };
        for i in 0..n {
            let id = 1_000_001 + (produced + i) as i64;
            let c = sim.complaint(&mut rng, id, &mut batch.events);
            batch.complaints.push(c);
        }
        produced += n;
        if !hand_over(batch) {
            break;
        }
    }
}

/// Simulates one complaint's life up to `now`.
struct Simulator<'w> {
    world: &'w World,
    calendar: &'w WorkingCalendar,
    now: DateTime<Utc>,
    next_event: i64,
    subtopics: Vec<(&'static str, u32)>,
}

impl Simulator<'_> {
    fn complaint(
        &mut self,
        rng: &mut SmallRng,
        id: i64,
        events: &mut Vec<EventSeed>,
    ) -> ComplaintSeed {
        let w = self.world;
        let subtopic = self.pick_subtopic(rng);
        // A share of all reports concern the demo kota, so the demo shows real work at once.
        let regency_idx = if rng.random_bool(0.05) {
            w.demo_regency
        } else {
            *w.regencies.choose(rng).unwrap_or(&w.demo_regency)
        };
        let regency = &w.instansi[regency_idx].inst;
        let zone = regency.zone;
        let klasifikasi = match rng.random_range(0..100) {
            0..70 => Klasifikasi::Pengaduan,
            70..85 => Klasifikasi::Aspirasi,
            85..97 => Klasifikasi::PermintaanInformasi,
            97..99 => Klasifikasi::Wbs,
            _ => Klasifikasi::Pengadaan,
        };
        let channel = match rng.random_range(0..100) {
            0..35 => Channel::Web,
            35..60 => Channel::App,
            60..75 => Channel::Sms,
            75..85 => Channel::Medsos,
            85..93 => Channel::Api,
            93..96 => Channel::Telepon,
            96..98 => Channel::Surat,
            _ => Channel::Loket,
        };
        let village = data::VILLAGE_NAMES
            .choose(rng)
            .copied()
            .unwrap_or("Sukamaju");
        let street = data::STREET_NAMES
            .choose(rng)
            .copied()
            .unwrap_or("Jl. Merdeka");
        let place = Place {
            regency: &regency.name,
            village,
            street,
        };
        let composed = text::compose(rng, subtopic, klasifikasi, &place);
        // Received within the last year, more of them recently.
        let age_minutes = {
            let u: f64 = rng.random();
            (u * u * 365.0 * 24.0 * 60.0) as i64
        };
        let received = self.now - Duration::minutes(age_minutes.max(1));
        let anonim = rng.random_bool(0.12);
        let rahasia = rng.random_bool(0.06);
        let name = text::person_name(rng);
        // Fields are drawn in this order: the same stream as ever for the same seed.
        let reporter = ReporterSeed {
            name: Some(name.clone()),
            phone: rng.random_bool(0.8).then(|| text::phone(rng)),
            email: rng.random_bool(0.5).then(|| text::email(rng, &name)),
            nik: rng.random_bool(0.3).then(|| text::nik(rng)),
        };
        let national = 0usize;
        let nat_admin = self
            .staff(national, rng, Some(Role::National))
            .map(|o| (o.id, o.username.clone()));
        let mut c = ComplaintSeed {
            id,
            status: Status::Baru,
            klasifikasi,
            channel,
            judul: composed.judul,
            isi: composed.isi,
            tanggal_kejadian: incident_day(received, rng.random_range(0..30)).to_string(),
            lokasi: format!(
                "{street}, {}{village}, {}",
                data::REGENCIES
                    .iter()
                    .find(|r| r.code == regency.code)
                    .map(|r| r.village_prefix())
                    .unwrap_or("Desa "),
                regency.name
            ),
            kategori_id: w.category_of.get(subtopic).copied().unwrap_or(1),
            tags: serde_json::to_string(&composed.tags).unwrap_or_else(|_| "[]".into()),
            anonim,
            rahasia,
            reporter,
            instansi_id: 1,
            instansi_path: "/1/".into(),
            assignee: None,
            routed_by: None,
            escalated_to: None,
            pending_reply_by: None,
            hold_until: None,
            received_at: ms(received),
            updated_at: ms(received),
            version: 1,
            clock: None,
            zone,
        };
        let mut at_idx = national;
        let mut clock = ClockBase::apply(
            None,
            ClockEffect::Start(ClockKind::Verifikasi),
            received,
            &w.instansi[national].inst.deadlines,
            self.calendar,
            w.instansi[national].inst.zone,
        );
        let nat = nat_admin
            .map(|(id, username)| self.actor_at(id, username, national, Role::National))
            .unwrap_or_else(|| self.actor_at(1, DEMO_NATIONAL.into(), national, Role::National));
        let intake_details = steps::with_clock(
            json!({ "channel": channel.as_code() }),
            clock,
            w.instansi[national].inst.zone,
            w.instansi[national].inst.id,
            self.calendar,
        );
        self.record(&mut c, events, received, &nat, "intake", intake_details);
        let mut last = received;
        // Every later step is an `Action` that `lifecycle::plan` judges as it would a person's;
        // a step the rules refuse ends the simulated life where it stands.
        macro_rules! step {
            ($at:expr, $actor:expr, $action:expr, $details:expr) => {
                if !self.step(
                    &mut c,
                    &mut clock,
                    &mut at_idx,
                    events,
                    $at,
                    $actor,
                    &$action,
                    $details,
                ) {
                    return self.finish(c, clock, at_idx);
                }
            };
        }

        // Verification by the national admin: archive some, hold a few, dispose the rest.
        let t = self.delay(rng, last, 3, Zone::Wib);
        if t < self.now {
            let roll = rng.random_range(0..100);
            if roll < 7 {
                let reason = ArchiveReason::ALL
                    .choose(rng)
                    .copied()
                    .unwrap_or(ArchiveReason::TidakJelas);
                step!(
                    t,
                    &nat,
                    Action::Archive {
                        reason,
                        note: String::new(),
                    },
                    json!({ "from": "baru", "reason": reason.as_code() })
                );
                return self.finish(c, clock, at_idx);
            }
            if roll < 9 {
                let until = self
                    .calendar
                    .nth_working_day_after(t.with_timezone(&Zone::Wib.offset()).date_naive(), 5);
                let reason = "menunggu kelengkapan data dari pelapor";
                step!(
                    t,
                    &nat,
                    Action::Hold {
                        until,
                        reason: reason.into(),
                    },
                    json!({ "from": "baru", "until": until, "reason": reason })
                );
                c.hold_until = Some(until.to_string());
                if until
                    .and_hms_opt(0, 0, 0)
                    .map(|d| d.and_utc())
                    .is_some_and(|d| d > self.now)
                {
                    return self.finish(c, clock, at_idx);
                }
                let resume_at = until.and_hms_opt(1, 0, 0).map(|d| d.and_utc()).unwrap_or(t);
                step!(
                    resume_at,
                    &Actor::system(),
                    Action::Resume,
                    json!({ "from": "ditunda" })
                );
                c.hold_until = None;
                last = resume_at;
            } else {
                last = t;
            }
            // Dispose: to a unit of the regency handling the subtopic, or to a national body.
            let target = self.target_for(rng, regency_idx, subtopic, klasifikasi);
            let t = if last > t {
                self.delay(rng, last, 2, Zone::Wib)
            } else {
                t
            };
            if t >= self.now {
                return self.finish(c, clock, at_idx);
            }
            let to = &w.instansi[target].inst;
            step!(
                t,
                &nat,
                Action::Verify {
                    changes: Verification::default(),
                    dispose_to: Some(InstansiTarget {
                        id: to.id,
                        name: to.name.clone(),
                        path: to.path.clone(),
                    }),
                },
                json!({ "from": "baru", "to": to.name })
            );
            last = t;
        } else {
            return self.finish(c, clock, at_idx);
        }

        // The unit works it: sometimes returned as bukan wewenang, otherwise claimed and answered.
        let inst = w.instansi[at_idx].inst.clone();
        let t = self.delay(rng, last, 2, inst.zone);
        if t >= self.now {
            return self.finish(c, clock, at_idx);
        }
        if rng.random_bool(0.03) {
            let actor = self
                .staff(at_idx, rng, None)
                .map(|o| self.able(o, at_idx, klasifikasi))
                .map(|o| self.actor_of(o))
                .unwrap_or_else(|| nat.clone());
            let reason = "bukan kewenangan unit kami";
            step!(
                t,
                &actor,
                Action::ReturnNotAuthority {
                    reason: reason.into(),
                },
                json!({ "from": "didisposisikan", "reason": reason })
            );
            return self.finish(c, clock, at_idx);
        }
        let Some(officer) = self
            .staff(at_idx, rng, Some(Role::Officer))
            .or_else(|| self.staff(at_idx, rng, None))
            .map(|o| self.able(o, at_idx, klasifikasi))
            .map(|o| self.actor_of(o))
        else {
            return self.finish(c, clock, at_idx);
        };
        step!(
            t,
            &officer,
            Action::Claim,
            json!({ "from": "didisposisikan", "assignee": officer.id })
        );
        last = t;
        if rng.random_bool(0.04) {
            let t2 = last + Duration::hours(rng.random_range(1..48));
            if t2 < self.now {
                let parent = &w.instansi[inst.parent_id.map_or(0, |p| p as usize - 1)].inst;
                let reason = "perlu koordinasi lintas OPD";
                step!(
                    t2,
                    &officer,
                    Action::Escalate {
                        to: InstansiTarget {
                            id: parent.id,
                            name: parent.name.clone(),
                            path: parent.path.clone(),
                        },
                        reason: reason.into(),
                    },
                    json!({ "from": "ditindaklanjuti", "reason": reason })
                );
                last = t2;
            }
        }
        let body = "Terima kasih atas laporan Anda. Laporan telah kami tindak lanjuti bersama unit terkait.";
        let mut rounds = 0;
        loop {
            rounds += 1;
            let t = self.delay(rng, last, inst.deadlines.follow_up_days, inst.zone);
            if t >= self.now {
                return self.finish(c, clock, at_idx);
            }
            if inst.requires_approval {
                step!(
                    t,
                    &officer,
                    Action::SubmitForApproval { body: body.into() },
                    json!({ "body": body })
                );
                let t2 = self.delay(rng, t, 1, inst.zone);
                if t2 >= self.now {
                    return self.finish(c, clock, at_idx);
                }
                let sup = self
                    .staff(at_idx, rng, Some(Role::Supervisor))
                    .or_else(|| {
                        inst.parent_id
                            .and_then(|p| self.staff(p as usize - 1, rng, Some(Role::Supervisor)))
                    })
                    .map(|o| self.actor_of(o))
                    // Four eyes: the author does not approve their own reply.
                    .filter(|s| s.id != officer.id)
                    .unwrap_or_else(|| nat.clone());
                step!(
                    t2,
                    &sup,
                    Action::Approve,
                    json!({ "from": "menunggu_persetujuan" })
                );
                last = t2;
            } else {
                step!(
                    t,
                    &officer,
                    Action::Reply { body: body.into() },
                    json!({ "body": body })
                );
                last = t;
            }
            // The reporter answers sometimes (the follow-up clock restarts), else silence closes it.
            let reply_at = self.delay(rng, last, 6, inst.zone);
            if rounds < 3 && rng.random_bool(0.15) && reply_at < self.now {
                let answer = "Terima kasih, namun masalah belum sepenuhnya selesai.";
                step!(
                    reply_at,
                    &steps::the_reporter(),
                    Action::ReporterReply {
                        body: answer.into(),
                    },
                    json!({ "from": "ditanggapi", "body": answer })
                );
                last = reply_at;
                continue;
            }
            let close_due = clock.and_then(|b| b.due(self.calendar, inst.zone));
            if let Some(due) = close_due.filter(|d| *d < self.now) {
                step!(
                    due + Duration::minutes(rng.random_range(1..120)),
                    &Actor::system(),
                    Action::AutoClose,
                    json!({ "from": "ditanggapi" })
                );
            }
            return self.finish(c, clock, at_idx);
        }
    }
}

#[cfg(test)]
mod incident_tests {
    use super::*;

    /// A report received at 00:30 WIT on the 27th is still the 26th in WIB: its incident day is
    /// not after its received day in any zone.
    #[test]
    fn the_incident_is_never_after_the_received_day_in_any_zone() {
        let received = chrono::DateTime::parse_from_rfc3339("2026-11-27T00:30:00+09:00")
            .unwrap()
            .with_timezone(&Utc);
        let day = incident_day(received, 0);
        for zone in Zone::ALL {
            let received_day = received.with_timezone(&zone.offset()).date_naive();
            assert!(
                crate::domain::input::check_incident(day, received_day).is_ok(),
                "{day} after {received_day} in {zone}"
            );
        }
    }
}
