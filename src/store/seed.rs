//! `meja seed`: a deterministic, realistic synthetic database. The instansi tree (national level,
//! ministries, state companies, universities, all provinces, a realistic set of kabupaten/kota in
//! the three time zones, and their units), officers of every role, the category tree, and
//! complaints whose lifecycles are simulated event by event through the live system's own rules
//! (`lifecycle::plan` judges every step, `ClockBase::apply` keeps the clock), so that statuses,
//! clock states (some overdue, some about to be) and events agree.
//!
//! Speed matters (1M complaints in under a minute on SQLite): generation runs on its own thread,
//! rows go in as multi-row inserts inside large transactions, and the secondary indexes and the
//! full-text index are built once at the end instead of row by row.

use super::{Backend, Store, StoreError, ms};
use crate::domain::access;
use crate::domain::calendar::WorkingCalendar;
use crate::domain::clock::{ClockBase, ClockEffect, Deadlines};
use crate::domain::lifecycle::{
    self, Action, Actor, Change, ComplaintFacts, InstansiTarget, Verification,
};
use crate::domain::*;
use crate::seed::data::{self, UnitScope};
use crate::seed::text::{self, Place};
use chrono::{DateTime, Duration, Utc};
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::collections::HashMap;
use std::time::Instant;

/// The demo database signs in as this supervisor (admin koordinator of a kota's Diskominfo).
pub const DEMO_SUPERVISOR: &str = "demo";
/// A liaison officer in a unit under the demo supervisor.
pub const DEMO_OFFICER: &str = "demo.petugas";
/// An admin nasional.
pub const DEMO_NATIONAL: &str = "demo.nasional";
/// An admin of the demo kota.
pub const DEMO_ADMIN: &str = "demo.admin";
/// The kota the demo officers work in.
pub const DEMO_REGENCY_CODE: &str = "KOTA-PONTIANAK";

#[derive(Debug, Clone)]
pub struct SeedOptions {
    pub complaints: u64,
    pub seed: u64,
    /// The moment the data is generated around: complaints were received before it.
    pub now: DateTime<Utc>,
    pub progress: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SeedReport {
    /// Seconds spent in each phase: (name, seconds).
    pub phases: Vec<(&'static str, f64)>,
    pub complaints: u64,
    pub events: u64,
    pub instansi: u64,
    pub officers: u64,
    pub seconds: f64,
}

/// Seeds the demo database on first use (when it has no officers yet); true when it did.
pub async fn ensure_demo(store: &Store) -> Result<bool, StoreError> {
    if store.officer_count().await? > 0 {
        return Ok(false);
    }
    eprintln!("meja: preparing the demo database (first use)…");
    let now = Utc::now();
    seed(
        store,
        &SeedOptions {
            complaints: 20_000,
            seed: 1708,
            now,
            progress: true,
        },
    )
    .await?;
    add_demo_inbox(store, now).await?;
    Ok(true)
}

/// How many new reports wait in the demo supervisor's Masuk when the demo is made.
pub const DEMO_NEW_REPORTS: usize = 5;

/// Reports just received at the demo kota's own desk (telephone, letter, counter), recorded by its
/// admin: the simulated reports all arrive through the national admin and are routed on at once, so
/// without these the demo supervisor would have nothing to verify.
async fn add_demo_inbox(store: &Store, now: DateTime<Utc>) -> Result<(), StoreError> {
    let recorder = store.actor(DEMO_ADMIN).await?;
    let kota = store.find_instansi(DEMO_REGENCY_CODE)?.name;
    let mut rng = SmallRng::seed_from_u64(0xde70);
    let subtopics = ["jalan", "pju", "sampah", "drainase", "ktp_el"];
    let channels = [Channel::Telepon, Channel::Loket, Channel::Surat];
    for (n, subtopic) in subtopics.iter().cycle().take(DEMO_NEW_REPORTS).enumerate() {
        let village = data::VILLAGE_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Sukamaju");
        let street = data::STREET_NAMES
            .choose(&mut rng)
            .copied()
            .unwrap_or("Jl. Merdeka");
        let place = Place {
            regency: &kota,
            village,
            street,
        };
        let composed = text::compose(&mut rng, subtopic, Klasifikasi::Pengaduan, &place);
        let name = text::person_name(&mut rng);
        let received = now - Duration::minutes(20 + 37 * n as i64);
        store
            .intake(
                &recorder,
                NewComplaint {
                    judul: composed.judul,
                    isi: composed.isi,
                    klasifikasi: Klasifikasi::Pengaduan,
                    channel: channels[n % channels.len()],
                    tanggal_kejadian: Some(received.date_naive()),
                    lokasi: Some(format!("{street}, Kelurahan {village}, {kota}")),
                    lat: None,
                    lon: None,
                    kategori: None,
                    tags: composed.tags,
                    anonim: false,
                    rahasia: false,
                    reporter: Reporter {
                        phone: Some(text::phone(&mut rng)),
                        name: Some(name),
                        email: None,
                        nik: None,
                    },
                    attachments: Vec::new(),
                    instansi: Some(DEMO_REGENCY_CODE.into()),
                    received_at: Some(received),
                },
            )
            .await?;
    }
    Ok(())
}

struct InstansiSeed {
    inst: Instansi,
    /// Subtopic keys this instansi (a unit) handles; empty for non-units.
    topics: Vec<&'static str>,
    subtopics: Vec<&'static str>,
}

struct OfficerSeed {
    id: i64,
    username: String,
    name: String,
    role: Role,
    instansi_id: i64,
}

/// The reference part of the seed: tree, officers, categories.
struct World {
    instansi: Vec<InstansiSeed>,
    officers: Vec<OfficerSeed>,
    categories: Vec<Category>,
    /// Subtopic key -> category id.
    category_of: HashMap<&'static str, i64>,
    /// Regency instansi index -> its unit indexes.
    units_of: HashMap<usize, Vec<usize>>,
    /// Indexes of kab/kota instansi.
    regencies: Vec<usize>,
    /// Indexes of national bodies (ministries, BUMN, PTN).
    agencies: Vec<usize>,
    /// Instansi index -> officer indexes working there.
    staff: HashMap<usize, Vec<usize>>,
    demo_regency: usize,
}

fn build_world(rng: &mut SmallRng) -> World {
    let mut instansi: Vec<InstansiSeed> = Vec::new();
    let add = |instansi: &mut Vec<InstansiSeed>,
               parent: Option<usize>,
               code: String,
               name: String,
               kind: InstansiKind,
               zone: Zone|
     -> usize {
        let id = instansi.len() as i64 + 1;
        let path = match parent {
            Some(p) => format!("{}{id}/", instansi[p].inst.path),
            None => format!("/{id}/"),
        };
        instansi.push(InstansiSeed {
            inst: Instansi {
                id,
                parent_id: parent.map(|p| instansi[p].inst.id),
                code,
                name,
                kind,
                zone,
                path,
                deadlines: Deadlines::default(),
                requires_approval: false,
                auto_escalate: false,
            },
            topics: Vec::new(),
            subtopics: Vec::new(),
        });
        instansi.len() - 1
    };
    let national = add(
        &mut instansi,
        None,
        "NASIONAL".into(),
        "Admin Nasional SP4N-LAPOR! (KemenPANRB)".into(),
        InstansiKind::Nasional,
        // KemenPANRB, the national admin, sits in Jakarta.
        data::province_by_code("DKI").map_or(Zone::Wib, |p| p.zone),
    );
    let mut agencies = Vec::new();
    for a in data::MINISTRIES
        .iter()
        .chain(data::STATE_COMPANIES)
        .chain(data::UNIVERSITIES)
    {
        let i = add(
            &mut instansi,
            Some(national),
            a.code.into(),
            a.name.into(),
            a.kind,
            a.zone(),
        );
        instansi[i].inst.requires_approval = a.kind == InstansiKind::Kementerian;
        agencies.push(i);
        let generic: &[data::Unit] = if a.kind == InstansiKind::Kementerian {
            data::MINISTRY_UNITS
        } else {
            &[]
        };
        for u in a.units.iter().chain(generic) {
            let ui = add(
                &mut instansi,
                Some(i),
                format!("{}-{}", a.code, u.code),
                u.name.into(),
                InstansiKind::Unit,
                a.zone(),
            );
            instansi[ui].topics = u.topics.to_vec();
            instansi[ui].subtopics = u.subtopics.to_vec();
        }
        instansi[i].topics = a.topics.to_vec();
        instansi[i].subtopics = a.subtopics.to_vec();
    }
    let mut units_of: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut regencies = Vec::new();
    let mut demo_regency = None;
    for (pn, p) in data::PROVINCES.iter().enumerate() {
        let pi = add(
            &mut instansi,
            Some(national),
            p.code.into(),
            p.name.into(),
            InstansiKind::Provinsi,
            p.zone,
        );
        instansi[pi].inst.requires_approval = pn % 3 == 0;
        instansi[pi].inst.auto_escalate = pn % 4 == 0;
        let add_units = |instansi: &mut Vec<InstansiSeed>,
                         parent: usize,
                         code: &str,
                         zone: Zone,
                         province: bool| {
            let mut list = Vec::new();
            for u in data::REGIONAL_UNITS {
                let fits = match u.scope {
                    UnitScope::All => true,
                    UnitScope::ProvinceOnly => province,
                    UnitScope::RegencyOnly => !province,
                };
                if fits {
                    let ui = add(
                        instansi,
                        Some(parent),
                        format!("{code}-{}", u.code),
                        format!("{} {}", u.short, short_place(&instansi[parent].inst.name)),
                        InstansiKind::Unit,
                        zone,
                    );
                    instansi[ui].topics = u.topics.to_vec();
                    instansi[ui].subtopics = u.subtopics.to_vec();
                    list.push(ui);
                }
            }
            list
        };
        let list = add_units(&mut instansi, pi, p.code, p.zone, true);
        units_of.insert(pi, list);
        for r in data::regencies_of(p.code) {
            let ri = add(
                &mut instansi,
                Some(pi),
                r.code.into(),
                r.name.into(),
                r.kind,
                p.zone,
            );
            // Kab. Magelang's integrated app gives 14 working days for follow-up (domain.md).
            if r.name.contains("Magelang") && r.kind == InstansiKind::Kabupaten {
                instansi[ri].inst.deadlines.follow_up_days = 14;
            }
            instansi[ri].inst.requires_approval = rng.random_bool(0.3);
            instansi[ri].inst.auto_escalate = rng.random_bool(0.2);
            if r.code == DEMO_REGENCY_CODE {
                demo_regency = Some(ri);
                instansi[ri].inst.requires_approval = true;
            }
            let list = add_units(&mut instansi, ri, r.code, p.zone, false);
            units_of.insert(ri, list);
            regencies.push(ri);
        }
    }
    let demo_regency = demo_regency.unwrap_or(regencies[0]);

    // Categories: topics, then their subtopics.
    let mut categories = Vec::new();
    let mut category_of = HashMap::new();
    for t in data::CATEGORIES {
        let tid = categories.len() as i64 + 1;
        categories.push(Category {
            id: tid,
            parent_id: None,
            name: t.name.into(),
        });
        for s in t.subtopics {
            let sid = categories.len() as i64 + 1;
            categories.push(Category {
                id: sid,
                parent_id: Some(tid),
                name: s.name.into(),
            });
            category_of.insert(s.key, sid);
        }
    }

    // Officers: national admins; an admin and supervisors per instansi; liaison officers per unit.
    let mut officers: Vec<OfficerSeed> = Vec::new();
    let mut staff: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut used: HashMap<String, u32> = HashMap::new();
    let mut hire = |officers: &mut Vec<OfficerSeed>,
                    staff: &mut HashMap<usize, Vec<usize>>,
                    rng: &mut SmallRng,
                    at: usize,
                    role: Role,
                    username: Option<&str>| {
        let name = text::person_name(rng);
        let username = match username {
            Some(u) => u.to_string(),
            None => {
                let base: String = name
                    .to_lowercase()
                    .split_whitespace()
                    .take(2)
                    .collect::<Vec<_>>()
                    .join(".")
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
                    .collect();
                let n = used.entry(base.clone()).or_insert(0);
                *n += 1;
                if *n == 1 { base } else { format!("{base}{n}") }
            }
        };
        officers.push(OfficerSeed {
            id: officers.len() as i64 + 1,
            username,
            name,
            role,
            instansi_id: at as i64 + 1,
        });
        staff.entry(at).or_default().push(officers.len() - 1);
    };
    hire(
        &mut officers,
        &mut staff,
        rng,
        national,
        Role::National,
        Some(DEMO_NATIONAL),
    );
    for _ in 0..4 {
        hire(
            &mut officers,
            &mut staff,
            rng,
            national,
            Role::National,
            None,
        );
    }
    let demo_units = units_of.get(&demo_regency).cloned().unwrap_or_default();
    for (idx, entry) in instansi.iter().enumerate().skip(1) {
        let is_unit = entry.inst.kind == InstansiKind::Unit;
        if is_unit {
            let n = rng.random_range(1..=2);
            for _ in 0..n {
                hire(&mut officers, &mut staff, rng, idx, Role::Officer, None);
            }
            if rng.random_bool(0.25) {
                hire(&mut officers, &mut staff, rng, idx, Role::Supervisor, None);
            }
        } else {
            if idx == demo_regency {
                hire(
                    &mut officers,
                    &mut staff,
                    rng,
                    idx,
                    Role::Supervisor,
                    Some(DEMO_SUPERVISOR),
                );
                hire(
                    &mut officers,
                    &mut staff,
                    rng,
                    idx,
                    Role::Admin,
                    Some(DEMO_ADMIN),
                );
            } else {
                hire(&mut officers, &mut staff, rng, idx, Role::Admin, None);
            }
            hire(&mut officers, &mut staff, rng, idx, Role::Supervisor, None);
        }
        if Some(&idx) == demo_units.first() {
            hire(
                &mut officers,
                &mut staff,
                rng,
                idx,
                Role::Officer,
                Some(DEMO_OFFICER),
            );
        }
    }
    World {
        instansi,
        officers,
        categories,
        category_of,
        units_of,
        regencies,
        agencies,
        staff,
        demo_regency,
    }
}

/// "Kota Pontianak" -> "Kota Pontianak"; "Provinsi Jawa Barat" -> "Prov. Jawa Barat": unit names stay short.
fn short_place(name: &str) -> String {
    match name.strip_prefix("Provinsi ") {
        Some(rest) => format!("Prov. {rest}"),
        None => match name.strip_prefix("Kabupaten ") {
            Some(rest) => format!("Kab. {rest}"),
            None => name.to_string(),
        },
    }
}

/// One complaint row ready to insert.
struct ComplaintSeed {
    id: i64,
    status: Status,
    klasifikasi: Klasifikasi,
    channel: Channel,
    judul: String,
    isi: String,
    tanggal_kejadian: String,
    lokasi: String,
    kategori_id: i64,
    tags: String,
    anonim: bool,
    rahasia: bool,
    reporter: (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ),
    instansi_id: i64,
    instansi_path: String,
    assignee: Option<i64>,
    routed_by: Option<i64>,
    escalated_to: Option<i64>,
    pending_reply_by: Option<i64>,
    hold_until: Option<String>,
    received_at: i64,
    updated_at: i64,
    version: i64,
    clock: Option<ClockBase>,
    breach_at: Option<i64>,
    close_at: Option<i64>,
}

struct EventSeed {
    id: i64,
    complaint_id: i64,
    at: i64,
    actor_id: i64,
    actor: String,
    kind: &'static str,
    status: Status,
    details: String,
}

struct Batch {
    complaints: Vec<ComplaintSeed>,
    events: Vec<EventSeed>,
}

/// The reporter answering a follow-up, as the event log names them.
fn the_reporter() -> Actor {
    Actor {
        username: "pelapor".into(),
        ..Actor::system()
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
    fn pick_subtopic(&self, rng: &mut SmallRng) -> &'static str {
        let total: u32 = self.subtopics.iter().map(|(_, w)| w).sum();
        let mut x = rng.random_range(0..total);
        for (k, w) in &self.subtopics {
            if x < *w {
                return k;
            }
            x -= w;
        }
        self.subtopics[0].0
    }

    /// A delay in working hours-ish: most actions are prompt, a tail is late.
    fn delay(
        &self,
        rng: &mut SmallRng,
        from: DateTime<Utc>,
        working_days_budget: u32,
        zone: Zone,
    ) -> DateTime<Utc> {
        let late = rng.random_bool(0.12);
        let days = if late {
            working_days_budget + rng.random_range(1..=6)
        } else {
            rng.random_range(0..=working_days_budget.saturating_sub(1))
        };
        let base_day = from.with_timezone(&zone.offset()).date_naive();
        let day = self.calendar.nth_working_day_after(base_day, days);
        let minutes = rng.random_range(8 * 60..17 * 60) as i64;
        let local = day.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::minutes(minutes);
        let t = local.and_utc() - Duration::seconds(zone.offset().local_minus_utc() as i64);
        if t <= from {
            from + Duration::minutes(rng.random_range(5..240))
        } else {
            t
        }
    }

    fn staff(&self, at: usize, rng: &mut SmallRng, role: Option<Role>) -> Option<&OfficerSeed> {
        let list = self.world.staff.get(&at)?;
        let candidates: Vec<&usize> = list
            .iter()
            .filter(|&&o| role.is_none_or(|r| self.world.officers[o].role == r))
            .collect();
        candidates.choose(rng).map(|&&o| &self.world.officers[o])
    }

    /// `picked` if they may see a complaint of `klasifikasi` at instansi `at`, else the first
    /// officer at `at`, or nearest above it, who may (wbs and pengadaan are not for liaison
    /// officers, see `access::hidden_classes`). Takes nothing from the random stream, so the
    /// complaints that need no substitute come out as they always did for a given seed.
    fn able<'s>(
        &'s self,
        picked: &'s OfficerSeed,
        at: usize,
        klasifikasi: Klasifikasi,
    ) -> &'s OfficerSeed {
        let sees = |o: &OfficerSeed| !access::hidden_classes(o.role).contains(&klasifikasi);
        if sees(picked) {
            return picked;
        }
        let w = self.world;
        let mut here = Some(at);
        while let Some(i) = here {
            let found = w
                .staff
                .get(&i)
                .into_iter()
                .flatten()
                .map(|&o| &w.officers[o])
                .find(|o| sees(o));
            if let Some(o) = found {
                return o;
            }
            here = w.instansi[i].inst.parent_id.map(|p| p as usize - 1);
        }
        picked
    }

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
        let reporter = (
            Some(name.clone()),
            rng.random_bool(0.8).then(|| text::phone(rng)),
            rng.random_bool(0.5).then(|| text::email(rng, &name)),
            rng.random_bool(0.3).then(|| text::nik(rng)),
        );
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
            tanggal_kejadian: (received - Duration::days(rng.random_range(0..30)))
                .with_timezone(&zone.offset())
                .date_naive()
                .to_string(),
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
            breach_at: None,
            close_at: None,
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
        let intake_details = with_clock(
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
                    &the_reporter(),
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

    /// The acting officer of the rules for a seeded officer (an `Actor` of `lifecycle`).
    fn actor_of(&self, o: &OfficerSeed) -> Actor {
        self.actor_at(o.id, o.username.clone(), o.instansi_id as usize - 1, o.role)
    }

    fn actor_at(&self, id: i64, username: String, at: usize, role: Role) -> Actor {
        let inst = &self.world.instansi[at].inst;
        Actor {
            id,
            username,
            role,
            instansi_id: inst.id,
            instansi_path: inst.path.clone(),
        }
    }

    /// Writes an event of `kind` by `actor` with `details` and counts the complaint's version.
    fn record(
        &mut self,
        c: &mut ComplaintSeed,
        events: &mut Vec<EventSeed>,
        at: DateTime<Utc>,
        actor: &Actor,
        kind: &'static str,
        details: serde_json::Value,
    ) {
        c.updated_at = ms(at);
        if kind != "intake" {
            c.version += 1;
        }
        events.push(EventSeed {
            id: self.next_event,
            complaint_id: c.id,
            at: ms(at),
            actor_id: actor.id,
            actor: actor.username.clone(),
            kind,
            status: c.status,
            details: details.to_string(),
        });
        self.next_event += 1;
    }

    /// One simulated move: asks `lifecycle::plan`, the rules every officer's action passes, and
    /// applies the transition it returns (status, assignee, instansi, routing, escalation, pending
    /// reply, and the clock, counted on the calendar and deadlines of the instansi that holds the
    /// report afterwards), then records its event. False when the rules refuse the move.
    #[allow(clippy::too_many_arguments)]
    fn step(
        &mut self,
        c: &mut ComplaintSeed,
        clock: &mut Option<ClockBase>,
        at_idx: &mut usize,
        events: &mut Vec<EventSeed>,
        at: DateTime<Utc>,
        actor: &Actor,
        action: &Action,
        details: serde_json::Value,
    ) -> bool {
        let facts = ComplaintFacts {
            id: c.id,
            status: c.status,
            assignee: c.assignee,
            instansi_id: c.instansi_id,
            instansi_path: c.instansi_path.clone(),
            klasifikasi: c.klasifikasi,
            routed_by: c.routed_by,
            escalated_to: c.escalated_to,
            pending_reply_by: c.pending_reply_by,
            requires_approval: self.world.instansi[*at_idx].inst.requires_approval,
            merged_into: None,
            today: at
                .with_timezone(&self.world.instansi[*at_idx].inst.zone.offset())
                .date_naive(),
        };
        let t = match lifecycle::plan(&facts, actor, action) {
            Ok(t) => t,
            Err(refusal) => {
                debug_assert!(false, "the seed scripted a refused move: {refusal}");
                return false;
            }
        };
        if let Change::Set(id) = t.instansi {
            *at_idx = id as usize - 1;
            c.instansi_id = id;
            c.instansi_path = self.world.instansi[*at_idx].inst.path.clone();
        }
        c.status = t.status;
        c.assignee = t.assignee.apply(c.assignee);
        c.routed_by = t.routed_by.apply(c.routed_by);
        c.escalated_to = t.escalated_to.apply(c.escalated_to);
        c.pending_reply_by = t.pending_reply_by.apply(c.pending_reply_by);
        let inst = &self.world.instansi[*at_idx].inst;
        *clock = ClockBase::apply(
            *clock,
            t.clock,
            at,
            &inst.deadlines,
            self.calendar,
            inst.zone,
        );
        let details = if t.clock == ClockEffect::Keep {
            details
        } else {
            with_clock(details, *clock, inst.zone, inst.id, self.calendar)
        };
        self.record(c, events, at, actor, action.verb(), details);
        true
    }

    /// The competent body for a report: a unit of the regency, the regency itself, or a ministry/BUMN.
    fn target_for(
        &self,
        rng: &mut SmallRng,
        regency_idx: usize,
        subtopic: &str,
        klasifikasi: Klasifikasi,
    ) -> usize {
        let w = self.world;
        let units = w
            .units_of
            .get(&regency_idx)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        if matches!(klasifikasi, Klasifikasi::Wbs | Klasifikasi::Pengadaan)
            && let Some(&u) = units
                .iter()
                .find(|&&u| w.instansi[u].inst.code.ends_with(data::INSPECTORATE_CODE))
        {
            return u;
        }
        if rng.random_bool(0.1) {
            let national: Vec<&usize> = w
                .agencies
                .iter()
                .filter(|&&a| w.instansi[a].subtopics.contains(&subtopic))
                .collect();
            if let Some(&&a) = national.choose(rng) {
                return a;
            }
        }
        let first: Vec<&usize> = units
            .iter()
            .filter(|&&u| w.instansi[u].subtopics.contains(&subtopic))
            .collect();
        if let Some(&&u) = first.choose(rng) {
            return u;
        }
        let topic = data::subtopic(subtopic).map(|(t, _)| t.key).unwrap_or("");
        let by_topic: Vec<&usize> = units
            .iter()
            .filter(|&&u| w.instansi[u].topics.contains(&topic))
            .collect();
        by_topic.choose(rng).map(|&&u| u).unwrap_or(regency_idx)
    }

    fn finish(
        &self,
        mut c: ComplaintSeed,
        clock: Option<ClockBase>,
        at_idx: usize,
    ) -> ComplaintSeed {
        let zone = self.world.instansi[at_idx].inst.zone;
        let (b, cl) = super::cached_due(clock.as_ref(), self.calendar, zone);
        c.clock = clock;
        c.breach_at = b;
        c.close_at = cl;
        c
    }
}

/// Seeds an empty database. Refuses a database that already has an instansi tree.
pub async fn seed(store: &Store, options: &SeedOptions) -> Result<SeedReport, StoreError> {
    let started = Instant::now();
    if !store.instansi_list().is_empty() {
        return Err(StoreError::Denied(
            "this database already has data; seed into a new database (--db NEW_FILE)".into(),
        ));
    }
    let mut rng = SmallRng::seed_from_u64(options.seed);
    let world = build_world(&mut rng);
    // The national calendar is every instansi's calendar here: the seed only fills a database with
    // no instansi, so no regional day off can exist yet.
    let calendar = store.calendar();
    insert_world(store, &world).await?;

    let total = options.complaints;
    let bar = if options.progress {
        let bar = indicatif::ProgressBar::new(total);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} seeding [{bar:40}] {human_pos}/{human_len} complaints ({per_sec}, {eta} left)")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // Generation runs on its own thread and hands over batches; the database writes here.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Batch>(4);
    let now = options.now;
    let seed_value = options.seed;
    let world = std::sync::Arc::new(world);
    let gen_world = std::sync::Arc::clone(&world);
    let generator = std::thread::spawn(move || {
        let mut rng = SmallRng::seed_from_u64(seed_value ^ 0x5eed);
        let subtopics: Vec<(&'static str, u32)> = data::all_subtopics()
            .map(|(t, s)| (s.key, if t.key == "infrastruktur" { 3 } else { 1 }))
            .collect();
        let mut sim = Simulator {
            world: &gen_world,
            calendar: &calendar,
            now,
            next_event: 1,
            subtopics,
        };
        let mut produced = 0u64;
        while produced < total {
            let n = (total - produced).min(5_000);
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
            if tx.blocking_send(batch).is_err() {
                break;
            }
        }
    });
    let mut complaints = 0u64;
    let mut events = 0u64;
    prepare_bulk(store).await?;
    while let Some(batch) = rx.recv().await {
        complaints += batch.complaints.len() as u64;
        events += batch.events.len() as u64;
        insert_batch(store, &batch).await?;
        bar.set_position(complaints);
    }
    generator
        .join()
        .map_err(|_| StoreError::Io("the seed generator failed".into()))?;
    let loaded = started.elapsed().as_secs_f64();
    bar.set_message("building indexes");
    let mut phases = vec![("generate and insert", loaded)];
    finish_bulk(store, &mut phases).await?;
    bar.finish_and_clear();
    add_templates(store).await?;
    store.reload().await?;
    Ok(SeedReport {
        phases,
        complaints,
        events,
        instansi: world.instansi.len() as u64,
        officers: world.officers.len() as u64,
        seconds: started.elapsed().as_secs_f64(),
    })
}

async fn add_templates(store: &Store) -> Result<(), StoreError> {
    let templates = [
        (
            "terima-kasih",
            Some(Status::Ditindaklanjuti),
            "Yth. {pelapor},\n\nTerima kasih atas laporan Anda nomor {nomor}. Laporan telah kami terima dan sedang ditindaklanjuti oleh {instansi}. Tanggapan akan kami sampaikan paling lambat {tenggat} ({sisa_hari} hari kerja lagi).\n\nHormat kami,\n{instansi}",
        ),
        (
            "selesai-diperbaiki",
            Some(Status::Ditindaklanjuti),
            "Yth. {pelapor},\n\nMenindaklanjuti laporan nomor {nomor}, perbaikan telah dilaksanakan oleh {instansi}. Apabila masih terdapat kendala, silakan menanggapi laporan ini dalam 10 hari kerja.\n\nHormat kami,\n{instansi}",
        ),
        (
            "mohon-data",
            Some(Status::TanggapanPelapor),
            "Yth. {pelapor},\n\nUntuk menindaklanjuti laporan nomor {nomor}, mohon melengkapi lokasi rinci dan foto pendukung. Terima kasih.\n\n{instansi}",
        ),
    ];
    for (name, status, body) in templates {
        super::on_backend!(
            store,
            upsert_template(&super::Template {
                name: name.into(),
                status,
                body: body.into()
            })
        )?;
    }
    Ok(())
}

async fn insert_world(store: &Store, world: &World) -> Result<(), StoreError> {
    match &store.backend {
        Backend::Sqlite(pool) => {
            let mut tx = pool.begin().await?;
            insert_world_sqlite(&mut tx, world).await?;
            tx.commit().await?;
        }
        Backend::Postgres(pool) => {
            let mut tx = pool.begin().await?;
            insert_world_pg(&mut tx, world).await?;
            tx.commit().await?;
        }
    }
    store.reload().await
}

macro_rules! world_inserter {
    ($name:ident, $db:ty, $ops:ident) => {
        async fn $name(tx: &mut sqlx::Transaction<'_, $db>, world: &World) -> Result<(), sqlx::Error> {
            for s in &world.instansi {
                super::$ops::insert_instansi(&mut **tx, &s.inst).await?;
            }
            for c in &world.categories {
                sqlx::query("INSERT INTO category (id, parent_id, name) VALUES ($1, $2, $3)")
                    .bind(c.id)
                    .bind(c.parent_id)
                    .bind(&c.name)
                    .execute(&mut **tx)
                    .await?;
            }
            let created = ms(Utc::now());
            for o in &world.officers {
                sqlx::query("INSERT INTO officer (id, username, name, role, instansi_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(o.id)
                    .bind(&o.username)
                    .bind(&o.name)
                    .bind(o.role.as_code())
                    .bind(o.instansi_id)
                    .bind(true)
                    .bind(created)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok(())
        }
    };
}
world_inserter!(insert_world_sqlite, sqlx::Sqlite, on_sqlite);
world_inserter!(insert_world_pg, sqlx::Postgres, on_postgres);

const COMPLAINT_COLUMNS: &str = "id, status, klasifikasi, channel, judul, isi, tanggal_kejadian, lokasi, kategori_id, tags, anonim, rahasia, \
    instansi_id, instansi_path, assignee_id, routed_by, escalated_to, \
    pending_reply_by, hold_until, received_at, updated_at, version, clock_kind, clock_started_at, clock_days, clock_paused, breach_at, close_at, clock_breached_at";
const COMPLAINT_ARITY: usize = 29;
const REPORTER_COLUMNS: &str = "complaint_id, name, phone, email, nik";
const REPORTER_ARITY: usize = 5;
const EVENT_COLUMNS: &str = "id, complaint_id, at, actor_id, actor, kind, status, details";
const EVENT_ARITY: usize = 8;

/// `INSERT INTO table (cols) VALUES ($1, ...), (...)` for `rows` rows: one text per batch size,
/// so each backend prepares it once. SQLite gets anonymous `?` placeholders: looking up a named
/// parameter is linear in SQLite, which makes thousands of `$N` quadratic.
fn multi_insert(table: &str, columns: &str, arity: usize, rows: usize, anonymous: bool) -> String {
    let mut sql = format!("INSERT INTO {table} ({columns}) VALUES ");
    let mut n = 1;
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..arity {
            if c > 0 {
                sql.push_str(", ");
            }
            if anonymous {
                sql.push('?');
            } else {
                sql.push('$');
                sql.push_str(&n.to_string());
            }
            n += 1;
        }
        sql.push(')');
    }
    sql
}

macro_rules! bind_complaint {
    ($q:expr, $c:expr) => {{
        let c = $c;
        $q.bind(c.id)
            .bind(c.status.as_code())
            .bind(c.klasifikasi.as_code())
            .bind(c.channel.as_code())
            .bind(&c.judul)
            .bind(&c.isi)
            .bind(&c.tanggal_kejadian)
            .bind(&c.lokasi)
            .bind(c.kategori_id)
            .bind(&c.tags)
            .bind(c.anonim)
            .bind(c.rahasia)
            .bind(c.instansi_id)
            .bind(&c.instansi_path)
            .bind(c.assignee)
            .bind(c.routed_by)
            .bind(c.escalated_to)
            .bind(c.pending_reply_by)
            .bind(&c.hold_until)
            .bind(c.received_at)
            .bind(c.updated_at)
            .bind(c.version)
            .bind(c.clock.map(|b| b.kind.as_code()))
            .bind(c.clock.map(|b| ms(b.started_at)))
            .bind(c.clock.map(|b| b.working_days as i32))
            .bind(c.clock.is_some_and(|b| b.paused))
            .bind(c.breach_at)
            .bind(c.close_at)
            .bind(c.clock.and_then(|b| b.breached_at).map(ms))
    }};
}

macro_rules! bind_event {
    ($q:expr, $e:expr) => {{
        let e = $e;
        $q.bind(e.id)
            .bind(e.complaint_id)
            .bind(e.at)
            .bind(e.actor_id)
            .bind(&e.actor)
            .bind(e.kind)
            .bind(e.status.as_code())
            .bind(&e.details)
    }};
}

const COMPLAINTS_PER_STATEMENT: usize = 500;
const EVENTS_PER_STATEMENT: usize = 2_000;

macro_rules! batch_inserter {
    ($name:ident, $db:ty, $anonymous:expr, $setup:expr) => {
        async fn $name(pool: &sqlx::Pool<$db>, batch: &Batch) -> Result<(), sqlx::Error> {
            use sqlx::Connection;
            let mut conn = pool.acquire().await?;
            for &pragma in $setup.iter() {
                sqlx::query(pragma).execute(&mut *conn).await?;
            }
            let mut tx = conn.begin().await?;
            for chunk in batch.complaints.chunks(COMPLAINTS_PER_STATEMENT) {
                let sql = multi_insert(
                    "complaint",
                    COMPLAINT_COLUMNS,
                    COMPLAINT_ARITY,
                    chunk.len(),
                    $anonymous,
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for c in chunk {
                    q = bind_complaint!(q, c);
                }
                q.execute(&mut *tx).await?;
                // Reporter identity has a table of its own (row-level security on PostgreSQL).
                let reporters: Vec<_> = chunk
                    .iter()
                    .filter(|c| {
                        c.reporter.0.is_some()
                            || c.reporter.1.is_some()
                            || c.reporter.2.is_some()
                            || c.reporter.3.is_some()
                    })
                    .collect();
                if !reporters.is_empty() {
                    let sql = multi_insert(
                        "reporter",
                        REPORTER_COLUMNS,
                        REPORTER_ARITY,
                        reporters.len(),
                        $anonymous,
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                    for c in reporters {
                        q = q
                            .bind(c.id)
                            .bind(&c.reporter.0)
                            .bind(&c.reporter.1)
                            .bind(&c.reporter.2)
                            .bind(&c.reporter.3);
                    }
                    q.execute(&mut *tx).await?;
                }
            }
            for chunk in batch.events.chunks(EVENTS_PER_STATEMENT) {
                let sql =
                    multi_insert("event", EVENT_COLUMNS, EVENT_ARITY, chunk.len(), $anonymous);
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for e in chunk {
                    q = bind_event!(q, e);
                }
                q.execute(&mut *tx).await?;
            }
            tx.commit().await
        }
    };
}
/// A bulk load can be redone from its seed, so SQLite need not sync it to disk as it goes; a large
/// page cache and in-memory temporary storage keep the index builds off the disk.
const SQLITE_BULK_PRAGMAS: &[&str] = &[
    "PRAGMA synchronous = OFF",
    "PRAGMA cache_size = -262144",
    "PRAGMA temp_store = MEMORY",
];
batch_inserter!(insert_batch_sqlite, sqlx::Sqlite, true, SQLITE_BULK_PRAGMAS);
batch_inserter!(insert_batch_pg, sqlx::Postgres, false, [] as [&str; 0]);

async fn insert_batch(store: &Store, batch: &Batch) -> Result<(), StoreError> {
    match &store.backend {
        Backend::Sqlite(pool) => insert_batch_sqlite(pool, batch).await?,
        Backend::Postgres(pool) => insert_batch_pg(pool, batch).await?,
    }
    Ok(())
}

/// Secondary indexes built after the bulk load (name, definition), per backend.
/// The names of the indexes the bulk loader drops and rebuilds: the ones the queries need.
pub(crate) fn bulk_index_names() -> Vec<&'static str> {
    SQLITE_BULK_INDEXES
        .iter()
        .filter_map(|sql| sql.strip_prefix("CREATE INDEX "))
        .filter_map(|rest| rest.split_whitespace().next())
        .collect()
}

/// Recreates any of those indexes that is missing (an interrupted seed drops them): `meja migrate`
/// calls it, so the fix for a missing index is the command that fixes the schema.
pub(crate) async fn restore_indexes(pool: &sqlx::SqlitePool) -> Result<(), sqlx::Error> {
    for sql in SQLITE_BULK_INDEXES {
        let sql = sql.replacen("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1);
        sqlx::query(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
    }
    Ok(())
}

const SQLITE_BULK_INDEXES: &[&str] = &[
    "CREATE INDEX complaint_status_recv ON complaint(status, received_at, id)",
    "CREATE INDEX complaint_path_status ON complaint(instansi_path, status, assignee_id)",
    "CREATE INDEX complaint_assignee ON complaint(assignee_id, received_at, id) WHERE assignee_id IS NOT NULL",
    "CREATE INDEX complaint_breach ON complaint(breach_at, id, instansi_path, assignee_id) WHERE breach_at IS NOT NULL",
    "CREATE INDEX complaint_close ON complaint(close_at) WHERE close_at IS NOT NULL",
    "CREATE INDEX complaint_escalated ON complaint(escalated_to, received_at, id) WHERE escalated_to IS NOT NULL",
    "CREATE INDEX complaint_recv ON complaint(received_at, id, instansi_path, status, assignee_id)",
    "CREATE INDEX event_complaint ON event(complaint_id, id)",
];

const SQLITE_FTS_TRIGGER: &str = "CREATE TRIGGER complaint_fts_insert AFTER INSERT ON complaint BEGIN \
    INSERT INTO complaint_fts(rowid, judul, isi) VALUES (new.id, new.judul, new.isi); END";

async fn prepare_bulk(store: &Store) -> Result<(), StoreError> {
    if let Backend::Sqlite(pool) = &store.backend {
        let mut conn = pool.acquire().await?;
        for sql in SQLITE_BULK_INDEXES {
            let name = sql.split_whitespace().nth(2).unwrap_or_default();
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP INDEX IF EXISTS {name}")))
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query("DROP TRIGGER IF EXISTS complaint_fts_insert")
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn finish_bulk(
    store: &Store,
    phases: &mut Vec<(&'static str, f64)>,
) -> Result<(), StoreError> {
    let mut clock = Instant::now();
    let mut lap = |phases: &mut Vec<(&'static str, f64)>, name: &'static str| {
        phases.push((name, clock.elapsed().as_secs_f64()));
        clock = Instant::now();
    };
    match &store.backend {
        Backend::Sqlite(pool) => {
            let mut conn = pool.acquire().await?;
            // Let SQLite sort for CREATE INDEX on both cores, in memory.
            for &pragma in SQLITE_BULK_PRAGMAS
                .iter()
                .chain(&["PRAGMA threads = 2", "PRAGMA analysis_limit = 1000"])
            {
                sqlx::query(pragma).execute(&mut *conn).await?;
            }
            // A pooled connection may hold a schema from before the indexes were dropped; reading
            // the schema refreshes it so that CREATE INDEX is judged against the current one.
            sqlx::query("SELECT COUNT(*) FROM sqlite_master")
                .execute(&mut *conn)
                .await?;
            for sql in SQLITE_BULK_INDEXES {
                let sql = sql.replacen("CREATE INDEX", "CREATE INDEX IF NOT EXISTS", 1);
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .execute(&mut *conn)
                    .await?;
            }
            lap(phases, "indexes");
            sqlx::query("INSERT INTO complaint_fts(complaint_fts) VALUES ('rebuild')")
                .execute(&mut *conn)
                .await?;
            sqlx::query(SQLITE_FTS_TRIGGER).execute(&mut *conn).await?;
            lap(phases, "full-text index");
            sqlx::query("ANALYZE").execute(&mut *conn).await?;
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut *conn)
                .await?;
            for pragma in [
                "PRAGMA synchronous = NORMAL",
                "PRAGMA cache_size = -32000",
                "PRAGMA temp_store = DEFAULT",
            ] {
                sqlx::query(pragma).execute(&mut *conn).await?;
            }
            lap(phases, "analyze and checkpoint");
        }
        Backend::Postgres(pool) => {
            // Explicit ids were used; move the identity sequences past them.
            sqlx::query("SELECT setval(pg_get_serial_sequence('event', 'id'), COALESCE((SELECT MAX(id) FROM event), 0) + 1, false)").execute(pool).await?;
            sqlx::query("SELECT setval(pg_get_serial_sequence('officer', 'id'), COALESCE((SELECT MAX(id) FROM officer), 0) + 1, false)").execute(pool).await?;
            // New tracking numbers follow the seeded ones (officers cannot compute MAX(id)).
            sqlx::query("SELECT setval('complaint_tracking', GREATEST((SELECT MAX(id) FROM complaint), 1000000))").execute(pool).await?;
            sqlx::query("ANALYZE").execute(pool).await?;
            lap(phases, "analyze");
        }
    }
    Ok(())
}

/// Event details with the clock the event leaves, as the store records it for every event, so a
/// seeded report's clock history is its log's alone like any other's.
fn with_clock(
    mut details: serde_json::Value,
    clock: Option<ClockBase>,
    zone: Zone,
    instansi_id: i64,
    calendar: &WorkingCalendar,
) -> serde_json::Value {
    let record =
        clock.map(|b| crate::domain::clock::ClockRecord::of(&b, zone, instansi_id, calendar));
    if let (Some(map), Ok(v)) = (details.as_object_mut(), serde_json::to_value(record)) {
        map.insert("clock".into(), v);
    }
    details
}
