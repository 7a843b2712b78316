//! The seed's world: the instansi tree (national level, ministries, state companies,
//! universities, every province, a realistic set of kabupaten/kota in the three time zones, and
//! their units), officers of every role, and the category tree. Pure: the same seed number builds
//! the same world, which the store's bulk loader then writes.

use super::data::{self, UnitScope};
use super::text;
use crate::domain::clock::Deadlines;
use crate::domain::*;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;

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
pub struct InstansiSeed {
    pub inst: Instansi,
    /// Subtopic keys this instansi (a unit) handles; empty for non-units.
    pub topics: Vec<&'static str>,
    pub subtopics: Vec<&'static str>,
}

#[derive(Debug, Clone)]
pub struct OfficerSeed {
    pub id: i64,
    pub username: String,
    pub name: String,
    pub role: Role,
    pub instansi_id: i64,
}

/// The reference part of the seed: tree, officers, categories.
#[derive(Debug, Clone)]
pub struct World {
    pub instansi: Vec<InstansiSeed>,
    pub officers: Vec<OfficerSeed>,
    pub categories: Vec<Category>,
    /// Subtopic key -> category id.
    pub category_of: HashMap<&'static str, i64>,
    /// Regency instansi index -> its unit indexes.
    pub units_of: HashMap<usize, Vec<usize>>,
    /// Indexes of kab/kota instansi.
    pub regencies: Vec<usize>,
    /// Indexes of national bodies (ministries, BUMN, PTN).
    pub agencies: Vec<usize>,
    /// Instansi index -> officer indexes working there.
    pub staff: HashMap<usize, Vec<usize>>,
    pub demo_regency: usize,
}

impl World {
    /// Every instansi's other names, written from the one table of abbreviations
    /// (`instansi_match::table_aliases`): "Dinas Perhubungan Kota Semarang" for "Dishub Kota
    /// Semarang", "Kemenkes" for "Kementerian Kesehatan".
    pub fn aliases(&self) -> Vec<(i64, String)> {
        self.instansi
            .iter()
            .flat_map(|s| {
                crate::domain::instansi_match::table_aliases(&s.inst.name)
                    .into_iter()
                    .map(|a| (s.inst.id, a))
            })
            .collect()
    }
}

/// Builds the world of seed number `seed`: the same number, the same world.
pub fn build(seed: u64) -> World {
    build_world(&mut SmallRng::seed_from_u64(seed))
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
